import { ErrorNote } from '../../components/error-note/index.tsx';
import { api } from '../../lib/api.ts';
import { when } from '../../lib/format.ts';
import { usePoll } from '../../lib/use-poll.ts';
import { t } from '../../messages/index.ts';
import { FindingsTable } from './findings-table.tsx';
import { yuan } from './money.ts';
import styles from './style.module.css';
import type { RunWithFindings } from './types.ts';

/** One run: its totals, why it failed if it did, and its findings (or that the three sides agree). */
export function RunDetail({ id }: { id: string }) {
  const { data, error } = usePoll(
    () => api.get<RunWithFindings>(`/billing/reconciliation/runs/${encodeURIComponent(id)}`),
    60_000,
    [id],
  );
  return (
    <section class="panel" aria-labelledby="recon-run-title" data-run-id={id}>
      {error && <ErrorNote error={error} />}
      {!data ? (
        !error && <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          <h2 id="recon-run-title">{t('recon.runTitle', { day: data.run.businessDay })}</h2>
          <dl class={styles.totals}>
            {[
              [t('recon.startedAt'), when(data.run.startedAt)],
              [t('recon.checked'), t('recon.count', { n: data.run.paymentsChecked })],
              [t('recon.gatewayCharged'), yuan(data.run.gatewayChargedFen)],
              [t('recon.gatewayRefunded'), yuan(data.run.gatewayRefundedFen)],
              [t('recon.billerPosted'), yuan(data.run.billerPostedFen)],
              [t('recon.col.findings'), t('recon.places', { n: data.run.findings })],
              [t('recon.status.needs-person'), t('recon.places', { n: data.run.unexplained })],
            ].map(([term, value]) => (
              <div key={term}>
                <dt>{term}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          {data.run.state === 'failed' ? (
            <p class={styles.failed} role="alert" data-run-state="failed">
              {t('recon.failed')}
              <span class={styles.note} lang="en">
                {data.run.error}
              </span>
            </p>
          ) : data.findings.length === 0 ? (
            <p class={styles.clean} data-run-state="clean">
              <span aria-hidden="true">✓ </span>
              {t('recon.clean')}
            </p>
          ) : (
            <FindingsTable findings={data.findings} />
          )}
        </>
      )}
    </section>
  );
}
