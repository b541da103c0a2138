import type { Logger } from 'pino';
import type { PaymentState } from './billing.contract.ts';
import { canTransition, stageOf } from './domain.ts';
import type { PaymentPatch, PaymentRecord, PaymentStore } from './payment.store.ts';

/** Raised for a move the state table forbids: a bug, never a resident's doing. */
export class IllegalTransitionError extends Error {}

/**
 * The only way a payment changes state: checked against domain.ts TRANSITIONS, written as a
 * compare-and-set (the event row follows in the same statement, and the row as it now is comes
 * back from it: no second read), logged without personal data.
 */
export class PaymentMover {
  constructor(
    private readonly store: PaymentStore,
    private readonly now: () => Date,
    private readonly logger: Logger,
  ) {}

  /** `p` moved to `to`, or undefined when another worker moved it first. */
  async move(
    p: PaymentRecord,
    to: PaymentState,
    patch: PaymentPatch = {},
  ): Promise<PaymentRecord | undefined> {
    if (!canTransition(p.state, to, p.stage))
      throw new IllegalTransitionError(`payment ${p.id}: ${p.state} → ${to} is not allowed`);
    const stage = to === 'unknown' ? stageOf(p.state) : null;
    const moved = await this.store.move(
      p.id,
      p.state,
      to,
      { reason: null, ...patch, stage },
      this.now().toISOString(),
    );
    if (!moved) return undefined;
    this.logger.info(
      { paymentId: p.id, from: p.state, to, reason: patch.reason ?? undefined },
      'payment moved',
    );
    return moved;
  }
}
