/** What the bill-payment machine holds and hears; the views read and send these. */

import type {
  BillerInfo,
  BillingCatalog,
  FeeKind,
  LookupResult,
  PayMethod,
  Payment,
  Quote,
} from '../../../../hub-server/modules/billing/billing.contract.ts';
import type { DeviceEvent } from '../../../../kiosk-agent/api/contract.ts';
import type { FlowOfferEvent } from '../flow.ts';
import type { DeviceOffer } from '../offer.ts';
import type { CardRead } from './bill-payment.client.ts';

/** Where the receipt's reprint stands on the paid screen. */
export type Reprint = 'offered' | 'printing' | 'done' | 'failed' | null;

/** A short note the next screen shows about what just happened. */
export type Notice = 'quote-renewed' | 'qr-expired' | 'code-timeout' | 'card-timeout' | null;

export interface BillPaymentContext {
  /** What the devices allow, kept up to date by the shell (`device.offer`): paper receipt or QR, card or not. */
  offer: DeviceOffer;
  sessionId: string | null;
  catalog: BillingCatalog | null;
  kind: FeeKind | null;
  biller: BillerInfo | null;
  /** What the resident typed on the keypad. */
  account: string;
  /** The paper bill's barcode the scanner read, when the account came that way. */
  barcode: string | null;
  /** Why the account was not looked up or found; `barcode`: a scanned bill the hub does not know. */
  accountProblem: 'format' | 'not-found' | 'barcode' | null;
  lookup: LookupResult | null;
  /** The bills chosen to pay, by id. */
  selected: string[];
  quote: Quote | null;
  method: PayMethod | null;
  /** One attempt's idempotency key: made before its first pay call, reused by every retry of it. */
  attemptKey: string | null;
  /** The wallet's payment code the scanner read (a bearer token: dropped once the payment settles). */
  paymentCode: string | null;
  card: CardRead | null;
  cardInside: boolean;
  cardStuck: boolean;
  /** The scanner could not be switched on. */
  scannerDown: boolean;
  payment: Payment | null;
  /** The waiting has gone on longer than it should: the screen says so. */
  slow: boolean;
  /** The last failure's stable code (`timeout`, `card-declined`, …). */
  problem: string | null;
  /** The agent printed the payment's receipt. */
  printed: boolean;
  /** The method screen said the receipt would be on paper (the printer's status as the attempt began). */
  paperPromised: boolean;
  /** The receipt was promised on paper and did not print: the e-receipt's QR shows instead, saying so. */
  printFailed: boolean;
  /** The reprint the paid screen offers for two minutes: not offered, offered, printing, done, failed. */
  reprint: Reprint;
  notice: Notice;
  helpOpen: boolean;
  outcome: 'done' | 'home';
}

export type BillPaymentEvent =
  | { type: 'user.chooseKind'; kind: FeeKind }
  | { type: 'user.chooseBiller'; billerId: string }
  | { type: 'user.typeAccount'; value: string }
  | { type: 'user.submitAccount' }
  | { type: 'user.toggleBill'; billId: string }
  | { type: 'user.next' }
  | { type: 'user.back' }
  | { type: 'user.confirmQuote' }
  | { type: 'user.chooseMethod'; method: PayMethod }
  | { type: 'user.retry' }
  | { type: 'user.cancel' }
  | { type: 'user.otherMethod' }
  | { type: 'user.finish' }
  | { type: 'user.reprint' }
  | { type: 'user.help' }
  | { type: 'user.closeHelp' }
  | { type: 'device.event'; event: DeviceEvent }
  /** From the shell: what the devices allow changed (the printer ran out of paper, the card reader came back). */
  | FlowOfferEvent
  /** From the flow's own scanner actor: the agent would not switch the scanner on. */
  | { type: 'device.scannerDown' };
