import { useState } from 'preact/hooks';
import { ErrorNote } from '../../components/error-note/index.tsx';
import { TextField } from '../../components/field/index.tsx';
import { type ApiError, api } from '../../lib/api.ts';
import type { Person } from '../../lib/types.ts';
import { t } from '../../messages/index.ts';
import styles from '../login/style.module.css';

/** Shown before anything else while the person must change their password (POST /password). */
export function ChangePasswordScreen({
  onChanged,
  onLogout,
}: {
  onChanged: (person: Person) => void;
  onLogout: () => void;
}) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const { person } = await api.post<{ person: Person }>('/password', { current, next });
      onChanged(person);
    } catch (err) {
      setError(err as ApiError);
      setBusy(false);
    }
  };
  return (
    <main class={styles.page}>
      <form class={styles.card} onSubmit={submit} aria-labelledby="pw-title">
        <h1 id="pw-title">{t('password.title')}</h1>
        <p>{t('password.explain')}</p>
        {error && <ErrorNote error={error} />}
        <TextField
          label={t('password.current')}
          name="current"
          type="password"
          autocomplete="current-password"
          required
          value={current}
          onValue={setCurrent}
        />
        <TextField
          label={t('password.next')}
          name="next"
          type="password"
          autocomplete="new-password"
          required
          value={next}
          onValue={setNext}
        />
        <button type="submit" disabled={busy}>
          {t('password.submit')}
        </button>
        <button type="button" onClick={onLogout}>
          {t('nav.logout')}
        </button>
      </form>
    </main>
  );
}
