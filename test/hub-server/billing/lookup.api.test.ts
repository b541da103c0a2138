import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBillBarcode } from '../../../hub-server/modules/billing/domain.ts';
import { billingHub, type Kiosk, post, quoteFor } from './billing-hub.ts';

let h: Awaited<ReturnType<typeof billingHub>>;
let k: Kiosk;
beforeAll(async () => {
  h = await billingHub();
  k = h.kiosk;
});
afterAll(() => h.close());

const lookup = (body: unknown, kiosk = k) => kiosk.call('/billing/lookup', post(body));

describe('billing catalog, lookup and quotes over HTTP (issue 7)', () => {
  it('when the kiosk asks for the catalog, then it gets thirteen kinds with Fuzhou billers; without a credential 401', async () => {
    const res = await k.call('/billing/catalog');
    expect(res.status).toBe(200);
    const { kinds } = await res.json();
    expect(kinds).toHaveLength(13);
    expect(kinds[0].kind).toBe('water');
    expect(kinds[0].billers).toContainEqual(expect.objectContaining({ name: '福州水务', barcode: true }));
    expect(kinds[0].billers[0]).not.toHaveProperty('code');
    expect((await fetch(`${h.hub.url}/api/v1/kiosk/billing/catalog`)).status).toBe(401);
  });

  it('when an account is looked up, then its bills come oldest first, overdue flagged, with the account and holder masked', async () => {
    const res = await lookup({ billerId: 'fz-water', account: '3501234567' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      accountMasked: '35****4567',
      holderMasked: '林**',
      biller: { id: 'fz-water' },
    });
    expect(body.bills.map((b: { overdue: boolean }) => b.overdue)).toEqual([true, true, false]);
    expect(body.bills[0].lateFeeFen).toBeGreaterThan(0);
    expect(body.accountToken).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(JSON.stringify({ ...body, biller: null })).not.toContain('3501234567');
  });

  it('when the account does not fit the biller’s format, then 422 invalid-account naming the field; unknown ones 404', async () => {
    const bad = await lookup({ billerId: 'fz-water', account: '12345' });
    expect(bad.status).toBe(422);
    const { error } = await bad.json();
    expect(error.code).toBe('invalid-account');
    expect(error.message).toMatch(/^account: /);
    const missing = await lookup({ billerId: 'fz-water', account: '3501111111' });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('account-not-found');
    expect((await (await lookup({ billerId: 'nope', account: '1' })).json()).error.code).toBe(
      'biller-not-found',
    );
  });

  it('when an account has nothing due, then the lookup answers with no bills', async () => {
    const body = await (await lookup({ billerId: 'fz-water', account: '3500000000' })).json();
    expect(body.bills).toEqual([]);
  });

  it('when a paper bill barcode is scanned, then it resolves to its account; a misread barcode is 422 invalid-barcode', async () => {
    const res = await lookup({ barcode: encodeBillBarcode('031', '20261234') });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.biller.id).toBe('crgas-fz');
    expect(body.bills).toHaveLength(3);
    const misread = await lookup({ barcode: '98031202612340' });
    expect(misread.status).toBe(422);
    expect((await misread.json()).error.code).toBe('invalid-barcode');
  });

  it('when bills are quoted, then the quote adds the fee rule and expires in ten minutes', async () => {
    const before = Date.now();
    const water = await quoteFor(k, 'fz-water', '3501234567', 2);
    expect(water.items).toHaveLength(2);
    expect(water.amountFen).toBe(water.items[0].amountFen + water.items[1].amountFen);
    expect(water).toMatchObject({ feeFen: 0, totalFen: water.amountFen, accountMasked: '35****4567' });
    const ttl = Date.parse(water.expiresAt) - before;
    expect(ttl).toBeGreaterThan(9.9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000 + 1000);
    const tv = await quoteFor(k, 'fjgd-fz', '8350100012345678');
    expect(tv).toMatchObject({ amountFen: 2650, feeFen: 100, totalFen: 2750 });
  });

  it('when a bill id is not among the account’s unpaid bills, then 422 unknown-bill', async () => {
    const found = await (await lookup({ billerId: 'fz-water', account: '3501234567' })).json();
    const res = await k.call('/billing/quotes', post({ accountToken: found.accountToken, billIds: ['x'] }));
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe('unknown-bill');
  });

  it('when another kiosk uses this kiosk’s account token, then 404 lookup-not-found', async () => {
    const found = await (await lookup({ billerId: 'sgcc-fz', account: '0512345678' })).json();
    const res = await h.other.call(
      '/billing/quotes',
      post({ accountToken: found.accountToken, billIds: [found.bills[0].id] }),
    );
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('lookup-not-found');
  });

  it('when the biller is down, then 503 biller-unavailable', async () => {
    h.hub.billing.sandbox.biller!.faults.next('find', { kind: 'fail' });
    const res = await lookup({ billerId: 'sgcc-fz', account: '0512345678' });
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('biller-unavailable');
  });
});
