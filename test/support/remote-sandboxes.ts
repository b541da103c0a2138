/**
 * The sandbox gateway and biller as the external systems they stand for: they live in the test's
 * process, behind a small HTTP endpoint, so a hub process killed with SIGKILL and started again
 * talks to the same gateway ledger and the same biller (as a real hub talks to a real bank).
 * `serveSandboxes()` runs in the test; `remoteGateway()` / `remoteBiller()` are the adapters the
 * hub child (test/support/hub-child.ts) is given. A fault that hangs (`{ kind: 'hang' }`) leaves
 * the hub's request unanswered until the hub dies, like a bank that took the money and went quiet.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type BillerAdapter,
  BillerRejectedError,
  BillerTimeoutError,
  BillerUnavailableError,
} from '../../hub-server/modules/billing/biller-adapter.ts';
import {
  GatewayDeclinedError,
  GatewayTimeoutError,
  GatewayUnavailableError,
  type PaymentGateway,
} from '../../hub-server/modules/billing/gateway/gateway-adapter.ts';
import { SandboxGateway } from '../../hub-server/modules/billing/gateway/sandbox-gateway.ts';
import { verifyBody } from '../../hub-server/modules/billing/gateway/signature.ts';
import { SandboxBiller } from '../../hub-server/modules/billing/sandbox/sandbox-biller.ts';

type Target = 'gateway' | 'biller';

/** An adapter error as it crosses the wire: its class's code and, for a refusal, the reason. */
interface WireError {
  code?: string;
  reason?: string;
  message: string;
}

export interface ServedSandboxes {
  /** Where the hub child sends its adapter calls (`HUB_TEST_SANDBOXES`). */
  url: string;
  /** The secret the gateway signs notifications with (`HUB_TEST_GATEWAY_SECRET`). */
  secret: string;
  gateway: SandboxGateway;
  biller: SandboxBiller;
  /** Every call the hub made, in order (`gateway.chargeCard`, …), to see a hub reached the far end. */
  calls: string[];
  close(): Promise<void>;
}

/** Serves a fresh sandbox gateway and biller on 127.0.0.1; `hubUrl` says where notifications go. */
export async function serveSandboxes(hubUrl: () => string): Promise<ServedSandboxes> {
  const secret = randomBytes(24).toString('hex');
  const gateway = new SandboxGateway({ secret, baseUrl: hubUrl });
  const biller = new SandboxBiller();
  const targets: Record<Target, object> = { gateway, biller };
  const calls: string[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', async () => {
      const { target, method, args } = JSON.parse(raw) as { target: Target; method: string; args: unknown[] };
      const fn = (targets[target] as Record<string, unknown>)[method];
      const reply = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? null));
      if (typeof fn !== 'function' || method.startsWith('_') || method === 'constructor')
        return reply(400, { error: { message: `no ${target}.${method}` } });
      calls.push(`${target}.${method}`);
      try {
        reply(200, { result: await (fn as (...a: unknown[]) => unknown).apply(targets[target], args) });
      } catch (err) {
        const e = err as Error & { code?: string; reason?: string };
        reply(200, { error: { code: e.code, reason: e.reason, message: e.message } satisfies WireError });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    secret,
    gateway,
    biller,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        gateway.faults.clear();
        biller.faults.clear();
        // A hung call's socket would keep close() waiting for ever.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Calls `target.method(...args)` in the test's process; a lost connection reads as a lost answer. */
async function call(url: string, target: Target, method: string, args: unknown[]): Promise<unknown> {
  let answer: { result?: unknown; error?: WireError };
  try {
    const res = await fetch(url, { method: 'POST', body: JSON.stringify({ target, method, args }) });
    answer = (await res.json()) as typeof answer;
  } catch {
    throw target === 'gateway'
      ? new GatewayTimeoutError('the sandbox gateway did not answer')
      : new BillerTimeoutError('the sandbox biller did not answer');
  }
  if (answer.error) throw rebuild(answer.error);
  return answer.result;
}

/** The adapter error class a wire error stands for, so the hub handles it as it would in-process. */
function rebuild(e: WireError): Error {
  switch (e.code) {
    case 'gateway-timeout':
      return new GatewayTimeoutError(e.message);
    case 'gateway-unavailable':
      return new GatewayUnavailableError(e.message);
    case 'gateway-declined':
      return new GatewayDeclinedError(e.reason ?? 'declined');
    case 'biller-timeout':
      return new BillerTimeoutError(e.message);
    case 'biller-unavailable':
      return new BillerUnavailableError(e.message);
    case 'biller-rejected':
      return new BillerRejectedError(e.reason ?? 'rejected');
    default:
      return new Error(e.message);
  }
}

/**
 * Every method forwarded by name, so a method the adapter interface gains later is forwarded too;
 * only `verifyNotice` runs here, synchronously, with the shared secret.
 */
function forwarding<T extends object>(url: string, target: Target, local: Partial<T>): T {
  return new Proxy(local, {
    get: (own, name) =>
      typeof name === 'string' && !(name in own) && name !== 'then'
        ? (...args: unknown[]) => call(url, target, name, args)
        : (own as Record<string | symbol, unknown>)[name],
  }) as T;
}

/** The hub child's payment gateway: the test's sandbox gateway over HTTP. */
export function remoteGateway(url: string, secret: string): PaymentGateway {
  return forwarding<PaymentGateway>(url, 'gateway', {
    verifyNotice: (rawBody, signature) =>
      verifyBody(rawBody, signature, secret) ? JSON.parse(rawBody.toString('utf8')) : null,
  });
}

/** The hub child's biller for every biller id: the test's sandbox biller over HTTP. */
export function remoteBiller(url: string): BillerAdapter {
  return forwarding<BillerAdapter>(url, 'biller', {});
}
