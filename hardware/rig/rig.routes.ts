import { readFileSync } from 'node:fs';
import express, { type ErrorRequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { RigDeviceRunner } from './rig-device-runner.ts';

const PAGE = readFileSync(new URL('./rig-page.html', import.meta.url), 'utf8');

/** `level: Invalid option: expected one of "ok"|"low"|"out"` — one line a person can act on. */
function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
}

function fail(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/**
 * The rig's HTTP surface: the control page at `/rig/` and a small JSON API
 * under `/rig/api`. Handlers only parse, call the device and answer; errors
 * use the project envelope `{ error: { code, message } }`.
 */
export function createRigApp(runners: ReadonlyMap<string, RigDeviceRunner>, logger: Logger): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // `/rig` and `/rig/` are different routes: the page's relative URLs (`api/devices`) need the slash.
  app.set('strict routing', true);
  app.use(express.json({ limit: '16kb' }));

  app.get('/rig', (_req, res) => res.redirect(301, '/rig/'));
  app.get('/rig/', (_req, res) => {
    res.type('html').set('Cache-Control', 'no-store').send(PAGE);
  });

  app.get('/rig/api/devices', (_req, res) => {
    res.json({ devices: [...runners.values()].map((r) => r.describe()) });
  });

  app.get('/rig/api/:device/:view', (req, res) => {
    const runner = runners.get(req.params.device);
    if (!runner) return fail(res, 404, 'unknown-device', `No simulated device '${req.params.device}'.`);
    const views = runner.sim.views ?? {};
    const view = Object.hasOwn(views, req.params.view) ? views[req.params.view] : undefined;
    if (!view)
      return fail(res, 404, 'unknown-view', `The ${runner.spec.device} has no view '${req.params.view}'.`);
    res.set('Cache-Control', 'no-cache').json(view());
  });

  app.post('/rig/api/:device/:action', async (req, res) => {
    const runner = runners.get(req.params.device);
    if (!runner) return fail(res, 404, 'unknown-device', `No simulated device '${req.params.device}'.`);
    const name = req.params.action;
    if (name === 'unplug' || name === 'replug') {
      await (name === 'unplug' ? runner.unplug() : runner.replug());
      logger.info({ device: runner.spec.device }, name);
      return void res.json({ device: runner.describe() });
    }
    const action = Object.hasOwn(runner.sim.actions, name) ? runner.sim.actions[name] : undefined;
    if (!action)
      return fail(res, 404, 'unknown-action', `The ${runner.spec.device} has no action '${name}'.`);
    const parsed = action.body.safeParse(req.body);
    if (!parsed.success) return fail(res, 400, 'invalid-body', describeIssues(parsed.error));
    action.run(parsed.data);
    // The body is not logged: it can hold a payment code, a card choice or dialled digits.
    logger.info({ device: runner.spec.device, action: name }, 'sim action');
    res.json({ device: runner.describe() });
  });

  app.use('/rig/api', (_req, res) => fail(res, 404, 'not-found', 'No such rig API route.'));

  const onError: ErrorRequestHandler = (
    err: { type?: string; status?: number; message?: string },
    _req,
    res,
    _next,
  ) => {
    if (err.type === 'entity.parse.failed')
      return fail(res, 400, 'invalid-json', 'The body is not valid JSON.');
    if (err.type === 'entity.too.large') return fail(res, 413, 'body-too-large', 'The body is too large.');
    logger.error({ err }, 'rig request failed');
    fail(res, 500, 'rig-error', err.message ?? 'The rig failed.');
  };
  app.use(onError);
  return app;
}
