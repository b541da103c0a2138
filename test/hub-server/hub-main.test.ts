import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningHub, startHub } from '../../hub-server/main.ts';
import { DEMO_FLEET } from '../../hub-server/seed/demo-fleet.ts';
import { tempDir } from '../support/temp-dir.ts';

const logger = pino({ level: 'silent' });
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function hubIn(dir: string, port = 0): Promise<RunningHub> {
  const hub = await startHub({ port, dataDir: dir, logger });
  cleanups.push(() => hub.close());
  return hub;
}

describe('hub server', () => {
  it('when started on port 0, then GET /api/v1/health answers ok with the version over real HTTP', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const hub = await hubIn(t.dir);
    const res = await fetch(`${hub.url}/api/v1/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('when a route does not exist, then the answer is the one error envelope', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const hub = await hubIn(t.dir);
    const res = await fetch(`${hub.url}/api/v1/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'not-found', message: expect.stringContaining('/api/v1/nope') },
    });
  });

  it('when started twice on the same data dir, then the demo data is seeded once and reused', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const first = await startHub({ port: 0, dataDir: t.dir, logger });
    await first.close();
    const second = await hubIn(t.dir);
    const rows = await second.db.all<{ id: string }>('SELECT id FROM kiosks');
    expect(rows.map((r) => r.id).sort()).toEqual(DEMO_FLEET.map((k) => k.id).sort());
  });

  it('when the port is taken, then start fails with EADDRINUSE and closes its database', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const hub = await hubIn(t.dir);
    const other = tempDir();
    cleanups.push(other.remove);
    const err = (await startHub({ port: hub.port, dataDir: other.dir, logger }).catch(
      (e) => e,
    )) as NodeJS.ErrnoException;
    expect(err.code).toBe('EADDRINUSE');
  });
});
