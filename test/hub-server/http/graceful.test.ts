import http from 'node:http';
import net from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { closeServer } from '../../../hub-server/http/graceful.ts';
import { serve } from './serve.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** An app whose GET /slow answers after `ms`; `arrived` resolves when the request is in. */
async function slowApp(ms: number) {
  let arrived!: () => void;
  const inFlight = new Promise<void>((r) => {
    arrived = r;
  });
  const app = express();
  app.get('/slow', (_req, res) => {
    arrived();
    setTimeout(() => res.send('done'), ms);
  });
  app.get('/fast', (_req, res) => {
    res.send('ok');
  });
  const s = await serve(app);
  cleanups.push(() => s.server.closeAllConnections());
  return { ...s, inFlight, port: (s.server.address() as { port: number }).port };
}

function get(url: string, agent: http.Agent | false = false): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        let body = '';
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

function connect(port: number): Promise<'connected' | string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
  });
}

describe('closeServer', () => {
  it('when a slow request is in flight, then it still completes while a new connection is refused', async () => {
    const { url, server, inFlight, port } = await slowApp(300);
    const slow = get(`${url}/slow`);
    await inFlight;
    const closing = closeServer(server, { timeoutMs: 5000 });
    expect(await connect(port)).toBe('ECONNREFUSED');
    expect(await slow).toEqual({ status: 200, body: 'done' });
    expect(await closing).toEqual({ forced: false });
    expect(server.listening).toBe(false);
  });

  it('when an idle keep-alive connection is open, then shutdown does not wait for it', async () => {
    const { url, server } = await slowApp(0);
    const agent = new http.Agent({ keepAlive: true });
    cleanups.push(() => agent.destroy());
    expect((await get(`${url}/fast`, agent)).body).toBe('ok');
    const started = Date.now();
    expect(await closeServer(server, { timeoutMs: 5000 })).toEqual({ forced: false });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('when a keep-alive client has a request in flight, then its connection closes as soon as the answer is sent', async () => {
    const { url, server, inFlight } = await slowApp(200);
    const agent = new http.Agent({ keepAlive: true });
    cleanups.push(() => agent.destroy());
    const slow = get(`${url}/slow`, agent);
    await inFlight;
    const started = Date.now();
    const closing = closeServer(server, { timeoutMs: 10_000 });
    expect((await slow).body).toBe('done');
    expect(await closing).toEqual({ forced: false });
    // Well under the 5 s keep-alive timeout a lingering idle connection would hold shutdown for.
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('when a request outlasts the timeout, then its connection is cut and shutdown reports it forced', async () => {
    const { url, server, inFlight } = await slowApp(60_000);
    const stuck = get(`${url}/slow`).catch((err: NodeJS.ErrnoException) => err.code);
    await inFlight;
    const started = Date.now();
    expect(await closeServer(server, { timeoutMs: 150 })).toEqual({ forced: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(await stuck).toBe('ECONNRESET');
  });
});
