import express, { type Request, type RequestHandler, Router } from 'express';
import {
  ackSchema,
  alertsQuerySchema,
  commandResultSchema,
  commandsQuerySchema,
  configSchema,
  configScopeSchema,
  createCommandSchema,
  fleetQuerySchema,
  maintenanceSchema,
  screenshotQuerySchema,
} from './fleet.schemas.ts';
import type { FleetService } from './fleet.service.ts';

export interface FleetKioskRoutesDeps {
  service: FleetService;
  /** Authenticates the kiosk (written by the auth slice). */
  requireKiosk: RequestHandler;
  kioskIdOf: (req: Request) => string;
  /** The idempotency layer for retried POSTs (`Idempotency-Key`); none in tests that do not need it. */
  idempotent?: RequestHandler;
}

/** Kiosk-facing fleet routes, mounted at /api/v1/kiosk. */
export function fleetKioskRoutes({
  service,
  requireKiosk,
  kioskIdOf,
  idempotent,
}: FleetKioskRoutesDeps): Router {
  const r = Router();
  const once: RequestHandler = idempotent ?? ((_req, _res, next) => next());
  r.post('/heartbeat', requireKiosk, async (req, res) => {
    res.json(await service.ingestHeartbeat(kioskIdOf(req), req.body));
  });
  r.get('/commands', requireKiosk, async (req, res) => {
    const { wait } = commandsQuerySchema.parse(req.query);
    // A long poll: the agent keeps one request open, so a command reaches it at once.
    const hungUp = new AbortController();
    res.on('close', () => hungUp.abort());
    const commands = await service.waitForCommands(kioskIdOf(req), wait * 1000, hungUp.signal);
    if (!res.writableEnded && !hungUp.signal.aborted) res.json({ commands });
  });
  r.post('/commands/:id/result', requireKiosk, once, async (req, res) => {
    const c = await service.completeCommand(
      kioskIdOf(req),
      String(req.params.id),
      commandResultSchema.parse(req.body),
    );
    res.json({ id: c.id, state: c.state });
  });
  r.post(
    '/screenshots',
    requireKiosk,
    express.raw({ type: 'image/png', limit: '6mb' }),
    once,
    async (req, res) => {
      const { commandId } = screenshotQuerySchema.parse(req.query);
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      res.status(201).json(await service.storeScreenshot(kioskIdOf(req), commandId, body));
    },
  );
  r.get('/config', requireKiosk, async (req, res) => {
    res.json(await service.effectiveConfig(kioskIdOf(req)));
  });
  return r;
}

/** The same shape as the audit module's AuditInput, so its `record` can be passed as is. */
export interface AuditEntry {
  actor: { kind: 'person'; id: string | null };
  action: string;
  target?: { kind: string; id: string | null };
  before?: unknown;
  after?: unknown;
}

export interface FleetConsoleRoutesDeps {
  service: FleetService;
  requirePerson: (...roles: string[]) => RequestHandler;
  personIdOf: (req: Request) => string;
  audit?: { record(entry: AuditEntry): Promise<void> };
}

/** People-facing fleet routes, mounted at /api/v1/console. */
export function fleetConsoleRoutes({
  service,
  requirePerson,
  personIdOf,
  audit,
}: FleetConsoleRoutesDeps): Router {
  const r = Router();
  const read = requirePerson('admin', 'maintainer', 'operator');
  const write = requirePerson('admin', 'maintainer');
  const record = async (entry: AuditEntry) => {
    if (audit) await audit.record(entry);
  };
  const id = (req: Request) => String(req.params.id);
  const person = (pid: string) => ({ kind: 'person' as const, id: pid });

  r.get('/fleet', read, async (req, res) => {
    res.json(await service.listFleet(fleetQuerySchema.parse(req.query)));
  });
  r.get('/fleet/summary', read, async (_req, res) => {
    res.json(await service.summary());
  });
  r.get('/kiosks/:id', read, async (req, res) => {
    res.json(await service.getKiosk(id(req)));
  });
  r.get('/alerts', read, async (req, res) => {
    const q = alertsQuerySchema.parse(req.query);
    res.json({
      alerts: await service.listAlerts({ kind: q.kind, includeClosed: q.closed === '1', limit: q.limit }),
    });
  });
  r.post('/alerts/:id/ack', write, async (req, res) => {
    const { note } = ackSchema.parse(req.body ?? {});
    const personId = personIdOf(req);
    const { before, after } = await service.acknowledge(id(req), personId, note);
    await record({
      actor: person(personId),
      action: 'alert.acknowledge',
      target: { kind: 'alert', id: after.id },
      before,
      after,
    });
    res.json(after);
  });
  r.post('/kiosks/:id/commands', write, async (req, res) => {
    const body = createCommandSchema.parse(req.body);
    const personId = personIdOf(req);
    const c = await service.createCommand(id(req), body.kind, body.args, personId, body.ttlSeconds * 1000);
    await record({
      actor: person(personId),
      action: 'command.create',
      target: { kind: 'kiosk', id: c.kioskId },
      after: c,
    });
    res.status(201).json(c);
  });
  r.get('/kiosks/:id/commands', read, async (req, res) => {
    res.json({ commands: await service.listCommands(id(req)) });
  });
  r.get('/screenshots/:id', read, async (req, res) => {
    const s = await service.getScreenshot(id(req));
    res.type('image/png').send(s.png);
  });
  r.put('/config/:scope/:scopeId', write, async (req, res) => {
    const scope = configScopeSchema.parse(req.params.scope);
    const { values } = configSchema.parse(req.body);
    const personId = personIdOf(req);
    const out = await service.setConfig(scope, String(req.params.scopeId), values, personId);
    await record({
      actor: person(personId),
      action: 'config.set',
      target: { kind: `config-${scope}`, id: out.scopeId },
      before: out.before,
      after: values,
    });
    res.json({ scope: out.scope, scopeId: out.scopeId, version: out.version, values: out.values });
  });
  r.post('/kiosks/:id/maintenance', write, async (req, res) => {
    const { on } = maintenanceSchema.parse(req.body);
    const personId = personIdOf(req);
    const c = await service.setMaintenance(id(req), on, personId);
    await record({
      actor: person(personId),
      action: 'kiosk.maintenance',
      target: { kind: 'kiosk', id: id(req) },
      after: { on },
    });
    res.status(201).json({ maintenance: on, command: c });
  });
  return r;
}
