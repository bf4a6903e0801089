import { createFetchLayer, formatFetchEvent, type FetchLayer, type FetchLayerOptions } from '../fetch/layer.js';
import type { FetchEvent } from '../fetch/events.js';
import type { ArchiveSettings } from './options.js';

/**
 * The fetch layer a run's settings ask for; `debug` receives retries, waits and robots decisions, as
 * words; `shared` brings what the run shares with others (a rate limiter) or hands out (responses, for
 * WARC; the same events as data, for the summary's count of retries).
 */
export function fetchLayerFor(
  settings: ArchiveSettings,
  debug?: (message: string) => void,
  shared: Pick<FetchLayerOptions, 'onExchange' | 'rateLimiter'> & { onEvent?: (event: FetchEvent) => void } = {},
): FetchLayer {
  const { onEvent, ...layerShared } = shared;
  return createFetchLayer({
    ...layerShared,
    site: settings.startUrl,
    allowPrivateAddresses: settings.allowPrivateAddresses,
    concurrency: settings.concurrency,
    rate: settings.rate,
    timeoutMs: settings.timeoutMs,
    retries: settings.retries,
    maxBytes: settings.maxBytes,
    ignoreRobots: settings.ignoreRobots,
    onEvent: (e) => {
      onEvent?.(e);
      debug?.(formatFetchEvent(e));
    },
  });
}
