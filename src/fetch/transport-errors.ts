/** How one HTTP exchange fails: each kind of failure, and whether a retry may help. */
export type TransportErrorKind =
  | 'connect-timeout'
  | 'stall'
  | 'timeout'
  | 'too-large'
  | 'truncated'
  | 'reset'
  | 'refused'
  | 'dns'
  | 'tls'
  | 'decompress'
  | 'address'
  | 'network';

const PERMANENT_KINDS: ReadonlySet<TransportErrorKind> = new Set(['too-large', 'dns', 'tls', 'address']);

export class TransportError extends Error {
  readonly transient: boolean;
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
    this.transient = !PERMANENT_KINDS.has(kind);
  }
}

const NETWORK_CODES: ReadonlyArray<[RegExp, TransportErrorKind, string]> = [
  [/^(ECONNRESET|EPIPE|ECONNABORTED)$/, 'reset', 'connection reset'],
  [/^ECONNREFUSED$/, 'refused', 'connection refused'],
  [/^ENOTFOUND$/, 'dns', 'host not found'],
  [/^EAI_AGAIN$/, 'network', 'DNS lookup failed temporarily'],
  [/^(ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENETDOWN)$/, 'network', 'network unreachable'],
  [/^(CERT_|ERR_TLS_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_SSL_)/, 'tls', 'TLS error'],
];

/** A socket, DNS or TLS error as a TransportError of its kind. */
export function classifyNetworkError(err: unknown): TransportError {
  if (err instanceof TransportError) return err;
  const e = err as NodeJS.ErrnoException;
  const code = e?.code ?? '';
  for (const [pattern, kind, text] of NETWORK_CODES) {
    if (pattern.test(code)) return new TransportError(kind, `${text} (${code}${e.message && !e.message.includes(code) ? `: ${e.message}` : ''})`);
  }
  return new TransportError('network', e?.message || String(err));
}

/** The body is over the byte cap (declared, on the wire, or after decompression). */
export function tooLarge(maxBytes: number, detail?: string): TransportError {
  return new TransportError('too-large', `response larger than maxBytes (${maxBytes} bytes${detail ? `; ${detail}` : ''})`);
}
