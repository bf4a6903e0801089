import { readFileSync } from 'node:fs';

/** Read once from package.json so the CLI, the User-Agent and the manifest agree on one version. */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export const USER_AGENT = `blogvault/${VERSION} (+https://github.com/blogvault/blogvault)`;
