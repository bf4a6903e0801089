/** What a response becomes: a FetchResult, or a FetchError saying why and whether a retry may help. */
import { gunzipSync } from 'node:zlib';
import { FetchError, type FetchResult } from './fetcher.js';
import { decodeBody } from './decode.js';
import { notAnImage } from './image-check.js';
import type { Kind } from './layer-options.js';
import type { AttemptFailure } from './retry.js';
import type { TransportResponse } from './transport.js';
import { TransportError } from './transport-errors.js';

export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** A failed HTTP status, remembering the server's requested wait for the retry loop. */
export class StatusError extends FetchError {
  constructor(url: string, reason: string, status: number, transient: boolean, readonly retryAfterMs?: number) {
    super(url, reason, status, transient);
  }
}

export function mimeType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

function isTextType(mime: string): boolean {
  return /^text\/|[+/](xml|json)$|javascript/.test(mime);
}

function isGzip(body: Buffer): boolean {
  return body.length > 2 && body[0] === 0x1f && body[1] === 0x8b;
}

/** Data files served gzipped as files rather than as a transfer encoding (sitemap.xml.gz) are unpacked, within maxBytes. */
function gunzipData(url: string, body: Buffer, maxBytes: number): Buffer {
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (err) {
    const tooBig = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    throw new FetchError(url, tooBig ? `response larger than maxBytes (${maxBytes} bytes) after gunzip` : 'corrupt gzip data');
  }
}

/** A page without a Content-Type is still HTML if it starts like HTML. */
function looksLikeHtml(body: Buffer): boolean {
  return /^(\uFEFF)?\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body|title|meta)\b/i.test(body.subarray(0, 1024).toString('latin1'));
}

export function toFailure(err: unknown): AttemptFailure {
  if (err instanceof StatusError) return { transient: err.transient, retryAfterMs: err.retryAfterMs, reason: err.reason };
  if (err instanceof FetchError || err instanceof TransportError) return { transient: err.transient, reason: err instanceof FetchError ? err.reason : err.message };
  return { transient: false, reason: String(err) };
}

export function finalError(url: string, err: unknown, attempts: number): FetchError {
  const after = attempts > 1 ? ` (after ${attempts} attempts)` : '';
  if (err instanceof FetchError) {
    return after ? new FetchError(url, `${err.reason}${after}`, err.status, err.transient) : err;
  }
  const failure = toFailure(err);
  return new FetchError(url, `${failure.reason}${after}`, undefined, failure.transient);
}

/**
 * A 2xx response as a result: pages must be HTML, assets images; data gzipped as a file is unpacked
 * within `maxBytes`; text is decoded on first use.
 */
export async function readResult(url: string, finalUrl: string, kind: Kind, res: TransportResponse, maxBytes: number): Promise<FetchResult> {
  const { status, headers } = res;
  let contentType = mimeType(headers['content-type']);
  if (kind === 'page' && contentType && !HTML_TYPES.has(contentType)) {
    await res.discard();
    throw new FetchError(url, `not HTML (content-type ${contentType})`, status);
  }
  const body = await res.readBody();
  if (kind === 'page' && !contentType) {
    if (!looksLikeHtml(body)) throw new FetchError(url, 'not HTML (no content-type, body does not look like HTML)', status);
    contentType = 'text/html';
  }
  if (kind === 'asset') {
    const refusal = await notAnImage(body, contentType);
    if (refusal) throw new FetchError(url, refusal, status);
  }
  const result: FetchResult = { url, finalUrl, status, headers, contentType, body };
  if (kind === 'data' && isGzip(body)) result.body = gunzipData(url, body, maxBytes);
  if (kind !== 'asset' || isTextType(contentType)) {
    // Decoded on first use: a nightly run only hashes the bytes of a page that did not change.
    const bytes = result.body;
    let text: string | undefined;
    Object.defineProperty(result, 'text', { enumerable: true, get: () => (text ??= decodeBody(bytes, headers['content-type']).text) });
  }
  return result;
}
