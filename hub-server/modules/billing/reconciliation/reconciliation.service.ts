import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database } from '../../../db/database.ts';
import { HttpError } from '../../../http/errors.ts';
import type { BillerAdapter, BillerStatementLine } from '../biller-adapter.ts';
import { withDeadline } from '../deadline.ts';
import type { GatewayStatementLine, PaymentGateway } from '../gateway/gateway-adapter.ts';
import { businessDayOf, businessDayRange, isBusinessDay } from './business-day.ts';
import { classify } from './findings.ts';
import type { FarEnds, Finding, HubPayment } from './findings.types.ts';
import { ReconciliationStore, type RunRecord } from './reconciliation.store.ts';

export interface ReconciliationDeps {
  db: Database;
  gateway: PaymentGateway;
  billerFor: (billerId: string) => BillerAdapter;
  /** Every biller whose statement is read. */
  billerIds: readonly string[];
  now: () => Date;
  logger: Logger;
  /** How long a statement may take to come. */
  timeoutMs: number;
  /** When the resolver takes over an open payment (as the resolver's own staleMs). */
  staleMs: number;
  /** An open payment untouched this long needs a person: the resolver cannot finish it. */
  stuckMs: number;
}

export interface RunRequest {
  businessDay: string;
  trigger: RunRecord['trigger'];
  requestedBy?: string | null;
}

/** The far ends' statements over a window, and how they are read. */
interface Statements {
  gateway: GatewayStatementLine[];
  biller: BillerStatementLine[];
}

const emptyFarEnds = (): FarEnds => ({ charges: [], refunds: [], postings: [], reversals: [] });

/**
 * Reconciles one business day: reads the gateway's and every biller's statement, then the hub's
 * payments (created that day, or named by a line of that day), matches them by payment id, and
 * stores the run with every mismatch (findings.ts). It changes no payment: the resolver finishes
 * open ones, and a person acts on the findings that need one.
 */
export class ReconciliationService {
  private readonly store: ReconciliationStore;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly d: ReconciliationDeps) {
    this.store = new ReconciliationStore(d.db);
  }

  /** Runs one day (one run at a time in this process); undefined when the daily job already ran it. */
  async run(req: RunRequest): Promise<{ run: RunRecord; findings: Finding[] } | undefined> {
    if (!isBusinessDay(req.businessDay))
      throw new HttpError(422, 'invalid-business-day', 'businessDay: a real date, YYYY-MM-DD.');
    if (req.businessDay > businessDayOf(this.d.now()))
      throw new HttpError(422, 'invalid-business-day', `The business day ${req.businessDay} has not begun.`);
    const next = this.queue.then(() => this.runNow(req));
    this.queue = next.catch(() => {});
    return next;
  }

  listRuns(q: { limit?: number; before?: string } = {}): Promise<RunRecord[]> {
    return this.store.listRuns({ limit: Math.min(Math.max(q.limit ?? 30, 1), 200), before: q.before });
  }

  async getRun(id: string): Promise<{ run: RunRecord; findings: Finding[] }> {
    const run = await this.store.findRun(id);
    if (!run) throw new HttpError(404, 'run-not-found', 'No such reconciliation run.');
    return { run, findings: await this.store.findings(id) };
  }

  scheduledRun(businessDay: string): Promise<RunRecord | undefined> {
    return this.store.scheduledRun(businessDay);
  }

  private async runNow(req: RunRequest): Promise<{ run: RunRecord; findings: Finding[] } | undefined> {
    const startedAt = this.d.now();
    const { from, to } = businessDayRange(req.businessDay);
    const run: RunRecord = {
      id: randomUUID(),
      businessDay: req.businessDay,
      trigger: req.trigger,
      requestedBy: req.requestedBy ?? null,
      state: 'done',
      error: null,
      startedAt: startedAt.toISOString(),
      finishedAt: '',
      paymentsChecked: 0,
      gatewayLines: 0,
      billerLines: 0,
      gatewayChargedFen: 0,
      gatewayRefundedFen: 0,
      billerPostedFen: 0,
      findings: 0,
      unexplained: 0,
    };
    let findings: Finding[] = [];
    try {
      findings = await this.compare(run, from, to);
    } catch (err) {
      run.state = 'failed';
      run.error = (err as Error).message;
      this.d.logger.error({ err, businessDay: run.businessDay }, 'reconciliation failed');
    }
    run.finishedAt = this.d.now().toISOString();
    run.findings = findings.length;
    run.unexplained = findings.filter((f) => f.status === 'needs-person').length;
    if (!(await this.store.save(run, findings))) return undefined;
    this.d.logger.info(
      {
        runId: run.id,
        businessDay: run.businessDay,
        state: run.state,
        findings: run.findings,
        unexplained: run.unexplained,
      },
      'reconciliation run',
    );
    return { run, findings: await this.store.findings(run.id) };
  }

  /** Fills the run's totals and answers its findings. */
  private async compare(run: RunRecord, from: string, to: string): Promise<Finding[]> {
    // Far ends first, the hub after: a payment that moves in between is seen as moving (eventMark),
    // never as a far end that is behind the hub.
    const eventMark = await this.store.eventMark();
    // Up to and including now: a line stamped this very instant belongs in.
    const statements = await this.statements(from, new Date(this.d.now().getTime() + 1).toISOString());
    const inDay = (at: string) => at >= from && at < to;
    const dayGateway = statements.gateway.filter((l) => inDay(l.at));
    const dayBiller = statements.biller.filter((l) => inDay(l.at));
    const hub = new Map<string, HubPayment>();
    for (const p of await this.store.paymentsCreated(from, to)) hub.set(p.id, p);
    const named = [...new Set([...dayGateway.map((l) => l.orderNo), ...dayBiller.map((l) => l.serial)])];
    for (const p of await this.store.paymentsByIds(named.filter((id) => !hub.has(id)))) hub.set(p.id, p);
    // A payment made before the day whose money moved in it: its earlier lines count too.
    const earliest = [...hub.values()].reduce((min, p) => (p.createdAt < min ? p.createdAt : min), from);
    if (earliest < from) {
      const before = await this.statements(earliest, from);
      statements.gateway.push(...before.gateway);
      statements.biller.push(...before.biller);
    }
    const far = new Map<string, FarEnds>();
    const of = (id: string) => far.get(id) ?? far.set(id, emptyFarEnds()).get(id)!;
    for (const l of statements.gateway) of(l.orderNo)[l.kind === 'charge' ? 'charges' : 'refunds'].push(l);
    for (const l of statements.biller) of(l.serial)[l.kind === 'posting' ? 'postings' : 'reversals'].push(l);

    const ids = new Set([...hub.keys(), ...named]);
    const timing = { now: this.d.now(), eventMark, staleMs: this.d.staleMs, stuckMs: this.d.stuckMs };
    run.paymentsChecked = ids.size;
    run.gatewayLines = dayGateway.length;
    run.billerLines = dayBiller.length;
    run.gatewayChargedFen = total(dayGateway.filter((l) => l.kind === 'charge'));
    run.gatewayRefundedFen = total(dayGateway.filter((l) => l.kind === 'refund'));
    run.billerPostedFen =
      total(dayBiller.filter((l) => l.kind === 'posting')) -
      total(dayBiller.filter((l) => l.kind === 'reversal'));
    return [...ids].flatMap((id) => classify(id, hub.get(id), far.get(id) ?? emptyFarEnds(), timing));
  }

  private async statements(from: string, to: string): Promise<Statements> {
    const ask = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
      try {
        return await withDeadline(call(), this.d.timeoutMs, () => new Error('no answer in time'));
      } catch (err) {
        throw new Error(`The ${what} statement could not be read: ${(err as Error).message}`);
      }
    };
    const gateway = await ask('gateway', () => this.d.gateway.statement({ from, to }));
    const biller = await Promise.all(
      this.d.billerIds.map((billerId) =>
        ask(`biller ${billerId}`, () => this.d.billerFor(billerId).statement({ billerId, from, to })),
      ),
    );
    return { gateway, biller: biller.flat() };
  }
}

const total = (lines: { amountFen: number }[]) => lines.reduce((s, l) => s + l.amountFen, 0);
