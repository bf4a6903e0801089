import cliProgress from 'cli-progress';

export type Verbosity = 'quiet' | 'normal' | 'verbose';

/**
 * Where a run tells the user what happens: a progress bar on a terminal, plain lines otherwise. The walk's
 * progress is for the bar: a reporter of one blog among many (`backup`) need not follow it.
 */
export interface Reporter {
  /** Said once, whatever the mode (e.g. "rendering with Chromium"). */
  notice(message: string): void;
  /** The index walk read another page: `posts` found so far. */
  indexPage?(pages: number, posts: number): void;
  /** The index walk is over: the bar shows an ETA, provisional while the feed and sitemap may add posts. */
  walkDone?(): void;
  /** Every source of posts has been read: the total, and so the ETA, is final. */
  totalKnown?(): void;
  /** One post finished (or failed); `total` grows while the index is walked. */
  post(outcome: 'new' | 'changed' | 'unchanged' | 'failed', url: string, detail: string, done: number, total: number): void;
  /** Details only shown with --verbose (retries, skipped links). */
  debug(message: string): void;
  /** Clears the bar for good (Ctrl-C, the end of the run) and writes `message` if given; nothing is drawn after it. */
  stop(message?: string): void;
}

interface BarPayload {
  walking: boolean;
  final: boolean;
  pages: number;
  last: string;
}

/**
 * While the index is walked the total only grows, so an ETA computed from it would be wrong: the bar
 * says what has been found instead, and becomes a bar with an ETA once the total is known.
 */
function barLine(options: cliProgress.Options, params: cliProgress.Params, payload: BarPayload): string {
  if (payload.walking && payload.pages === 0) return 'reading the blog index...';
  if (payload.walking) return `walking the index: ${payload.pages} pages, ${params.total} posts found, ${params.value} archived | ${payload.last}`;
  const bar = cliProgress.Format.BarFormat(params.progress, options);
  // No ETA before the first post is done (cli-progress would print INF).
  const eta = params.value > 0 && Number.isFinite(params.eta) ? cliProgress.Format.TimeFormat(params.eta, options, 1) : '?';
  return `archiving [${bar}] ${params.value}/${params.total} posts | ${eta} left${payload.final ? '' : ' (so far)'} | ${payload.last}`;
}

export function createReporter(verbosity: Verbosity, stream: NodeJS.WriteStream = process.stderr): Reporter {
  const useBar = verbosity !== 'quiet' && stream.isTTY === true;
  const bar = useBar
    ? new cliProgress.SingleBar(
        // The bar is redrawn on changes only: a timer redrawing it could not be stopped before a signal's message.
        { stream, format: barLine as unknown as cliProgress.GenericFormatter, hideCursor: true, clearOnComplete: true, noTTYOutput: false, fps: 10 },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  const state: BarPayload = { walking: true, final: false, pages: 0, last: '' };
  let total = 0;
  let done = 0;
  let shown = false;
  let stopped = false;
  const draw = () => {
    if (!bar || stopped) return;
    if (!shown) {
      bar.start(total, done, { ...state });
      shown = true;
    }
    bar.setTotal(total);
    bar.update(done, { ...state });
  };
  const hide = () => {
    if (bar && shown) bar.stop();
    shown = false;
  };
  /** A line above the bar: the bar is cleared, the line written, the bar drawn again below it. */
  const line = (text: string) => {
    const wasShown = shown;
    hide();
    stream.write(`${text}\n`);
    if (wasShown) draw();
  };
  return {
    notice(message) {
      if (verbosity !== 'quiet') line(message);
    },
    indexPage(pages, posts) {
      state.pages = pages;
      total = Math.max(total, posts);
      if (bar && state.walking) draw();
    },
    walkDone() {
      state.walking = false;
      if (bar && shown) draw();
    },
    totalKnown() {
      state.walking = false;
      state.final = true;
      if (bar && shown) draw();
    },
    post(outcome, url, detail, doneNow, totalNow) {
      done = doneNow;
      total = totalNow;
      if (bar) {
        if (stopped) return;
        state.last = detail.slice(0, 40);
        draw();
        if (outcome === 'failed') line(`failed ${url}: ${detail}`);
        return;
      }
      const show = outcome === 'failed' || verbosity === 'verbose' || (verbosity === 'normal' && outcome !== 'unchanged');
      if (show) stream.write(`[${doneNow}/${totalNow}] ${outcome} ${url}${detail ? ` -> ${detail}` : ''}\n`);
    },
    debug(message) {
      if (verbosity === 'verbose') line(message);
    },
    stop(message) {
      hide();
      stopped = true;
      if (message) stream.write(`${message}\n`);
    },
  };
}
