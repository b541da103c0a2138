import { z } from 'zod';
import { type OpenAPIRegistry, registerRoute } from '../../../http/openapi.ts';
import {
  ReconciliationRun,
  RunNowRequest,
  RunParams,
  RunsQuery,
  RunWithFindings,
} from './reconciliation.schemas.ts';

/** Documents the console's reconciliation routes (admin only). */
export function registerReconciliationOpenApi(registry: OpenAPIRegistry): void {
  const common = { tags: ['console'], auth: 'session' as const, roles: ['admin'] };
  registerRoute(registry, {
    ...common,
    method: 'get',
    path: '/api/v1/console/billing/reconciliation/runs',
    summary: 'Reconciliation runs, newest first; page with `before` = the last run’s `startedAt`.',
    query: RunsQuery,
    responses: { 200: { description: 'The runs.', schema: z.object({ runs: z.array(ReconciliationRun) }) } },
  });
  registerRoute(registry, {
    ...common,
    method: 'get',
    path: '/api/v1/console/billing/reconciliation/runs/:id',
    summary: 'One run and its findings, those needing a person first.',
    params: RunParams,
    paramsParsed: false,
    responses: { 200: { description: 'The run and its findings.', schema: RunWithFindings } },
    errors: { 404: ['run-not-found'] },
  });
  registerRoute(registry, {
    ...common,
    method: 'post',
    path: '/api/v1/console/billing/reconciliation/runs',
    summary: 'Reconciles a business day now (default: yesterday, Asia/Shanghai); audited.',
    description:
      'Compares the gateway’s statement, the hub’s payments and every biller’s statement for the day and ' +
      'lists every mismatch with its action. A run whose statements could not be read is stored as ' +
      '`failed` with its `error`. Kinds, actions and statuses: docs/billing.md, “Reconciliation”.',
    body: RunNowRequest,
    responses: { 201: { description: 'The finished run and its findings.', schema: RunWithFindings } },
    errors: { 422: ['invalid-business-day'] },
  });
}
