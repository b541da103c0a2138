import type { RequestHandler } from 'express';
import { Router } from 'express';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface Metrics {
  /** The hub's own registry: modules add their metrics here (e.g. heartbeats ingested). */
  registry: Registry;
  /** Counts and times every request by method, route pattern and status. */
  middleware: RequestHandler;
}

export interface MetricsOptions {
  /** Process metrics (CPU, memory, event loop, GC); off in tests that build many apps. */
  processMetrics?: boolean;
}

/**
 * Requests nobody routed (404s, scanners) share one label so they cannot grow the series;
 * routed ones are labelled by the Express route pattern (`/api/v1/kiosks/:id`), never the raw path.
 */
export const UNMATCHED_ROUTE = '(unmatched)';

/** Builds a fresh registry with the HTTP metrics; no global default registry, so tests can build many. */
export function createMetrics({ processMetrics = true }: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from request to response end, by method, route pattern and status.',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  // The labelled children per (method, route, status), so a request does not hash its labels twice.
  type Series = {
    requests: ReturnType<typeof requests.labels>;
    duration: ReturnType<typeof duration.labels>;
  };
  const children = new Map<string, Series>();
  const seriesFor = (method: string, route: string, status: number) => {
    const key = `${method} ${status} ${route}`;
    let series = children.get(key);
    if (!series) {
      const labels = { method, route, status: String(status) };
      series = { requests: requests.labels(labels), duration: duration.labels(labels) };
      children.set(key, series);
    }
    return series;
  };
  const middleware: RequestHandler = (req, res, next) => {
    const start = process.hrtime.bigint();
    // Express sets `req.route` when a route matches, while `req.baseUrl` is still that
    // router's mount path; an error handler later sees it restored. Capture it right then.
    let route: string | undefined;
    let matched: unknown;
    Object.defineProperty(req, 'route', {
      configurable: true,
      enumerable: true,
      get: () => matched,
      set(value: { path?: unknown } | undefined) {
        matched = value;
        if (typeof value?.path === 'string') route = `${req.baseUrl}${value.path}` || '/';
      },
    });
    res.once('finish', () => {
      const series = seriesFor(req.method, route ?? UNMATCHED_ROUTE, res.statusCode);
      series.requests.inc();
      series.duration.observe(Number(process.hrtime.bigint() - start) / 1e9);
    });
    next();
  };
  return { registry, middleware };
}

/** `GET /metrics` → the registry in Prometheus text format. */
export function metricsRoute(registry: Registry): Router {
  const router = Router();
  router.get('/metrics', async (_req, res, next) => {
    try {
      const body = await registry.metrics();
      res.type(registry.contentType).send(body);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
