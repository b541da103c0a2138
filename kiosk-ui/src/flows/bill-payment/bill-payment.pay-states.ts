/**
 * The paying half of the bill-payment flow: the method (its screen says whether
 * the receipt will be on paper, from the printer's status the shell keeps), the
 * prompts (QR, payment code, card), the pay call and its retries, and the
 * wait for a final state. Cancel goes only while no money can have moved.
 */
import { assign } from 'xstate';
import type { Payment, PayRequest } from '../../../../hub-server/modules/billing/billing.contract.ts';
import { billPaymentSetup, failure } from './bill-payment.setup.ts';
import type { BillPaymentContext } from './bill-payment.types.ts';

const { createStateConfig } = billPaymentSetup;

type PaymentDone = { event: { output: Payment } };
const output = ({ event }: PaymentDone) => event.output;
const keep = { type: 'keepPayment', params: output } as const;

/**
 * Where a payment's answer sends the screen: posted, refunded or failed are final; anything else
 * (paid and posting, or the hub's own `unknown`, which its resolver settles) keeps waiting.
 */
export function settle(keepWaiting: string) {
  return [
    { guard: { type: 'isPosted', params: output }, target: '#billPayment.settled.success', actions: keep },
    { guard: { type: 'isRefunded', params: output }, target: '#billPayment.settled.refunded', actions: keep },
    { guard: { type: 'isFailed', params: output }, target: '#billPayment.settled.failed', actions: keep },
    { target: keepWaiting, actions: keep },
  ] as const;
}

function payRequest(context: BillPaymentContext): PayRequest {
  const quoteId = context.quote?.id ?? '';
  if (context.method === 'payment-code')
    return { quoteId, method: 'payment-code', paymentCode: context.paymentCode ?? '' };
  if (context.method === 'card') return { quoteId, method: 'card', cardToken: context.card?.token ?? '' };
  return { quoteId, method: 'qr' };
}

const session = ({ context }: { context: BillPaymentContext }) => ({ sessionId: context.sessionId });

export const methodState = createStateConfig({
  meta: { screen: 'method' },
  on: {
    'user.chooseMethod': [
      { guard: { type: 'isMethod', params: 'qr' }, target: 'paying', actions: 'startAttempt' },
      { guard: { type: 'isMethod', params: 'payment-code' }, target: 'codePrompt', actions: 'startAttempt' },
      { guard: 'canPayByCard', target: 'cardPrompt', actions: 'startAttempt' },
    ],
    'user.back': { target: 'quote.shown', actions: 'clearNotice' },
    'user.cancel': 'leaving',
  },
});

/** "Show your payment code to the scanner." */
export const codePromptState = createStateConfig({
  meta: { screen: 'pay-code', idleSeconds: 180 },
  invoke: { src: 'scannerOn', input: session, onError: { actions: 'noteScannerDown' } },
  on: {
    'device.scannerDown': { actions: 'noteScannerDown' },
    'device.event': { guard: 'isScan', target: 'paying', actions: 'notePaymentCode' },
    'user.back': 'method',
    'user.cancel': 'leaving',
  },
  after: { prompt: { target: 'method', actions: assign({ notice: 'code-timeout' }) } },
});

/** "Insert your card": the reader's gate opens, the card goes in, then it is read. */
export const cardPromptState = createStateConfig({
  meta: { screen: 'pay-card', idleSeconds: 180 },
  invoke: {
    src: 'acceptCard',
    input: session,
    onError: { target: 'cardFailed', actions: { type: 'noteProblem', params: failure } },
  },
  on: {
    'device.event': { guard: 'isCardInserted', target: 'readingCard', actions: assign({ cardInside: true }) },
    'user.back': 'method',
    'user.cancel': 'leaving',
  },
  after: { prompt: { target: 'method', actions: assign({ notice: 'card-timeout' }) } },
});

export const readingCardState = createStateConfig({
  meta: { screen: 'reading-card', idleSeconds: 180 },
  invoke: {
    src: 'readCard',
    input: session,
    onDone: { target: 'paying', actions: assign({ card: ({ event }) => event.output }) },
    onError: { target: 'cardFailed', actions: { type: 'noteProblem', params: failure } },
  },
  after: { call: { target: 'cardFailed', actions: assign({ problem: 'timeout' }) } },
});

/** The card could not be read or the reader would not open: nothing was charged. */
export const cardFailedState = createStateConfig({
  meta: { screen: 'error' },
  on: {
    'user.retry': [{ guard: 'isCardInside', target: 'readingCard' }, { target: 'cardPrompt' }],
    'user.back': 'givingCardBack',
    'user.cancel': 'leaving',
  },
});

export const givingCardBackState = createStateConfig({
  meta: { screen: 'take-card' },
  invoke: {
    src: 'ejectCard',
    input: ({ context }) => ({ sessionId: context.sessionId, inside: context.cardInside }),
    onDone: { target: 'method', actions: assign({ cardInside: false, card: null }) },
    onError: { target: 'method', actions: assign({ card: null }) },
  },
  after: { call: { target: 'method', actions: assign({ card: null }) } },
});

/** The pay call. From here on money may move: no cancel, only the wait for a final state. */
export const payingState = createStateConfig({
  meta: { screen: 'paying', idleSeconds: 180, locked: true },
  invoke: {
    src: 'pay',
    input: ({ context }) => ({ request: payRequest(context), key: context.attemptKey ?? '' }),
    onDone: [
      {
        guard: { type: 'isAwaitingPayer', params: ({ event }) => event.output },
        target: 'qr',
        actions: keep,
      },
      ...settle('waiting'),
    ],
    onError: [
      {
        guard: { type: 'isQuoteExpiredError', params: failure },
        target: 'quote.loading',
        actions: assign({ notice: 'quote-renewed' }),
      },
      {
        guard: { type: 'isDeclinedError', params: failure },
        target: 'settled.failed',
        actions: assign({ problem: 'card-declined' }),
      },
      {
        guard: { type: 'isRefusal', params: failure },
        target: 'payRefused',
        actions: { type: 'noteProblem', params: failure },
      },
      { target: 'payUncertain', actions: { type: 'noteProblem', params: failure } },
    ],
  },
  after: { payCall: { target: 'payUncertain', actions: assign({ problem: 'timeout' }) } },
});

/** The hub refused the payment outright (a 4xx): nothing was charged, so back and cancel are safe. */
export const payRefusedState = createStateConfig({
  meta: { screen: 'error' },
  on: { 'user.retry': 'paying', 'user.back': 'givingCardBack', 'user.cancel': 'leaving' },
});

/** No answer to the pay call: it may have charged. Retry with the same key; no cancel. */
export const payUncertainState = createStateConfig({
  meta: { screen: 'pay-error', idleSeconds: 180, locked: true },
  on: { 'user.retry': 'paying' },
});
