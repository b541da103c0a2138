import { z } from 'zod';
import { FINDING_ACTIONS, FINDING_KINDS, FINDING_STATUSES } from './findings.types.ts';

/*
 * The reconciliation's console API shapes: parsed by reconciliation.routes.ts, documented by
 * reconciliation.openapi.ts, read by the console's 对账 page. Money is integer fen.
 */

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** `POST …/runs`: the business day to reconcile; absent: yesterday in Asia/Shanghai. */
export const RunNowRequest = z
  .object({ businessDay: day.optional().openapi({ example: '2026-11-24' }) })
  .openapi('ReconciliationRunRequest');

/** `GET …/runs?limit&before`: newest first; `before` is the previous page's last `startedAt`. */
export const RunsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  before: z.string().min(1).max(40).optional(),
});

export const RunParams = z.object({ id: z.string() });

export const ReconciliationRun = z
  .object({
    id: z.string(),
    businessDay: day,
    trigger: z.enum(['schedule', 'manual']),
    requestedBy: z.string().nullable(),
    state: z.enum(['done', 'failed']),
    error: z.string().nullable(),
    startedAt: z.string(),
    finishedAt: z.string(),
    paymentsChecked: z.number().int(),
    gatewayLines: z.number().int(),
    billerLines: z.number().int(),
    gatewayChargedFen: z.number().int(),
    gatewayRefundedFen: z.number().int(),
    billerPostedFen: z.number().int(),
    findings: z.number().int(),
    unexplained: z.number().int().openapi({ description: 'Findings that need a person.' }),
  })
  .openapi('ReconciliationRun');

export const ReconciliationFinding = z
  .object({
    kind: z.enum(FINDING_KINDS),
    paymentId: z.string(),
    reference: z.string().nullable(),
    billerId: z.string().nullable(),
    hubState: z.string().openapi({ example: 'unknown:post' }),
    gatewayState: z.string().openapi({ example: 'charged' }),
    billerState: z.string().openapi({ example: 'posted' }),
    hubFen: z.number().int().nullable(),
    gatewayFen: z.number().int().openapi({ description: 'Charged minus refunded.' }),
    billerFen: z.number().int().openapi({ description: 'Posted minus reversed.' }),
    action: z.enum(FINDING_ACTIONS),
    status: z.enum(FINDING_STATUSES),
    note: z.string(),
  })
  .openapi('ReconciliationFinding');

export const RunWithFindings = z
  .object({ run: ReconciliationRun, findings: z.array(ReconciliationFinding) })
  .openapi('ReconciliationRunWithFindings');
