/** Things worth telling a user in verbose mode; the fetcher itself never prints. */
export type FetchEvent =
  | { type: 'retry'; url: string; attempt: number; delayMs: number; reason: string; retryAfter: boolean }
  | { type: 'redirect'; url: string; from: string; to: string; status: number }
  | { type: 'pause'; url: string; host: string; untilMs: number }
  | { type: 'robots'; origin: string; outcome: 'loaded' | 'missing' | 'unavailable'; crawlDelayMs?: number; reason?: string };

/** One log line per event, for the CLI's verbose output. */
export function formatFetchEvent(event: FetchEvent): string {
  switch (event.type) {
    case 'retry':
      return `retry ${event.attempt} of ${event.url} in ${(event.delayMs / 1000).toFixed(1)} s${event.retryAfter ? ' (Retry-After)' : ''}: ${event.reason}`;
    case 'redirect':
      return `redirect ${event.status} ${event.from} -> ${event.to}`;
    case 'pause':
      return `pausing requests to ${event.host} until ${new Date(event.untilMs).toISOString()} (asked by ${event.url})`;
    case 'robots': {
      const delay = event.crawlDelayMs ? `, Crawl-delay ${event.crawlDelayMs / 1000} s` : '';
      const outcome = { loaded: 'robots.txt loaded', missing: 'no robots.txt (everything allowed)', unavailable: 'robots.txt unavailable (everything allowed)' }[event.outcome];
      return `${event.origin}: ${outcome}${delay}${event.reason ? ` — ${event.reason}` : ''}`;
    }
  }
}
