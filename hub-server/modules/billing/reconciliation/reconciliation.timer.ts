import type { Logger } from 'pino';
import type { AuditInput } from '../../audit/audit.ts';
import { isTimeOfDay, lastDailyRun, nextDailyRun, previousBusinessDay } from './business-day.ts';
import type { ReconciliationService } from './reconciliation.service.ts';

export interface DailyReconciliationDeps {
  service: ReconciliationService;
  /** The Shanghai time of day the job runs, HH:MM (the hub's default: 02:00). */
  at: string;
  now: () => Date;
  logger: Logger;
  audit: { record(entry: AuditInput): Promise<void> };
}

/**
 * The daily job: at `at` (Asia/Shanghai) on the hub's clock it reconciles the business day before,
 * audited as the system. A hub that was down at that time catches up when it starts. With several
 * hub processes each runs the timer and the database keeps one scheduled run per day. Returns
 * stop() and, for tests, the pass under way.
 */
export function startDailyReconciliation(d: DailyReconciliationDeps) {
  if (!isTimeOfDay(d.at)) throw new Error(`The reconciliation time must be HH:MM (it is "${d.at}").`);
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let current: Promise<void> = Promise.resolve();
  /** The business day the last pass looked at. */
  let looked: string | undefined;
  const dueDay = () => previousBusinessDay(lastDailyRun(d.now(), d.at));

  const pass = async () => {
    const businessDay = dueDay();
    looked = businessDay;
    if (await d.service.scheduledRun(businessDay)) return;
    const result = await d.service.run({ businessDay, trigger: 'schedule' });
    if (!result) return; // another hub process stored it first
    await d.audit.record({
      actor: { kind: 'system', id: 'reconciliation' },
      action: 'billing.reconciliation.run',
      target: { kind: 'reconciliation-run', id: result.run.id },
      after: {
        businessDay,
        state: result.run.state,
        findings: result.run.findings,
        unexplained: result.run.unexplained,
        error: result.run.error,
      },
    });
    if (result.run.unexplained > 0)
      d.logger.warn(
        { runId: result.run.id, businessDay, unexplained: result.run.unexplained },
        'reconciliation found mismatches that need a person',
      );
  };

  const schedule = () => {
    if (stopped) return;
    const now = d.now();
    // A pass that began just before the time of day and ended after it looked at the day before:
    // the day now due runs at once rather than being skipped until tomorrow.
    const wait = dueDay() === looked ? nextDailyRun(now, d.at).getTime() - now.getTime() : 0;
    timer = setTimeout(() => {
      current = pass()
        .catch((err: unknown) => d.logger.error({ err }, 'daily reconciliation failed'))
        .finally(schedule);
    }, wait);
    timer.unref();
  };

  // Catch up on the last missed run, then wait for the next one.
  current = pass()
    .catch((err: unknown) => d.logger.error({ err }, 'daily reconciliation failed'))
    .finally(schedule);
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
    /** Resolves when the pass under way (if any) has finished. */
    idle: () => current,
  };
}
