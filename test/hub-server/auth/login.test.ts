import { afterEach, describe, expect, it } from 'vitest';
import { ensureFirstAdmin } from '../../../hub-server/modules/auth/first-admin.ts';
import { type AuthHub, startAuthHub } from './harness.ts';

const PASSWORD = 'correct horse battery';
let hub: AuthHub;
afterEach(async () => {
  await hub?.close();
});

describe('console login', () => {
  it('when the password is right, then a strict httpOnly cookie and the CSRF token come back and /me works', async () => {
    hub = await startAuthHub();
    const created = await hub.addPerson('maria', 'maintainer', PASSWORD);
    const res = await hub.login('maria', PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      person: {
        id: created.id,
        username: 'maria',
        displayName: 'maria Name',
        role: 'maintainer',
        mustChangePassword: false,
      },
      csrfToken: expect.any(String),
    });
    expect(res.setCookie).toMatch(/^tingzi_session=[\w-]{43}; /);
    expect(res.setCookie).toMatch(/HttpOnly/);
    expect(res.setCookie).toMatch(/SameSite=Strict/);
    expect(res.setCookie).toMatch(/Path=\//);
    expect(res.setCookie).not.toMatch(/Secure/);
    const me = await hub.call('GET', '/api/v1/console/me', { cookie: res.cookie });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ person: res.body.person, csrfToken: res.csrf });
    const stored = await hub.db.all<{ id: string }>('SELECT id FROM sessions');
    expect(stored.map((s) => s.id)).not.toContain(res.cookie.split('=')[1]);
  });

  it('when the password is wrong or the user unknown, then both get the same 401 answer', async () => {
    hub = await startAuthHub();
    await hub.addPerson('maria', 'maintainer', PASSWORD);
    const wrong = await hub.login('maria', 'not the password');
    const unknown = await hub.login('nobody', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('invalid-credentials');
    expect(wrong.setCookie).toBe('');
  });

  it('when five wrong passwords arrive, then the account is locked 15 minutes even for the right one, then released', async () => {
    hub = await startAuthHub();
    await hub.addPerson('maria', 'maintainer', PASSWORD);
    for (let i = 0; i < 5; i++) expect((await hub.login('maria', `wrong ${i}`)).status).toBe(401);
    const locked = await hub.login('maria', PASSWORD);
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('account-locked');
    expect(locked.body.error.message).toContain('2026-03-02T08:15:00.000Z');
    hub.advance(14 * 60_000);
    expect((await hub.login('maria', PASSWORD)).status).toBe(423);
    hub.advance(60_000);
    expect((await hub.login('maria', PASSWORD)).status).toBe(200);
  });

  it('when more than 10 attempts come from one client within a minute, then it gets 429 too-many-attempts', async () => {
    hub = await startAuthHub();
    for (let i = 0; i < 10; i++) expect((await hub.login(`user${i}`, 'whatever pw')).status).toBe(401);
    const limited = await hub.login('someone', 'whatever pw');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('too-many-attempts');
    hub.advance(61_000);
    expect((await hub.login('someone', 'whatever pw')).status).toBe(401);
  });

  it('when one username is tried too often, then that username is limited while the IP budget is larger', async () => {
    hub = await startAuthHub({ loginLimits: { perIp: 100, perUsername: 3 } });
    for (let i = 0; i < 3; i++) expect((await hub.login('ghost', 'whatever pw')).status).toBe(401);
    expect((await hub.login('ghost', 'whatever pw')).status).toBe(429);
    expect((await hub.login('other', 'whatever pw')).status).toBe(401);
  });

  it('when a session is idle 30 minutes, then it is refused; when used, it still ends after 8 hours', async () => {
    hub = await startAuthHub();
    await hub.addPerson('maria', 'maintainer', PASSWORD);
    const idle = await hub.login('maria', PASSWORD);
    hub.advance(29 * 60_000);
    expect((await hub.call('GET', '/api/v1/console/me', { cookie: idle.cookie })).status).toBe(200);
    hub.advance(30 * 60_000);
    const gone = await hub.call('GET', '/api/v1/console/me', { cookie: idle.cookie });
    expect(gone.status).toBe(401);
    expect(gone.body.error.code).toBe('not-signed-in');

    const busy = await hub.login('maria', PASSWORD);
    for (let i = 0; i < 16; i++) {
      hub.advance(29 * 60_000);
      expect((await hub.call('GET', '/api/v1/console/me', { cookie: busy.cookie })).status).toBe(200);
    }
    hub.advance(29 * 60_000); // 8 h 13 min after sign-in, 29 min after the last request
    expect((await hub.call('GET', '/api/v1/console/me', { cookie: busy.cookie })).status).toBe(401);
  });

  it('when logging out, then the cookie is cleared and the session no longer works', async () => {
    hub = await startAuthHub();
    await hub.addPerson('maria', 'maintainer', PASSWORD);
    const s = await hub.login('maria', PASSWORD);
    const out = await hub.call('POST', '/api/v1/console/logout', { cookie: s.cookie, csrf: s.csrf });
    expect(out.status).toBe(204);
    expect(out.setCookie).toMatch(/tingzi_session=;/);
    expect((await hub.call('GET', '/api/v1/console/me', { cookie: s.cookie })).status).toBe(401);
  });
});

describe('first-run admin and the password change it requires', () => {
  it('when no admin exists, then one is created once with a one-time password that must be changed first', async () => {
    hub = await startAuthHub();
    const password = await ensureFirstAdmin(hub.db, hub.now);
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(await ensureFirstAdmin(hub.db, hub.now)).toBeUndefined();

    const s = await hub.login('admin', password!);
    expect(s.status).toBe(200);
    expect(s.body.person.mustChangePassword).toBe(true);
    const blocked = await hub.call('GET', '/api/v1/console/people', { cookie: s.cookie });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('password-change-required');
    expect((await hub.call('GET', '/api/v1/console/me', { cookie: s.cookie })).status).toBe(200);

    const weak = await hub.call('POST', '/api/v1/console/password', {
      cookie: s.cookie,
      csrf: s.csrf,
      body: { current: password, next: 'short' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('password-too-weak');
    const wrongCurrent = await hub.call('POST', '/api/v1/console/password', {
      cookie: s.cookie,
      csrf: s.csrf,
      body: { current: 'not it at all', next: 'a much better password' },
    });
    expect(wrongCurrent.status).toBe(401);
    const changed = await hub.call('POST', '/api/v1/console/password', {
      cookie: s.cookie,
      csrf: s.csrf,
      body: { current: password, next: 'a much better password' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.person.mustChangePassword).toBe(false);
    expect((await hub.call('GET', '/api/v1/console/people', { cookie: s.cookie })).status).toBe(200);
    expect((await hub.login('admin', password!)).status).toBe(401);
  });
});
