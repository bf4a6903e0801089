/**
 * The HTTP client of `publish`: JSON and upload requests to one platform's API, each bounded in time,
 * retried on the answers that say "later" (429, 502-504, network errors), and failing with an error that
 * names the method, URL, status and the platform's own message.
 */
export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number | undefined,
    detail: string,
  ) {
    super(`${method} ${url}: ${status ? `HTTP ${status}` : 'network error'}: ${detail}`);
    this.name = 'ApiError';
  }
}

export interface ApiRequest {
  method?: string;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (uploads). */
  body?: BodyInit;
  headers?: Record<string, string>;
}

const RETRIED = new Set([429, 502, 503, 504]);
const TIMEOUT_MS = 60_000;
const ATTEMPTS = 3;

/** The platform's error text: WordPress `{message}`, Ghost `{errors: [{message, context}]}`. */
function messageOf(text: string): string {
  try {
    const data = JSON.parse(text) as { message?: string; errors?: { message?: string; context?: string }[] };
    if (data.message) return data.message;
    if (data.errors?.length) return data.errors.map((e) => [e.message, e.context].filter(Boolean).join(' ')).join('; ');
  } catch {
    // Not JSON: an HTML error page or a proxy's answer.
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, 200) || '(empty answer)';
}

export type Authorizer = () => Record<string, string>;

export function createApi(authorize: Authorizer) {
  return async function request<T>(url: string, init: ApiRequest = {}): Promise<T> {
    const method = init.method ?? (init.json === undefined && init.body === undefined ? 'GET' : 'POST');
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers: { accept: 'application/json', ...(init.json === undefined ? {} : { 'content-type': 'application/json' }), ...authorize(), ...init.headers },
          body: init.json === undefined ? init.body : JSON.stringify(init.json),
          redirect: 'follow',
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (error) {
        if (attempt < ATTEMPTS) continue;
        throw new ApiError(method, url, undefined, (error as Error).cause ? String((error as Error).cause) : (error as Error).message);
      }
      const text = await response.text();
      if (response.ok) return (text ? JSON.parse(text) : undefined) as T;
      if (RETRIED.has(response.status) && attempt < ATTEMPTS) {
        await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
        continue;
      }
      throw new ApiError(method, url, response.status, messageOf(text));
    }
  };
}

export type Api = ReturnType<typeof createApi>;
