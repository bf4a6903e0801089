/** The folders and files a command reads or writes, checked before any fetching. */
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../pipeline/errors.js';
import { systemReason } from '../cli-messages.js';

/** An empty folder name would mean the current directory: an archive written all over it. */
export function folder(name: string, value: string): string {
  if (!value.trim()) throw new InputError(`${name} must name a folder, got an empty string`);
  return value;
}

/** A file the run will write at its end: refused before any fetching when it cannot be. */
export function checkWritable(option: string, file: string): void {
  const path = resolve(file);
  let problem: string | undefined;
  try {
    if (existsSync(path)) {
      if (statSync(path).isDirectory()) problem = 'it is a folder';
      else accessSync(path, constants.W_OK);
    } else if (!existsSync(dirname(path))) problem = `no folder ${dirname(path)}`;
    else accessSync(dirname(path), constants.W_OK);
  } catch (error) {
    problem = systemReason(error);
  }
  if (problem) throw new InputError(`${option} ${file}: cannot write it (${problem})`);
}

/**
 * A folder with files of its own that is not an archive: the posts would land among them. Dot files
 * (`.git`) do not count.
 */
export function checkOutFolder(out: string, force: boolean): void {
  if (force || !existsSync(out) || !statSync(out).isDirectory() || existsSync(join(out, '.blogvault'))) return;
  const own = readdirSync(out).filter((name) => !name.startsWith('.'));
  if (!own.length) return;
  const shown = own.slice(0, 3).join(', ') + (own.length > 3 ? ', ...' : '');
  throw new InputError(`${out} holds files (${shown}) and is not a blogvault archive: give a new or empty folder, or add --force to write the posts beside them (blogvault never overwrites a file it did not write)`);
}

/** A folder the command reads: one line when it is missing. */
export function existingFolder(option: string, dir: string): string {
  folder(option, dir);
  if (!existsSync(dir)) throw new InputError(`${dir}: no such folder`);
  if (!statSync(dir).isDirectory()) throw new InputError(`${dir}: not a folder`);
  return dir;
}
