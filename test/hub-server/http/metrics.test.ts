import express from 'express';
import { Counter } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { errorHandler, HttpError, notFound } from '../../../hub-server/http/errors.ts';
import { createLogger } from '../../../hub-server/http/logger.ts';
import { createMetrics, metricsRoute } from '../../../hub-server/http/metrics.ts';
import { serve } from './serve.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function appWithMetrics(processMetrics = false) {
  const metrics = createMetrics({ processMetrics });
  const app = express();
  app.use(metrics.middleware);
  app.use(metricsRoute(metrics.registry));
  const api = express.Router();
  api.get('/kiosks/:id', (req, res) => {
    res.json({ id: req.params.id });
  });
  api.get('/kiosks/:id/fail', () => {
    throw new HttpError(409, 'conflict', 'no');
  });
  app.use('/api/v1', api);
  app.use(notFound);
  app.use(errorHandler(createLogger({ level: 'silent' })));
  const s = await serve(app);
  cleanups.push(s.close);
  return { ...s, metrics };
}

async function scrape(url: string): Promise<string> {
  const res = await fetch(`${url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
}

describe('metrics', () => {
  it('when requests hit one route with different ids, then they count under its pattern, not the raw paths', async () => {
    const { url } = await appWithMetrics();
    for (const id of ['k1', 'k2', 'k3']) await (await fetch(`${url}/api/v1/kiosks/${id}`)).text();
    const text = await scrape(url);
    expect(text).toContain('http_requests_total{method="GET",route="/api/v1/kiosks/:id",status="200"} 3');
    expect(text).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/kiosks\/:id"[^}]*\} 3/);
    expect(text).not.toContain('k2');
  });

  it('when a nested route fails, then its full pattern and error status are counted', async () => {
    const { url } = await appWithMetrics();
    await (await fetch(`${url}/api/v1/kiosks/k1/fail`)).text();
    const text = await scrape(url);
    expect(text).toContain(
      'http_requests_total{method="GET",route="/api/v1/kiosks/:id/fail",status="409"} 1',
    );
  });

  it('when unrouted paths are requested, then they share one unmatched label', async () => {
    const { url } = await appWithMetrics();
    for (const p of ['/wp-admin', '/.env', '/api/v1/nope']) await (await fetch(`${url}${p}`)).text();
    const text = await scrape(url);
    expect(text).toContain('http_requests_total{method="GET",route="(unmatched)",status="404"} 3');
    expect(text).not.toContain('wp-admin');
  });

  it('when two apps are built, then each has its own registry and a module can add its own metric', async () => {
    const a = await appWithMetrics(true);
    const b = await appWithMetrics(true);
    new Counter({
      name: 'heartbeats_ingested_total',
      help: 'Heartbeats.',
      registers: [a.metrics.registry],
    }).inc(2);
    await (await fetch(`${a.url}/api/v1/kiosks/k1`)).text();
    const textA = await scrape(a.url);
    const textB = await scrape(b.url);
    expect(textA).toContain('heartbeats_ingested_total 2');
    expect(textA).toContain('process_cpu_user_seconds_total');
    expect(textB).not.toContain('heartbeats_ingested_total');
    expect(textB).not.toContain('route="/api/v1/kiosks/:id"');
  });
});
