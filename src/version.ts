import { readFileSync } from 'node:fs';

/**
 * package.json sits one level above this module both in src/ (tsx) and in dist/ (built), so the
 * version is read at run time instead of being copied into the code where it would go stale.
 */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
