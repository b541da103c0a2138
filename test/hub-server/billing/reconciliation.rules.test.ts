/*
 * Issue 7, reconciliation: the pure rules (findings.ts) and the Asia/Shanghai business day.
 */
import { describe, expect, it } from 'vitest';
import {
  businessDayOf,
  businessDayRange,
  isBusinessDay,
  isTimeOfDay,
  lastDailyRun,
  nextDailyRun,
  previousBusinessDay,
} from '../../../hub-server/modules/billing/reconciliation/business-day.ts';
import { classify } from '../../../hub-server/modules/billing/reconciliation/findings.ts';
import type {
  FarEnds,
  HubPayment,
} from '../../../hub-server/modules/billing/reconciliation/findings.types.ts';

const NOW = new Date('2026-11-25T04:00:00.000Z');
const T = { now: NOW, eventMark: 100, staleMs: 60_000, stuckMs: 3_600_000 };
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

function hub(over: Partial<HubPayment> = {}): HubPayment {
  return {
    id: 'p1',
    state: 'posted',
    stage: null,
    totalFen: 10_100,
    amountFen: 10_000,
    billerId: 'fjgd-fz',
    gatewayRef: 'G1',
    postingRef: 'P1',
    refundRef: null,
    createdAt: ago(600_000),
    updatedAt: ago(300_000),
    lastEventId: 50,
    ...over,
  };
}
const at = ago(400_000);
const charge = (amountFen = 10_100, ref = 'G1') => ({
  kind: 'charge' as const,
  orderNo: 'p1',
  ref,
  amountFen,
  at,
});
const refund = (ref = 'R1') => ({ kind: 'refund' as const, orderNo: 'p1', ref, amountFen: 10_100, at });
const posting = (postingRef = 'P1', amountFen = 10_000) => ({
  kind: 'posting' as const,
  serial: 'p1',
  postingRef,
  billerId: 'fjgd-fz',
  amountFen,
  at,
});
const reversal = () => ({ ...posting(), kind: 'reversal' as const });
const far = (f: Partial<FarEnds> = {}): FarEnds => ({
  charges: [],
  refunds: [],
  postings: [],
  reversals: [],
  ...f,
});
const kinds = (h: HubPayment | undefined, f: FarEnds, t = T) =>
  classify('p1', h, f, t).map((x) => `${x.kind}/${x.action}/${x.status}`);

describe('reconciliation rules (issue 7)', () => {
  it('when the three sides agree on a final payment, then nothing is found', () => {
    expect(kinds(hub(), far({ charges: [charge()], postings: [posting()] }))).toEqual([]);
    expect(
      kinds(
        hub({ state: 'refunded', postingRef: null, refundRef: 'R1' }),
        far({ charges: [charge()], refunds: [refund()] }),
      ),
    ).toEqual([]);
    // A posting the biller reversed before the refund nets to nothing.
    expect(
      kinds(
        hub({ state: 'refunded', postingRef: null, refundRef: 'R1' }),
        far({ charges: [charge()], refunds: [refund()], postings: [posting()], reversals: [reversal()] }),
      ),
    ).toEqual([]);
    expect(kinds(hub({ state: 'failed', gatewayRef: null, postingRef: null }), far())).toEqual([]);
  });

  it('when a final payment contradicts a far end, then a person is needed, unless the payment moved while the run read', () => {
    const posted = hub();
    const noPosting = far({ charges: [charge()] });
    expect(kinds(posted, noPosting)).toEqual(['paid-not-posted/post/needs-person']);
    expect(kinds({ ...posted, lastEventId: 101 }, noPosting)).toEqual(['paid-not-posted/post/in-flight']);
  });

  it('when an open payment is behind a far end, then in flight while fresh, the resolver’s once stale, a person’s once stuck', () => {
    const f = far({ charges: [charge()], postings: [posting()] });
    const posting_ = (ms: number) => hub({ state: 'posting', postingRef: null, updatedAt: ago(ms) });
    expect(kinds(posting_(1_000), f)).toEqual(['posted-not-at-hub/resolve/in-flight']);
    expect(kinds(posting_(61_000), f)).toEqual(['posted-not-at-hub/resolve/resolvable']);
    expect(kinds(posting_(3_600_000), f)).toEqual(['posted-not-at-hub/resolve/needs-person']);
  });

  it('when a payment is unknown, then one stuck-unknown finding, the resolver’s, naming what it will find', () => {
    const found = classify(
      'p1',
      hub({ state: 'unknown', stage: 'charge', gatewayRef: null, postingRef: null, updatedAt: ago(1_000) }),
      far({ charges: [charge()] }),
      T,
    );
    expect(found).toEqual([
      expect.objectContaining({
        kind: 'stuck-unknown',
        hubState: 'unknown:charge',
        action: 'resolve',
        status: 'resolvable',
        note: expect.stringContaining('charged-not-paid'),
      }),
    ]);
  });

  it('when an unknown payment also contradicts a far end, then that is listed for a person beside it', () => {
    expect(
      kinds(
        hub({ state: 'unknown', stage: 'charge', gatewayRef: null, postingRef: null }),
        far({ postings: [posting()] }),
      ),
    ).toEqual(['stuck-unknown/resolve/resolvable', 'posted-not-paid/reverse/needs-person']);
  });

  it('when the far end did something twice or for another amount, then a person is needed even while the payment moves', () => {
    const moving = hub({ state: 'posting', postingRef: null, updatedAt: ago(1_000), lastEventId: 101 });
    expect(kinds(moving, far({ charges: [charge(), charge(10_100, 'G2')] }))).toEqual([
      'duplicate-charge/refund-extra/needs-person',
      'paid-not-posted/post/in-flight',
    ]);
    expect(kinds(hub(), far({ charges: [charge(9_000)], postings: [posting('P1', 10_100)] }))).toEqual([
      'amount-mismatch/investigate/needs-person',
      'amount-mismatch/investigate/needs-person',
    ]);
  });

  it('when the refund is under way, then refund-missing-at-gateway is explained; once the gateway refunded, the hub is behind', () => {
    const refunding = hub({ state: 'refunding', postingRef: null, updatedAt: ago(1_000) });
    expect(kinds(refunding, far({ charges: [charge()] }))).toEqual([
      'refund-missing-at-gateway/refund/in-flight',
    ]);
    expect(kinds(refunding, far({ charges: [charge()], refunds: [refund()] }))).toEqual([
      'refund-not-at-hub/resolve/in-flight',
    ]);
  });

  it('when the gateway moved money for an order the hub never made, then unknown-order carries the three sides’ states and amounts', () => {
    const [f] = classify('p1', undefined, far({ charges: [charge()], refunds: [refund()] }), T);
    expect(f).toMatchObject({
      kind: 'unknown-order',
      hubState: 'absent',
      gatewayState: 'charged+refunded',
      billerState: 'none',
      hubFen: null,
      gatewayFen: 0,
      billerFen: 0,
      action: 'investigate',
      status: 'needs-person',
    });
  });
});

describe('the business day in Asia/Shanghai', () => {
  it('when a day is named, then it runs from 16:00 UTC the day before to 16:00 UTC', () => {
    expect(businessDayRange('2026-11-25')).toEqual({
      from: '2026-11-24T16:00:00.000Z',
      to: '2026-11-25T16:00:00.000Z',
    });
    expect(businessDayOf(new Date('2026-11-24T15:59:59.999Z'))).toBe('2026-11-24');
    expect(businessDayOf(new Date('2026-11-24T16:00:00.000Z'))).toBe('2026-11-25');
    expect(previousBusinessDay(new Date('2027-01-01T01:00:00.000Z'))).toBe('2026-12-31');
  });

  it('when the daily time is 02:00, then the next run is the next 02:00 in Shanghai and the last one the one before', () => {
    // 01:59 in Shanghai → today 02:00; 02:00 itself → tomorrow's.
    expect(nextDailyRun(new Date('2026-11-24T17:59:00.000Z'), '02:00').toISOString()).toBe(
      '2026-11-24T18:00:00.000Z',
    );
    expect(nextDailyRun(new Date('2026-11-24T18:00:00.000Z'), '02:00').toISOString()).toBe(
      '2026-11-25T18:00:00.000Z',
    );
    expect(lastDailyRun(new Date('2026-11-24T18:00:00.000Z'), '02:00').toISOString()).toBe(
      '2026-11-24T18:00:00.000Z',
    );
    expect(nextDailyRun(new Date('2026-11-24T15:30:00.000Z'), '23:45').toISOString()).toBe(
      '2026-11-24T15:45:00.000Z',
    );
  });

  it('when a day or a time is malformed, then it is refused', () => {
    expect(isBusinessDay('2026-02-28')).toBe(true);
    expect(isBusinessDay('2026-02-30')).toBe(false);
    expect(isBusinessDay('26-02-01')).toBe(false);
    expect(isTimeOfDay('02:00')).toBe(true);
    expect(isTimeOfDay('24:00')).toBe(false);
    expect(isTimeOfDay('2:00')).toBe(false);
  });
});
