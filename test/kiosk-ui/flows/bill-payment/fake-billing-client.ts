/**
 * A scripted stand-in for the bill-payment client: demo billers, bills and a
 * payment whose states a test lines up. It records every call, so a test can
 * read what the flow asked for (idempotency keys, receipts asked of the agent). Plain
 * TypeScript with no Node imports: the browser fixture uses it too.
 */

import type {
  Bill,
  BillerInfo,
  BillingCatalog,
  FeeKind,
  LookupRequest,
  LookupResult,
  Payment,
  PaymentState,
  PayRequest,
  Quote,
  QuoteRequest,
} from '../../../../hub-server/modules/billing/billing.contract.ts';
import type {
  BillPaymentClient,
  CardRead,
} from '../../../../kiosk-ui/src/flows/bill-payment/bill-payment.client.ts';
import { BillingCallError } from '../../../../kiosk-ui/src/flows/bill-payment/bill-payment.client.ts';

const biller = (
  id: string,
  kind: FeeKind,
  name: string,
  account: Partial<BillerInfo['account']> = {},
): BillerInfo => ({
  id,
  kind,
  name,
  account: { label: '户号', pattern: '^\\d{10}$', keypad: 'numeric', example: '3501234567', ...account },
  barcode: true,
});

export const WATER = biller('fz-water', 'water', '福州水务集团');
export const POWER_A = biller('sgcc-fj', 'electricity', '国网福建电力');
export const POWER_B = biller('fz-power-coop', 'electricity', '鼓楼区供电服务站');
export const FINE = biller('fz-traffic', 'traffic-fine', '福州市公安局交警支队', {
  label: '决定书编号',
  pattern: '^[A-Z]{2}\\d{8}$',
  keypad: 'text',
  example: 'FZ20261234',
});

/** Thirteen kinds: water with one biller, electricity with two, the rest one each. */
export function demoCatalog(): BillingCatalog {
  const others: [FeeKind, string][] = [
    ['gas', '福州华润燃气'],
    ['heating', '鼓楼供热公司'],
    ['property', '东街口物业'],
    ['landline', '中国电信福州分公司'],
    ['mobile', '中国移动福建公司'],
    ['broadband', '福州广电宽带'],
    ['cable-tv', '福建广电网络'],
    ['sanitation', '鼓楼区环卫处'],
    ['parking', '福州市停车管理'],
    ['social-insurance', '福州市社保中心'],
  ];
  return {
    kinds: [
      { kind: 'water', billers: [WATER] },
      { kind: 'electricity', billers: [POWER_A, POWER_B] },
      ...others.map(([kind, name]) => ({ kind, billers: [biller(`demo-${kind}`, kind, name)] })),
      { kind: 'traffic-fine', billers: [FINE] },
    ],
  };
}

export const demoBills = (): Bill[] => [
  {
    id: 'b-2026-09',
    period: '2026年9月',
    amountFen: 4280,
    lateFeeFen: 120,
    dueDate: '2026-10-25',
    overdue: true,
  },
  {
    id: 'b-2026-10',
    period: '2026年10月',
    amountFen: 3650,
    lateFeeFen: 0,
    dueDate: '2026-11-25',
    overdue: false,
  },
  {
    id: 'b-2026-11',
    period: '2026年11月',
    amountFen: 3910,
    lateFeeFen: 0,
    dueDate: '2026-12-25',
    overdue: false,
  },
];

export interface Call {
  method: keyof BillPaymentClient;
  args: unknown[];
}

/** What a test scripts; every field may be changed between steps. */
export class FakeBillingClient implements BillPaymentClient {
  calls: Call[] = [];
  catalogAnswer: BillingCatalog | Error = demoCatalog();
  bills: Bill[] = demoBills();
  lookupError: Error | null = null;
  /** When each quote expires, from now. */
  quoteLifetimeMs = 10 * 60_000;
  /** Answers to the pay calls in turn; when empty, a payment in the method's first state. */
  payAnswers: (Payment | Error | ((request: PayRequest) => Payment))[] = [];
  /** The states the payment goes through, one per poll; the last one stays. */
  states: PaymentState[] = ['posted'];
  /** Extra fields of the payment once charged or failed (a reason, references). */
  settled: Partial<Payment> = {};
  cancelError: Error | null = null;
  /** What the agent answers to the receipt's print (paper out, …); null: printed. */
  printError: Error | null = null;
  reprintError: Error | null = null;
  card: CardRead | Error = { maskedPan: '622202******1234', token: 'card-token-1' };
  /** Each answer waits this long (the browser fixture's pace). */
  delayMs = 0;
  private current: Payment | null = null;
  private quoteCount = 0;

  private async answer<T>(
    method: keyof BillPaymentClient,
    args: unknown[],
    make: () => T | Error,
  ): Promise<T> {
    this.calls.push({ method, args });
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const value = make();
    if (value instanceof Error) throw value;
    return value;
  }

  callsOf(method: keyof BillPaymentClient): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  catalog() {
    return this.answer('catalog', [], () => this.catalogAnswer);
  }

  lookup(request: LookupRequest) {
    return this.answer('lookup', [request], (): LookupResult | Error => {
      if (this.lookupError) return this.lookupError;
      const found =
        'barcode' in request
          ? WATER
          : demoCatalog()
              .kinds.flatMap((k) => k.billers)
              .find((b) => b.id === request.billerId);
      if (!found) return new BillingCallError('account-not-found', 404);
      return {
        biller: found,
        accountMasked: '35****4567',
        holderMasked: '张*',
        accountToken: 'acct-token-1',
        bills: this.bills,
      };
    });
  }

  quote(request: QuoteRequest) {
    return this.answer('quote', [request], (): Quote => {
      this.quoteCount += 1;
      const items = this.bills
        .filter((b) => request.billIds.includes(b.id))
        .map((b) => ({ billId: b.id, period: b.period, amountFen: b.amountFen }));
      const amountFen = items.reduce((sum, item) => sum + item.amountFen, 0);
      return {
        id: `q-${this.quoteCount}`,
        biller: WATER,
        accountMasked: '35****4567',
        items,
        amountFen,
        feeFen: 0,
        totalFen: amountFen,
        expiresAt: new Date(Date.now() + this.quoteLifetimeMs).toISOString(),
      };
    });
  }

  pay(request: PayRequest, idempotencyKey: string) {
    return this.answer('pay', [request, idempotencyKey], (): Payment | Error => {
      const next = this.payAnswers.shift();
      if (next instanceof Error) return next;
      const quote = this.lastQuote();
      const payment =
        typeof next === 'function' ? next(request) : (next ?? this.firstPayment(request, quote));
      this.current = payment;
      return payment;
    });
  }

  payment(id: string) {
    return this.answer('payment', [id], (): Payment => {
      const state =
        this.states.length > 1 ? (this.states.shift() as PaymentState) : (this.states[0] ?? 'posted');
      const base = this.current ?? this.firstPayment({ quoteId: 'q-1', method: 'qr' }, this.lastQuote());
      this.current = withState(base, state, this.settled);
      return this.current;
    });
  }

  cancel(id: string) {
    return this.answer('cancel', [id], (): Payment | Error => {
      if (this.cancelError) return this.cancelError;
      const base = this.current ?? this.firstPayment({ quoteId: 'q-1', method: 'qr' }, this.lastQuote());
      this.current = withState(base, 'failed', { reason: 'cancelled' });
      return this.current;
    });
  }

  enableScanner(sessionId: string | null) {
    return this.answer('enableScanner', [sessionId], () => undefined);
  }
  disableScanner(sessionId: string | null) {
    return this.answer('disableScanner', [sessionId], () => undefined);
  }
  enableCardEntry(sessionId: string | null) {
    return this.answer('enableCardEntry', [sessionId], () => undefined);
  }
  readCard(sessionId: string | null) {
    return this.answer('readCard', [sessionId], () => this.card);
  }
  ejectCard(sessionId: string | null) {
    return this.answer('ejectCard', [sessionId], () => undefined);
  }
  printReceipt(paymentId: string, sessionId: string | null) {
    return this.answer('printReceipt', [paymentId, sessionId], () => this.printError ?? undefined);
  }
  reprintReceipt(paymentId: string, sessionId: string | null) {
    return this.answer('reprintReceipt', [paymentId, sessionId], () => this.reprintError ?? undefined);
  }

  private lastQuote(): Quote {
    const items = this.bills.map((b) => ({ billId: b.id, period: b.period, amountFen: b.amountFen }));
    const amountFen = items.reduce((sum, item) => sum + item.amountFen, 0);
    return {
      id: `q-${this.quoteCount}`,
      biller: WATER,
      accountMasked: '35****4567',
      items,
      amountFen,
      feeFen: 0,
      totalFen: amountFen,
      expiresAt: new Date(Date.now() + this.quoteLifetimeMs).toISOString(),
    };
  }

  private firstPayment(request: PayRequest, quote: Quote): Payment {
    const now = new Date().toISOString();
    return {
      id: 'pay-0001',
      state: request.method === 'qr' ? 'awaiting_payer' : 'authorizing',
      method: request.method,
      quote,
      ...(request.method === 'qr'
        ? {
            qr: {
              content: 'https://pay.example.cn/qr/pay-0001',
              expiresAt: new Date(Date.now() + 120_000).toISOString(),
            },
          }
        : {}),
      createdAt: now,
      updatedAt: now,
    };
  }
}

/** The payment in `state`, with the references a charged payment has. */
export function withState(payment: Payment, state: PaymentState, extra: Partial<Payment> = {}): Payment {
  const charged = state === 'paid' || state === 'posting' || state === 'posted' || state === 'refunded';
  return {
    ...payment,
    state,
    ...(charged ? { gatewayRef: 'GW20261125000123', receiptUrl: 'https://hub.example.cn/r/pay-0001' } : {}),
    ...(state === 'posted' ? { postingRef: 'FZW-7788' } : {}),
    ...(state === 'awaiting_payer' ? {} : { qr: undefined }),
    ...extra,
    updatedAt: new Date().toISOString(),
  };
}
