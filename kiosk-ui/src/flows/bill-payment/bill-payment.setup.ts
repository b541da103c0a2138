/**
 * The bill-payment machine's vocabulary: its types, named guards, actions,
 * actors and delays. The states (choose-states.ts, pay-states.ts) refer to
 * these by name; the actors here are placeholders until the machine is built
 * with a client (bill-payment.machine.ts).
 */
import { assign, setup } from 'xstate';
import type { Payment } from '../../../../hub-server/modules/billing/billing.contract.ts';
import type { FlowInput, FlowOutput } from '../flow.ts';
import { billPaymentActors } from './bill-payment.actors.ts';
import type { BillPaymentClient } from './bill-payment.client.ts';
import {
  billersOf,
  isAccountWellFormed,
  isAwaitingPayer,
  isCardInserted,
  isCharged,
  isQuoteExpired,
  isRefusal,
  msUntil,
  scanText,
} from './bill-payment.rules.ts';
import type { BillPaymentContext, BillPaymentEvent } from './bill-payment.types.ts';

/** Timings in milliseconds; tests run them on a simulated clock. */
export const TIMINGS = {
  /** A hub or device call that has not answered by now is treated as failed. */
  call: 25_000,
  /** The pay call: longer, and its silence means "perhaps charged", never "not charged". */
  payCall: 40_000,
  poll: 2_000,
  /** After this the waiting screen says plainly that it is taking long. */
  slow: 20_000,
  /** After this without a final state, the payment is `unknown` to the screen: hotline and id. */
  giveUp: 180_000,
  /** How long the payment-code and card prompts wait for the resident. */
  prompt: 120_000,
  /** After the QR's own expiry, a little grace for a payment the payer just made. */
  qrGrace: 5_000,
  /** The paid screen offers a reprint this long (the agent keeps the last receipt as long). */
  reprintWindow: 120_000,
};

/** The code and HTTP status of a failed call (a BillingCallError, or anything else thrown). */
export const errorOf = (error: unknown) => ({
  code: (error as { code?: string })?.code ?? 'unexpected',
  status: (error as { status?: number | null })?.status ?? null,
});

/** What an invoke's error event carries: the `params` of the guards and actions that read it. */
export const failure = ({ event }: { event: unknown }) => (event as { error?: unknown }).error;

/** Stands in until the machine is built with a real client: every call fails. */
const noClient = new Proxy({} as BillPaymentClient, {
  get: () => () => Promise.reject(new Error('the bill-payment machine was built without a client')),
});

export const billPaymentSetup = setup({
  types: {
    context: {} as BillPaymentContext,
    events: {} as BillPaymentEvent,
    input: {} as FlowInput,
    output: {} as FlowOutput,
  },
  actors: billPaymentActors(noClient),
  guards: {
    hasOneBiller: ({ context, event }) =>
      event.type === 'user.chooseKind' && billersOf(context.catalog, event.kind).length === 1,
    kindHasOneBiller: ({ context }) => billersOf(context.catalog, context.kind).length === 1,
    hasBiller: ({ context }) => context.biller !== null,
    isAccountWellFormed: ({ context }) => isAccountWellFormed(context.biller, context.account),
    isScan: ({ event }) => event.type === 'device.event' && scanText(event.event) !== null,
    isCardInserted: ({ event }) => event.type === 'device.event' && isCardInserted(event.event),
    hasNoBills: (_, result: { bills: unknown[] }) => result.bills.length === 0,
    isBadFormat: ({ context }, error: unknown) =>
      context.barcode === null && errorOf(error).code === 'invalid-account',
    isNotFound: ({ context }, error: unknown) =>
      context.barcode === null && errorOf(error).code === 'account-not-found',
    isUnknownBarcode: ({ context }, error: unknown) =>
      context.barcode !== null &&
      ['invalid-barcode', 'account-not-found', 'invalid-account'].includes(errorOf(error).code),
    /** The quote's account token is no longer known to the hub: look the account up again. */
    isLookupGone: (_, error: unknown) => errorOf(error).code === 'lookup-not-found',
    hasSelection: ({ context }) => context.selected.length > 0,
    isQuoteExpired: ({ context }) => isQuoteExpired(context.quote?.expiresAt),
    canPayByCard: ({ context, event }) =>
      event.type === 'user.chooseMethod' && (event.method !== 'card' || context.offer.cardPayment),
    isMethod: ({ event }, method: string) => event.type === 'user.chooseMethod' && event.method === method,
    isAwaitingPayer: (_, payment: Payment) => isAwaitingPayer(payment),
    isPosted: (_, payment: Payment) => payment.state === 'posted',
    isRefunded: (_, payment: Payment) => payment.state === 'refunded',
    isFailed: (_, payment: Payment | null) => payment?.state === 'failed',
    /** A payment left behind by a cancel that came too late: the payer paid, so it is followed. */
    isMoving: (_, payment: Payment | null) => payment !== null && payment.state !== 'failed',
    /** The money was taken and is not being given back, though the biller has not confirmed yet. */
    isCharged: ({ context }) => isCharged(context.payment?.state),
    isQuoteExpiredError: (_, error: unknown) => errorOf(error).code === 'quote-expired',
    isDeclinedError: (_, error: unknown) => errorOf(error).code === 'card-declined',
    isRefusal: (_, error: unknown) => isRefusal(errorOf(error)),
    isCardInside: ({ context }) => context.cardInside,
    hasPayment: ({ context }) => context.payment !== null,
  },
  actions: {
    chooseKind: assign(({ context, event }) => {
      if (event.type !== 'user.chooseKind') return {};
      const billers = billersOf(context.catalog, event.kind);
      const biller = billers.length === 1 ? (billers[0] ?? null) : null;
      return { kind: event.kind, biller, account: '', accountProblem: null };
    }),
    chooseBiller: assign(({ context, event }) => {
      if (event.type !== 'user.chooseBiller') return {};
      const biller = billersOf(context.catalog, context.kind).find((b) => b.id === event.billerId);
      return biller ? { biller, account: '', accountProblem: null } : {};
    }),
    typeAccount: assign(({ event }) =>
      event.type === 'user.typeAccount' ? { account: event.value, accountProblem: null, barcode: null } : {},
    ),
    noteScan: assign(({ event }) =>
      event.type === 'device.event' ? { barcode: scanText(event.event), accountProblem: null } : {},
    ),
    noteBadFormat: assign({ accountProblem: 'format' as const }),
    noteNotFound: assign({ accountProblem: 'not-found' as const }),
    noteUnknownBarcode: assign({ accountProblem: 'barcode' as const, barcode: null }),
    forgetAccount: assign({ lookup: null, selected: [], quote: null, barcode: null }),
    toggleBill: assign(({ context, event }) => {
      if (event.type !== 'user.toggleBill') return {};
      const on = context.selected.includes(event.billId);
      return {
        selected: on
          ? context.selected.filter((id) => id !== event.billId)
          : [...context.selected, event.billId],
      };
    }),
    noteOffer: assign(({ event }) => (event.type === 'device.offer' ? { offer: event.offer } : {})),
    /** A new attempt: its own idempotency key, made before its first pay call. */
    startAttempt: assign(({ context, event }) => ({
      method: event.type === 'user.chooseMethod' ? event.method : null,
      paperPromised: context.offer.receipt === 'paper',
      attemptKey: crypto.randomUUID(),
      payment: null,
      paymentCode: null,
      card: null,
      problem: null,
      notice: null,
    })),
    notePaymentCode: assign(({ event }) =>
      event.type === 'device.event' ? { paymentCode: scanText(event.event) } : {},
    ),
    keepPayment: assign((_, payment: Payment) => ({ payment })),
    forgetPayment: assign({ payment: null, card: null, problem: null }),
    /** The screen then asks for the number to be typed, or another way to pay. */
    noteScannerDown: assign({ scannerDown: true }),
    /** The card did not come back out: the screen says so and gives the hotline. */
    noteCardStuck: assign({ cardStuck: true }),
    noteProblem: assign((_, error: unknown) => ({ problem: errorOf(error).code })),
    notePrinted: assign({ printed: true }),
    offerReprint: assign({ reprint: 'offered' }),
    closeReprint: assign({ reprint: null }),
    startReprint: assign({ reprint: 'printing' }),
    noteReprinted: assign({ reprint: 'done' }),
    noteReprintFailed: assign({ reprint: 'failed' }),
    // A receipt the method screen already promised as a QR code (no paper) is no failure.
    notePrintFailed: assign(({ context }) => ({ printFailed: context.paperPromised })),
    openHelp: assign({ helpOpen: true }),
    closeHelp: assign({ helpOpen: false }),
    clearNotice: assign({ notice: null }),
    end: assign((_, outcome: 'done' | 'home') => ({ outcome })),
  },
  delays: {
    call: () => TIMINGS.call,
    payCall: () => TIMINGS.payCall,
    poll: () => TIMINGS.poll,
    slow: () => TIMINGS.slow,
    giveUp: () => TIMINGS.giveUp,
    prompt: () => TIMINGS.prompt,
    qrExpiry: ({ context }) => msUntil(context.payment?.qr?.expiresAt) + TIMINGS.qrGrace,
    reprintWindow: () => TIMINGS.reprintWindow,
  },
});
