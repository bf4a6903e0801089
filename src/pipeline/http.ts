import type { Fetcher } from '../fetch/fetcher.js';
import { createHttpFetcher, formatFetchEvent } from '../fetch/http-fetcher.js';
import type { ArchiveSettings } from './options.js';

/** The HTTP fetcher a run's settings ask for; `debug` receives retries, waits and robots decisions. */
export function httpFetcherFor(settings: ArchiveSettings, debug?: (message: string) => void): Fetcher {
  return createHttpFetcher({
    concurrency: settings.concurrency,
    rate: settings.rate,
    timeoutMs: settings.timeoutMs,
    retries: settings.retries,
    maxBytes: settings.maxBytes,
    ignoreRobots: settings.ignoreRobots,
    onEvent: debug && ((e) => debug(formatFetchEvent(e))),
  });
}
