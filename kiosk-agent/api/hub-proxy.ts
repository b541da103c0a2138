import express, { type Request, type Response, Router } from 'express';
import type { Logger } from 'pino';
import type { HubCallTiming, HubClient } from '../hub/hub-client.ts';
import { type Journal, JournalKeyUsedError } from '../journal/journal.ts';
import type { JournalResolver } from '../journal/journal-resolver.ts';
import type { ProxyRewrite } from './card-payment.ts';

/** A kiosk route whose POSTs are money, booking or case steps: journaled before they leave. */
export interface JournaledRoute {
  /** The path under `/api/v1/kiosk/` it starts with, e.g. `payments`. */
  prefix: string;
  kind: string;
}

/** The hub's money, booking and case routes (issue 7 onwards). */
export const JOURNALED_ROUTES: readonly JournaledRoute[] = [
  { prefix: 'payments', kind: 'money' },
  { prefix: 'billing/payments', kind: 'money' },
  { prefix: 'appointments/bookings', kind: 'booking' },
  { prefix: 'bookings', kind: 'booking' },
  { prefix: 'cases', kind: 'case' },
];

export interface HubProxyDeps {
  /** The hub link's client (undefined while the agent starts). */
  client: () => HubClient | undefined;
  journal: Journal;
  resolver: JournalResolver;
  logger: Logger;
  routes?: readonly JournaledRoute[];
  timeoutMs?: number;
  /** Swaps what the page sent for what the hub needs (a card token for its track 2), or refuses. */
  rewrite?: ProxyRewrite;
}

/** Request headers a page may pass on; never `authorization` or `cookie`. */
const PASS_IN = ['content-type', 'accept', 'accept-language', 'idempotency-key'];
/** Answer headers the page may see; never `set-cookie`. */
const PASS_OUT = ['content-type', 'idempotent-replay', 'cache-control', 'retry-after'];

/**
 * `/hub/<path>` → `<hub>/api/v1/kiosk/<path>` with the kiosk's credential, which the page never
 * sees. A POST to a journaled route must carry `Idempotency-Key`: its intent is journaled (on
 * disk) before it leaves and its outcome after. A hub that does not answer gets 504 `hub-timeout`
 * and the intent stays open for the resolver: the proxy never retries a money step blindly.
 */
export function hubProxy(deps: HubProxyDeps): Router {
  const r = Router();
  r.use(express.raw({ type: () => true, limit: '6mb' }));
  r.use(async (req, res) => {
    const client = deps.client();
    const target = client?.url(`/api/v1/kiosk${req.url}`);
    if (!target?.pathname.startsWith('/api/v1/kiosk/'))
      return fail(res, 400, 'invalid-path', 'Only /hub/<kiosk route> is proxied.');
    const authorization = client?.authorization();
    if (!authorization) return fail(res, 503, 'not-enrolled', 'This kiosk holds no hub credential yet.');
    const route =
      req.method === 'POST' ? journaledRoute(deps.routes ?? JOURNALED_ROUTES, target.pathname) : undefined;
    const key = req.get('idempotency-key');
    const rewritten = deps.rewrite?.(req, target.pathname);
    if (rewritten && 'refuse' in rewritten) {
      const { status, code, message } = rewritten.refuse;
      return fail(res, status, code, message);
    }
    let journaled = false;
    if (route) {
      if (!key)
        return fail(res, 400, 'idempotency-key-required', `A ${route.kind} step needs an Idempotency-Key.`);
      if (deps.resolver.blocked())
        return fail(res, 503, 'journal-unresolved', 'Earlier steps are still being checked with the hub.');
      try {
        await deps.journal.intent(route.kind, key, {
          method: req.method,
          path: target.pathname,
          body: bodyOf(req),
        });
        journaled = true;
        deps.resolver.sending(key);
      } catch (err) {
        if (!(err instanceof JournalKeyUsedError)) throw err;
        if (err.state === 'open')
          return fail(res, 409, 'intent-unresolved', 'This step is still being checked with the hub.');
        // Answered before: the hub replays its stored answer; the journal already has it.
      }
    }
    const headers: Record<string, string> = { authorization };
    for (const h of PASS_IN) if (req.get(h)) headers[h] = req.get(h) as string;
    // The journal got the page's body above; only the wire carries the rewritten one.
    const sent: unknown = rewritten?.body ?? req.body;
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && Buffer.isBuffer(sent) && sent.length > 0;
    let answer: globalThis.Response;
    let bytes: Buffer;
    const t0 = performance.now();
    const report = (outcome: HubCallTiming['outcome']) =>
      deps.client()?.report({ method: req.method, durationMs: performance.now() - t0, outcome });
    try {
      answer = await fetch(target, {
        method: req.method,
        headers,
        body: hasBody ? new Uint8Array(sent as Buffer) : undefined,
        signal: AbortSignal.timeout(deps.timeoutMs ?? 15_000),
      });
      bytes = Buffer.from(await answer.arrayBuffer());
      report(answer.ok ? 'ok' : 'refused');
    } catch (err) {
      if (journaled && key) deps.resolver.sent(key, false);
      const timedOut = (err as Error).name === 'TimeoutError';
      report(timedOut ? 'timeout' : 'unreachable');
      deps.logger.warn({ path: target.pathname, key, timedOut }, 'hub did not answer the proxied call');
      return timedOut
        ? fail(res, 504, 'hub-timeout', 'The hub did not answer in time.')
        : fail(res, 502, 'hub-unreachable', 'The hub cannot be reached.');
    }
    if (journaled && key) await recordOutcome(deps, key, answer, bytes);
    res.status(answer.status);
    for (const h of PASS_OUT) {
      const v = answer.headers.get(h);
      if (v) res.set(h, v);
    }
    res.send(bytes);
  });
  return r;
}

/** A clear answer is the outcome; a 5xx or a 409 `request-in-progress` leaves it to the resolver. */
async function recordOutcome(deps: HubProxyDeps, key: string, answer: globalThis.Response, bytes: Buffer) {
  const body = parse(bytes);
  const inProgress =
    (body as { error?: { code?: string } } | undefined)?.error?.code === 'request-in-progress';
  if (answer.status >= 500 || inProgress) return deps.resolver.sent(key, false);
  try {
    await deps.journal.outcome(key, {
      result: 'done',
      httpStatus: answer.status,
      source: 'answer',
      summary: body,
    });
    deps.resolver.sent(key, true);
  } catch (err) {
    deps.logger.error({ err, key }, 'could not journal an outcome; the resolver will ask the hub');
    deps.resolver.sent(key, false);
  }
}

function journaledRoute(routes: readonly JournaledRoute[], pathname: string): JournaledRoute | undefined {
  const rest = pathname.slice('/api/v1/kiosk/'.length);
  return routes.find((r) => rest === r.prefix || rest.startsWith(`${r.prefix}/`));
}

function bodyOf(req: Request): unknown {
  return Buffer.isBuffer(req.body) && req.is('application/json') ? parse(req.body) : undefined;
}

function parse(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

function fail(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}
