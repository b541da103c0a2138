import { afterEach, describe, expect, it } from 'vitest';
import { createAudit, redact } from '../../../hub-server/modules/audit/audit.ts';
import { type AuthHub, KIOSK_ID, startAuthHub } from '../auth/harness.ts';

const ADMIN_PW = 'admin password 123';
let hub: AuthHub;
afterEach(async () => {
  await hub?.close();
});

describe('audit log', () => {
  it('when people act, then entries carry who, what, before and after, and are listed newest first in pages', async () => {
    hub = await startAuthHub();
    const ada = await hub.addPerson('ada', 'admin', ADMIN_PW);
    const a = await hub.login('ada', ADMIN_PW);
    const mike = await hub.call('POST', '/api/v1/console/people', {
      cookie: a.cookie,
      csrf: a.csrf,
      body: { username: 'mike', displayName: 'Mike M', role: 'maintainer', password: 'mike password 1' },
    });
    hub.advance(1000);
    await hub.call('POST', `/api/v1/console/people/${mike.body.person.id}/disable`, {
      cookie: a.cookie,
      csrf: a.csrf,
    });

    const page1 = await hub.call('GET', '/api/v1/console/audit?limit=2', { cookie: a.cookie });
    expect(page1.status).toBe(200);
    expect(page1.body.entries.map((e: { action: string }) => e.action)).toEqual([
      'person.disable',
      'person.create',
    ]);
    const [disable, create] = page1.body.entries;
    expect(disable).toMatchObject({
      at: '2026-03-02T08:00:01.000Z',
      actor: { kind: 'person', id: ada.id },
      target: { kind: 'person', id: mike.body.person.id },
      before: { username: 'mike', disabled: false },
      after: { username: 'mike', disabled: true },
    });
    expect(create.after).toMatchObject({ username: 'mike', role: 'maintainer' });
    expect(page1.body.nextBefore).toBe(create.id);

    const page2 = await hub.call('GET', `/api/v1/console/audit?limit=2&before=${page1.body.nextBefore}`, {
      cookie: a.cookie,
    });
    expect(page2.body.entries.map((e: { action: string }) => e.action)).toEqual(['login', 'person.create']);
    expect(page2.body.entries[1].actor).toEqual({ kind: 'system', id: null });
    expect(page2.body.nextBefore).toBeNull();

    const filtered = await hub.call('GET', '/api/v1/console/audit?action=login', { cookie: a.cookie });
    expect(filtered.body.entries).toHaveLength(1);
  });

  it('when an operator asks for the audit log, then the role is denied', async () => {
    hub = await startAuthHub();
    await hub.addPerson('olga', 'operator', ADMIN_PW);
    const o = await hub.login('olga', ADMIN_PW);
    const res = await hub.call('GET', '/api/v1/console/audit', { cookie: o.cookie });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('role-denied');
  });

  it('when logins, password changes and enrollments happen, then no password or credential reaches the audit table or the logs', async () => {
    hub = await startAuthHub();
    await hub.addPerson('mike', 'maintainer', 'mike password 1', true);
    await hub.login('mike', 'wrong secret typed');
    await hub.login('nobody-at-all', 'another wrong secret');
    const m = await hub.login('mike', 'mike password 1');
    await hub.call('POST', '/api/v1/console/password', {
      cookie: m.cookie,
      csrf: m.csrf,
      body: { current: 'mike password 1', next: 'mike new password 2' },
    });
    const code = await hub.call('POST', `/api/v1/console/kiosks/${KIOSK_ID}/enrollment-codes`, {
      cookie: m.cookie,
      csrf: m.csrf,
    });
    const enrolled = await hub.call('POST', '/api/v1/kiosk/enroll', { body: { code: code.body.code } });
    expect(enrolled.status).toBe(201);

    const rows = JSON.stringify(await hub.db.all('SELECT * FROM audit_log'));
    const logs = hub.logs.join('\n');
    const secrets = [
      'mike password 1',
      'wrong secret typed',
      'another wrong secret',
      'mike new password 2',
      code.body.code,
      enrolled.body.credential,
      m.csrf,
      m.cookie.split('=')[1],
      'nobody-at-all',
    ];
    for (const secret of secrets) {
      expect(rows).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
    const actions = (await hub.db.all<{ action: string }>('SELECT action FROM audit_log ORDER BY id')).map(
      (r) => r.action,
    );
    expect(actions).toEqual([
      'person.create',
      'login.failed',
      'login.failed',
      'login',
      'person.password-change',
      'kiosk.enrollment-code.create',
      'kiosk.enroll',
    ]);
    const failed = await hub.db.get<{ target_id: string }>(
      "SELECT target_id FROM audit_log WHERE action = 'login.failed' LIMIT 1 OFFSET 1",
    );
    expect(failed?.target_id).toBe('no********');
    expect(hub.logs.length).toBeGreaterThan(0);
  });

  it('when a caller passes secret-looking fields, then record() redacts them', async () => {
    hub = await startAuthHub();
    const audit = createAudit(hub.db, hub.now);
    await audit.record({
      actor: { kind: 'system', id: null },
      action: 'test',
      after: { name: 'x', password: 'p4ss', nested: [{ credential: 'c' }] },
    });
    const { entries } = await audit.list({ action: 'test' });
    expect(entries[0]?.after).toEqual({
      name: 'x',
      password: '[redacted]',
      nested: [{ credential: '[redacted]' }],
    });
    expect(redact('plain')).toBe('plain');
  });
});
