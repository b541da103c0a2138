import type { Database } from '../../../db/database.ts';
import type { Finding, HubPayment } from './findings.types.ts';

/** A reconciliation run as plain data. */
export interface RunRecord {
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

const RUN_COLUMNS: [keyof RunRecord, string][] = [
  ['id', 'id'],
  ['businessDay', 'business_day'],
  ['trigger', 'trigger'],
  ['requestedBy', 'requested_by'],
  ['state', 'state'],
  ['error', 'error'],
  ['startedAt', 'started_at'],
  ['finishedAt', 'finished_at'],
  ['paymentsChecked', 'payments_checked'],
  ['gatewayLines', 'gateway_lines'],
  ['billerLines', 'biller_lines'],
  ['gatewayChargedFen', 'gateway_charged_fen'],
  ['gatewayRefundedFen', 'gateway_refunded_fen'],
  ['billerPostedFen', 'biller_posted_fen'],
  ['findings', 'findings'],
  ['unexplained', 'unexplained'],
];
const SELECT_RUN = `SELECT ${RUN_COLUMNS.map(([k, c]) => `${c} AS "${k}"`).join(', ')} FROM reconciliation_runs`;

const FINDING_COLUMNS: [keyof Finding, string][] = [
  ['kind', 'kind'],
  ['paymentId', 'payment_id'],
  ['reference', 'reference'],
  ['billerId', 'biller_id'],
  ['hubState', 'hub_state'],
  ['gatewayState', 'gateway_state'],
  ['billerState', 'biller_state'],
  ['hubFen', 'hub_fen'],
  ['gatewayFen', 'gateway_fen'],
  ['billerFen', 'biller_fen'],
  ['action', 'action'],
  ['status', 'status'],
  ['note', 'note'],
];

const SELECT_PAYMENT = `SELECT p.id, p.state, p.stage, p.total_fen AS totalFen, q.amount_fen AS amountFen,
  q.biller_id AS billerId, p.gateway_ref AS gatewayRef, p.posting_ref AS postingRef, p.refund_ref AS refundRef,
  p.created_at AS createdAt, p.updated_at AS updatedAt,
  (SELECT MAX(e.id) FROM payment_events e WHERE e.payment_id = p.id) AS lastEventId
  FROM payments p JOIN billing_quotes q ON q.id = p.quote_id`;

/** All SQL of the reconciliation: it reads payments and writes only its own two tables. */
export class ReconciliationStore {
  constructor(private readonly db: Database) {}

  /** The newest payment event id: a payment with a newer one moved after this was read. */
  async eventMark(): Promise<number> {
    const row = await this.db.get<{ mark: number | null }>('SELECT MAX(id) AS mark FROM payment_events');
    return row?.mark ?? 0;
  }

  /** Payments created in `[from, to)`, with the quote's bill amount and biller. */
  paymentsCreated(from: string, to: string): Promise<HubPayment[]> {
    return this.db.all<HubPayment>(`${SELECT_PAYMENT} WHERE p.created_at >= ? AND p.created_at < ?`, [
      from,
      to,
    ]);
  }

  /** The payments with these ids (any day); unknown ids are left out. */
  async paymentsByIds(ids: string[]): Promise<HubPayment[]> {
    const out: HubPayment[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      out.push(
        ...(await this.db.all<HubPayment>(
          `${SELECT_PAYMENT} WHERE p.id IN (${chunk.map(() => '?').join(', ')})`,
          chunk,
        )),
      );
    }
    return out;
  }

  /**
   * Stores a run and its findings in one transaction. False (nothing stored) when it is a scheduled
   * run for a day that already has one: another hub process ran the daily job first.
   */
  save(run: RunRecord, findings: Finding[]): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { changes } = await tx.run(
        `INSERT INTO reconciliation_runs (${RUN_COLUMNS.map(([, c]) => c).join(', ')})
         VALUES (${RUN_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`,
        RUN_COLUMNS.map(([k]) => run[k]),
      );
      if (changes !== 1) return false;
      const insert = `INSERT INTO reconciliation_findings (run_id, ${FINDING_COLUMNS.map(([, c]) => c).join(', ')})
        VALUES (?, ${FINDING_COLUMNS.map(() => '?').join(', ')})`;
      for (const f of findings) await tx.run(insert, [run.id, ...FINDING_COLUMNS.map(([k]) => f[k])]);
      return true;
    });
  }

  /** Runs, newest first; `before`: only runs started before that instant (paging). */
  listRuns({ limit, before }: { limit: number; before?: string }): Promise<RunRecord[]> {
    return before
      ? this.db.all<RunRecord>(
          `${SELECT_RUN} WHERE started_at < ? ORDER BY started_at DESC, id DESC LIMIT ?`,
          [before, limit],
        )
      : this.db.all<RunRecord>(`${SELECT_RUN} ORDER BY started_at DESC, id DESC LIMIT ?`, [limit]);
  }

  findRun(id: string): Promise<RunRecord | undefined> {
    return this.db.get<RunRecord>(`${SELECT_RUN} WHERE id = ?`, [id]);
  }

  /** The daily job's run for a business day, if it ran. */
  scheduledRun(businessDay: string): Promise<RunRecord | undefined> {
    return this.db.get<RunRecord>(`${SELECT_RUN} WHERE business_day = ? AND trigger = 'schedule'`, [
      businessDay,
    ]);
  }

  /** A run's findings: those needing a person first, then in the order found. */
  findings(runId: string): Promise<Finding[]> {
    return this.db.all<Finding>(
      `SELECT ${FINDING_COLUMNS.map(([k, c]) => `${c} AS "${k}"`).join(', ')} FROM reconciliation_findings
       WHERE run_id = ? ORDER BY status = 'needs-person' DESC, id`,
      [runId],
    );
  }
}
