/**
 * Everything the bill-payment flow asks of the world: the hub's billing API
 * through the agent's `/hub/*` proxy, and the agent's printer, card reader and
 * scanner. The machine only ever sees the `BillPaymentClient` interface, so a
 * test hands in a fake; `httpBillPaymentClient` is the real one.
 */

import type {
  BillingCatalog,
  LookupRequest,
  LookupResult,
  Payment,
  PayRequest,
  Quote,
  QuoteRequest,
} from '../../../../hub-server/modules/billing/billing.contract.ts';
import type { CardForScreen, CommandResult } from '../../../../kiosk-agent/api/contract.ts';

/** What the card reader gave: the PAN stays in the agent, the token stands for it. */
export interface CardRead {
  maskedPan: string;
  token: string;
}

export interface BillPaymentClient {
  catalog(): Promise<BillingCatalog>;
  lookup(request: LookupRequest): Promise<LookupResult>;
  quote(request: QuoteRequest): Promise<Quote>;
  /** The same key on every retry of one attempt: the hub charges a key at most once. */
  pay(request: PayRequest, idempotencyKey: string): Promise<Payment>;
  payment(id: string): Promise<Payment>;
  cancel(id: string): Promise<Payment>;
  enableScanner(sessionId: string | null): Promise<void>;
  disableScanner(sessionId: string | null): Promise<void>;
  enableCardEntry(sessionId: string | null): Promise<void>;
  readCard(sessionId: string | null): Promise<CardRead>;
  ejectCard(sessionId: string | null): Promise<void>;
  /**
   * The agent prints the payment's receipt from the hub's record of it, under the payment's
   * journal key (so it never prints twice). Throws with the agent's reason (`paper-out`, …).
   */
  printReceipt(paymentId: string, sessionId: string | null): Promise<void>;
  /** The receipt just printed, once more, marked as a reprint (the agent keeps it two minutes). */
  reprintReceipt(paymentId: string, sessionId: string | null): Promise<void>;
}

/**
 * A call that did not succeed. `status` is null when nothing answered (network,
 * timeout): for a payment that means the charge may or may not have happened.
 */
export class BillingCallError extends Error {
  override readonly name = 'BillingCallError';
  constructor(
    readonly code: string,
    readonly status: number | null,
    message = code,
  ) {
    super(message);
  }
}

/** How long one call may take before the flow hears `timeout` (the machine's own timers are longer). */
export const CALL_TIMEOUT_MS = 20_000;

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** The real client: same origin, the agent in front. */
export function httpBillPaymentClient(
  fetchImpl: Fetch = (input, init) => fetch(input, init),
): BillPaymentClient {
  const hub = async <T>(method: 'GET' | 'POST', path: string, body?: unknown, key?: string): Promise<T> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (key) headers['idempotency-key'] = key;
    const res = await send(`/hub/billing/${path}`, { method, headers, body: json(body) });
    const answer = await res.json().catch(() => undefined);
    if (!res.ok) throw new BillingCallError(errorCode(answer, res.status), res.status);
    return answer as T;
  };

  /** A command to the agent (`/agent/<path>`), answered with a CommandResult. */
  const agent = async (path: string, sessionId: string | null, body: unknown) => {
    const res = await send(`/agent/${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-session-id': sessionId ?? '',
        'x-request-id': crypto.randomUUID(),
      },
      body: JSON.stringify(body),
    });
    const result = (await res.json().catch(() => undefined)) as CommandResult | undefined;
    if (result?.completionCode !== 'success') {
      throw new BillingCallError(result?.error ?? result?.completionCode ?? 'device-failed', res.status);
    }
    return result;
  };

  async function send(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetchImpl(url, { ...init, signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      throw new BillingCallError(timedOut ? 'timeout' : 'unreachable', null);
    }
  }

  return {
    catalog: () => hub('GET', 'catalog'),
    lookup: (request) => hub('POST', 'lookup', request),
    quote: (request) => hub('POST', 'quotes', request),
    pay: (request, key) => hub('POST', 'payments', request, key),
    payment: (id) => hub('GET', `payments/${encodeURIComponent(id)}`),
    // The cancel is a money step too, so the agent journals it and wants its own key.
    cancel: (id) => hub('POST', `payments/${encodeURIComponent(id)}/cancel`, {}, crypto.randomUUID()),
    enableScanner: async (sessionId) => void (await agent('devices/scanner/enable', sessionId, {})),
    disableScanner: async (sessionId) => void (await agent('devices/scanner/disable', sessionId, {})),
    enableCardEntry: async (sessionId) => void (await agent('devices/card-reader/enable', sessionId, {})),
    async readCard(sessionId) {
      const { card } = await agent('devices/card-reader/read', sessionId, {});
      if (!isTrack2(card)) throw new BillingCallError('card-unreadable', 200);
      return { maskedPan: card.maskedPan, token: card.token };
    },
    ejectCard: async (sessionId) => void (await agent('devices/card-reader/eject', sessionId, {})),
    printReceipt: async (paymentId, sessionId) =>
      void (await agent('receipts/payment', sessionId, { paymentId })),
    reprintReceipt: async (paymentId, sessionId) =>
      void (await agent('receipts/payment/reprint', sessionId, { paymentId })),
  };
}

function json(body: unknown): string | undefined {
  return body === undefined ? undefined : JSON.stringify(body);
}

function errorCode(answer: unknown, status: number): string {
  const code = (answer as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' ? code : `http-${status}`;
}

function isTrack2(card: CardForScreen | undefined): card is Extract<CardForScreen, { source: 'track2' }> {
  return card?.source === 'track2';
}
