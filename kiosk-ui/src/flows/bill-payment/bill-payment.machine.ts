/**
 * Paying a bill (issue 7), from the kind of fee to the receipt.
 *
 *   catalog → choosing (kind → biller? → account; a scanned paper bill skips ahead)
 *     → lookup → bills (none due: noBills) → quote → method
 *     → paying (QR: qr · payment code: codePrompt · card: cardPrompt → readingCard)
 *     → waiting (poll until posted, refunded or failed; give up as unknown) → settled
 *     settled: success (the agent prints the receipt, or the e-receipt QR when it cannot; a
 *              reprint for two minutes) · refunded (its receipt too) · failed · unknown (hotline)
 *
 * Cancel is on every screen until money may move (`leaving` cancels a payment
 * already created and gives back a card). From `paying` on there is no
 * cancel: the screen waits for the final state. One attempt has one
 * idempotency key, made before its first pay call and reused by every retry.
 * The states live in choose-states.ts, pay-states.ts and wait-states.ts; the
 * names they use in bill-payment.setup.ts.
 */
import { billPaymentActors } from './bill-payment.actors.ts';
import {
  billsState,
  catalogState,
  choosingState,
  lookupState,
  noBillsState,
  quoteState,
} from './bill-payment.choose-states.ts';
import type { BillPaymentClient } from './bill-payment.client.ts';
import {
  cardFailedState,
  cardPromptState,
  codePromptState,
  givingCardBackState,
  methodState,
  payingState,
  payRefusedState,
  payUncertainState,
  readingCardState,
} from './bill-payment.pay-states.ts';
import { billPaymentSetup } from './bill-payment.setup.ts';
import {
  leavingState,
  qrExpiredState,
  qrState,
  settledState,
  waitingState,
} from './bill-payment.wait-states.ts';

/** The machine with placeholder actors; `createBillPaymentMachine` gives it a client. */
export const billPaymentMachine = billPaymentSetup.createMachine({
  id: 'billPayment',
  context: ({ input }) => ({
    offer: input.offer,
    sessionId: input.sessionId,
    catalog: null,
    kind: null,
    biller: null,
    account: '',
    barcode: null,
    accountProblem: null,
    lookup: null,
    selected: [],
    quote: null,
    method: null,
    attemptKey: null,
    paymentCode: null,
    card: null,
    cardInside: false,
    cardStuck: false,
    scannerDown: false,
    payment: null,
    slow: false,
    problem: null,
    printed: false,
    paperPromised: false,
    printFailed: false,
    reprint: null,
    notice: null,
    helpOpen: false,
    outcome: 'home',
  }),
  initial: 'catalog',
  on: {
    'user.help': { actions: 'openHelp' },
    'user.closeHelp': { actions: 'closeHelp' },
    'device.offer': { actions: 'noteOffer' },
  },
  states: {
    catalog: catalogState,
    choosing: choosingState,
    lookup: lookupState,
    noBills: noBillsState,
    bills: billsState,
    quote: quoteState,
    method: methodState,
    codePrompt: codePromptState,
    cardPrompt: cardPromptState,
    readingCard: readingCardState,
    cardFailed: cardFailedState,
    givingCardBack: givingCardBackState,
    paying: payingState,
    payRefused: payRefusedState,
    payUncertain: payUncertainState,
    qr: qrState,
    qrExpired: qrExpiredState,
    waiting: waitingState,
    settled: settledState,
    leaving: leavingState,
    done: { type: 'final', entry: { type: 'end', params: 'done' } },
    home: { type: 'final', entry: { type: 'end', params: 'home' } },
  },
  output: ({ context }) => ({ outcome: context.outcome }),
});

/** The flow's machine speaking to the world through `client` (a fake in tests). */
export function createBillPaymentMachine(client: BillPaymentClient) {
  return billPaymentMachine.provide({ actors: billPaymentActors(client) });
}

export type BillPaymentMachine = typeof billPaymentMachine;
