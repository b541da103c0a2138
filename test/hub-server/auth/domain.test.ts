import { describe, expect, it } from 'vitest';
import {
  afterFailedLogin,
  isLocked,
  isStateChanging,
  LOCKOUT_MS,
  maskUsername,
  normalizeEnrollmentCode,
  passwordProblem,
  SESSION_IDLE_MS,
  sessionState,
} from '../../../hub-server/modules/auth/domain.ts';

const t0 = new Date('2026-03-02T08:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('auth domain rules', () => {
  it('when a password is shorter than 10 characters or equals the username, then it is refused', () => {
    expect(passwordProblem('short-pw1')).toMatch(/10/);
    expect(passwordProblem('maintainer1', 'Maintainer1')).toMatch(/username/);
    expect(passwordProblem('long enough pw')).toBeUndefined();
  });

  it('when the fifth wrong password in a row arrives, then the account locks for 15 minutes', () => {
    let s = { failedAttempts: 0, lockedUntil: null as Date | null };
    for (let i = 0; i < 4; i++) s = afterFailedLogin(s, t0);
    expect(isLocked(s, t0)).toBe(false);
    s = afterFailedLogin(s, t0);
    expect(s.lockedUntil).toEqual(at(LOCKOUT_MS));
    expect(isLocked(s, at(LOCKOUT_MS - 1))).toBe(true);
    expect(isLocked(s, at(LOCKOUT_MS))).toBe(false);
  });

  it('when a lockout has run out, then a new wrong password starts counting from one again', () => {
    const s = afterFailedLogin({ failedAttempts: 0, lockedUntil: at(-1) }, t0);
    expect(s).toEqual({ failedAttempts: 1, lockedUntil: null });
  });

  it('when a session is idle 30 minutes or older than 8 hours, then it is no longer active', () => {
    expect(sessionState({ createdAt: t0, lastSeen: t0 }, at(SESSION_IDLE_MS - 1))).toBe('active');
    expect(sessionState({ createdAt: t0, lastSeen: t0 }, at(SESSION_IDLE_MS))).toBe('idle');
    const busy = { createdAt: t0, lastSeen: at(8 * 3600_000 - 60_000) };
    expect(sessionState(busy, at(8 * 3600_000 - 1))).toBe('active');
    expect(sessionState(busy, at(8 * 3600_000))).toBe('expired');
  });

  it('when methods and inputs vary, then only writes need CSRF, usernames are masked and codes normalised', () => {
    expect(['POST', 'put', 'PATCH', 'DELETE'].every(isStateChanging)).toBe(true);
    expect(['GET', 'HEAD', 'OPTIONS'].some(isStateChanging)).toBe(false);
    expect(maskUsername('maintainer')).toBe('ma********');
    expect(maskUsername('ab')).toBe('**');
    expect(normalizeEnrollmentCode(' abcd-ef 23 ')).toBe('ABCDEF23');
  });
});
