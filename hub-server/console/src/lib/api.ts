/**
 * The console's one way to the hub: JSON in and out under /api/v1/console, the session cookie sent
 * by the browser, `x-csrf-token` on every state-changing call, and the error envelope
 * `{ error: { code, message } }` turned into an ApiError whose message can be shown as is.
 */

/** A failed call: the hub's stable `code` and its human message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiClient {
  get<T>(path: string, query?: Record<string, string | number | boolean | undefined>): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  setCsrfToken(token: string | null): void;
  /** Called on 401 `not-signed-in`, so the app can go back to the login screen. */
  onSignedOut(listener: () => void): void;
}

type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Builds a query string from the defined, non-empty values only. */
export function queryString(query: Record<string, string | number | boolean | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

async function toError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
    if (body?.error && typeof body.error.code === 'string') {
      return new ApiError(res.status, body.error.code, String(body.error.message ?? body.error.code));
    }
  } catch {
    // Not the envelope (a proxy's page, a cut connection): fall through to a generic message.
  }
  return new ApiError(res.status, 'http-error', `HTTP ${res.status}`);
}

export function createApiClient(
  fetchImpl: FetchLike = (u, i) => fetch(u, i),
  base = '/api/v1/console',
): ApiClient {
  let csrf: string | null = null;
  const signedOut = new Set<() => void>();

  async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    let res: Response;
    try {
      res = await fetchImpl(base + path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network-error', 'network-error');
    }
    if (!res.ok) {
      const err = await toError(res);
      if (err.status === 401 && err.code === 'not-signed-in') for (const l of signedOut) l();
      throw err;
    }
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  return {
    get: (path, query) => send('GET', path + queryString(query)),
    post: (path, body) => send('POST', path, body ?? {}),
    setCsrfToken: (token) => {
      csrf = token;
    },
    onSignedOut: (listener) => {
      signedOut.add(listener);
    },
  };
}

/** The app's client. */
export const api = createApiClient();
