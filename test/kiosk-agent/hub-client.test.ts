/** The agent's hub client over real HTTP on 127.0.0.1: how a call ends, and what it leaves behind. */

import { getEventListeners } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HubCallError, HubClient } from '../../kiosk-agent/hub/hub-client.ts';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A hub that answers /ok at once and never answers /slow. */
async function hub(): Promise<string> {
  server = createServer((req, res) => {
    if (req.url === '/ok') res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const codeOf = (call: Promise<unknown>) =>
  call.then(
    () => 'answered',
    (err: unknown) => (err instanceof HubCallError ? err.code : String(err)),
  );

describe('the hub client', () => {
  it('when a hub does not answer in time, then the call fails as a timeout; when the caller cancels, as aborted', async () => {
    const client = new HubClient({ baseUrl: await hub(), credential: () => 'k', timeoutMs: 200 });
    expect(await codeOf(client.call('/slow'))).toBe('timeout');
    const stop = new AbortController();
    const call = codeOf(client.call('/slow', { signal: stop.signal, timeoutMs: 5_000 }));
    stop.abort();
    expect(await call).toBe('aborted');
    expect(await codeOf(client.call('/ok'))).toBe('answered');
  });

  it('when many calls share one long-lived signal, then none leaves a listener on it', async () => {
    const client = new HubClient({ baseUrl: await hub(), credential: () => 'k' });
    const polling = new AbortController();
    for (let i = 0; i < 15; i++) await client.call('/ok', { signal: polling.signal });
    for (let i = 0; i < 15; i++)
      await codeOf(client.call('/slow', { signal: polling.signal, timeoutMs: 20 }));
    expect(getEventListeners(polling.signal, 'abort')).toHaveLength(0);
  });
});
