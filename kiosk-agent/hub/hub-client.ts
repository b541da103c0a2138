/** What the hub said when it refused, or why it could not be reached. */
export class HubCallError extends Error {
  constructor(
    /** The hub's error code (`kiosk-revoked`, …), or `unreachable` / `timeout`. */
    readonly code: string,
    message: string,
    /** The HTTP status; 0 when the hub was not reached. */
    readonly status: number,
  ) {
    super(message);
    this.name = 'HubCallError';
  }
}

export interface HubClientOptions {
  baseUrl: string;
  /** The kiosk credential, read on every call (it appears after enrollment). */
  credential: () => string | undefined;
  timeoutMs?: number;
}

export interface HubRequest {
  method?: string;
  /** JSON-encoded unless it is a Buffer, which is sent as is with `contentType`. */
  body?: unknown;
  contentType?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Sent as `Idempotency-Key`: the hub runs the request once and replays its answer to a retry. */
  idempotencyKey?: string;
}

/** How one hub call went, for the round-trip metric. */
export interface HubCallTiming {
  method: string;
  /** From sending the request to having the whole answer (or giving up). */
  durationMs: number;
  /** `ok`, `refused` (the hub answered with an error), or the HubCallError code when it did not answer. */
  outcome: 'ok' | 'refused' | 'timeout' | 'unreachable' | 'aborted';
}

/** A small fetch wrapper: the credential as a bearer token, a timeout, the hub's error envelope as HubCallError. */
export class HubClient {
  private observer: ((timing: HubCallTiming) => void) | undefined;

  constructor(private readonly opts: HubClientOptions) {}

  /** The hub URL of a path, for the `/hub/*` proxy, which streams answers as they are. */
  url(pathAndQuery: string): URL {
    return new URL(pathAndQuery, this.opts.baseUrl);
  }

  /** The `Authorization` value for the current credential (none before enrollment). Never hand it to a page. */
  authorization(): string | undefined {
    const credential = this.opts.credential();
    return credential ? `Bearer ${credential}` : undefined;
  }

  /** Calls `observer` after every call with its timing (one observer; the agent's metrics). */
  observe(observer: (timing: HubCallTiming) => void): void {
    this.observer = observer;
  }

  /** Reports a hub call made outside `call()` (the `/hub/*` proxy streams its own), for the same metrics. */
  report(timing: HubCallTiming): void {
    this.observer?.(timing);
  }

  async call<T>(pathAndQuery: string, req: HubRequest = {}): Promise<T> {
    const method = req.method ?? (req.body === undefined ? 'GET' : 'POST');
    const t0 = performance.now();
    const done = (outcome: HubCallTiming['outcome']) =>
      this.observer?.({ method, durationMs: performance.now() - t0, outcome });
    try {
      const result = await this.send<T>(pathAndQuery, req);
      done('ok');
      return result;
    } catch (err) {
      const code = (err as HubCallError).code;
      done(code === 'timeout' || code === 'unreachable' || code === 'aborted' ? code : 'refused');
      throw err;
    }
  }

  private async send<T>(pathAndQuery: string, req: HubRequest): Promise<T> {
    const timeoutMs = req.timeoutMs ?? this.opts.timeoutMs ?? 10_000;
    // One controller for the timeout and the caller's signal, whose listener goes when the call
    // ends: AbortSignal.any left one on the long-lived polling signal per call (an outage's
    // retries piled them past Node's listener warning).
    const controller = new AbortController();
    const timedOut = new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError');
    const timer = setTimeout(() => controller.abort(timedOut), timeoutMs);
    const onCallerAbort = () => controller.abort(req.signal?.reason);
    if (req.signal?.aborted) onCallerAbort();
    else req.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const headers: Record<string, string> = {};
    const credential = this.opts.credential();
    if (credential) headers.authorization = `Bearer ${credential}`;
    if (req.idempotencyKey) headers['idempotency-key'] = req.idempotencyKey;
    let body: BodyInit | undefined;
    if (Buffer.isBuffer(req.body)) {
      headers['content-type'] = req.contentType ?? 'application/octet-stream';
      body = new Uint8Array(req.body);
    } else if (req.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.body);
    }
    let res: Response;
    let text: string;
    try {
      res = await fetch(new URL(pathAndQuery, this.opts.baseUrl), {
        method: req.method ?? (body === undefined ? 'GET' : 'POST'),
        headers,
        body,
        signal: controller.signal,
      });
      text = await res.text();
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      if (controller.signal.reason === timedOut || e.name === 'TimeoutError')
        throw new HubCallError('timeout', `no answer within ${timeoutMs} ms`, 0);
      if (e.name === 'AbortError') throw new HubCallError('aborted', 'the call was cancelled', 0);
      throw new HubCallError('unreachable', `cannot reach the hub (${e.cause?.code ?? e.message})`, 0);
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
    }
    const json = text ? safeJson(text) : undefined;
    if (!res.ok) {
      const envelope = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new HubCallError(
        envelope?.code ?? `http-${res.status}`,
        envelope?.message ?? `the hub answered HTTP ${res.status}`,
        res.status,
      );
    }
    return json as T;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
