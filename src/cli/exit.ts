/**
 * The one line and exit code of an error that ended a command: bad input (2), an archive that cannot be
 * written (3), an internal error (70) for anything else, which is a bug and is reported as one. Loaded
 * only when a command fails, since it names the error classes of every part of a run.
 */
import { EXIT, InputError, reasonOf } from '../pipeline/errors.js';
import { ArchiveWriteError } from '../store/atomic-write.js';
import { ArchiveError, LockError, PathEscapeError } from '../store/archive-store.js';
import { ManifestError } from '../store/manifest.js';
import { FrontMatterError } from '../store/front-matter.js';
import { FetchError } from '../fetch/fetcher.js';
import { ApiError } from '../export/publish/api.js';
import { systemReason } from '../cli-messages.js';

/** Errors that say what is wrong with the input or the machine, not with blogvault: exit 2, no "please report". */
const INPUT_ERRORS = [InputError, FetchError, ArchiveError, ManifestError, LockError, FrontMatterError, PathEscapeError, ApiError];
/** The same, by name, for classes of modules loaded only when needed (Playwright's). */
const INPUT_ERROR_NAMES = new Set(['ChromiumNotFoundError']);

/** A file system error from Node (`ENOENT`, `EACCES`...), which names its path. */
function systemError(err: unknown): (Error & { code: string; path?: string; syscall?: string }) | undefined {
  const e = err as { code?: unknown; syscall?: unknown };
  return err instanceof Error && typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code) && typeof e.syscall === 'string' ? (err as Error & { code: string }) : undefined;
}

/** The one line and the exit code for an error that ended the command. */
export function topLevelError(err: unknown): { line: string; code: number } {
  if (err instanceof ArchiveWriteError) {
    return { line: `${err.message}; what was archived before is kept, and the next run goes on from there`, code: EXIT.write };
  }
  if (INPUT_ERRORS.some((kind) => err instanceof kind) || (err instanceof Error && INPUT_ERROR_NAMES.has(err.name))) return { line: reasonOf(err), code: EXIT.input };
  const sys = systemError(err);
  if (sys) return { line: `${sys.path ?? sys.syscall}: ${systemReason(sys)}`, code: EXIT.input };
  return {
    line: `internal error (${err instanceof Error ? err.name : typeof err}): ${reasonOf(err).split('\n')[0]}. This is a bug in blogvault: please report it with the command you ran (BLOGVAULT_DEBUG=1 shows where it happened)`,
    code: EXIT.internal,
  };
}

export function exitCodeForError(err: unknown): number {
  return topLevelError(err).code;
}
