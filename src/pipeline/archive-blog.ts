import { join } from 'node:path';
import { runArchive, type RunOptions } from './archive.js';
import { EXIT } from './errors.js';
import type { ArchiveSettings } from './options.js';
import type { Reporter } from './reporter.js';
import { archivedCount, type RunSummary } from './summary.js';

/** The archive of output folder `out`: the folder itself, or inside it when it holds another platform's layout. */
export function archiveDirOf(settings: ArchiveSettings, out: string): string {
  return settings.layout === 'plain' ? out : join(out, '.blogvault', 'archive');
}

/** One blog into `out`: the archive run, then the export into the layout the settings ask for. */
export async function archiveBlog(
  settings: ArchiveSettings,
  out: string,
  run: Omit<RunOptions, 'settings' | 'out'> & { onExported?: (summary: string) => void },
): Promise<RunSummary> {
  const archiveDir = archiveDirOf(settings, out);
  const summary = await runArchive({ ...run, settings, out: archiveDir });
  if (settings.layout !== 'plain') {
    const { exportArchive } = await import('../export/index.js');
    const exported = await exportArchive(archiveDir, { to: settings.layout, out });
    run.onExported?.(exported.summary);
  }
  return summary;
}

/** A run that found nothing to archive and no reason why: the blog's post links were not recognised. */
export function foundNoPosts(s: RunSummary): boolean {
  return !s.interrupted && s.failed.length === 0 && s.indexFailed.length === 0 && archivedCount(s) === 0;
}

/** What the CLI exits with after a finished run (README, "Exit codes"). */
export function exitCodeOf(s: RunSummary): number {
  if (s.interrupted) return EXIT.interrupted;
  if (s.failed.length > 0 || s.indexFailed.length > 0 || s.warc?.error || archivedCount(s) === 0) return EXIT.partial;
  return EXIT.ok;
}

/** Whether a quiet run has anything to say: a post new, changed or failed, or the run cut short. */
export function eventful(s: RunSummary): boolean {
  return s.new.length + s.changed.length + s.failed.length + s.indexFailed.length > 0 || s.interrupted || s.warc?.error !== undefined;
}

/** How long a stopping run may go on with nothing in flight before the process is ended. */
export const STOP_GRACE_MS = 5000;

export interface StopOptions {
  /** Cleared for good before the stop message: a progress bar redrawn after it would hide it and the summary. */
  reporter?: Pick<Reporter, 'stop'>;
  /**
   * How many posts are still in flight. Given, a stopping run with none for STOP_GRACE_MS (stuck in a
   * system call, or waiting on an index page) is not waited for: the process ends.
   */
  inFlight?: () => number;
}

/**
 * SIGINT/SIGTERM stop `controller`'s run gently (posts in flight finish); a second signal quits at once.
 * Returns the function that removes the handlers.
 */
export function stopOnSignals(controller: AbortController, what = 'the posts in flight', options: StopOptions = {}): () => void {
  let watchdog: NodeJS.Timeout | undefined;
  const quit = (why: string) => {
    options.reporter?.stop();
    process.stderr.write(`blogvault: stopped ${why}; the archive is valid and the next run resumes it\n`);
    process.exit(EXIT.interrupted);
  };
  const onSignal = () => {
    if (controller.signal.aborted) quit('at once');
    const message = `Stopping: finishing ${what} (Ctrl-C again to quit at once)`;
    if (options.reporter) options.reporter.stop(message);
    else process.stderr.write(`\n${message}\n`);
    controller.abort();
    const { inFlight } = options;
    if (!inFlight) return;
    let busySince = Date.now();
    watchdog = setInterval(() => {
      if (inFlight() > 0) busySince = Date.now();
      else if (Date.now() - busySince >= STOP_GRACE_MS) quit(`after ${STOP_GRACE_MS / 1000} s with nothing in flight`);
    }, 200);
    watchdog.unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    clearInterval(watchdog);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
