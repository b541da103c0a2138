import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database } from '../../db/database.ts';
import { HttpError } from '../../http/errors.ts';
import type { Audit } from '../audit/audit.ts';
import { AuthStore, type PersonRecord } from './auth.store.ts';
import {
  afterFailedLogin,
  isLocked,
  maskUsername,
  passwordProblem,
  type Role,
  sessionExpiresAt,
} from './domain.ts';
import type { CurrentPerson } from './middleware.ts';
import { burnPasswordCheck, hashPassword, randomToken, sha256, verifyPassword } from './secrets.ts';

export interface AuthServiceDeps {
  db: Database;
  logger: Logger;
  now: () => Date;
  audit: Audit;
}

export function publicPerson(p: PersonRecord): CurrentPerson & { disabled: boolean; createdAt: string } {
  const { id, username, displayName, role, mustChangePassword, disabled, createdAt } = p;
  return { id, username, displayName, role, mustChangePassword, disabled, createdAt };
}

const INVALID = () => new HttpError(401, 'invalid-credentials', 'Wrong username or password.');

/** Console sign-in and accounts: each use case reads top to bottom. */
export class AuthService {
  private readonly store: AuthStore;
  constructor(private readonly deps: AuthServiceDeps) {
    this.store = new AuthStore(deps.db);
  }

  async login(username: string, password: string, requestId?: string) {
    const now = this.deps.now();
    const person = await this.store.personByUsername(username);
    const masked = maskUsername(username);
    const failed = async (reason: string) => {
      this.deps.logger.info({ username: masked, reason, requestId }, 'console login refused');
      await this.deps.audit.record({
        actor: { kind: 'person', id: person?.id ?? null },
        action: 'login.failed',
        target: { kind: 'username', id: masked },
        after: { reason },
        requestId,
      });
    };
    if (!person || person.disabled) {
      await burnPasswordCheck(password);
      await failed(person ? 'disabled' : 'unknown-user');
      throw INVALID();
    }
    if (isLocked(person, now)) {
      await failed('locked');
      throw new HttpError(
        423,
        'account-locked',
        `Too many wrong passwords; try again after ${person.lockedUntil?.toISOString()}.`,
      );
    }
    if (!(await verifyPassword(password, person.passwordHash))) {
      const next = afterFailedLogin(person, now);
      await this.store.setLockState(person.id, next.failedAttempts, next.lockedUntil);
      await failed(next.lockedUntil && isLocked(next, now) ? 'wrong-password-locked' : 'wrong-password');
      throw INVALID();
    }
    await this.store.setLockState(person.id, 0, null);
    const token = randomToken();
    const session = {
      id: sha256(token),
      personId: person.id,
      csrfToken: randomToken(),
      createdAt: now,
      expiresAt: sessionExpiresAt(now),
      lastSeen: now,
    };
    await this.store.insertSession(session);
    await this.deps.audit.record({
      actor: { kind: 'person', id: person.id },
      action: 'login',
      target: { kind: 'person', id: person.id },
      requestId,
    });
    return { token, session, person: publicPerson(person) };
  }

  async logout(actor: CurrentPerson, sessionId: string, requestId?: string): Promise<void> {
    await this.store.deleteSession(sessionId);
    await this.deps.audit.record({ actor: { kind: 'person', id: actor.id }, action: 'logout', requestId });
  }

  async changePassword(
    actor: CurrentPerson,
    sessionId: string,
    current: string,
    next: string,
    requestId?: string,
  ) {
    const person = await this.store.personById(actor.id);
    if (!person || !(await verifyPassword(current, person.passwordHash))) throw INVALID();
    const problem =
      passwordProblem(next, person.username) ?? (next === current ? 'Choose a new password.' : undefined);
    if (problem) throw new HttpError(400, 'password-too-weak', problem);
    await this.store.setPassword(person.id, await hashPassword(next), false);
    await this.store.deleteOtherSessions(person.id, sessionId);
    await this.deps.audit.record({
      actor: { kind: 'person', id: actor.id },
      action: 'person.password-change',
      target: { kind: 'person', id: person.id },
      before: { mustChangePassword: person.mustChangePassword },
      after: { mustChangePassword: false },
      requestId,
    });
  }

  async listPeople() {
    return (await this.store.listPeople()).map(publicPerson);
  }

  async createPerson(
    actor: { kind: 'person' | 'system'; id: string | null },
    input: {
      username: string;
      displayName: string;
      role: Role;
      password: string;
      mustChangePassword?: boolean;
    },
    requestId?: string,
  ) {
    const problem = passwordProblem(input.password, input.username);
    if (problem) throw new HttpError(400, 'password-too-weak', problem);
    if (await this.store.personByUsername(input.username)) {
      throw new HttpError(409, 'username-taken', 'That username is already in use.');
    }
    const record: PersonRecord = {
      id: randomUUID(),
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      passwordHash: await hashPassword(input.password),
      mustChangePassword: input.mustChangePassword ?? true,
      failedAttempts: 0,
      lockedUntil: null,
      createdAt: this.deps.now().toISOString(),
      disabled: false,
    };
    await this.store.insertPerson(record);
    const created = publicPerson(record);
    await this.deps.audit.record({
      actor,
      action: 'person.create',
      target: { kind: 'person', id: record.id },
      after: created,
      requestId,
    });
    return created;
  }

  async disablePerson(actor: CurrentPerson, id: string, requestId?: string) {
    const person = await this.store.personById(id);
    if (!person) throw new HttpError(404, 'person-not-found', 'No such person.');
    if (person.id === actor.id)
      throw new HttpError(409, 'cannot-disable-self', 'You cannot disable your own account.');
    await this.store.disablePerson(id);
    const after = { ...publicPerson(person), disabled: true };
    await this.deps.audit.record({
      actor: { kind: 'person', id: actor.id },
      action: 'person.disable',
      target: { kind: 'person', id },
      before: publicPerson(person),
      after,
      requestId,
    });
    return after;
  }
}
