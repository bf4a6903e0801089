import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import { isIP, type Socket } from 'node:net';
import type { Readable } from 'node:stream';
import type { AddressPolicy } from './address.js';
import { guardedLookup } from './guarded-lookup.js';
import { TransportError, classifyNetworkError, tooLarge } from './transport-errors.js';

/**
 * One HTTP GET over node:http(s), no redirects followed, with every limit a hostile or broken server
 * could otherwise exploit: connect timeout, stalled-body timeout, overall deadline, a byte cap (on the
 * wire and after decompression), truncation and reset detection. Retrying is the caller's business;
 * each failure says whether a retry may help.
 */

export interface TransportLimits {
  connectTimeoutMs: number;
  /** Longest silence allowed once connected: before the headers and between body chunks. */
  stallMs: number;
  /** Deadline for the whole exchange, headers and body. */
  timeoutMs: number;
  maxBytes: number;
}

export interface TransportResponse {
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The complete, decompressed body; rejects with a TransportError on any limit or truncation. */
  readBody(): Promise<Buffer>;
  /**
   * Drops the body, keeping the connection when the rest is small. Settles once the connection is back
   * in the pool or closed: a request sent before then opens another connection, one more round trip.
   */
  discard(): Promise<void>;
}

export interface Transport {
  request(url: string, headers: Record<string, string>, limits: TransportLimits): Promise<TransportResponse>;
  close(): void;
}

/** Bodies at most this big are drained rather than cut off, so the keep-alive connection survives. */
const DRAIN_LIMIT = 64 * 1024;

function flattenHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function decompressor(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return undefined;
  }
}

/**
 * `socketsPerHost`: connections kept to one host, the layer's concurrency. Without a cap, a request
 * issued in the instant between a response's end and its socket's return to the pool opened another
 * connection: 11 for 4 requests in flight on the 1,000-post bench, each costing one more round trip
 * across a network.
 */
export function createTransport(policy?: AddressPolicy, socketsPerHost = Infinity): Transport {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: socketsPerHost }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: socketsPerHost }),
  };
  const lookup = policy && guardedLookup(policy);

  async function request(url: string, headers: Record<string, string>, limits: TransportLimits): Promise<TransportResponse> {
    const target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      throw new TransportError('network', `unsupported protocol ${target.protocol}`);
    }
    // An address written in the URL is connected to without any lookup: checked here.
    const literal = target.hostname.replace(/^\[|\]$/g, '');
    if (policy && isIP(literal)) {
      const refusal = await policy.refusal(literal, target.hostname);
      if (refusal) throw new TransportError('address', `refused: ${refusal}`);
    }
    return exchange(target, headers, limits);
  }

  function exchange(target: URL, headers: Record<string, string>, limits: TransportLimits): Promise<TransportResponse> {
    const client = target.protocol === 'https:' ? https : http;

    return new Promise((resolve, reject) => {
      const timers = new Set<NodeJS.Timeout>();
      let stallTimer: NodeJS.Timeout | undefined;
      /** The first limit that tripped; later socket errors are consequences of it. */
      let failure: TransportError | undefined;
      let bodyFailed: ((err: TransportError) => void) | undefined;
      let responded = false;
      let response: http.IncomingMessage | undefined;
      /** The body's decoder: a few KB of hostile input inflate to gigabytes, so it must stop the moment a limit trips. */
      let inflate: zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined;

      const clearTimers = () => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        if (stallTimer) clearTimeout(stallTimer);
      };
      /**
       * Ends the exchange. A response already received in full leaves a healthy connection, possibly back
       * in the agent's pool already: destroying it then would raise an 'error' nobody listens to.
       */
      const stop = () => {
        inflate?.destroy();
        if (!response?.complete) req.destroy();
      };
      const fail = (err: TransportError) => {
        failure ??= err;
        stop();
        if (!responded) {
          clearTimers();
          reject(failure);
        } else bodyFailed?.(failure);
      };
      const later = (ms: number, err: () => TransportError) => {
        const t = setTimeout(() => fail(err()), ms);
        timers.add(t);
        return t;
      };
      const armStall = () => {
        if (stallTimer) clearTimeout(stallTimer);
        stallTimer = setTimeout(() => fail(new TransportError('stall', `stalled: no data for ${limits.stallMs} ms`)), limits.stallMs);
      };

      const req = client.request(target, { method: 'GET', headers, agent: agents[target.protocol as 'http:' | 'https:'], ...(lookup ? { lookup } : {}) });
      later(limits.timeoutMs, () => new TransportError('timeout', `timed out after ${limits.timeoutMs} ms`));

      req.on('socket', (socket: Socket) => {
        if (!socket.connecting) return armStall();
        const connectTimer = later(limits.connectTimeoutMs, () => new TransportError('connect-timeout', `could not connect within ${limits.connectTimeoutMs} ms`));
        socket.once('connect', () => {
          clearTimeout(connectTimer);
          armStall();
        });
      });
      req.on('error', (err) => {
        const error = failure ?? classifyNetworkError(err);
        if (!responded) {
          clearTimers();
          reject(error);
        } else bodyFailed?.(error);
      });
      req.on('close', clearTimers);

      req.on('response', (res) => {
        responded = true;
        response = res;
        armStall();
        const resHeaders = flattenHeaders(res.headers);
        const lengthHeader = resHeaders['content-length'];
        const declared = lengthHeader !== undefined && /^\d+$/.test(lengthHeader.trim()) ? Number(lengthHeader) : undefined;
        let consumed = false;

        const readBody = () =>
          new Promise<Buffer>((resolveBody, rejectBody) => {
            if (consumed) throw new Error('response body already consumed');
            consumed = true;
            let settled = false;
            const settle = (err: TransportError | undefined, body?: Buffer) => {
              if (settled) return;
              settled = true;
              clearTimers();
              if (err) {
                stop();
                rejectBody(err);
              } else resolveBody(body ?? Buffer.alloc(0));
            };
            bodyFailed = (err) => settle(err);
            if (failure) return settle(failure);
            if (declared !== undefined && declared > limits.maxBytes) {
              return fail(tooLarge(limits.maxBytes, `Content-Length ${declared}`));
            }

            let wireBytes = 0;
            inflate = decompressor(resHeaders['content-encoding']);
            const source: Readable = inflate ?? res;
            const chunks: Buffer[] = [];
            let size = 0;

            res.on('data', (chunk: Buffer) => {
              wireBytes += chunk.length;
              armStall();
              if (wireBytes > limits.maxBytes) fail(tooLarge(limits.maxBytes));
            });
            if (inflate) {
              res.pipe(inflate);
              inflate.on('error', (err) => settle(failure ?? new TransportError('decompress', `could not decompress body: ${err.message}`)));
            }
            source.on('data', (chunk: Buffer) => {
              if (settled) return;
              size += chunk.length;
              if (size > limits.maxBytes) return fail(tooLarge(limits.maxBytes, 'after decompression'));
              chunks.push(chunk);
            });
            const incomplete = () =>
              failure ??
              (declared !== undefined && wireBytes < declared
                ? new TransportError('truncated', `truncated body: ${wireBytes} of ${declared} bytes`)
                : new TransportError('reset', 'connection closed before the body was complete'));
            res.on('error', () => settle(incomplete()));
            res.on('aborted', () => settle(incomplete()));
            res.on('end', () => {
              if (declared !== undefined && wireBytes !== declared) return settle(incomplete());
              if (!inflate) settle(undefined, Buffer.concat(chunks));
            });
            res.on('close', () => {
              if (!res.complete) settle(incomplete());
            });
            inflate?.on('end', () => settle(undefined, Buffer.concat(chunks)));
          });

        // A short body is read to its end so the connection goes back to the pool (a new one costs a
        // round trip): a declared length within the limit, or a chunked one (a 404 page) that stays in it.
        const discard = async () => {
          if (consumed) return;
          consumed = true;
          if (declared === undefined || declared <= DRAIN_LIMIT) {
            let drained = 0;
            // The agent takes the socket back on the tick after 'end'; 'close' ends a drain cut short.
            const gone = new Promise<void>((done) => {
              res.on('end', () => setImmediate(done));
              res.on('close', () => done());
            });
            res.on('error', () => undefined);
            res.on('data', (chunk: Buffer) => {
              drained += chunk.length;
              if (drained > DRAIN_LIMIT) {
                clearTimers();
                req.destroy();
              }
            });
            res.resume();
            await gone;
          } else {
            clearTimers();
            req.destroy();
          }
        };

        resolve({ status: res.statusCode ?? 0, headers: resHeaders, readBody, discard });
      });

      req.end();
    });
  }

  return {
    request,
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
