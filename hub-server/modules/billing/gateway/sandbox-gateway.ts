import { randomBytes } from 'node:crypto';
import { type Fault, FaultPlan, never } from '../sandbox/faults.ts';
import {
  GatewayDeclinedError,
  type GatewayNotice,
  type GatewayOrderStatus,
  type GatewayRefundStatus,
  type GatewayStatementLine,
  GatewayTimeoutError,
  GatewayUnavailableError,
  type PaymentGateway,
} from './gateway-adapter.ts';
import { SandboxNotifier } from './sandbox-notifier.ts';
import { cardOutcome, codeOutcome, type Outcome } from './sandbox-outcomes.ts';
import { verifyBody } from './signature.ts';

type Op = 'create' | 'charge' | 'close' | 'query' | 'refund' | 'statement';

interface Order {
  orderNo: string;
  amountFen: number;
  subject: string;
  expiresAt: string | null;
  state: 'open' | 'paid' | 'closed';
  gatewayRef?: string;
  refundRef?: string;
}

export interface SandboxGatewayDeps {
  /** The secret notifications are signed with (shared with the hub). */
  secret: string;
  now?: () => Date;
  /** The hub's base URL as a phone reaches it (the payer page and the notify route live there). */
  baseUrl: () => string;
  /** How notifications reach the hub; default: an HTTP POST to its notify route. */
  transport?: (body: string, signature: string) => Promise<number>;
}

/**
 * The built-in payment gateway. It is deliberately naive about repeats: every charge call it
 * approves takes money again (`charges`), so the hub's own at-most-once guard is what tests see.
 * Faults via `faults` (create, charge, close, query, refund, statement) and `notifier.next(...)`.
 */
export class SandboxGateway implements PaymentGateway {
  readonly faults = new FaultPlan<Op>();
  readonly notifier: SandboxNotifier;
  /** Every time money was taken, in order (the statement's charge lines; tests may edit them). */
  readonly charges: { orderNo: string; gatewayRef: string; amountFen: number; at: string }[] = [];
  /** Every refund made, in order (the statement's refund lines; tests may edit them). */
  readonly refunds: { orderNo: string; refundRef: string; amountFen: number; at: string }[] = [];
  private readonly orders = new Map<string, Order>();
  private readonly now: () => Date;
  /** References stay unique across sandbox instances that share one hub database (restarts). */
  private readonly instance = randomBytes(3).toString('hex');

  constructor(private readonly deps: SandboxGatewayDeps) {
    this.now = deps.now ?? (() => new Date());
    this.notifier = new SandboxNotifier(
      deps.secret,
      () => `${deps.baseUrl()}/api/v1/gateway/notify`,
      deps.transport,
    );
  }

  async createQrOrder(o: { orderNo: string; amountFen: number; subject: string; expiresAt: string }) {
    const fault = await this.enter('create');
    const act = () => {
      if (!this.orders.has(o.orderNo)) this.orders.set(o.orderNo, { ...o, state: 'open' });
    };
    if (fault) return this.lost(fault, act);
    act();
    return { content: `${this.deps.baseUrl()}/sandbox/gateway/pay/${encodeURIComponent(o.orderNo)}` };
  }

  async closeOrder(orderNo: string): Promise<GatewayOrderStatus> {
    const fault = await this.enter('close');
    const order = this.orders.get(orderNo);
    const act = () => {
      if (order?.state === 'open') order.state = 'closed';
    };
    if (fault) return this.lost(fault, act);
    act();
    return this.status(orderNo);
  }

  chargeCode(c: { orderNo: string; amountFen: number; code: string }) {
    return this.charge(c.orderNo, c.amountFen, codeOutcome(c.code));
  }

  chargeCard(c: { orderNo: string; amountFen: number; track2: string }) {
    return this.charge(c.orderNo, c.amountFen, cardOutcome(c.track2, c.amountFen));
  }

  async query(orderNo: string): Promise<GatewayOrderStatus> {
    const fault = await this.enter('query');
    if (fault) return this.lost(fault, () => {});
    return this.status(orderNo);
  }

  async refund(r: { orderNo: string; amountFen: number }): Promise<{ refundRef: string }> {
    const fault = await this.enter('refund');
    const order = this.orders.get(r.orderNo);
    const act = () => {
      if (order?.state !== 'paid' || order.refundRef) return;
      order.refundRef = `SBX-R-${order.gatewayRef}`;
      this.refunds.push({
        orderNo: order.orderNo,
        refundRef: order.refundRef,
        amountFen: order.amountFen,
        at: this.now().toISOString(),
      });
    };
    if (fault) return this.lost(fault, act);
    if (order?.state !== 'paid' || r.amountFen !== order.amountFen)
      throw new GatewayDeclinedError('refund-refused');
    act();
    return { refundRef: order.refundRef! };
  }

  async queryRefund(orderNo: string): Promise<GatewayRefundStatus> {
    const ref = this.orders.get(orderNo)?.refundRef;
    return ref ? { state: 'refunded', refundRef: ref } : { state: 'none' };
  }

  async statement({ from, to }: { from: string; to: string }): Promise<GatewayStatementLine[]> {
    const fault = await this.enter('statement');
    if (fault) return this.lost(fault, () => {});
    const within = (at: string) => at >= from && at < to;
    return [
      ...this.charges
        .filter((c) => within(c.at))
        .map((c) => ({
          kind: 'charge' as const,
          orderNo: c.orderNo,
          ref: c.gatewayRef,
          amountFen: c.amountFen,
          at: c.at,
        })),
      ...this.refunds
        .filter((r) => within(r.at))
        .map((r) => ({
          kind: 'refund' as const,
          orderNo: r.orderNo,
          ref: r.refundRef,
          amountFen: r.amountFen,
          at: r.at,
        })),
    ];
  }

  verifyNotice(rawBody: Buffer, signature: string | undefined): GatewayNotice | null {
    if (!verifyBody(rawBody, signature, this.deps.secret)) return null;
    return JSON.parse(rawBody.toString('utf8')) as GatewayNotice;
  }

  /** The payer pays a QR order on the payer page; then the hub is notified (awaited). */
  async payQr(orderNo: string): Promise<'paid' | 'already-paid' | 'closed' | 'expired' | 'none'> {
    const order = this.orders.get(orderNo);
    if (!order) return 'none';
    if (order.state === 'paid') return 'already-paid';
    if (order.state === 'closed') return 'closed';
    if (order.expiresAt && this.now().toISOString() >= order.expiresAt) return 'expired';
    this.take(order);
    await this.notifier.send(this.noticeOf(order));
    return 'paid';
  }

  /** A correctly signed notice of any state for an order (tests send stale or out-of-order ones). */
  noticeOf(order: Pick<Order, 'orderNo' | 'amountFen' | 'state' | 'gatewayRef'>): GatewayNotice {
    const state = order.state === 'paid' ? 'paid' : 'closed';
    return {
      orderNo: order.orderNo,
      state,
      amountFen: order.amountFen,
      gatewayRef: order.gatewayRef,
      at: this.now().toISOString(),
    };
  }

  /** An order as the sandbox holds it (tests and the payer page read it). */
  order(orderNo: string): Readonly<Order> | undefined {
    return this.orders.get(orderNo);
  }

  /** How many times money was taken for an order. */
  chargesFor(orderNo: string): number {
    return this.charges.filter((c) => c.orderNo === orderNo).length;
  }

  private async charge(
    orderNo: string,
    amountFen: number,
    outcome: Outcome,
  ): Promise<{ gatewayRef: string }> {
    const fault = await this.enter('charge');
    const order: Order = this.orders.get(orderNo) ?? {
      orderNo,
      amountFen,
      subject: '',
      expiresAt: null,
      state: 'open',
    };
    this.orders.set(orderNo, order);
    if (order.state === 'closed') throw new GatewayDeclinedError('order-closed');
    if (fault) return this.lost(fault, () => this.take(order));
    if (outcome.kind === 'decline') throw new GatewayDeclinedError(outcome.reason);
    if (outcome.kind === 'timeout')
      return this.lost({ kind: 'timeout', applied: outcome.charged }, () => this.take(order));
    return { gatewayRef: this.take(order) };
  }

  /** Takes the money: every call is a charge, as a naive gateway would. */
  private take(order: Order): string {
    const gatewayRef = `SBX-G-${this.instance}-${String(this.charges.length + 1).padStart(6, '0')}`;
    this.charges.push({
      orderNo: order.orderNo,
      gatewayRef,
      amountFen: order.amountFen,
      at: this.now().toISOString(),
    });
    order.state = 'paid';
    order.gatewayRef ??= gatewayRef;
    return order.gatewayRef;
  }

  private status(orderNo: string): GatewayOrderStatus {
    const o = this.orders.get(orderNo);
    if (!o) return { state: 'none' };
    return o.state === 'paid' ? { state: 'paid', gatewayRef: o.gatewayRef! } : { state: o.state };
  }

  private async enter(
    op: Op,
  ): Promise<Exclude<Fault, { kind: 'fail' | 'reject' | 'duplicate' }> | undefined> {
    await this.faults.delay();
    const fault = this.faults.take(op);
    if (fault?.kind === 'fail') throw new GatewayUnavailableError(`sandbox gateway: ${op} failed`);
    if (fault?.kind === 'reject') throw new GatewayDeclinedError(fault.reason);
    return fault?.kind === 'duplicate' ? undefined : fault;
  }

  private lost(fault: { kind: 'timeout' | 'hang'; applied: boolean }, act: () => unknown): Promise<never> {
    if (fault.applied) act();
    if (fault.kind === 'hang') return never();
    throw new GatewayTimeoutError('sandbox gateway: no answer in time');
  }
}
