import express from 'express';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorHandler, HttpError, notFound } from '../../../hub-server/http/errors.ts';
import { serve } from './serve.ts';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function app() {
  const a = express();
  a.use(express.json({ limit: '1kb' }));
  a.post('/zod', (req, res) => {
    res.json(z.object({ n: z.number() }).parse(req.body));
  });
  a.post('/teapot', () => {
    throw new HttpError(418, 'teapot', 'I am a teapot');
  });
  a.post('/boom', () => {
    throw new Error('secret internals');
  });
  a.use(notFound);
  a.use(errorHandler(pino({ level: 'silent' })));
  const s = await serve(a);
  close = s.close;
  return async (path: string, body: string) => {
    const res = await fetch(s.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
  };
}

describe('the one error envelope', () => {
  it('when each kind of failure happens, then each leaves with its status and stable code', async () => {
    const post = await app();
    expect(await post('/zod', '{"n":"x"}')).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid-request' } },
    });
    expect(await post('/zod', '{"n":')).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid-json' } },
    });
    expect(await post('/teapot', '{}')).toMatchObject({ status: 418, body: { error: { code: 'teapot' } } });
    expect(await post('/nowhere', '{}')).toMatchObject({
      status: 404,
      body: { error: { code: 'not-found' } },
    });
    const boom = await post('/boom', '{}');
    expect(boom).toMatchObject({ status: 500, body: { error: { code: 'internal-error' } } });
    expect(boom.body.error.message).not.toContain('secret');
  });

  it('when a body is over the limit, then it is 413 body-too-large, not a 500', async () => {
    const post = await app();
    const big = JSON.stringify({ n: 1, pad: 'x'.repeat(2048) });
    const res = await post('/zod', big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('body-too-large');
    expect(res.body.error.message).toMatch(/1024 bytes/);
  });
});
