import { useState } from 'preact/hooks';
import { ErrorNote } from '../../components/error-note/index.tsx';
import { TextField } from '../../components/field/index.tsx';
import { type ApiError, api } from '../../lib/api.ts';
import type { SessionReply } from '../../lib/types.ts';
import { t } from '../../messages/index.ts';
import styles from './style.module.css';

/** Username and password; the hub's own lockout and too-many-attempts messages are shown as they come. */
export function LoginScreen({ onSignedIn }: { onSignedIn: (reply: SessionReply) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const reply = await api.post<SessionReply>('/login', { username, password });
      setPassword('');
      onSignedIn(reply);
    } catch (err) {
      setError(err as ApiError);
      setBusy(false);
    }
  };
  return (
    <main class={styles.page}>
      <form class={styles.card} onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        {error && <ErrorNote error={error} />}
        <TextField
          label={t('login.username')}
          name="username"
          autocomplete="username"
          required
          value={username}
          onValue={setUsername}
        />
        <TextField
          label={t('login.password')}
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onValue={setPassword}
        />
        <button type="submit" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
