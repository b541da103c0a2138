import type { Request, RequestHandler } from 'express';
import type { Database } from '../../db/database.ts';
import { HttpError } from '../../http/errors.ts';
import { AuthStore, type SessionRecord } from './auth.store.ts';
import { isStateChanging, type Role, sessionState } from './domain.ts';
import { sha256 } from './secrets.ts';

export const SESSION_COOKIE = 'tingzi_session';
export const CSRF_HEADER = 'x-csrf-token';

/** What the request knows about the signed-in person. */
export interface CurrentPerson {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  mustChangePassword: boolean;
}

export interface PersonAuthDeps {
  db: Database;
  now: () => Date;
}

const signedIn = new WeakMap<Request, { person: CurrentPerson; session: SessionRecord }>();

/** The person `requirePerson` let through; throws when used on a route it does not guard. */
export function currentPerson(req: Request): CurrentPerson {
  const found = signedIn.get(req);
  if (!found) throw new Error('currentPerson() on a route without requirePerson()');
  return found.person;
}

/** The session behind the request (for logout and the CSRF token). */
export function currentSession(req: Request): SessionRecord {
  const found = signedIn.get(req);
  if (!found) throw new Error('currentSession() on a route without requirePerson()');
  return found.session;
}

/** The request id set by the logging middleware (pino-http `req.id`) or the caller's header. */
export function requestIdOf(req: Request): string | undefined {
  const id = (req as { id?: unknown }).id ?? req.get('x-request-id');
  return id === undefined ? undefined : String(id);
}

/** Reads one cookie from the header, so the hub does not depend on cookie-parser being mounted. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * The sign-in check behind `requirePerson`; `allowPasswordChange` lets a person who must change
 * their password reach /me, /password and /logout only.
 */
export function authenticate(
  deps: PersonAuthDeps,
  roles: readonly Role[],
  allowPasswordChange: boolean,
): RequestHandler {
  const store = new AuthStore(deps.db);
  return async (req, _res, next) => {
    const token = readCookie(req, SESSION_COOKIE);
    const session = token ? await store.sessionById(sha256(token)) : undefined;
    const now = deps.now();
    if (!session || sessionState(session, now) !== 'active') {
      if (session) await store.deleteSession(session.id);
      throw new HttpError(401, 'not-signed-in', 'Sign in first (or again: the session has ended).');
    }
    const person = await store.personById(session.personId);
    if (!person || person.disabled) throw new HttpError(401, 'not-signed-in', 'Sign in first.');
    if (isStateChanging(req.method)) {
      const sent = req.get(CSRF_HEADER);
      if (!sent) throw new HttpError(403, 'csrf-token-missing', `The ${CSRF_HEADER} header is required.`);
      if (sent !== session.csrfToken)
        throw new HttpError(403, 'csrf-token-invalid', 'The CSRF token does not match.');
    }
    await store.touchSession(session.id, now);
    if (person.mustChangePassword && !allowPasswordChange) {
      throw new HttpError(
        403,
        'password-change-required',
        'Change your password before doing anything else.',
      );
    }
    if (roles.length > 0 && !roles.includes(person.role)) {
      throw new HttpError(403, 'role-denied', `This needs one of the roles: ${roles.join(', ')}.`);
    }
    const { id, username, displayName, role, mustChangePassword } = person;
    signedIn.set(req, { person: { id, username, displayName, role, mustChangePassword }, session });
    next();
  };
}

/**
 * `requirePerson(deps)('admin', 'maintainer')`: a signed-in person with one of those roles (any role when
 * none is given), the CSRF header on every state-changing method, and no pending password change.
 */
export function requirePerson(deps: PersonAuthDeps) {
  return (...roles: Role[]): RequestHandler => authenticate(deps, roles, false);
}
