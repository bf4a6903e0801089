import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';

const requireCjs = createRequire(import.meta.url);

/**
 * Playwright, loaded with require: imported as ES module, Node first scans its 3.6 MB CommonJS bundle
 * for named exports, about 200 ms of CPU on the way to every browser launch.
 */
export function playwright(): typeof import('playwright-core') {
  return requireCjs('playwright-core') as typeof import('playwright-core');
}

/** Commands tried on PATH, most specific first (Debian names it `chromium`, Ubuntu `chromium-browser`). */
const PATH_COMMANDS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export const INSTALL_HINT =
  'install one with `sudo apt-get install chromium` (Debian/Ubuntu), `npx playwright-core install chromium`, ' +
  'or scripts/install-chromium.sh, or set BLOGVAULT_CHROMIUM=/path/to/chrome';

/** No usable browser: the message is one line that says how to get one. */
export class ChromiumNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChromiumNotFoundError';
  }
}

export interface ChromiumLookup {
  /** Environment to read BLOGVAULT_CHROMIUM and PATH from (defaults to process.env). */
  env?: NodeJS.ProcessEnv;
  /** Where a Playwright-managed Chromium would live; defaults to playwright-core's own answer. */
  playwrightPath?: () => string | undefined;
}

export interface FoundChromium {
  path: string;
  source: 'env' | 'playwright' | 'path';
}

/**
 * Finds a Chromium without user effort: BLOGVAULT_CHROMIUM, then a browser installed by Playwright,
 * then the usual commands on PATH. Throws ChromiumNotFoundError when there is none.
 */
export function findChromium(lookup: ChromiumLookup = {}): FoundChromium {
  const env = lookup.env ?? process.env;
  const fromEnv = env.BLOGVAULT_CHROMIUM?.trim();
  if (fromEnv) {
    if (isExecutableFile(fromEnv)) return { path: fromEnv, source: 'env' };
    throw new ChromiumNotFoundError(`BLOGVAULT_CHROMIUM=${fromEnv} is not an executable file; point it at a Chromium or Chrome binary, or unset it to search the usual places`);
  }
  const managed = (lookup.playwrightPath ?? playwrightManagedPath)();
  if (managed && isExecutableFile(managed)) return { path: managed, source: 'playwright' };
  for (const command of PATH_COMMANDS) {
    const found = onPath(command, env.PATH ?? '');
    if (found) return { path: found, source: 'path' };
  }
  throw new ChromiumNotFoundError(`No Chromium found for JavaScript rendering: ${INSTALL_HINT}`);
}

function playwrightManagedPath(): string | undefined {
  try {
    return playwright().chromium.executablePath();
  } catch {
    // playwright-core throws when its registry has no entry for this platform
    return undefined;
  }
}

function onPath(command: string, pathVar: string): string | undefined {
  for (const dir of pathVar.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
