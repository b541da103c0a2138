/** The rules of console sign-in, pure so they can be tested alone. */

export const ROLES = ['admin', 'maintainer', 'operator', 'case-desk'] as const;
export type Role = (typeof ROLES)[number];

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 15 * 60_000;
export const SESSION_ABSOLUTE_MS = 8 * 60 * 60_000;
export const SESSION_IDLE_MS = 30 * 60_000;
export const ENROLLMENT_CODE_TTL_MS = 15 * 60_000;

/** Why a password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH)
    return `A password needs at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH)
    return `A password has at most ${PASSWORD_MAX_LENGTH} characters.`;
  if (username && password.toLowerCase() === username.toLowerCase())
    return 'A password cannot be the username.';
  return undefined;
}

export interface LockState {
  failedAttempts: number;
  lockedUntil: Date | null;
}

/** True while a lockout is still running. */
export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** The state after one more wrong password: the fifth in a row locks the account for 15 minutes. */
export function afterFailedLogin(state: LockState, now: Date): LockState {
  const expired = state.lockedUntil !== null && !isLocked(state, now);
  const failed = (expired ? 0 : state.failedAttempts) + 1;
  if (failed >= MAX_FAILED_ATTEMPTS) {
    return { failedAttempts: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MS) };
  }
  return { failedAttempts: failed, lockedUntil: expired ? null : state.lockedUntil };
}

export interface SessionTimes {
  createdAt: Date;
  lastSeen: Date;
}

/** When a session ends at the latest, counted from its creation. */
export function sessionExpiresAt(createdAt: Date): Date {
  return new Date(createdAt.getTime() + SESSION_ABSOLUTE_MS);
}

/** A session lives 8 hours from sign-in and dies after 30 minutes without a request. */
export function sessionState(s: SessionTimes, now: Date): 'active' | 'expired' | 'idle' {
  if (now.getTime() >= sessionExpiresAt(s.createdAt).getTime()) return 'expired';
  if (now.getTime() - s.lastSeen.getTime() >= SESSION_IDLE_MS) return 'idle';
  return 'active';
}

/** Methods that change state and therefore need the CSRF token. */
export function isStateChanging(method: string): boolean {
  return ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method.toUpperCase());
}

/** A username as it may appear in logs and the audit log: enough to recognise, not to read back. */
export function maskUsername(username: string): string {
  const u = username.trim();
  if (u.length <= 2) return '*'.repeat(Math.max(u.length, 1));
  return `${u.slice(0, 2)}${'*'.repeat(Math.min(u.length - 2, 8))}`;
}

/** Enrollment codes are typed by hand on a kiosk: upper case, no separators. */
export function normalizeEnrollmentCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}
