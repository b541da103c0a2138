import { useState } from 'preact/hooks';
import { AckForm } from '../../components/ack-form/index.tsx';
import { ErrorNote } from '../../components/error-note/index.tsx';
import { SelectField } from '../../components/field/index.tsx';
import { api } from '../../lib/api.ts';
import { duration, when } from '../../lib/format.ts';
import { href } from '../../lib/router.ts';
import { ALERT_KINDS, type Alert } from '../../lib/types.ts';
import { usePoll } from '../../lib/use-poll.ts';
import { t, tOr } from '../../messages/index.ts';
import styles from './style.module.css';

/** Every alert, oldest first with its age; filter by kind, optionally closed ones too; acknowledge with a note. */
export function AlertsScreen() {
  const [kind, setKind] = useState('');
  const [closed, setClosed] = useState(false);
  const { data, error, reload } = usePoll(
    () => api.get<{ alerts: Alert[] }>('/alerts', { kind: kind || undefined, closed: closed ? '1' : '0' }),
    5000,
    [kind, closed],
  );
  return (
    <>
      <h1>{t('alerts.title')}</h1>
      {error && <ErrorNote error={error} />}
      <form class={`panel ${styles.filters}`} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t('alerts.kind')}
          name="kind"
          value={kind}
          onValue={setKind}
          options={ALERT_KINDS.map((k) => ({ value: k, label: t(`alertKind.${k}`) }))}
        />
        <label class={styles.check}>
          <input
            type="checkbox"
            name="closed"
            checked={closed}
            onChange={(e) => setClosed(e.currentTarget.checked)}
          />
          {t('alerts.includeClosed')}
        </label>
      </form>
      <section class="panel" aria-label={t('alerts.title')}>
        {!data ? (
          <p role="status">{t('common.loading')}</p>
        ) : data.alerts.length === 0 ? (
          <p>{t('alerts.empty')}</p>
        ) : (
          <table class="cards">
            <thead>
              <tr>
                <th scope="col">{t('alerts.kind')}</th>
                <th scope="col">{t('alerts.kiosk')}</th>
                <th scope="col">{t('alerts.age')}</th>
                <th scope="col">{t('alerts.openedAt')}</th>
                <th scope="col">{t('alerts.status')}</th>
              </tr>
            </thead>
            <tbody>
              {data.alerts.map((a) => (
                <tr key={a.id} data-alert-id={a.id} data-alert-kind={a.kind}>
                  <td data-label={t('alerts.kind')}>
                    <span>
                      {tOr(`alertKind.${a.kind}`, a.kind)}
                      {a.device && <span class={styles.device}> · {a.device}</span>}
                    </span>
                  </td>
                  <td data-label={t('alerts.kiosk')}>
                    <a href={href(`/kiosks/${encodeURIComponent(a.kioskId)}`)}>{a.kioskId}</a>
                  </td>
                  <td data-label={t('alerts.age')} class={styles.nowrap}>
                    {duration(a.ageSeconds ?? 0)}
                  </td>
                  <td data-label={t('alerts.openedAt')}>{when(a.openedAt)}</td>
                  <td data-label={t('alerts.status')}>
                    <AckForm alert={a} onDone={reload} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
