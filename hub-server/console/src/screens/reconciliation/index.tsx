import { useState } from 'preact/hooks';
import { ErrorNote } from '../../components/error-note/index.tsx';
import { type ApiError, api } from '../../lib/api.ts';
import { when } from '../../lib/format.ts';
import { href, navigate } from '../../lib/router.ts';
import { usePoll } from '../../lib/use-poll.ts';
import { t } from '../../messages/index.ts';
import { shanghaiDay } from './money.ts';
import { RunDetail } from './run-detail.tsx';
import styles from './style.module.css';
import type { ReconciliationRun, RunWithFindings } from './types.ts';

/**
 * 对账: the reconciliation runs (the daily job's and those run by hand), a form to reconcile a
 * business day now, and the chosen run's findings (`/reconciliation/:id`). Admins only.
 */
export function ReconciliationScreen({ runId }: { runId?: string }) {
  const [day, setDay] = useState(() => shanghaiDay(1));
  const [busy, setBusy] = useState(false);
  const [runError, setRunError] = useState<ApiError>();
  const runs = usePoll(
    () => api.get<{ runs: ReconciliationRun[] }>('/billing/reconciliation/runs', { limit: 30 }),
    30_000,
    [],
  );
  const shown = runId ?? runs.data?.runs[0]?.id;

  const runNow = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setRunError(undefined);
    try {
      const { run } = await api.post<RunWithFindings>('/billing/reconciliation/runs', { businessDay: day });
      await runs.reload();
      navigate(`/reconciliation/${encodeURIComponent(run.id)}`);
    } catch (err) {
      setRunError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t('recon.title')}</h1>
      <p class={styles.explain}>{t('recon.explain')}</p>
      <form class={`panel ${styles.form}`} onSubmit={runNow} aria-label={t('recon.runNow')}>
        <label>
          {t('recon.day')}
          <input
            type="date"
            name="businessDay"
            required
            value={day}
            max={shanghaiDay(0)}
            onInput={(e) => setDay(e.currentTarget.value)}
          />
        </label>
        <button type="submit" disabled={busy} data-action="run-now">
          {busy ? t('recon.running') : t('recon.runNow')}
        </button>
        {busy && (
          <p role="status" class="visually-hidden">
            {t('recon.running')}
          </p>
        )}
      </form>
      {runError && <ErrorNote error={runError} />}
      <section class="panel" aria-labelledby="recon-runs-title">
        <h2 id="recon-runs-title">{t('recon.runs')}</h2>
        {runs.error && <ErrorNote error={runs.error} />}
        {!runs.data ? (
          !runs.error && <p role="status">{t('common.loading')}</p>
        ) : runs.data.runs.length === 0 ? (
          <p data-empty="runs">{t('recon.empty')}</p>
        ) : (
          <table class="cards">
            <thead>
              <tr>
                <th scope="col">{t('recon.day')}</th>
                <th scope="col">{t('recon.col.trigger')}</th>
                <th scope="col">{t('recon.startedAt')}</th>
                <th scope="col">{t('recon.col.result')}</th>
                <th scope="col">{t('recon.checked')}</th>
                <th scope="col">{t('recon.col.findings')}</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.runs.map((r) => (
                <tr key={r.id} data-run-row={r.id} aria-current={r.id === shown ? 'true' : undefined}>
                  <td data-label={t('recon.day')}>
                    <a href={href(`/reconciliation/${encodeURIComponent(r.id)}`)}>
                      {t('recon.open', { day: r.businessDay })}
                    </a>
                  </td>
                  <td data-label={t('recon.col.trigger')}>{t(`recon.trigger.${r.trigger}`)}</td>
                  <td data-label={t('recon.startedAt')}>{when(r.startedAt)}</td>
                  <td data-label={t('recon.col.result')}>
                    {r.state === 'failed'
                      ? t('recon.state.failed')
                      : r.unexplained > 0
                        ? t('recon.state.attention', { n: r.unexplained })
                        : t('recon.state.done')}
                  </td>
                  <td data-label={t('recon.checked')}>{t('recon.count', { n: r.paymentsChecked })}</td>
                  <td data-label={t('recon.col.findings')}>{r.findings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {shown && <RunDetail id={shown} />}
    </>
  );
}
