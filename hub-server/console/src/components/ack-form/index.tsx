import { useState } from 'preact/hooks';
import { type ApiError, api } from '../../lib/api.ts';
import { when } from '../../lib/format.ts';
import type { Alert } from '../../lib/types.ts';
import { t } from '../../messages/index.ts';
import { ErrorNote } from '../error-note/index.tsx';
import styles from './style.module.css';

/** Acknowledge an alert with a note (POST /alerts/:id/ack); shows who acknowledged once done. */
export function AckForm({ alert, onDone }: { alert: Alert; onDone: () => void }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  if (alert.acknowledgedAt) {
    return (
      <p class={styles.done} data-acknowledged="true">
        {t('alerts.acked', { at: when(alert.acknowledgedAt), note: alert.note || t('common.none') })}
      </p>
    );
  }
  if (alert.closedAt) return <p class={styles.done}>{t('alerts.closed')}</p>;
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api.post(`/alerts/${encodeURIComponent(alert.id)}/ack`, { note });
      setError(undefined);
      onDone();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class={styles.form} onSubmit={submit} data-ack-form={alert.id}>
      {error && <ErrorNote error={error} />}
      <label class={styles.label}>
        <span class="visually-hidden">{t('alerts.note')}</span>
        <input
          name="note"
          value={note}
          placeholder={t('alerts.note')}
          onInput={(e) => setNote(e.currentTarget.value)}
          maxLength={1000}
        />
      </label>
      <button type="submit" disabled={busy}>
        {t('alerts.ack')}
      </button>
    </form>
  );
}
