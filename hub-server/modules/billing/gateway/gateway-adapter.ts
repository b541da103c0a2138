/** The interface every payment gateway (bank acquirer, wallet provider) sits behind. */

/** What the gateway knows of an order (the hub's payment id is the order number). */
export type GatewayOrderStatus =
  | { state: 'paid'; gatewayRef: string }
  | { state: 'open' }
  | { state: 'closed' }
  | { state: 'none' };

export type GatewayRefundStatus = { state: 'refunded'; refundRef: string } | { state: 'none' };

/**
 * One line of the gateway's statement (对账单): money taken for an order, or given back. `ref` is
 * the gateway's transaction or refund reference; `at` is when the money moved (ISO instant).
 */
export interface GatewayStatementLine {
  kind: 'charge' | 'refund';
  orderNo: string;
  ref: string;
  amountFen: number;
  at: string;
}

/** A payment notification, once its signature checked out. */
export interface GatewayNotice {
  orderNo: string;
  state: 'paid' | 'closed';
  gatewayRef?: string;
  amountFen: number;
  at: string;
}

export interface PaymentGateway {
  /** A dynamic QR order: `content` is what the kiosk shows for the payer's phone. */
  createQrOrder(o: { orderNo: string; amountFen: number; subject: string; expiresAt: string }): Promise<{
    content: string;
  }>;
  /** Closes an order so it can no longer be paid; answers its status after (it may have been paid). */
  closeOrder(orderNo: string): Promise<GatewayOrderStatus>;
  /** Takes money with the payment code a wallet app shows (read by the scanner). */
  chargeCode(c: { orderNo: string; amountFen: number; code: string }): Promise<{ gatewayRef: string }>;
  /** Takes money from a bank card by its track 2 data. */
  chargeCard(c: { orderNo: string; amountFen: number; track2: string }): Promise<{ gatewayRef: string }>;
  /** What became of an order whose answer was lost. */
  query(orderNo: string): Promise<GatewayOrderStatus>;
  /** Gives a paid order's money back, whole; a repeat answers the same refund. */
  refund(r: { orderNo: string; amountFen: number }): Promise<{ refundRef: string }>;
  queryRefund(orderNo: string): Promise<GatewayRefundStatus>;
  /** Every charge and refund whose money moved in `[from, to)` (ISO instants): the reconciliation's statement. */
  statement(range: { from: string; to: string }): Promise<GatewayStatementLine[]>;
  /** The notice in a notification body, or null when its signature does not verify. */
  verifyNotice(rawBody: Buffer, signature: string | undefined): GatewayNotice | null;
}

/** The gateway did not answer in time: whether money moved is unknown. */
export class GatewayTimeoutError extends Error {
  readonly code = 'gateway-timeout';
  readonly timeout = true;
}

/** The gateway could not be reached or failed before acting: nothing moved. */
export class GatewayUnavailableError extends Error {
  readonly code = 'gateway-unavailable';
}

/** The gateway refused to take the money (`card-declined`, `pin-required`, …). */
export class GatewayDeclinedError extends Error {
  readonly code = 'gateway-declined';
  constructor(readonly reason: string) {
    super(`The gateway declined: ${reason}`);
  }
}
