import { createFetchLayer, formatFetchEvent, type FetchLayer, type FetchLayerOptions } from '../fetch/layer.js';
import type { ArchiveSettings } from './options.js';

/**
 * The fetch layer a run's settings ask for; `debug` receives retries, waits and robots decisions; `shared`
 * brings what the run shares with others (a rate limiter) or hands out (responses, for WARC).
 */
export function fetchLayerFor(
  settings: ArchiveSettings,
  debug?: (message: string) => void,
  shared: Pick<FetchLayerOptions, 'onExchange' | 'rateLimiter'> = {},
): FetchLayer {
  return createFetchLayer({
    ...shared,
    site: settings.startUrl,
    allowPrivateAddresses: settings.allowPrivateAddresses,
    concurrency: settings.concurrency,
    rate: settings.rate,
    timeoutMs: settings.timeoutMs,
    retries: settings.retries,
    maxBytes: settings.maxBytes,
    ignoreRobots: settings.ignoreRobots,
    onEvent: debug && ((e) => debug(formatFetchEvent(e))),
  });
}
