import { afterEach, describe, expect, it } from 'vitest';
import { startDemoHeartbeats } from '../../../hub-server/modules/fleet/fleet.demo.ts';
import { startFleetTimers } from '../../../hub-server/modules/fleet/fleet.service.ts';
import { png } from '../../support/png.ts';
import { heartbeat, INTERVAL_MS, startFleetApp } from './harness.ts';

let app: Awaited<ReturnType<typeof startFleetApp>>;
afterEach(async () => {
  await app?.close();
});

describe('fleet API: heartbeats and alerts', () => {
  it('when heartbeats arrive, then latest is updated and history is bounded to 288', async () => {
    app = await startFleetApp();
    expect((await app.kiosk('k1').post('/heartbeat', heartbeat())).status).toBe(200);
    app.clock.advance(1000);
    await app.kiosk('k1').post('/heartbeat', { ...heartbeat(), screen: 'pay-bill' });
    const detail = await app.console.get('/kiosks/k1');
    expect(detail.body.latestHeartbeat.payload.screen).toBe('pay-bill');
    expect(detail.body.kiosk.state).toBe('online');
    expect(detail.body.sparkline.counts.reduce((a: number, b: number) => a + b, 0)).toBe(2);
    for (let i = 0; i < 300; i++) {
      app.clock.advance(1000);
      await app.service.ingestHeartbeat('k1', heartbeat());
    }
    expect(await app.service.historyCount('k1')).toBe(288);
  });

  it('when a heartbeat is malformed or from an unknown kiosk, then it is refused', async () => {
    app = await startFleetApp();
    const bad = await app.kiosk('k1').post('/heartbeat', { agentVersion: 3 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid-request');
    expect((await app.kiosk('nope').post('/heartbeat', heartbeat())).status).toBe(404);
    expect((await app.call('POST', '/api/v1/kiosk/heartbeat', { body: heartbeat() })).status).toBe(401);
  });

  it('when the printer reports paper out, then an alert opens once, and closes when paper is ok', async () => {
    app = await startFleetApp();
    await app.kiosk('k1').post('/heartbeat', heartbeat({ paper: 'out' }));
    await app.kiosk('k1').post('/heartbeat', heartbeat({ paper: 'out' }));
    let alerts = (await app.console.get('/alerts')).body.alerts;
    expect(alerts.map((a: { kind: string; device: string }) => [a.kind, a.device])).toEqual([
      ['paper-out', 'printer'],
    ]);
    const ack = await app.console.post(`/alerts/${alerts[0].id}/ack`, { note: 'paper on the way' });
    expect(ack.body).toMatchObject({ acknowledgedBy: 'p-maint', note: 'paper on the way' });
    expect(app.audits).toHaveLength(1);
    await app.kiosk('k1').post('/heartbeat', heartbeat({ paper: 'ok' }));
    alerts = (await app.console.get('/alerts')).body.alerts;
    expect(alerts).toEqual([]);
    const closed = (await app.console.get('/alerts?closed=1')).body.alerts;
    expect(closed[0].closedAt).not.toBeNull();
  });

  it('when a kiosk runs an older agent than the fleet, then version-behind opens for it only', async () => {
    app = await startFleetApp();
    await app.kiosk('k1').post('/heartbeat', heartbeat({ version: '1.3.0' }));
    await app.kiosk('k2').post('/heartbeat', heartbeat({ version: '1.2.9', freeDisk: 100 }));
    const kinds = (await app.console.get('/alerts')).body.alerts.map((a: { kioskId: string; kind: string }) =>
      [a.kioskId, a.kind].join(' '),
    );
    expect(kinds.sort()).toEqual(['k2 disk-low', 'k2 version-behind']);
  });

  it('when a kiosk misses 3 intervals, then it is offline with an alert; its next heartbeat brings it back', async () => {
    app = await startFleetApp();
    await app.kiosk('k1').post('/heartbeat', heartbeat());
    app.clock.advance(3 * INTERVAL_MS);
    await app.service.sweepOffline();
    expect((await app.console.get('/kiosks/k1')).body.kiosk.state).toBe('online');
    expect((await app.console.get('/alerts')).body.alerts).toEqual([]);
    app.clock.advance(1);
    await app.service.sweepOffline();
    await app.service.sweepOffline();
    const open = (await app.console.get('/alerts')).body.alerts;
    expect(open.map((a: { kioskId: string; kind: string }) => `${a.kioskId} ${a.kind}`)).toEqual([
      'k1 offline',
    ]);
    expect((await app.console.get('/kiosks/k1')).body.kiosk.state).toBe('offline');
    await app.kiosk('k1').post('/heartbeat', heartbeat());
    expect((await app.console.get('/alerts')).body.alerts).toEqual([]);
    expect((await app.console.get('/kiosks/k1')).body.kiosk.state).toBe('online');
  });

  it('when the fleet timer runs, then it sweeps by itself until stopped', async () => {
    app = await startFleetApp();
    await app.kiosk('k1').post('/heartbeat', heartbeat());
    app.clock.advance(4 * INTERVAL_MS);
    const timers = startFleetTimers({ service: app.service, intervalMs: 10 });
    await new Promise((r) => setTimeout(r, 100));
    timers.stop();
    expect((await app.console.get('/alerts')).body.alerts).toMatchObject([
      { kioskId: 'k1', kind: 'offline' },
    ]);
  });

  it('when a kiosk never checked in, then it is "never" and raises no alarm however long', async () => {
    app = await startFleetApp();
    app.clock.advance(30 * 24 * 3_600_000);
    await app.service.sweepOffline();
    expect((await app.console.get('/alerts')).body.alerts).toEqual([]);
    expect((await app.console.get('/kiosks/k2')).body.kiosk.state).toBe('never');
    expect((await app.console.get('/fleet/summary')).body).toEqual({
      total: 3,
      online: 0,
      offline: 0,
      never: 3,
    });
  });
});

describe('fleet API: commands, screenshots, config, list', () => {
  it('when a command is created, then the kiosk pulls it once and reports a result', async () => {
    app = await startFleetApp();
    const created = await app.console.post('/kiosks/k1/commands', { kind: 'reload-ui', ttlSeconds: 60 });
    expect(created.status).toBe(201);
    expect((await app.kiosk('k2').get('/commands')).body.commands).toEqual([]);
    const pulled = (await app.kiosk('k1').get('/commands')).body.commands;
    expect(pulled.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    expect((await app.kiosk('k1').get('/commands')).body.commands).toEqual([]);
    const other = await app.kiosk('k2').post(`/commands/${created.body.id}/result`, { ok: true });
    expect(other.status).toBe(404);
    const done = await app
      .kiosk('k1')
      .post(`/commands/${created.body.id}/result`, { ok: true, message: 'reloaded' });
    expect(done.body.state).toBe('done');
    const listed = (await app.console.get('/kiosks/k1/commands')).body.commands;
    expect(listed[0]).toMatchObject({ state: 'done', result: { ok: true, message: 'reloaded' } });
  });

  it('when a kiosk long-polls and a command is queued for it, then the waiting request answers at once with it', async () => {
    app = await startFleetApp();
    const started = Date.now();
    const waiting = app.kiosk('k1').get('/commands?wait=20');
    const otherKiosk = app.kiosk('k2').get('/commands?wait=1');
    await new Promise((r) => setTimeout(r, 200));
    const created = await app.console.post('/kiosks/k1/commands', { kind: 'take-screenshot' });
    const got = await waiting;
    expect(got.status).toBe(200);
    expect(got.body.commands.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    expect(Date.now() - started).toBeLessThan(5_000);
    // k2's poll was not woken by k1's command: it ran out its one second with nothing.
    expect((await otherKiosk).body.commands).toEqual([]);
  });

  it('when a long poll finds nothing, then it answers empty after its wait; a bad wait is refused', async () => {
    app = await startFleetApp();
    const started = Date.now();
    expect((await app.kiosk('k1').get('/commands?wait=1')).body.commands).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect((await app.kiosk('k1').get('/commands?wait=31')).status).toBe(400);
    expect((await app.kiosk('k1').get('/commands?wait=abc')).status).toBe(400);
  });

  it('when the hub is closing, then a waiting long poll answers at once and new ones do not wait', async () => {
    app = await startFleetApp();
    const started = Date.now();
    const waiting = app.kiosk('k1').get('/commands?wait=20');
    await new Promise((r) => setTimeout(r, 200));
    app.service.releaseWaiters();
    expect((await waiting).body.commands).toEqual([]);
    expect((await app.kiosk('k1').get('/commands?wait=20')).body.commands).toEqual([]);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('when a command is not picked before it expires, then it is never handed out and shows expired', async () => {
    app = await startFleetApp();
    const created = await app.console.post('/kiosks/k1/commands', { kind: 'send-logs', ttlSeconds: 30 });
    app.clock.advance(30_000);
    expect((await app.kiosk('k1').get('/commands')).body.commands).toEqual([]);
    const listed = (await app.console.get('/kiosks/k1/commands')).body.commands;
    expect(listed).toMatchObject([{ id: created.body.id, state: 'expired' }]);
    expect((await app.kiosk('k1').post(`/commands/${created.body.id}/result`, { ok: true })).status).toBe(
      409,
    );
  });

  it('when maintenance is switched on, then a set-maintenance command is queued and the state recorded', async () => {
    app = await startFleetApp();
    const res = await app.console.post('/kiosks/k1/maintenance', { on: true });
    expect(res.body.command).toMatchObject({ kind: 'set-maintenance', args: { on: true } });
    expect((await app.console.get('/kiosks/k1')).body.kiosk.maintenance).toBe(true);
    expect((await app.kiosk('k1').get('/config')).body.maintenance).toBe(true);
  });

  it('when a screenshot is sent, then the same bytes come back; a non-PNG is refused with 400', async () => {
    app = await startFleetApp();
    const bytes = png(1080, 1920);
    const stored = await app.kiosk('k1').post('/screenshots', bytes, { 'content-type': 'image/png' });
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ width: 1080, height: 1920 });
    const back = await app.console.get(`/screenshots/${stored.body.id}`);
    expect(back.type).toContain('image/png');
    expect(Buffer.compare(back.body, bytes)).toBe(0);
    expect((await app.console.get('/kiosks/k1')).body.latestScreenshot.id).toBe(stored.body.id);
    const gif = await app.kiosk('k1').post('/screenshots', Buffer.from('GIF89a'.repeat(10)), {
      'content-type': 'image/png',
    });
    expect(gif.status).toBe(400);
    expect(gif.body.error.code).toBe('not-png');
  });

  it('when group and kiosk config sets are saved, then versions count up and the kiosk overrides its group', async () => {
    app = await startFleetApp();
    expect(
      (await app.console.put('/config/group/g1', { values: { volume: 5, lang: 'zh' } })).body.version,
    ).toBe(1);
    expect(
      (await app.console.put('/config/group/g1', { values: { volume: 6, lang: 'zh' } })).body.version,
    ).toBe(2);
    expect((await app.console.put('/config/kiosk/k1', { values: { volume: 2 } })).body.version).toBe(1);
    expect((await app.kiosk('k1').get('/config')).body).toMatchObject({
      values: { volume: 2, lang: 'zh' },
      versions: { group: 2, kiosk: 1 },
    });
    expect((await app.kiosk('k2').get('/config')).body.values).toEqual({ volume: 6, lang: 'zh' });
    expect((await app.console.put('/config/planet/x', { values: {} })).status).toBe(400);
  });

  it('when the fleet list is filtered, then only matching kiosks come back with the total', async () => {
    app = await startFleetApp(['a1', 'a2', 'a3', 'a4']);
    await app.kiosk('a1').post('/heartbeat', heartbeat({ paper: 'low' }));
    await app.kiosk('a2').post('/heartbeat', heartbeat());
    app.clock.advance(4 * INTERVAL_MS);
    await app.kiosk('a2').post('/heartbeat', heartbeat());
    const ids = async (q: string) => {
      const r = await app.console.get(`/fleet${q}`);
      return r.body.kiosks.map((k: { id: string }) => k.id);
    };
    expect(await ids('?state=online')).toEqual(['a2']);
    expect(await ids('?state=offline')).toEqual(['a1']);
    expect(await ids('?state=never')).toEqual(['a3', 'a4']);
    expect(await ids('?alert=paper-low')).toEqual(['a1']);
    expect(await ids('?district=East')).toEqual(['a2', 'a4']);
    expect(await ids('?q=a3')).toEqual(['a3']);
    const page = await app.console.get('/fleet?limit=2&offset=1');
    expect(page.body.total).toBe(4);
    expect(page.body.kiosks.map((k: { id: string }) => k.id)).toEqual(['a2', 'a3']);
    const denied = await app.call('GET', '/api/v1/console/fleet', {
      headers: { 'x-test-person': 'p:case-desk' },
    });
    expect(denied.status).toBe(403);
  });
});

describe('fleet demo heartbeats', () => {
  it('when demo heartbeats start, then the kiosks are labelled demo, the first reports paper low, and once they stop they go offline', async () => {
    app = await startFleetApp();
    const demo = await startDemoHeartbeats({
      service: app.service,
      kioskIds: ['k2', 'k3'],
      intervalMs: INTERVAL_MS,
      now: app.clock.now,
    });
    demo.stop();
    const list = (await app.console.get('/fleet')).body.kiosks;
    expect(list.map((k: { id: string; demo: boolean }) => `${k.id} ${k.demo}`)).toEqual([
      'k1 false',
      'k2 true',
      'k3 true',
    ]);
    expect((await app.console.get('/alerts')).body.alerts).toMatchObject([
      { kioskId: 'k2', kind: 'paper-low' },
    ]);
    app.clock.advance(3 * INTERVAL_MS + 1);
    await app.service.sweepOffline();
    expect(
      (await app.console.get('/fleet?state=offline')).body.kiosks.map((k: { id: string }) => k.id),
    ).toEqual(['k2', 'k3']);
  });
});
