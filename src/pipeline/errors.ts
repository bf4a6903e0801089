/** Input the run cannot work with (bad URL, unreachable or non-HTML index, archive in use): exit code 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export function reasonOf(err: unknown): string {
  if (err instanceof PageError) return `${err.stage} failed: ${err.kind === 'Error' ? '' : `${err.kind}: `}${err.message}`;
  if (err instanceof Error) return err.message;
  return String(err);
}

/** A post whose page was not fetched yet when the run stopped (Ctrl-C, a refused write): it is left for the next run. */
export class RunStopped extends Error {
  constructor(readonly url: string) {
    super(`${url}: not fetched, the run is stopping`);
    this.name = 'RunStopped';
  }
}

/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, partial: 1, input: 2, write: 3, internal: 70, interrupted: 130 } as const;

/** Where in the work on one post a failure happened. */
export type Stage = 'extract' | 'convert' | 'index';

/**
 * A failure while reading a page, with what it concerns: the stage, the page's URL, and the original
 * error's class and stack (across a worker thread's boundary, where only plain data crosses).
 */
export class PageError extends Error {
  constructor(
    readonly stage: Stage,
    readonly url: string,
    message: string,
    /** The class of the original error (`TypeError`, `RangeError`...): a bug, not the page's fault. */
    readonly kind: string,
    stack?: string,
  ) {
    super(message);
    this.name = 'PageError';
    if (stack) this.stack = stack;
  }

  /** What crosses a worker thread's boundary. */
  toData(): PageErrorData {
    return { stage: this.stage, url: this.url, message: this.message, kind: this.kind, stack: this.stack };
  }

  static fromData(data: PageErrorData): PageError {
    return new PageError(data.stage, data.url, data.message, data.kind, data.stack);
  }

  /** Runs `work` for `stage` of `url`; whatever it throws becomes a PageError naming them. */
  static during<T>(stage: Stage, url: string, work: () => T): T {
    try {
      return work();
    } catch (err) {
      if (err instanceof PageError) throw err;
      const error = err instanceof Error ? err : new Error(String(err));
      throw new PageError(stage, url, error.message, error.name, error.stack);
    }
  }
}

export interface PageErrorData {
  stage: Stage;
  url: string;
  message: string;
  kind: string;
  stack?: string;
}
