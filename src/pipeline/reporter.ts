import cliProgress from 'cli-progress';

export type Verbosity = 'quiet' | 'normal' | 'verbose';

/** Where a run tells the user what happens: a progress bar on a terminal, plain lines otherwise. */
export interface Reporter {
  /** Said once, whatever the mode (e.g. "rendering with Chromium"). */
  notice(message: string): void;
  /** One post finished (or failed); `total` grows while the index is walked. */
  post(outcome: 'new' | 'changed' | 'unchanged' | 'failed', url: string, detail: string, done: number, total: number): void;
  /** Details only shown with --verbose (retries, skipped links). */
  debug(message: string): void;
  stop(): void;
}

export function createReporter(verbosity: Verbosity, stream: NodeJS.WriteStream = process.stderr): Reporter {
  const useBar = verbosity !== 'quiet' && stream.isTTY === true;
  const bar = useBar
    ? new cliProgress.SingleBar(
        { stream, format: 'archiving [{bar}] {value}/{total} posts | {eta_formatted} left | {last}', hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  let started = false;
  const line = (text: string) => {
    if (bar && started) bar.stop();
    stream.write(`${text}\n`);
    if (bar && started) started = false;
  };
  return {
    notice(message) {
      if (verbosity !== 'quiet') line(message);
    },
    post(outcome, url, detail, done, total) {
      if (bar) {
        if (!started) {
          bar.start(total, done, { last: '' });
          started = true;
        }
        bar.setTotal(total);
        bar.update(done, { last: detail.slice(0, 40) });
        if (outcome === 'failed') line(`failed ${url}: ${detail}`);
        return;
      }
      const show = outcome === 'failed' || (verbosity === 'verbose') || (verbosity === 'normal' && outcome !== 'unchanged');
      if (show) stream.write(`[${done}/${total}] ${outcome} ${url}${detail ? ` -> ${detail}` : ''}\n`);
    },
    debug(message) {
      if (verbosity === 'verbose') line(message);
    },
    stop() {
      if (bar && started) bar.stop();
      started = false;
    },
  };
}
