import { useEffect, useState } from 'preact/hooks';
import { ErrorNote } from './components/error-note/index.tsx';
import { Shell } from './components/shell/index.tsx';
import { type ApiError, api } from './lib/api.ts';
import { match, navigate, useRoute } from './lib/router.ts';
import type { Person, SessionReply } from './lib/types.ts';
import { t } from './messages/index.ts';
import { AlertsScreen } from './screens/alerts/index.tsx';
import { AuditScreen } from './screens/audit/index.tsx';
import { ChangePasswordScreen } from './screens/change-password/index.tsx';
import { EnrollScreen } from './screens/enroll/index.tsx';
import { FleetScreen } from './screens/fleet/index.tsx';
import { KioskScreen } from './screens/kiosk/index.tsx';
import { LoginScreen } from './screens/login/index.tsx';
import { ReconciliationScreen } from './screens/reconciliation/index.tsx';

type Session = { state: 'checking' } | { state: 'signed-out' } | { state: 'signed-in'; person: Person };

function Routed({ path }: { path: string }) {
  if (path === '/') return <FleetScreen />;
  const kiosk = match('/kiosks/:id', path);
  if (kiosk?.id) return <KioskScreen id={kiosk.id} />;
  if (path === '/alerts') return <AlertsScreen />;
  if (path === '/audit') return <AuditScreen />;
  if (path === '/enroll') return <EnrollScreen />;
  if (path === '/reconciliation') return <ReconciliationScreen />;
  const run = match('/reconciliation/:id', path);
  if (run?.id) return <ReconciliationScreen runId={run.id} />;
  navigate('/', true);
  return null;
}

/** Restores the session (GET /me), gates everything behind login and a pending password change. */
export function App() {
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const [error, setError] = useState<ApiError>();
  const path = useRoute();

  const signedIn = (reply: SessionReply) => {
    api.setCsrfToken(reply.csrfToken);
    setSession({ state: 'signed-in', person: reply.person });
  };

  useEffect(() => {
    api.onSignedOut(() => {
      api.setCsrfToken(null);
      setSession({ state: 'signed-out' });
    });
    api
      .get<SessionReply>('/me')
      .then(signedIn)
      .catch((err: ApiError) => {
        if (err.status !== 401) setError(err);
        setSession({ state: 'signed-out' });
      });
  }, []);

  const logout = async () => {
    await api.post('/logout').catch(() => {});
    api.setCsrfToken(null);
    setSession({ state: 'signed-out' });
  };

  if (session.state === 'checking') return <p role="status">{t('common.loading')}</p>;
  if (session.state === 'signed-out') {
    return (
      <>
        {error && <ErrorNote error={error} />}
        <LoginScreen onSignedIn={signedIn} />
      </>
    );
  }
  if (session.person.mustChangePassword) {
    return (
      <ChangePasswordScreen
        onChanged={(person) => setSession({ state: 'signed-in', person })}
        onLogout={logout}
      />
    );
  }
  return (
    <Shell person={session.person} path={path} onLogout={logout}>
      <Routed path={path} />
    </Shell>
  );
}
