/** `.blogvault/settings.json`: what `update` needs to repeat a run. */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Overrides } from '../types.js';
import { ArchiveError, SETTINGS_FILE } from './layout.js';

/** What `update` needs to repeat a run: the start URL and the run's options (whatever the CLI saved). */
export interface ArchiveSettings {
  startUrl: string;
  history?: boolean;
  keepHtml?: boolean;
  overrides?: Overrides;
  [key: string]: unknown;
}

/** The settings saved by the archive's last run; undefined when `outDir` has none (not an archive). */
export async function loadSettings<T extends Pick<ArchiveSettings, 'startUrl'> = ArchiveSettings>(outDir: string): Promise<T | undefined> {
  const file = join(resolve(outDir), SETTINGS_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
  let settings: T;
  try {
    settings = JSON.parse(text) as T;
  } catch (error) {
    throw new ArchiveError(outDir, `.blogvault/settings.json is not valid JSON (${(error as Error).message})`);
  }
  if (typeof settings?.startUrl !== 'string') throw new ArchiveError(outDir, '.blogvault/settings.json has no startUrl');
  return settings;
}
