import { createServer, type Server } from 'node:http';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { HubHealth } from '../../kiosk-agent/hub/hub-health.ts';

const logger = pino({ level: 'silent' });
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

function fakeHub(handler: (send: (status: number, body: string) => void) => void): Promise<string> {
  const server = createServer((_req, res) =>
    handler((status, body) => res.writeHead(status, { 'content-type': 'application/json' }).end(body)),
  );
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`),
    ),
  );
}

describe('hub health', () => {
  it('when the hub answers ok, then it is connected', async () => {
    const url = await fakeHub((send) => send(200, '{"status":"ok","version":"1"}'));
    const health = new HubHealth({ hubUrl: url, logger });
    expect((await health.check()).connected).toBe(true);
  });

  it('when nothing listens, then it is disconnected with a reason a maintainer can read', async () => {
    const url = await fakeHub((send) => send(200, '{}'));
    await new Promise((r) => servers.pop()?.close(r));
    const health = new HubHealth({ hubUrl: url, logger });
    const state = await health.check();
    expect(state.connected).toBe(false);
    expect(state.reason).toMatch(/ECONNREFUSED/);
  });

  it('when the hub hangs, then the probe gives up after its timeout', async () => {
    const url = await fakeHub(() => {});
    const health = new HubHealth({ hubUrl: url, logger, timeoutMs: 100 });
    const t0 = Date.now();
    const state = await health.check();
    expect(state).toMatchObject({ connected: false, reason: 'no answer within 100 ms' });
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('when connectivity flips, then one change event is emitted per flip', async () => {
    let ok = true;
    const url = await fakeHub((send) => (ok ? send(200, '{"status":"ok"}') : send(503, '{}')));
    const health = new HubHealth({ hubUrl: url, logger });
    const seen: boolean[] = [];
    health.on('change', (h) => seen.push(h.connected));
    await health.check();
    await health.check();
    ok = false;
    await health.check();
    await health.check();
    expect(seen).toEqual([true, false]);
    expect(health.current().reason).toBe('the hub answered HTTP 503');
  });
});
