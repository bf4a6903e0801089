import { createRequire } from 'node:module';

/**
 * package.json sits two levels above this module both in src/fetch (tsx) and in dist/fetch (built),
 * so the version is read at run time instead of being copied into the code where it would go stale.
 */
const version: string = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

export const BLOGVAULT_VERSION = version;
export const DEFAULT_USER_AGENT = `blogvault/${version} (+https://github.com/blogvault/blogvault)`;
