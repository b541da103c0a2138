/**
 * The choosing half of the bill-payment flow, before any money: the catalog,
 * the kind of fee, the biller, the account (typed or scanned), the bills due
 * and the quote. Cancel is on every screen.
 */
import { assign } from 'xstate';
import { billPaymentSetup, failure } from './bill-payment.setup.ts';

const { createStateConfig } = billPaymentSetup;

export const catalogState = createStateConfig({
  initial: 'loading',
  states: {
    loading: {
      meta: { screen: 'loading' },
      invoke: {
        src: 'loadCatalog',
        onDone: {
          target: '#billPayment.choosing',
          actions: assign({ catalog: ({ event }) => event.output }),
        },
        onError: { target: 'failed', actions: { type: 'noteProblem', params: failure } },
      },
      after: { call: { target: 'failed', actions: assign({ problem: 'timeout' }) } },
    },
    failed: {
      meta: { screen: 'error' },
      on: {
        'user.retry': 'loading',
        'user.back': '#billPayment.leaving',
        'user.cancel': '#billPayment.leaving',
      },
    },
  },
});

export const choosingState = createStateConfig({
  // A paper bill held to the scanner on any of these screens finds the account at once.
  invoke: {
    src: 'scannerOn',
    input: ({ context }) => ({ sessionId: context.sessionId }),
    onError: { actions: 'noteScannerDown' },
  },
  on: {
    'device.scannerDown': { actions: 'noteScannerDown' },
    'device.event': { guard: 'isScan', target: 'lookup', actions: 'noteScan' },
    'user.cancel': 'leaving',
  },
  initial: 'kind',
  states: {
    kind: {
      meta: { screen: 'kind' },
      on: {
        'user.chooseKind': [
          { guard: 'hasOneBiller', target: 'account', actions: 'chooseKind' },
          { target: 'biller', actions: 'chooseKind' },
        ],
      },
    },
    biller: {
      meta: { screen: 'biller' },
      on: { 'user.chooseBiller': { target: 'account', actions: 'chooseBiller' }, 'user.back': 'kind' },
    },
    account: {
      meta: { screen: 'account' },
      on: {
        'user.typeAccount': { actions: 'typeAccount' },
        'user.submitAccount': [
          { guard: 'isAccountWellFormed', target: '#billPayment.lookup' },
          { actions: 'noteBadFormat' },
        ],
        'user.back': [{ guard: 'kindHasOneBiller', target: 'kind' }, { target: 'biller' }],
      },
    },
    history: { type: 'history' },
  },
});

export const lookupState = createStateConfig({
  initial: 'loading',
  states: {
    loading: {
      meta: { screen: 'looking-up' },
      invoke: {
        src: 'lookUp',
        input: ({ context }) =>
          context.barcode
            ? { barcode: context.barcode }
            : { billerId: context.biller?.id ?? '', account: context.account },
        onDone: [
          {
            guard: { type: 'hasNoBills', params: ({ event }) => event.output },
            target: '#billPayment.noBills',
            actions: assign({
              lookup: ({ event }) => event.output,
              biller: ({ event }) => event.output.biller,
            }),
          },
          {
            target: '#billPayment.bills',
            actions: assign({
              lookup: ({ event }) => event.output,
              biller: ({ event }) => event.output.biller,
              kind: ({ event }) => event.output.biller.kind,
              // All preselected, oldest first as the hub lists them; a resident may pay some.
              selected: ({ event }) => event.output.bills.map((b) => b.id),
            }),
          },
        ],
        onError: [
          {
            guard: { type: 'isBadFormat', params: failure },
            target: '#billPayment.choosing.account',
            actions: 'noteBadFormat',
          },
          {
            guard: { type: 'isNotFound', params: failure },
            target: '#billPayment.choosing.account',
            actions: 'noteNotFound',
          },
          // A scanned bill the hub does not know: the kind screen says so, typing still works.
          {
            guard: { type: 'isUnknownBarcode', params: failure },
            target: '#billPayment.choosing.kind',
            actions: 'noteUnknownBarcode',
          },
          { target: 'failed', actions: { type: 'noteProblem', params: failure } },
        ],
      },
      after: { call: { target: 'failed', actions: assign({ problem: 'timeout' }) } },
    },
    failed: {
      meta: { screen: 'error' },
      on: {
        'user.retry': 'loading',
        'user.back': '#billPayment.choosing.history',
        'user.cancel': '#billPayment.leaving',
      },
    },
  },
});

export const noBillsState = createStateConfig({
  meta: { screen: 'no-bills' },
  on: {
    'user.back': [
      { guard: 'hasBiller', target: 'choosing.account', actions: 'forgetAccount' },
      { target: 'choosing.kind', actions: 'forgetAccount' },
    ],
    'user.cancel': 'leaving',
  },
});

export const billsState = createStateConfig({
  meta: { screen: 'bills' },
  on: {
    'user.toggleBill': { actions: 'toggleBill' },
    'user.next': { guard: 'hasSelection', target: 'quote' },
    'user.back': { target: 'choosing.account', actions: 'forgetAccount' },
    'user.cancel': 'leaving',
  },
});

export const quoteState = createStateConfig({
  initial: 'loading',
  states: {
    loading: {
      meta: { screen: 'quoting' },
      invoke: {
        src: 'makeQuote',
        input: ({ context }) => ({
          accountToken: context.lookup?.accountToken ?? '',
          billIds: context.selected,
        }),
        onDone: { target: 'shown', actions: assign({ quote: ({ event }) => event.output }) },
        onError: [
          { guard: { type: 'isLookupGone', params: failure }, target: '#billPayment.lookup' },
          { target: 'failed', actions: { type: 'noteProblem', params: failure } },
        ],
      },
      after: { call: { target: 'failed', actions: assign({ problem: 'timeout' }) } },
    },
    shown: {
      meta: { screen: 'quote' },
      on: {
        'user.confirmQuote': [
          { guard: 'isQuoteExpired', target: 'loading', actions: assign({ notice: 'quote-renewed' }) },
          { target: '#billPayment.method', actions: 'clearNotice' },
        ],
        'user.back': { target: '#billPayment.bills', actions: 'clearNotice' },
        'user.cancel': '#billPayment.leaving',
      },
    },
    failed: {
      meta: { screen: 'error' },
      on: {
        'user.retry': 'loading',
        'user.back': '#billPayment.bills',
        'user.cancel': '#billPayment.leaving',
      },
    },
  },
});
