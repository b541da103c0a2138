import { afterEach, describe, expect, it } from 'vitest';
import { type Session, startSignedInHub } from './signed-in-hub.ts';

let hub: Awaited<ReturnType<typeof startSignedInHub>> | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

const NEW_KIOSK = {
  id: 'gl-test-99',
  name: '测试社区服务亭',
  address: '福州市鼓楼区测试路 1 号',
  district: '鼓楼区',
  latitude: 26.08,
  longitude: 119.3,
  group: 'gulou',
  tags: ['outdoor', 'pilot'],
};

async function maintainer(): Promise<Session> {
  hub = await startSignedInHub();
  // New people must change their password on first sign-in: do it so they can work.
  const first = await hub.person('wang.wei', 'maintainer', 'first-pass-123456');
  const changed = await hub.call(
    'POST',
    '/api/v1/console/password',
    { current: 'first-pass-123456', next: 'second-pass-123456' },
    first,
  );
  expect(changed.status).toBe(200);
  return hub.login('wang.wei', 'second-pass-123456');
}

describe('POST /api/v1/console/kiosks (the registry)', () => {
  it('when a maintainer adds a kiosk, then it is in the fleet, can get an enrollment code, and is audited', async () => {
    const me = await maintainer();
    const made = await hub!.call('POST', '/api/v1/console/kiosks', NEW_KIOSK, me);
    expect(made.status).toBe(201);
    expect(made.body.kiosk).toMatchObject({
      id: 'gl-test-99',
      district: '鼓楼区',
      groupName: 'gulou',
      tags: ['outdoor', 'pilot'],
      enrolled: false,
      lastSeenAt: null,
    });
    const detail = await hub!.call('GET', '/api/v1/console/kiosks/gl-test-99', undefined, me);
    expect(detail.body.kiosk.state).toBe('never');
    const code = await hub!.call('POST', '/api/v1/console/kiosks/gl-test-99/enrollment-codes', {}, me);
    expect(code.status).toBe(201);
    const audit = await hub!.call('GET', '/api/v1/console/audit?action=kiosk.create', undefined, me);
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0]).toMatchObject({
      target: { kind: 'kiosk', id: 'gl-test-99' },
      after: { name: '测试社区服务亭' },
    });
  });

  it('when the id is already taken, then 409 kiosk-exists and nothing changes', async () => {
    const me = await maintainer();
    expect((await hub!.call('POST', '/api/v1/console/kiosks', NEW_KIOSK, me)).status).toBe(201);
    const again = await hub!.call('POST', '/api/v1/console/kiosks', { ...NEW_KIOSK, name: '另一个' }, me);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('kiosk-exists');
    const detail = await hub!.call('GET', '/api/v1/console/kiosks/gl-test-99', undefined, me);
    expect(detail.body.kiosk.name).toBe('测试社区服务亭');
  });

  it('when the body is invalid, then 400 invalid-request names the field', async () => {
    const me = await maintainer();
    const bad = await hub!.call('POST', '/api/v1/console/kiosks', { ...NEW_KIOSK, id: 'Bad Id!' }, me);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid-request', message: expect.stringContaining('id') });
  });

  it('when an operator or a caller without the CSRF header tries, then it is refused', async () => {
    hub = await startSignedInHub();
    const op = await hub.person('li.na', 'operator', 'first-pass-123456');
    await hub.call(
      'POST',
      '/api/v1/console/password',
      { current: 'first-pass-123456', next: 'next-pass-1234567' },
      op,
    );
    const operator = await hub.login('li.na', 'next-pass-1234567');
    const denied = await hub.call('POST', '/api/v1/console/kiosks', NEW_KIOSK, operator);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('role-denied');
    const noCsrf = await hub.call('POST', '/api/v1/console/kiosks', NEW_KIOSK, { ...operator, csrf: '' });
    expect(noCsrf.status).toBe(403);
  });
});

describe('the console web app at /console', () => {
  it('when / is asked for, then it redirects to /console/', async () => {
    hub = await startSignedInHub();
    const res = await fetch(`${hub.hub.url}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/console/');
  });
});
