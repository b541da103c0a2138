/**
 * The flow's side effects, each an actor around one client call. The machine
 * invokes them by name; a test builds them from a fake client.
 */
import { type EventObject, fromCallback, fromPromise } from 'xstate';
import type {
  BillingCatalog,
  LookupRequest,
  LookupResult,
  Payment,
  PayRequest,
  Quote,
  QuoteRequest,
} from '../../../../hub-server/modules/billing/billing.contract.ts';
import type { BillPaymentClient, CardRead, KioskPrinter } from './bill-payment.client.ts';
import { receiptDocument } from './receipt.ts';

interface Session {
  sessionId: string | null;
}

export function billPaymentActors(client: BillPaymentClient) {
  return {
    loadCatalog: fromPromise<BillingCatalog>(() => client.catalog()),
    lookUp: fromPromise<LookupResult, LookupRequest>(({ input }) => client.lookup(input)),
    makeQuote: fromPromise<Quote, QuoteRequest>(({ input }) => client.quote(input)),
    checkPrinter: fromPromise<KioskPrinter>(() => client.kioskPrinter()),
    pay: fromPromise<Payment, { request: PayRequest; key: string }>(({ input }) =>
      client.pay(input.request, input.key),
    ),
    fetchPayment: fromPromise<Payment, { id: string }>(({ input }) => client.payment(input.id)),
    cancelPayment: fromPromise<Payment, { id: string }>(({ input }) => client.cancel(input.id)),
    /** The scanner reads while this runs; scans arrive as `device.event` from the session. */
    scannerOn: fromCallback<EventObject, Session>(({ input, sendBack }) => {
      client.enableScanner(input.sessionId).catch(() => sendBack({ type: 'device.scannerDown' }));
      return () => {
        client.disableScanner(input.sessionId).catch(() => {});
      };
    }),
    acceptCard: fromPromise<void, Session>(({ input }) => client.enableCardEntry(input.sessionId)),
    readCard: fromPromise<CardRead, Session>(({ input }) => client.readCard(input.sessionId)),
    /** Gives the card back if one is inside; nothing to do otherwise. */
    ejectCard: fromPromise<void, Session & { inside: boolean }>(async ({ input }) => {
      if (input.inside) await client.ejectCard(input.sessionId);
    }),
    /** Prints the receipt; the journal key (the payment's idempotency key) files its result with the payment. */
    printReceipt: fromPromise<
      void,
      Session & { payment: Payment | null; kioskId: string; journalKey: string }
    >(async ({ input }) => {
      if (!input.payment) throw new Error('no payment to print a receipt for');
      const document = receiptDocument({
        payment: input.payment,
        kioskId: input.kioskId,
        printedAt: new Date(),
      });
      await client.print(document, { sessionId: input.sessionId, journalKey: input.journalKey });
    }),
    /**
     * Leaving before money moved: cancels the payment that was created (a QR
     * not yet paid) and gives back a card. Answers the payment as the hub left it.
     */
    leave: fromPromise<Payment | null, Session & { paymentId: string | null; cardInside: boolean }>(
      async ({ input }) => {
        if (input.cardInside) await client.ejectCard(input.sessionId).catch(() => {});
        return input.paymentId ? client.cancel(input.paymentId) : null;
      },
    ),
  };
}
