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
import type { BillPaymentClient, CardRead } from './bill-payment.client.ts';

interface Session {
  sessionId: string | null;
}

export function billPaymentActors(client: BillPaymentClient) {
  return {
    loadCatalog: fromPromise<BillingCatalog>(() => client.catalog()),
    lookUp: fromPromise<LookupResult, LookupRequest>(({ input }) => client.lookup(input)),
    makeQuote: fromPromise<Quote, QuoteRequest>(({ input }) => client.quote(input)),
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
    /** The agent prints the receipt from the hub's record of the payment, once per payment. */
    printReceipt: fromPromise<void, Session & { paymentId: string }>(({ input }) =>
      client.printReceipt(input.paymentId, input.sessionId),
    ),
    reprintReceipt: fromPromise<void, Session & { paymentId: string }>(({ input }) =>
      client.reprintReceipt(input.paymentId, input.sessionId),
    ),
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
