/** What the 对账 page reads from /api/v1/console/billing/reconciliation (reconciliation.schemas.ts). Money is fen. */

export interface ReconciliationRun {
  id: string;
  businessDay: string;
  trigger: 'schedule' | 'manual';
  requestedBy: string | null;
  state: 'done' | 'failed';
  error: string | null;
  startedAt: string;
  finishedAt: string;
  paymentsChecked: number;
  gatewayLines: number;
  billerLines: number;
  gatewayChargedFen: number;
  gatewayRefundedFen: number;
  billerPostedFen: number;
  findings: number;
  unexplained: number;
}

export type FindingStatus = 'in-flight' | 'resolvable' | 'needs-person';

export interface ReconciliationFinding {
  kind: string;
  paymentId: string;
  reference: string | null;
  billerId: string | null;
  hubState: string;
  gatewayState: string;
  billerState: string;
  hubFen: number | null;
  gatewayFen: number;
  billerFen: number;
  action: string;
  status: FindingStatus;
  note: string;
}

export interface RunWithFindings {
  run: ReconciliationRun;
  findings: ReconciliationFinding[];
}
