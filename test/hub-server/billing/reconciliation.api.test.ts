/*
 * Issue 7, reconciliation over real HTTP on a whole hub: an admin lists runs, runs a day now
 * (audited) and reads its findings; other roles, no session or no CSRF token are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDayOf } from '../../../hub-server/modules/billing/reconciliation/business-day.ts';
import { enrolledKiosk } from '../../support/enrolled-hub.ts';
import { type Session, startSignedInHub } from '../fleet/signed-in-hub.ts';
import { pay, quoteFor } from './billing-hub.ts';

const RUNS = '/api/v1/console/billing/reconciliation/runs';
let hub: Awaited<ReturnType<typeof startSignedInHub>>;
let admin: Session;
let maintainer: Session;
let adminId: string;
let paymentId: string;
let day: string;

beforeAll(async () => {
  hub = await startSignedInHub();
  const first = await hub.person('li.wei', 'maintainer', 'maintainer-pass-2026');
  // A person an admin made changes the password first; only then does the role decide.
  await hub.call(
    'POST',
    '/api/v1/console/password',
    { current: 'maintainer-pass-2026', next: 'maintainer-pass-2027' },
    first,
  );
  maintainer = await hub.login('li.wei', 'maintainer-pass-2027');
  admin = await hub.login('admin', 'admin-password-for-tests-1');
  adminId = (await hub.call('GET', '/api/v1/console/me', undefined, admin)).body.person.id;
  // A posted payment the gateway then charges again: one finding to see.
  const kiosk = await enrolledKiosk(hub.hub);
  const quote = await quoteFor(kiosk, 'sgcc-fz', '0512345678');
  const p = await (
    await pay(kiosk, { quoteId: quote.id, method: 'payment-code', paymentCode: '134000000000000001' })
  ).json();
  await hub.hub.billing.settlement.idle();
  await hub.hub.billing.sandbox.gateway!.chargeCode({
    orderNo: p.id,
    amountFen: quote.totalFen,
    code: '134000000000000001',
  });
  paymentId = p.id;
  day = businessDayOf(new Date(p.createdAt));
}, 60_000);
afterAll(() => hub?.close());

describe('reconciliation API (issue 7)', () => {
  let runId: string;

  it('when no run has been made, then the list is empty', async () => {
    const res = await hub.call('GET', RUNS, undefined, admin);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ runs: [] });
  });

  it('when an admin runs a day now, then 201 with the run and its findings, and the run is audited with who asked', async () => {
    const res = await hub.call('POST', RUNS, { businessDay: day }, admin);
    expect(res.status).toBe(201);
    expect(res.body.run).toMatchObject({
      businessDay: day,
      trigger: 'manual',
      requestedBy: adminId,
      state: 'done',
      paymentsChecked: 1,
      findings: 1,
      unexplained: 1,
    });
    expect(res.body.findings).toEqual([
      expect.objectContaining({
        kind: 'duplicate-charge',
        paymentId,
        gatewayState: 'charged×2',
        action: 'refund-extra',
        status: 'needs-person',
      }),
    ]);
    runId = res.body.run.id;
    const audit = await hub.call(
      'GET',
      '/api/v1/console/audit?action=billing.reconciliation.run',
      undefined,
      admin,
    );
    expect(audit.body.entries).toEqual([
      expect.objectContaining({
        actor: { kind: 'person', id: adminId },
        target: { kind: 'reconciliation-run', id: runId },
        after: expect.objectContaining({ businessDay: day, state: 'done', findings: 1, unexplained: 1 }),
      }),
    ]);
  });

  it('when no day is given, then yesterday in Shanghai is reconciled', async () => {
    const res = await hub.call('POST', RUNS, {}, admin);
    expect(res.status).toBe(201);
    const yesterday = businessDayOf(new Date(Date.now() - 86_400_000));
    // Around midnight the hub's "yesterday" may already be a day later than ours was.
    expect([yesterday, businessDayOf(new Date())]).toContain(res.body.run.businessDay);
  });

  it('when runs are listed and one is opened, then newest first, and the run comes with its findings', async () => {
    const list = await hub.call('GET', `${RUNS}?limit=5`, undefined, admin);
    expect(list.status).toBe(200);
    expect(list.body.runs).toHaveLength(2);
    expect(list.body.runs[1].id).toBe(runId);
    const one = await hub.call('GET', `${RUNS}/${runId}`, undefined, admin);
    expect(one.status).toBe(200);
    expect(one.body.run.id).toBe(runId);
    expect(one.body.findings.map((f: { kind: string }) => f.kind)).toEqual(['duplicate-charge']);
  });

  it('when a run does not exist or a day is bad, then 404 run-not-found, 422 invalid-business-day or 400', async () => {
    const missing = await hub.call('GET', `${RUNS}/no-such-run`, undefined, admin);
    expect([missing.status, missing.body.error.code]).toEqual([404, 'run-not-found']);
    const tomorrow = businessDayOf(new Date(Date.now() + 2 * 86_400_000));
    const future = await hub.call('POST', RUNS, { businessDay: tomorrow }, admin);
    expect([future.status, future.body.error.code]).toEqual([422, 'invalid-business-day']);
    const feb30 = await hub.call('POST', RUNS, { businessDay: '2026-02-30' }, admin);
    expect([feb30.status, feb30.body.error.code]).toEqual([422, 'invalid-business-day']);
    const words = await hub.call('POST', RUNS, { businessDay: 'yesterday' }, admin);
    expect([words.status, words.body.error.code]).toEqual([400, 'invalid-request']);
  });

  it('when a maintainer, nobody or a caller without the CSRF token asks, then refused and nothing runs', async () => {
    const before = (await hub.call('GET', RUNS, undefined, admin)).body.runs.length;
    const asMaintainer = await hub.call('GET', RUNS, undefined, maintainer);
    expect([asMaintainer.status, asMaintainer.body.error.code]).toEqual([403, 'role-denied']);
    const runAsMaintainer = await hub.call('POST', RUNS, { businessDay: day }, maintainer);
    expect([runAsMaintainer.status, runAsMaintainer.body.error.code]).toEqual([403, 'role-denied']);
    const anonymous = await hub.call('GET', RUNS);
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'not-signed-in']);
    const noCsrf = await hub.call('POST', RUNS, { businessDay: day }, { cookie: admin.cookie, csrf: '' });
    expect([noCsrf.status, noCsrf.body.error.code]).toEqual([403, 'csrf-token-missing']);
    expect((await hub.call('GET', RUNS, undefined, admin)).body.runs).toHaveLength(before);
  });

  it('when the API document is read, then the three routes are there, admin only', async () => {
    const doc = (await hub.call('GET', '/api/docs/openapi.json')).body;
    const path = '/api/v1/console/billing/reconciliation/runs';
    expect(doc.paths[path].get['x-roles']).toEqual(['admin']);
    expect(doc.paths[path].post['x-roles']).toEqual(['admin']);
    expect(doc.paths[`${path}/{id}`].get.responses['404']).toBeDefined();
  });
});
