import { afterEach, describe, expect, it } from 'vitest';
import { type AuthHub, KIOSK_ID, startAuthHub } from './harness.ts';

const PASSWORD = 'correct horse battery';
let hub: AuthHub;
afterEach(async () => {
  await hub?.close();
});

async function maintainer(h: AuthHub) {
  await h.addPerson('mike', 'maintainer', PASSWORD);
  return h.login('mike', PASSWORD);
}

async function newCode(h: AuthHub, s: { cookie: string; csrf: string }, kioskId = KIOSK_ID) {
  return h.call('POST', `/api/v1/console/kiosks/${kioskId}/enrollment-codes`, {
    cookie: s.cookie,
    csrf: s.csrf,
  });
}

describe('kiosk enrollment and credentials', () => {
  it('when a kiosk enrolls with a fresh code, then its credential authenticates it and the code is spent', async () => {
    hub = await startAuthHub();
    const s = await maintainer(hub);
    const code = await newCode(hub, s);
    expect(code.status).toBe(201);
    expect(code.body).toEqual({
      code: expect.stringMatching(/^[2-9A-HJ-NP-Z]{8}$/),
      expiresAt: '2026-03-02T08:15:00.000Z',
    });

    const typed = `${code.body.code.slice(0, 4).toLowerCase()}-${code.body.code.slice(4)}`;
    const enrolled = await hub.call('POST', '/api/v1/kiosk/enroll', { body: { code: typed } });
    expect(enrolled.status).toBe(201);
    expect(enrolled.body).toEqual({ kioskId: KIOSK_ID, credential: expect.stringMatching(/^[\w-]{43}$/) });
    const who = await hub.call('GET', '/api/v1/kiosk/whoami', { bearer: enrolled.body.credential });
    expect(who.body).toEqual({ kioskId: KIOSK_ID });

    const again = await hub.call('POST', '/api/v1/kiosk/enroll', { body: { code: code.body.code } });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('enrollment-code-invalid');
    const stored = await hub.db.all('SELECT * FROM kiosk_credentials');
    expect(JSON.stringify(stored)).not.toContain(enrolled.body.credential);
  });

  it('when the code is older than 15 minutes or unknown, then enrollment is refused', async () => {
    hub = await startAuthHub();
    const s = await maintainer(hub);
    const code = await newCode(hub, s);
    hub.advance(15 * 60_000);
    const expired = await hub.call('POST', '/api/v1/kiosk/enroll', { body: { code: code.body.code } });
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('enrollment-code-expired');
    const unknown = await hub.call('POST', '/api/v1/kiosk/enroll', { body: { code: 'ZZZZ2222' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('enrollment-code-invalid');
  });

  it('when a kiosk is revoked, then its very next request is refused, and a new enrollment works again', async () => {
    hub = await startAuthHub();
    const s = await maintainer(hub);
    const first = await hub.call('POST', '/api/v1/kiosk/enroll', {
      body: { code: (await newCode(hub, s)).body.code },
    });
    expect((await hub.call('GET', '/api/v1/kiosk/whoami', { bearer: first.body.credential })).status).toBe(
      200,
    );
    const revoke = await hub.call('POST', `/api/v1/console/kiosks/${KIOSK_ID}/revoke`, {
      cookie: s.cookie,
      csrf: s.csrf,
    });
    expect(revoke.body).toEqual({ kioskId: KIOSK_ID, revokedCredentials: 1 });
    const refused = await hub.call('GET', '/api/v1/kiosk/whoami', { bearer: first.body.credential });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('kiosk-revoked');

    const second = await hub.call('POST', '/api/v1/kiosk/enroll', {
      body: { code: (await newCode(hub, s)).body.code },
    });
    expect((await hub.call('GET', '/api/v1/kiosk/whoami', { bearer: second.body.credential })).status).toBe(
      200,
    );
    expect((await hub.call('GET', '/api/v1/kiosk/whoami', { bearer: first.body.credential })).status).toBe(
      403,
    );
  });

  it('when a kiosk request has no or a made-up credential, then it is 401 kiosk-not-authenticated', async () => {
    hub = await startAuthHub();
    const none = await hub.call('GET', '/api/v1/kiosk/whoami');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('kiosk-not-authenticated');
    const made = await hub.call('GET', '/api/v1/kiosk/whoami', { bearer: 'A'.repeat(43) });
    expect(made.body.error.code).toBe('kiosk-not-authenticated');
  });

  it('when a code is asked for an unknown kiosk, then it is 404 kiosk-not-found', async () => {
    hub = await startAuthHub();
    const s = await maintainer(hub);
    const res = await newCode(hub, s, 'no-such-kiosk');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('kiosk-not-found');
  });
});
