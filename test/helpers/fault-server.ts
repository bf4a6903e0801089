/**
 * A fault-injecting test server: test/helpers/static-server.ts serving `root`, with a handler that breaks
 * some requests on purpose.
 *
 *   const server = await startFaultServer(root, {
 *     seed: 7,                                  // same seed => same faults
 *     rates: { error500: 0.1, error429: 0.05, error503: 0, reset: 0.05, stall: 0.02, truncate: 0.05 },
 *     burst: 2,                                 // a 500 repeats for this many consecutive requests of its path
 *     maxFaultsPerPath: 2,                      // then the path is served healthily (default 2; Infinity = never)
 *     retryAfter: '1',                          // Retry-After on 429/503: seconds, or an HTTP date
 *     exempt: (path) => path === '/robots.txt', // never faulted
 *     failPaths: { '/posts/broken/': 500, '/posts/gone/': 'reset' }, // fail on every request
 *     redirects: { '/loop-a': '/loop-b', '/loop-b': '/loop-a', '/away': 'http://elsewhere.test/' }, // 302s
 *     charsets: { '/zh/': { encoding: 'gbk', header: 'iso-8859-1' } }, // re-encode a UTF-8 file, mis-declared
 *     routes: { '/huge': (req, res) => { ...; return true } },       // custom answers
 *   });
 *   server.url, server.log, server.faults, server.close()
 *
 * Rates are probabilities per request, tried in the order listed. Each decision is a pure function of
 * (seed, path with query, how many requests that path has had), so concurrent clients see the same
 * faults whatever order their requests arrive in. Faults:
 *   error500 / error429 / error503  the status (429 and 503 carry Retry-After)
 *   reset     the socket is destroyed before any response (the client sees ECONNRESET)
 *   stall     headers and half the body, then silence (for `stallMs`, default forever) — the client must time out
 *   truncate  Content-Length of the whole body, half of it sent, then the connection is closed
 * `log` (the static server's request log) gains `fault` on the entries that were faulted; `faults`
 * lists the faulted requests alone.
 */
import { readFile, stat } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import iconv from 'iconv-lite';
import { startStaticServer, type Handler, type RequestLogEntry, type TestServer } from './static-server.js';

export type Fault = 'error500' | 'error429' | 'error503' | 'reset' | 'stall' | 'truncate';

export interface FaultRates {
  error500?: number;
  error429?: number;
  error503?: number;
  reset?: number;
  stall?: number;
  truncate?: number;
}

export interface CharsetRule {
  /** iconv-lite encoding the body is converted to (the file on disk is UTF-8). */
  encoding: string;
  /** charset parameter of the Content-Type header; omitted: no charset in the header. */
  header?: string;
  /** charset written into the document's <meta charset>; default: `encoding`; null: the meta is removed. */
  meta?: string | null;
}

export interface FaultServerOptions {
  seed?: number;
  rates?: FaultRates;
  burst?: number;
  maxFaultsPerPath?: number;
  retryAfter?: string | number;
  stallMs?: number;
  exempt?: (path: string) => boolean;
  failPaths?: Record<string, number | 'reset'>;
  redirects?: Record<string, string>;
  charsets?: Record<string, CharsetRule>;
  routes?: Record<string, Handler>;
}

export interface FaultLogEntry extends RequestLogEntry {
  fault?: Fault | 'fail-path';
}

export interface FaultServer extends TestServer {
  log: FaultLogEntry[];
  faults: FaultLogEntry[];
}

const FAULT_ORDER: Fault[] = ['error500', 'error429', 'error503', 'reset', 'stall', 'truncate'];

/** A uniform number in [0, 1) from a string: FNV-1a to seed, then one round of mulberry32. */
export function hashUnit(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  let t = (h + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

export async function startFaultServer(root: string, options: FaultServerOptions = {}): Promise<FaultServer> {
  const seed = options.seed ?? 1;
  const rates = options.rates ?? {};
  const burst = Math.max(1, options.burst ?? 1);
  const maxFaults = options.maxFaultsPerPath ?? 2;
  const retryAfter = String(options.retryAfter ?? '1');
  let currentRoot = root;
  const perPath = new Map<string, { requests: number; faults: number; burstLeft: number }>();
  const faults: FaultLogEntry[] = [];

  const decide = (path: string): Fault | undefined => {
    let s = perPath.get(path);
    if (!s) perPath.set(path, (s = { requests: 0, faults: 0, burstLeft: 0 }));
    const n = s.requests++;
    if (options.exempt?.(path) || s.faults >= maxFaults) return undefined;
    let fault: Fault | undefined;
    if (s.burstLeft > 0) {
      s.burstLeft--;
      fault = 'error500';
    } else {
      let r = hashUnit(`${seed}\u0000${path}\u0000${n}`);
      for (const name of FAULT_ORDER) {
        const p = rates[name] ?? 0;
        if (r < p) {
          fault = name;
          break;
        }
        r -= p;
      }
      if (fault === 'error500') s.burstLeft = burst - 1;
    }
    if (fault) s.faults++;
    return fault;
  };

  const handler: Handler = async (req, res, entry) => {
    const path = req.url ?? '/';
    const pathname = new URL(path, 'http://x').pathname;
    const logEntry = entry as FaultLogEntry;

    const permanent = options.failPaths?.[path] ?? options.failPaths?.[pathname];
    if (permanent !== undefined) {
      logEntry.fault = 'fail-path';
      faults.push(logEntry);
      if (permanent === 'reset') req.socket.destroy();
      else res.writeHead(permanent, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>${permanent}</title>`);
      return true;
    }
    const location = options.redirects?.[path] ?? options.redirects?.[pathname];
    if (location !== undefined) {
      res.writeHead(302, { location, 'content-length': 0 }).end();
      return true;
    }

    const fault = decide(path);
    if (fault) {
      logEntry.fault = fault;
      faults.push(logEntry);
      if (inject(fault, req, res, logEntry, retryAfter, options.stallMs)) return true;
    }

    const route = options.routes?.[path] ?? options.routes?.[pathname];
    if (route) return route(req, res, entry);
    const charset = options.charsets?.[path] ?? options.charsets?.[pathname];
    if (charset) return serveTranscoded(currentRoot, pathname, charset, res);
    return false;
  };

  const server = await startStaticServer(root, handler);
  return {
    ...server,
    log: server.log as FaultLogEntry[],
    faults,
    setRoot(r) {
      currentRoot = r;
      server.setRoot(r);
    },
  };
}

/** Answers at once for status faults and resets; for stalls and truncation it bends the static answer and returns false. */
function inject(fault: Fault, req: IncomingMessage, res: ServerResponse, entry: FaultLogEntry, retryAfter: string, stallMs?: number): boolean {
  switch (fault) {
    case 'error500':
      res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Internal Server Error</title>');
      return true;
    case 'error429':
    case 'error503': {
      const status = fault === 'error429' ? 429 : 503;
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'retry-after': retryAfter }).end(`<!doctype html><title>${status}</title>`);
      return true;
    }
    case 'reset':
      req.socket.destroy();
      return true;
    case 'stall':
    case 'truncate':
      bendEnd(res, entry, fault, stallMs);
      return false;
  }
}

/** Replaces res.end so the body the static server produces goes out half-way only. */
function bendEnd(res: ServerResponse, entry: FaultLogEntry, fault: 'stall' | 'truncate', stallMs?: number): void {
  const end = res.end.bind(res);
  res.end = ((chunk?: unknown) => {
    const body = Buffer.isBuffer(chunk) ? chunk : Buffer.from(typeof chunk === 'string' ? chunk : '');
    entry.status = res.statusCode;
    if (body.length < 2) {
      res.socket?.destroy();
      return res;
    }
    res.write(body.subarray(0, Math.floor(body.length / 2)));
    if (fault === 'truncate') res.socket?.end();
    else if (stallMs !== undefined) setTimeout(() => end(body.subarray(Math.floor(body.length / 2))), stallMs);
    return res;
  }) as typeof res.end;
}

async function serveTranscoded(root: string, pathname: string, rule: CharsetRule, res: ServerResponse): Promise<boolean> {
  let file = join(root, normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, ''));
  if ((await stat(file).catch(() => undefined))?.isDirectory()) file = join(file, 'index.html');
  const source = await readFile(file, 'utf8').catch(() => undefined);
  if (source === undefined) return false;
  const meta = rule.meta === undefined ? rule.encoding : rule.meta;
  const metaPattern = /<meta\b[^>]*\bcharset\s*=[^>]*>/i;
  let html = meta === null ? source.replace(metaPattern, '') : source.replace(metaPattern, `<meta charset="${meta}">`);
  if (meta !== null && !metaPattern.test(html)) html = html.replace(/<head[^>]*>/i, (head) => `${head}<meta charset="${meta}">`);
  const body = iconv.encode(html, rule.encoding);
  res.writeHead(200, {
    'content-type': rule.header ? `text/html; charset=${rule.header}` : 'text/html',
    'content-length': body.length,
  });
  res.end(body);
  return true;
}
