import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { errorHandler, notFound } from '../../../hub-server/http/errors.ts';
import { createLogger } from '../../../hub-server/http/logger.ts';
import { requestContext, requestId, requestLogger } from '../../../hub-server/http/request-context.ts';
import { captureLines, serve } from './serve.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function appWithContext() {
  const out = captureLines();
  const logger = createLogger({ destination: out });
  let t = 1000;
  const app = express();
  app.use(requestContext({ logger, clock: () => (t += 12.5) }));
  app.use(express.json());
  app.get('/api/v1/residents/:id', (req, res) => {
    requestLogger(req).info({ resident: { idNumber: '350102199001011234' } }, 'looked up');
    res.json({ id: requestId(req) });
  });
  app.post('/api/v1/boom', () => {
    throw new Error('kaput');
  });
  app.use(notFound);
  app.use(errorHandler(logger));
  const s = await serve(app);
  cleanups.push(s.close);
  return { ...s, out };
}

/** The access line is written on `finish`, just after the client has its answer. */
async function accessLine(out: ReturnType<typeof captureLines>) {
  for (let i = 0; i < 50 && !out.lines.some((l) => l.msg === 'request'); i++)
    await new Promise((r) => setTimeout(r, 10));
  return out.lines.find((l) => l.msg === 'request');
}

describe('requestContext', () => {
  it('when a request has no id, then one is made, echoed in x-request-id and handed to the handler', async () => {
    const { url } = await appWithContext();
    const res = await fetch(`${url}/api/v1/residents/7`);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toEqual({ id });
  });

  it('when a sane x-request-id comes in, then it is kept; when an insane one comes in, then it is replaced', async () => {
    const { url } = await appWithContext();
    const kept = await fetch(`${url}/api/v1/residents/7`, { headers: { 'x-request-id': 'lb-abc.123' } });
    expect(kept.headers.get('x-request-id')).toBe('lb-abc.123');
    const replaced = await fetch(`${url}/api/v1/residents/7`, {
      headers: { 'x-request-id': 'x"; DROP TABLE kiosks; --' },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when a request ends, then one line says method, path without query, status, duration and id', async () => {
    const { url, out } = await appWithContext();
    const res = await fetch(`${url}/api/v1/residents/7?phone=13812345678`, {
      headers: { 'x-request-id': 'req-1' },
    });
    await res.text();
    const line = await accessLine(out);
    expect(line).toMatchObject({
      reqId: 'req-1',
      method: 'GET',
      path: '/api/v1/residents/7',
      status: 200,
      ms: 12.5,
    });
    expect(out.raw.join('')).not.toContain('13812345678');
    expect(out.raw.filter((l) => l.includes('"msg":"request"'))).toHaveLength(1);
  });

  it('when a handler logs through requestLogger, then its line carries the request id and masked data', async () => {
    const { url, out } = await appWithContext();
    await (await fetch(`${url}/api/v1/residents/7`, { headers: { 'x-request-id': 'req-2' } })).text();
    const line = out.lines.find((l) => l.msg === 'looked up');
    expect(line).toMatchObject({ reqId: 'req-2', resident: { idNumber: '3501**********1234' } });
  });

  it('when a handler fails, then the access line is an error with status 500 and the body is not logged', async () => {
    const { url, out } = await appWithContext();
    const res = await fetch(`${url}/api/v1/boom`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idNumber: '350102199001011234' }),
    });
    expect(res.status).toBe(500);
    const line = await accessLine(out);
    expect(line).toMatchObject({ level: 50, method: 'POST', path: '/api/v1/boom', status: 500 });
    expect(out.raw.join('')).not.toContain('350102199001011234');
  });

  it('when requestContext is not mounted, then requestLogger still returns a usable logger', () => {
    const req = {} as express.Request;
    expect(() => requestLogger(req).info('nothing')).not.toThrow();
    expect(requestId(req)).toBeUndefined();
  });
});
