import type { Router } from 'express';
import type { Logger } from 'pino';
import type { HubClient } from '../hub/hub-client.ts';
import type { Delivery } from '../journal/delivery.ts';
import type { ResidentParts } from '../session/resident-parts.ts';
import type { ReceiptKiosk } from './payment-receipt.ts';
import { type PaymentPrinter, PaymentReceipts } from './payment-receipts.ts';
import { ReceiptRecovery, type RecoveryPoll } from './receipt-recovery.ts';
import { receiptRoutes } from './receipt-routes.ts';

export interface ReceiptPartsDeps {
  hub: () => HubClient | undefined;
  printer: PaymentPrinter | undefined;
  /** Its journal and resolver; its outbox's telemetry tells the maintainers. */
  delivery: Pick<Delivery, 'journal' | 'resolver' | 'telemetry'>;
  /** The session the route's requests must name, and the last-receipt memory for a reprint. */
  resident: Pick<ResidentParts, 'session' | 'receipts'>;
  kiosk: ReceiptKiosk;
  logger: Logger;
  poll?: Partial<RecoveryPoll>;
}

/**
 * The agent's bill payment receipts: the route a screen asks to print one through, and the
 * recovery that prints the one a crash left unprinted, whether the crash left the pay step open
 * (hooked to the journal resolver, so build this before the resolver starts) or came after its
 * answer and before the screen's print (a scan of the journal at start).
 */
export function receiptParts(d: ReceiptPartsDeps): { router: Router; recovery: ReceiptRecovery } {
  const logger = d.logger.child({ name: 'agent:receipts' });
  const { journal, resolver } = d.delivery;
  const { session } = d.resident;
  const receipts = new PaymentReceipts({ ...d, journal, receipts: d.resident.receipts, logger });
  const notify = (body: Record<string, unknown>) => d.delivery.telemetry(body);
  const recovery = new ReceiptRecovery({ journal, receipts, notify, logger, poll: d.poll });
  // Only a step a crash left open: a 504 of this run leaves its resident at the screen, whose flow prints.
  resolver.whenResolved((key, record, fromBefore) => {
    if (fromBefore) recovery.resolved(key, record);
  });
  // Steps answered just before the agent stopped, whose screen never asked for the print.
  recovery.afterRestart();
  return { router: receiptRoutes({ session, receipts, logger }), recovery };
}
