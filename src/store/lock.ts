/**
 * One run per archive: `.blogvault/lock` is created exclusively and names its owner. A lock whose
 * process is gone (same host, pid not alive) is taken over; so is one from another host (archives on
 * shared storage) whose owner stopped touching it; anything else refuses with one line.
 */
import { closeSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { hostname, uptime } from 'node:os';

export interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
  /**
   * The owner touches the lock file this often while it runs. A pid on another host cannot be checked,
   * but a lock it has not touched for HEARTBEAT_MISSES beats is a dead owner's. Absent in locks of older
   * versions, which are never judged from another host.
   */
  heartbeatMs?: number;
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
export const HEARTBEAT_MS = 10_000;
/**
 * Beats a lock from another host may miss before it is stale: 60 s covers a busy machine and a slow
 * network file system, as long as the hosts' clocks agree to within a few seconds (NTP).
 */
export const HEARTBEAT_MISSES = 6;

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
      const heartbeat = typeof data.heartbeatMs === 'number' && data.heartbeatMs > 0 ? { heartbeatMs: data.heartbeatMs } : {};
      return { pid: data.pid, hostname: data.hostname, startedAt: data.startedAt, ...heartbeat };
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
  if (owner.pid === process.pid && owner.hostname === hostname()) return false;
  // A pid on another host cannot be checked from here: only a heartbeat that stopped tells it died.
  if (owner.hostname !== hostname()) {
    if (!owner.heartbeatMs) return false;
    try {
      return Date.now() - statSync(file).mtimeMs > owner.heartbeatMs * HEARTBEAT_MISSES;
    } catch {
      return true;
    }
  }
  // Taken before the last boot: whatever process has that pid now is not the owner.
  const bootedAt = Date.now() - uptime() * 1000;
  if (Date.parse(owner.startedAt) < bootedAt - BOOT_TIME_SLACK_MS) return true;
  return !processAlive(owner.pid);
}

export class ArchiveLock {
  private released = false;
  private readonly onExit = () => this.release();
  private readonly heartbeat: NodeJS.Timeout;

  private constructor(readonly file: string, readonly owner: LockOwner) {
    process.once('exit', this.onExit);
    this.heartbeat = setInterval(() => this.beat(), owner.heartbeatMs);
    // The lock must not keep a finished process alive.
    this.heartbeat.unref();
  }

  /** Touches the lock while it is still ours, so that other hosts see its owner alive. */
  private beat(): void {
    const current = readOwner(this.file);
    if (!current || current.pid !== this.owner.pid || current.startedAt !== this.owner.startedAt) return;
    try {
      const now = new Date();
      utimesSync(this.file, now, now);
    } catch {
      // Gone between the read and the touch: release() or a takeover; nothing to keep alive.
    }
  }

  /** Takes the lock for `archive` (used in messages) at `file`, or throws LockError. */
  static acquire(file: string, archive: string, heartbeatMs = HEARTBEAT_MS): ArchiveLock {
    const owner: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString(), heartbeatMs };
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
    clearInterval(this.heartbeat);
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
