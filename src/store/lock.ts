/**
 * One run per archive: `.blogvault/lock` is created exclusively and names its owner. A lock whose
 * process is gone (same host, pid not alive) is taken over; anything else refuses with one line.
 */
import { closeSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname, uptime } from 'node:os';

export interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
}

export class LockError extends Error {
  constructor(readonly archive: string, readonly owner: LockOwner | undefined, detail?: string) {
    super(
      owner
        ? `archive ${archive} is in use by pid ${owner.pid}${owner.hostname !== hostname() ? ` on ${owner.hostname}` : ''} since ${owner.startedAt}`
        : `archive ${archive} is locked (${detail ?? 'unreadable lock file'})`,
    );
    this.name = 'LockError';
  }
}

/** A lock file younger than this with unreadable contents may still be being written by its owner. */
const UNREADABLE_GRACE_MS = 10_000;
/** Clock and uptime disagree by a little; a lock must predate the boot by more than this to be judged by it. */
const BOOT_TIME_SLACK_MS = 60_000;

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    if (typeof data.pid === 'number' && typeof data.hostname === 'string' && typeof data.startedAt === 'string') {
      return { pid: data.pid, hostname: data.hostname, startedAt: data.startedAt };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

function isStale(file: string, owner: LockOwner | undefined): boolean {
  if (!owner) {
    try {
      return Date.now() - statSync(file).mtimeMs > UNREADABLE_GRACE_MS;
    } catch {
      return true;
    }
  }
  // A pid on another host cannot be checked from here: never assume it is dead.
  if (owner.hostname !== hostname() || owner.pid === process.pid) return false;
  // Taken before the last boot: whatever process has that pid now is not the owner.
  const bootedAt = Date.now() - uptime() * 1000;
  if (Date.parse(owner.startedAt) < bootedAt - BOOT_TIME_SLACK_MS) return true;
  return !processAlive(owner.pid);
}

export class ArchiveLock {
  private released = false;
  private readonly onExit = () => this.release();

  private constructor(readonly file: string, readonly owner: LockOwner) {
    process.once('exit', this.onExit);
  }

  /** Takes the lock for `archive` (used in messages) at `file`, or throws LockError. */
  static acquire(file: string, archive: string): ArchiveLock {
    const owner: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
    for (let attempt = 0; attempt < 3; attempt++) {
      let fd: number;
      try {
        fd = openSync(file, 'wx', 0o644);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const current = readOwner(file);
        if (!isStale(file, current)) throw new LockError(archive, current);
        // Move the stale lock aside rather than unlinking it: of two runs racing to take it over,
        // only one rename succeeds, and the loser retries the exclusive create.
        const aside = `${file}.stale-${process.pid}`;
        try {
          renameSync(file, aside);
        } catch {
          continue; // Another run moved it first.
        }
        const moved = readOwner(aside);
        if (moved && current && (moved.pid !== current.pid || moved.startedAt !== current.startedAt)) {
          // We moved a fresh lock another run had just taken: put it back (link never overwrites).
          try {
            linkSync(aside, file);
          } catch {
            // A third run holds the path now; it owns the archive.
          }
        }
        unlinkSync(aside);
        continue;
      }
      try {
        writeSync(fd, `${JSON.stringify(owner)}\n`);
      } finally {
        closeSync(fd);
      }
      return new ArchiveLock(file, owner);
    }
    throw new LockError(archive, readOwner(file), 'could not take over a stale lock');
  }

  /** Removes the lock if it is still ours. Safe to call more than once. */
  release(): void {
    if (this.released) return;
    this.released = true;
    process.removeListener('exit', this.onExit);
    const current = readOwner(this.file);
    if (current && current.pid === this.owner.pid && current.startedAt === this.owner.startedAt) {
      try {
        unlinkSync(this.file);
      } catch {
        // Already gone: nothing to release.
      }
    }
  }
}
