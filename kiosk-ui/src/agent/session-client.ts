/**
 * The resident's session with the agent: `POST /agent/session/start` when a
 * resident touches the screen, `POST /agent/session/end` when the session ends
 * (the agent then resets its devices and wipes the browser's storage too). The
 * page wipes its own storage as well, so nothing waits on the agent for that.
 */
import type { SessionEndReason, SessionStarted } from '../../../kiosk-agent/api/contract.ts';

/** How long either call may take before the screen goes on without the agent's answer. */
export const SESSION_CALL_TIMEOUT_MS = 4_000;

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** Asks the agent for a new session; its id goes with every device command. */
export async function startAgentSession(fetchImpl: Fetch = fetch): Promise<string> {
  const res = await fetchImpl('/agent/session/start', {
    method: 'POST',
    signal: AbortSignal.timeout(SESSION_CALL_TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`session start answered HTTP ${res.status}`);
  const body = (await res.json()) as SessionStarted;
  if (typeof body.sessionId !== 'string') throw new Error('session start answered without an id');
  return body.sessionId;
}

/** Ends the agent's session (when there is one) and clears this page's storage. Never throws. */
export async function endAgentSession(
  sessionId: string | null,
  reason: SessionEndReason,
  fetchImpl: Fetch = fetch,
): Promise<void> {
  wipePageStorage();
  if (sessionId === null) return;
  try {
    await fetchImpl('/agent/session/end', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-session-id': sessionId },
      body: JSON.stringify({ reason }),
      signal: AbortSignal.timeout(SESSION_CALL_TIMEOUT_MS),
    });
  } catch {
    // The agent also ends a session when a new one starts; the screen must not hang on it.
  }
}

/** Local and session storage hold nothing of ours on purpose; a flow that put something there loses it here. */
export function wipePageStorage(): void {
  if (typeof localStorage !== 'undefined') localStorage.clear();
  if (typeof sessionStorage !== 'undefined') sessionStorage.clear();
}
