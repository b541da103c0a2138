/**
 * After the pay call: the QR on screen, the wait for a final state, the
 * settled screens (paid with its receipt, refunded, failed, unknown) and
 * leaving with a cancel.
 * Polling is a loop of two states, so its timers run on the machine's clock.
 */
import { assign } from 'xstate';
import type { Payment } from '../../../../hub-server/modules/billing/billing.contract.ts';
import { settle } from './bill-payment.pay-states.ts';
import { billPaymentSetup } from './bill-payment.setup.ts';
import type { BillPaymentContext } from './bill-payment.types.ts';

const { createStateConfig } = billPaymentSetup;

const paymentId = ({ context }: { context: BillPaymentContext }) => ({ id: context.payment?.id ?? '' });

/** The QR code the resident scans with a wallet app, until it expires; the hub is asked every few seconds. */
export const qrState = createStateConfig({
  meta: { screen: 'pay-qr', idleSeconds: 180 },
  initial: 'pause',
  states: {
    pause: { after: { poll: 'polling' } },
    polling: {
      invoke: {
        src: 'fetchPayment',
        input: paymentId,
        onDone: [
          {
            guard: { type: 'isAwaitingPayer', params: ({ event }) => event.output },
            target: 'pause',
            actions: { type: 'keepPayment', params: ({ event }) => event.output },
          },
          ...settle('#billPayment.waiting'),
        ],
        // A missed answer is asked again; the QR's expiry bounds the wait.
        onError: 'pause',
      },
      after: { call: 'pause' },
    },
  },
  after: { qrExpiry: 'qrExpired' },
  on: { 'user.cancel': 'leaving' },
});

/** The QR ran out: cancel it, unless the payer paid at the last moment (then wait for its end). */
export const qrExpiredState = createStateConfig({
  meta: { screen: 'checking' },
  invoke: {
    src: 'cancelPayment',
    input: paymentId,
    onDone: [
      {
        guard: { type: 'isFailed', params: ({ event }) => event.output },
        target: 'method',
        actions: ['forgetPayment', assign({ notice: 'qr-expired' })],
      },
      { target: 'waiting', actions: { type: 'keepPayment', params: ({ event }) => event.output } },
    ],
    onError: 'waiting',
  },
  after: { call: 'waiting' },
});

/**
 * Money may be moving: poll until posted, refunded or failed; say plainly when it takes long.
 * In the end a payment whose money was taken (paid, posting) gets its receipt all the same;
 * anything else is `unknown` to the screen: the hotline and the transaction id.
 */
export const waitingState = createStateConfig({
  meta: { screen: 'waiting', idleSeconds: 180, locked: true },
  entry: assign({ slow: false }),
  initial: 'polling',
  states: {
    pause: { after: { poll: 'polling' } },
    polling: {
      invoke: { src: 'fetchPayment', input: paymentId, onDone: settle('pause'), onError: 'pause' },
      after: { call: 'pause' },
    },
  },
  after: {
    slow: { actions: assign({ slow: true }) },
    giveUp: [{ guard: 'isCharged', target: 'settled.success' }, { target: 'settled.unknown' }],
  },
});

const paymentForReceipt = ({ context }: { context: BillPaymentContext }) => ({
  sessionId: context.sessionId,
  paymentId: context.payment?.id ?? '',
});

/**
 * The agent prints the receipt (`then`: the screen after it); when it cannot (no paper, the
 * printer offline or failing, no answer) the screen shows the e-receipt's QR code instead.
 */
function printing(then: string, otherwise: string) {
  return {
    meta: { screen: 'printing', locked: true },
    invoke: {
      src: 'printReceipt',
      input: paymentForReceipt,
      onDone: { target: then, actions: 'notePrinted' },
      onError: { target: otherwise, actions: 'notePrintFailed' },
    },
    after: { call: { target: otherwise, actions: 'notePrintFailed' } },
  } as const;
}

/** A screen whose receipt came out on paper: 再打印一张 prints it once more, for two minutes. */
function reprintable(screen: string) {
  return {
    meta: { screen },
    entry: 'offerReprint',
    initial: 'offered',
    states: {
      offered: {
        after: { reprintWindow: { target: 'over', actions: 'closeReprint' } },
        on: { 'user.reprint': { target: 'reprinting', actions: 'startReprint' } },
      },
      reprinting: {
        invoke: {
          src: 'reprintReceipt',
          input: paymentForReceipt,
          onDone: { target: 'over', actions: 'noteReprinted' },
          onError: { target: 'over', actions: 'noteReprintFailed' },
        },
        after: { call: { target: 'over', actions: 'noteReprintFailed' } },
      },
      over: {},
    },
    on: { 'user.finish': '#billPayment.done' },
  } as const;
}

export const settledState = createStateConfig({
  // The wallet's payment code is a bearer token: it goes as soon as the payment has an answer.
  entry: assign({ paymentCode: null, slow: false }),
  invoke: {
    src: 'ejectCard',
    input: ({ context }) => ({ sessionId: context.sessionId, inside: context.cardInside }),
    onDone: { actions: assign({ cardInside: false }) },
    onError: { actions: 'noteCardStuck' },
  },
  initial: 'success',
  states: {
    // The agent is asked even when the shell last heard the printer had no paper: it checks again
    // (paper may be back), and it journals a receipt it could not print, so a restart soon after
    // does not print one the resident never waited for.
    success: { always: 'printing' },
    printing: printing('printed', 'eReceipt'),
    /** Paid, the receipt in the tray; it can be printed once more for two minutes. */
    printed: reprintable('done'),
    eReceipt: { meta: { screen: 'e-receipt' }, on: { 'user.finish': '#billPayment.done' } },
    /** The biller would not take the money, so it was given back: a receipt says so too. */
    refunded: {
      always: 'printingRefund',
    },
    printingRefund: printing('refundPrinted', 'refundShown'),
    /** Refunded, the refund receipt in the tray: once more for two minutes, as a paid one. */
    refundPrinted: reprintable('refunded'),
    refundShown: { meta: { screen: 'refunded' }, on: { 'user.finish': '#billPayment.done' } },
    failed: {
      meta: { screen: 'failed' },
      on: {
        'user.otherMethod': { target: '#billPayment.method', actions: 'forgetPayment' },
        'user.cancel': '#billPayment.home',
        'user.finish': '#billPayment.home',
      },
    },
    unknown: { meta: { screen: 'unknown' }, on: { 'user.finish': '#billPayment.done' } },
  },
});

/** Cancel before money moved: a created payment is cancelled and a card given back, then home. */
export const leavingState = createStateConfig({
  meta: { screen: 'leaving' },
  invoke: {
    src: 'leave',
    input: ({ context }) => ({
      sessionId: context.sessionId,
      paymentId: context.payment?.id ?? null,
      cardInside: context.cardInside,
    }),
    onDone: [
      // The payer paid just before the cancel reached the hub: the money is in, so is the receipt.
      {
        guard: { type: 'isMoving', params: ({ event }) => event.output },
        target: 'waiting',
        actions: { type: 'keepPayment', params: ({ event }) => event.output as Payment },
      },
      { target: 'home' },
    ],
    // A payment whose cancel went unanswered (or that the payer just paid) is watched to its end.
    onError: [{ guard: 'hasPayment', target: 'waiting' }, { target: 'home' }],
  },
  after: { call: [{ guard: 'hasPayment', target: 'waiting' }, { target: 'home' }] },
});
