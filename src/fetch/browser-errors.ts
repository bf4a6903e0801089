/** Playwright's failures as FetchErrors, and which of them a retry may cure. */
import { FetchError } from './fetcher.js';
import type { AttemptFailure } from './retry.js';

/** Playwright's navigation errors as FetchErrors: network failures and timeouts may pass, the rest will not. */
export function navigationError(url: string, err: unknown, closed: boolean): FetchError {
  if (err instanceof FetchError) return err;
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  if (closed) return new FetchError(url, 'browser closed');
  // Closed under us without close(): the browser or the tab crashed; a retry gets a new one.
  if (/Target( page, context or browser)? (has been )?closed|Browser has been closed|Page crashed|browser has disconnected/i.test(message)) {
    return new FetchError(url, `the browser crashed (${message})`, undefined, true);
  }
  const net = /net::(ERR_[A-Z_]+)/.exec(message);
  if (net) return new FetchError(url, net[1], undefined, !/ERR_(NAME_NOT_RESOLVED|INVALID_URL|UNKNOWN_URL_SCHEME|ABORTED|BLOCKED_BY_CLIENT)/.test(net[1]));
  if (/Timeout \d+ms exceeded/i.test(message)) return new FetchError(url, `timed out rendering the page (${message.replace(/^.*?(Timeout \d+ms exceeded).*$/, '$1')})`, undefined, true);
  if (/Download is starting/i.test(message)) return new FetchError(url, 'not HTML (the browser started a download)');
  return new FetchError(url, `browser: ${message}`, undefined, true);
}

export function toFailure(err: unknown): AttemptFailure {
  if (err instanceof FetchError) return { transient: err.transient && err.reason !== 'browser closed', reason: err.reason };
  return { transient: false, reason: String(err) };
}
