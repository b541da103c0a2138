import { afterEach, describe, expect, it } from 'vitest';
import { type AuthHub, startAuthHub } from './harness.ts';

const PASSWORD = 'correct horse battery';
let hub: AuthHub;
afterEach(async () => {
  await hub?.close();
});

describe('console guards', () => {
  it('when a POST comes without or with a wrong CSRF token, then it is refused before doing anything', async () => {
    hub = await startAuthHub();
    await hub.addPerson('olga', 'operator', PASSWORD);
    const s = await hub.login('olga', PASSWORD);
    const missing = await hub.call('POST', '/api/v1/console/probe', { cookie: s.cookie });
    expect(missing.status).toBe(403);
    expect(missing.body.error.code).toBe('csrf-token-missing');
    const wrong = await hub.call('POST', '/api/v1/console/probe', { cookie: s.cookie, csrf: `${s.csrf}x` });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('csrf-token-invalid');
    const logout = await hub.call('POST', '/api/v1/console/logout', { cookie: s.cookie });
    expect(logout.body.error.code).toBe('csrf-token-missing');
    const ok = await hub.call('POST', '/api/v1/console/probe', { cookie: s.cookie, csrf: s.csrf });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ who: 'olga' });
  });

  it('when nobody is signed in, then a guarded route answers 401 not-signed-in', async () => {
    hub = await startAuthHub();
    const res = await hub.call('POST', '/api/v1/console/probe', {
      cookie: 'tingzi_session=forged',
      csrf: 'x',
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('not-signed-in');
  });

  it('when the role is not among those allowed, then the answer is 403 role-denied', async () => {
    hub = await startAuthHub();
    await hub.addPerson('cathy', 'case-desk', PASSWORD);
    const s = await hub.login('cathy', PASSWORD);
    const probe = await hub.call('POST', '/api/v1/console/probe', { cookie: s.cookie, csrf: s.csrf });
    expect(probe.status).toBe(403);
    expect(probe.body.error.code).toBe('role-denied');
    const people = await hub.call('GET', '/api/v1/console/people', { cookie: s.cookie });
    expect(people.body.error.code).toBe('role-denied');
    const code = await hub.call('POST', '/api/v1/console/kiosks/kiosk-test-1/enrollment-codes', {
      cookie: s.cookie,
      csrf: s.csrf,
    });
    expect(code.body.error.code).toBe('role-denied');
  });

  it('when an admin creates, lists and disables a person, then the disabled person can no longer sign in', async () => {
    hub = await startAuthHub();
    await hub.addPerson('ada', 'admin', PASSWORD);
    const a = await hub.login('ada', PASSWORD);
    const created = await hub.call('POST', '/api/v1/console/people', {
      cookie: a.cookie,
      csrf: a.csrf,
      body: { username: 'mike', displayName: 'Mike M', role: 'maintainer', password: 'first password 1' },
    });
    expect(created.status).toBe(201);
    expect(created.body.person).toMatchObject({
      username: 'mike',
      role: 'maintainer',
      mustChangePassword: true,
    });
    expect(JSON.stringify(created.body)).not.toContain('first password 1');
    const dup = await hub.call('POST', '/api/v1/console/people', {
      cookie: a.cookie,
      csrf: a.csrf,
      body: { username: 'mike', displayName: 'Other', role: 'operator', password: 'first password 1' },
    });
    expect(dup.status).toBe(409);
    const list = await hub.call('GET', '/api/v1/console/people', { cookie: a.cookie });
    expect(list.body.people.map((p: { username: string }) => p.username)).toEqual(['ada', 'mike']);
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt|hash/i);

    const m = await hub.login('mike', 'first password 1');
    expect(m.status).toBe(200);
    const disabled = await hub.call('POST', `/api/v1/console/people/${created.body.person.id}/disable`, {
      cookie: a.cookie,
      csrf: a.csrf,
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body.person.disabled).toBe(true);
    expect((await hub.call('GET', '/api/v1/console/me', { cookie: m.cookie })).status).toBe(401);
    expect((await hub.login('mike', 'first password 1')).body.error.code).toBe('invalid-credentials');
  });

  it('when the new person body is invalid, then it is a 400 invalid-request', async () => {
    hub = await startAuthHub();
    await hub.addPerson('ada', 'admin', PASSWORD);
    const a = await hub.login('ada', PASSWORD);
    const res = await hub.call('POST', '/api/v1/console/people', {
      cookie: a.cookie,
      csrf: a.csrf,
      body: { username: 'x', displayName: '', role: 'king', password: 'p' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid-request');
  });
});
