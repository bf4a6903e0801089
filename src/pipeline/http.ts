import { createFetchLayer, formatFetchEvent, type FetchLayer } from '../fetch/layer.js';
import type { ArchiveSettings } from './options.js';

/** The fetch layer a run's settings ask for; `debug` receives retries, waits and robots decisions. */
export function fetchLayerFor(settings: ArchiveSettings, debug?: (message: string) => void): FetchLayer {
  return createFetchLayer({
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
