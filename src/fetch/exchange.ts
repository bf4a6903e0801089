import type { Transport, TransportResponse } from './transport.js';

/**
 * One HTTP request and the response the transport got for it, for recorders (the WARC writer) that
 * watch fetches without taking part in them. Every attempt is one exchange: redirects, 304s, errors and
 * retries included.
 */
export interface Exchange {
  url: string;
  method: 'GET';
  /** Lower-cased names, as sent. */
  requestHeaders: Record<string, string>;
  requestedAt: Date;
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  responseHeaders: Record<string, string>;
  /**
   * The body as read, after Content-Encoding was undone; absent when the fetcher did not read it (redirects,
   * 304, error statuses, types it refuses).
   */
  body?: Buffer;
}

export type ExchangeObserver = (exchange: Exchange) => void;

/** `transport`, telling `observer` of each response once its body is read or dropped. */
export function observeTransport(transport: Transport, observer: ExchangeObserver | undefined): Transport {
  if (!observer) return transport;
  return {
    async request(url, headers, limits): Promise<TransportResponse> {
      const requestedAt = new Date();
      const res = await transport.request(url, headers, limits);
      const seen: Exchange = { url, method: 'GET', requestHeaders: headers, requestedAt, status: res.status, responseHeaders: res.headers };
      return {
        status: res.status,
        headers: res.headers,
        async readBody() {
          const body = await res.readBody();
          observer({ ...seen, body });
          return body;
        },
        discard() {
          const dropped = res.discard();
          observer(seen);
          return dropped;
        },
      };
    },
    close: () => transport.close(),
  };
}
