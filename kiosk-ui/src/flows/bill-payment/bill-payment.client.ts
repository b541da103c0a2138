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
import type { AgentStatus, CardForScreen, CommandResult } from '../../../../kiosk-agent/api/contract.ts';
import { printerCanPrint } from '../offer.ts';
import type { ReceiptDocument } from './receipt.ts';

/** What the card reader gave: the PAN stays in the agent, the token stands for it. */
export interface CardRead {
  maskedPan: string;
  token: string;
}

/** The kiosk as the receipt needs it: its id, and whether the printer can print now. */
export interface KioskPrinter {
  kioskId: string;
  canPrint: boolean;
}

export interface BillPaymentClient {
  catalog(): Promise<BillingCatalog>;
  lookup(request: LookupRequest): Promise<LookupResult>;
  quote(request: QuoteRequest): Promise<Quote>;
  /** The same key on every retry of one attempt: the hub charges a key at most once. */
  pay(request: PayRequest, idempotencyKey: string): Promise<Payment>;
  payment(id: string): Promise<Payment>;
  cancel(id: string): Promise<Payment>;
  kioskPrinter(): Promise<KioskPrinter>;
  enableScanner(sessionId: string | null): Promise<void>;
  disableScanner(sessionId: string | null): Promise<void>;
  enableCardEntry(sessionId: string | null): Promise<void>;
  readCard(sessionId: string | null): Promise<CardRead>;
  ejectCard(sessionId: string | null): Promise<void>;
  /** `journalKey` (the payment's idempotency key) makes the agent journal the print's result. */
  print(document: ReceiptDocument, options: { sessionId: string | null; journalKey: string }): Promise<void>;
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

  const device = async (command: string, sessionId: string | null, body: unknown, extra = {}) => {
    const res = await send(`/agent/devices/${command}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-session-id': sessionId ?? '',
        'x-request-id': crypto.randomUUID(),
        ...extra,
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
    async kioskPrinter() {
      const res = await send('/agent/status', { method: 'GET' });
      if (!res.ok) throw new BillingCallError('agent-status', res.status);
      const status = (await res.json()) as AgentStatus;
      return { kioskId: status.kioskId, canPrint: printerCanPrint(status.devices) };
    },
    enableScanner: async (sessionId) => void (await device('scanner/enable', sessionId, {})),
    disableScanner: async (sessionId) => void (await device('scanner/disable', sessionId, {})),
    enableCardEntry: async (sessionId) => void (await device('card-reader/enable', sessionId, {})),
    async readCard(sessionId) {
      const { card } = await device('card-reader/read', sessionId, {});
      if (!isTrack2(card)) throw new BillingCallError('card-unreadable', 200);
      return { maskedPan: card.maskedPan, token: card.token };
    },
    ejectCard: async (sessionId) => void (await device('card-reader/eject', sessionId, {})),
    async print(document, { sessionId, journalKey }) {
      await device('printer/print', sessionId, document, { 'x-journal-key': journalKey });
    },
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
