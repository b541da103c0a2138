import path from 'node:path';
import express from 'express';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Database } from '../../../hub-server/db/database.ts';
import { loadMigrations, migrate } from '../../../hub-server/db/migrate.ts';
import { errorHandler } from '../../../hub-server/http/errors.ts';
import type { RunningHub } from '../../../hub-server/main.ts';
import { IDEMPOTENCY_ABANDON_MS } from '../../../hub-server/modules/idempotency/idempotency.routes.ts';
import { idempotent } from '../../../hub-server/modules/idempotency/idempotency.ts';
import { enrolledKiosk, hubAt } from '../../support/enrolled-hub.ts';
import { png } from '../../support/png.ts';
import { tempDir } from '../../support/temp-dir.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function hub(): Promise<RunningHub> {
  const t = tempDir();
  const h = await hubAt(t.dir);
  cleanups.push(t.remove, () => h.close());
  return h;
}

const screenshots = async (h: RunningHub) =>
  (await h.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM screenshots'))?.n ?? -1;
const upload = (body: Buffer) => ({
  method: 'POST',
  body: new Uint8Array(body),
  headers: { 'content-type': 'image/png' },
});

describe('kiosk idempotency (issue 5)', () => {
  it('when a screenshot upload is retried with the same key and body, then it is stored once and the answer replayed', async () => {
    const h = await hub();
    const k = await enrolledKiosk(h);
    const first = await k.call('/screenshots', { ...upload(png(10, 20)), key: 'shot-0001' });
    const again = await k.call('/screenshots', { ...upload(png(10, 20)), key: 'shot-0001' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(first.headers.get('idempotent-replay')).toBeNull();
    expect(again.headers.get('idempotent-replay')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect(await screenshots(h)).toBe(1);
  });

  it('when the same key comes with another body, then 422 idempotency-key-reused and nothing runs', async () => {
    const h = await hub();
    const k = await enrolledKiosk(h);
    await k.call('/screenshots', { ...upload(png(10, 20)), key: 'shot-0002' });
    const other = await k.call('/screenshots', { ...upload(png(30, 40)), key: 'shot-0002' });
    expect(other.status).toBe(422);
    expect((await other.json()).error.code).toBe('idempotency-key-reused');
    expect(await screenshots(h)).toBe(1);
  });

  it('when duplicates arrive together, then the operation runs once and every answer is the same', async () => {
    const h = await hub();
    const k = await enrolledKiosk(h);
    const all = await Promise.all(
      Array.from({ length: 5 }, () => k.call('/screenshots', { ...upload(png(5, 5)), key: 'shot-0003' })),
    );
    const bodies = await Promise.all(all.map((r) => r.json()));
    expect(all.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(all.filter((r) => r.headers.get('idempotent-replay') === 'true')).toHaveLength(4);
    expect(await screenshots(h)).toBe(1);
  });

  it('when the hub is asked about a key, then it gives the stored outcome; an unknown key is 404 unknown-key', async () => {
    const h = await hub();
    const k = await enrolledKiosk(h);
    const sent = await (await k.call('/screenshots', { ...upload(png(7, 8)), key: 'shot-0004' })).json();
    const found = await k.call('/idempotency/shot-0004');
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({ key: 'shot-0004', state: 'done', status: 201, body: sent });
    const unknown = await k.call('/idempotency/never-sent-1');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('unknown-key');
  });

  it('when another kiosk asks about the key, then it is unknown to it', async () => {
    const h = await hub();
    const k = await enrolledKiosk(h);
    const other = await enrolledKiosk(h, 'gl-aofeng-02');
    await k.call('/screenshots', { ...upload(png(7, 8)), key: 'shot-0005' });
    expect((await other.call('/idempotency/shot-0005')).status).toBe(404);
  });
});

describe('a claim left by a hub killed mid-request (issue 7)', () => {
  it('when the kiosk asks about a key still in progress, then in-progress while it is young, and once abandoned 404 unknown-key and the key runs again', async () => {
    const h = await hub();
    const k = await enrolledKiosk(h);
    // What a hub killed with SIGKILL mid-request leaves behind: a claim nobody will complete.
    const claim = (key: string, createdAt: string) =>
      h.db.run(
        `INSERT INTO kiosk_idempotency (kiosk_id, key, method, path, body_hash, state, created_at)
         VALUES (?, ?, 'POST', '/api/v1/kiosk/screenshots', 'x', 'in-progress', ?)`,
        [k.kioskId, key, createdAt],
      );
    await claim('shot-young', new Date().toISOString());
    await claim('shot-dead', new Date(Date.now() - IDEMPOTENCY_ABANDON_MS - 1000).toISOString());

    const young = await k.call('/idempotency/shot-young');
    expect(await young.json()).toMatchObject({ state: 'in-progress' });
    const dead = await k.call('/idempotency/shot-dead');
    expect(dead.status).toBe(404);
    expect((await dead.json()).error.code).toBe('unknown-key');
    const again = await k.call('/screenshots', { ...upload(png(9, 9)), key: 'shot-dead' });
    expect(again.status).toBe(201);
    expect(await screenshots(h)).toBe(1);
  });
});

describe('the idempotency middleware alone', () => {
  async function slowApp() {
    const t = tempDir();
    const db = await Database.open(path.join(t.dir, 'hub.sqlite'));
    await migrate(db, await loadMigrations());
    cleanups.push(t.remove, () => db.close());
    let runs = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const app = express();
    app.use(express.json());
    const once = idempotent({ db, now: () => new Date(), kioskIdOf: () => 'k1', waitMs: 100 });
    app.post('/pay', once, async (req, res) => {
      runs++;
      if (req.body.fail) throw new Error('boom');
      await gate;
      res.status(201).json({ paid: req.body.amount });
    });
    app.use(errorHandler(pino({ level: 'silent' })));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    cleanups.push(() => new Promise((r) => server.close(r)));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/pay`;
    const post = (key: string, body: unknown) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
      });
    return { post, release, runs: () => runs };
  }

  it('when a duplicate outlasts the wait while the first still runs, then 409 request-in-progress; later it replays', async () => {
    const app = await slowApp();
    const first = app.post('pay-00001', { amount: 100 });
    await new Promise((r) => setTimeout(r, 50));
    const dup = await app.post('pay-00001', { amount: 100 });
    expect(dup.status).toBe(409);
    expect((await dup.json()).error.code).toBe('request-in-progress');
    app.release();
    expect((await first).status).toBe(201);
    const later = await app.post('pay-00001', { amount: 100 });
    expect(later.headers.get('idempotent-replay')).toBe('true');
    expect(await later.json()).toEqual({ paid: 100 });
    expect(app.runs()).toBe(1);
  });

  it('when the first request fails with a 5xx, then the key is released and a retry runs', async () => {
    const app = await slowApp();
    app.release();
    expect((await app.post('pay-00002', { amount: 1, fail: true })).status).toBe(500);
    expect((await app.post('pay-00002', { amount: 1, fail: true })).status).toBe(500);
    expect(app.runs()).toBe(2);
  });

  it('when the key is malformed, then 400 invalid-idempotency-key', async () => {
    const app = await slowApp();
    const res = await app.post('bad key!', { amount: 1 });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid-idempotency-key');
    expect(app.runs()).toBe(0);
  });
});
