import { type Request, type RequestHandler, Router } from 'express';
import { parseBody, parseQuery } from '../../../http/validate.ts';
import type { AuditInput } from '../../audit/audit.ts';
import { previousBusinessDay } from './business-day.ts';
import { RunNowRequest, RunsQuery } from './reconciliation.schemas.ts';
import type { ReconciliationService } from './reconciliation.service.ts';

export interface ReconciliationRoutesDeps {
  service: ReconciliationService;
  requirePerson: (...roles: string[]) => RequestHandler;
  personIdOf: (req: Request) => string;
  audit: { record(entry: AuditInput): Promise<void> };
  now: () => Date;
}

/**
 * Mounted at /api/v1/console, admin only: the runs, one run's findings, and a run now (audited as
 * `billing.reconciliation.run`). The daily job's runs are audited by the timer.
 */
export function reconciliationRoutes({
  service,
  requirePerson,
  personIdOf,
  audit,
  now,
}: ReconciliationRoutesDeps): Router {
  const r = Router();
  const admin = requirePerson('admin');
  r.get('/billing/reconciliation/runs', admin, async (req, res) => {
    res.json({ runs: await service.listRuns(parseQuery(RunsQuery, req)) });
  });
  r.get('/billing/reconciliation/runs/:id', admin, async (req, res) => {
    res.json(await service.getRun(String(req.params.id)));
  });
  r.post('/billing/reconciliation/runs', admin, async (req, res) => {
    const { businessDay = previousBusinessDay(now()) } = parseBody(RunNowRequest, req);
    const personId = personIdOf(req);
    // A manual run is never refused as a duplicate, so there is always a result.
    const result = (await service.run({ businessDay, trigger: 'manual', requestedBy: personId }))!;
    const requestId = (req as { id?: unknown }).id;
    await audit.record({
      actor: { kind: 'person', id: personId },
      action: 'billing.reconciliation.run',
      target: { kind: 'reconciliation-run', id: result.run.id },
      after: {
        businessDay,
        state: result.run.state,
        findings: result.run.findings,
        unexplained: result.run.unexplained,
        error: result.run.error,
      },
      ...(requestId === undefined ? {} : { requestId: String(requestId) }),
    });
    res.status(201).json(result);
  });
  return r;
}
