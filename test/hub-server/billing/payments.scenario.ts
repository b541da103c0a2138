import fc from 'fast-check';

/** One thing that happens to the payments of a property-test run. */
export type Step =
  /** The kiosk sends (or resends, same body) the pay request; `wait: false` leaves it in flight. */
  | { t: 'pay'; i: number; wait: boolean }
  /** The payer pays the shown QR code; the notification goes as `notice` says. */
  | { t: 'payer'; i: number; notice: 'ok' | 'duplicate' | 'hold' | 'drop' | 'bad-signature' }
  /** Held notifications arrive, maybe newest first. */
  | { t: 'release'; reverse: boolean }
  | { t: 'cancel'; i: number }
  | { t: 'biller-fault'; fault: 'fail' | 'timeout-applied' | 'timeout-lost' }
  | {
      t: 'gateway-fault';
      op: 'create' | 'charge' | 'close' | 'query' | 'refund';
      fault: 'fail' | 'timeout-applied' | 'timeout-lost';
    }
  | { t: 'advance'; ms: number }
  | { t: 'resolve' }
  /** The hub process dies after `ticks` turns of the event loop and a new one opens the same file. */
  | { t: 'crash'; ticks: number };

const fault = fc.constantFrom('fail', 'timeout-applied', 'timeout-lost');
const i = fc.nat(3);

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('pay'), i, wait: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('payer'),
      i,
      notice: fc.constantFrom('ok', 'duplicate', 'hold', 'drop', 'bad-signature'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('release'), reverse: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('cancel'), i }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('biller-fault'), fault }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('gateway-fault'),
      op: fc.constantFrom('create', 'charge', 'close', 'query', 'refund'),
      fault,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('advance'), ms: fc.integer({ min: 0, max: 400_000 }) }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('resolve') }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('crash'), ticks: fc.nat(6) }) },
) as fc.Arbitrary<Step>;

/** One to three payments (account, method, test instrument) and up to 14 steps. */
export function scenario() {
  return fc.record({
    specs: fc.array(
      fc.record({
        account: fc.nat(2),
        method: fc.constantFrom('qr' as const, 'payment-code' as const, 'card' as const),
        instrument: fc.constantFrom(
          'ok' as const,
          'decline' as const,
          'timeout-charged' as const,
          'timeout-lost' as const,
        ),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    steps: fc.array(step, { minLength: 1, maxLength: 14 }),
  });
}
