import type { Database } from '../../db/database.ts';
import type { Role } from './domain.ts';

export interface PersonRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  mustChangePassword: boolean;
  failedAttempts: number;
  lockedUntil: Date | null;
  createdAt: string;
  disabled: boolean;
}

export interface SessionRecord {
  id: string;
  personId: string;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
  lastSeen: Date;
}

type Row = Record<string, unknown>;

function toPerson(r: Row): PersonRecord {
  return {
    id: String(r.id),
    username: String(r.username),
    displayName: String(r.display_name),
    role: r.role as Role,
    passwordHash: String(r.password_hash),
    mustChangePassword: r.must_change_password === 1,
    failedAttempts: Number(r.failed_attempts),
    lockedUntil: r.locked_until ? new Date(String(r.locked_until)) : null,
    createdAt: String(r.created_at),
    disabled: r.disabled === 1,
  };
}

/** All SQL for people and sessions; plain objects out. */
export class AuthStore {
  constructor(private readonly db: Database) {}

  async personByUsername(username: string): Promise<PersonRecord | undefined> {
    const r = await this.db.get<Row>('SELECT * FROM people WHERE username = ?', [username]);
    return r && toPerson(r);
  }

  async personById(id: string): Promise<PersonRecord | undefined> {
    const r = await this.db.get<Row>('SELECT * FROM people WHERE id = ?', [id]);
    return r && toPerson(r);
  }

  async listPeople(): Promise<PersonRecord[]> {
    return (await this.db.all<Row>('SELECT * FROM people ORDER BY username')).map(toPerson);
  }

  async countAdmins(): Promise<number> {
    const r = await this.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM people WHERE role = 'admin'");
    return r?.n ?? 0;
  }

  async insertPerson(p: PersonRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO people (id, username, display_name, role, password_hash, must_change_password,
         failed_attempts, locked_until, created_at, disabled) VALUES (?, ?, ?, ?, ?, ?, 0, NULL, ?, ?)`,
      [p.id, p.username, p.displayName, p.role, p.passwordHash, p.mustChangePassword ? 1 : 0, p.createdAt, 0],
    );
  }

  async setLockState(id: string, failedAttempts: number, lockedUntil: Date | null): Promise<void> {
    await this.db.run('UPDATE people SET failed_attempts = ?, locked_until = ? WHERE id = ?', [
      failedAttempts,
      lockedUntil?.toISOString() ?? null,
      id,
    ]);
  }

  async setPassword(id: string, passwordHash: string, mustChange: boolean): Promise<void> {
    await this.db.run('UPDATE people SET password_hash = ?, must_change_password = ? WHERE id = ?', [
      passwordHash,
      mustChange ? 1 : 0,
      id,
    ]);
  }

  async disablePerson(id: string): Promise<void> {
    await this.db.run('UPDATE people SET disabled = 1 WHERE id = ?', [id]);
    await this.db.run('DELETE FROM sessions WHERE person_id = ?', [id]);
  }

  async insertSession(s: SessionRecord): Promise<void> {
    await this.db.run(
      'INSERT INTO sessions (id, person_id, csrf_token, created_at, expires_at, last_seen) VALUES (?, ?, ?, ?, ?, ?)',
      [
        s.id,
        s.personId,
        s.csrfToken,
        s.createdAt.toISOString(),
        s.expiresAt.toISOString(),
        s.lastSeen.toISOString(),
      ],
    );
  }

  async sessionById(id: string): Promise<SessionRecord | undefined> {
    const r = await this.db.get<Row>('SELECT * FROM sessions WHERE id = ?', [id]);
    if (!r) return undefined;
    return {
      id: String(r.id),
      personId: String(r.person_id),
      csrfToken: String(r.csrf_token),
      createdAt: new Date(String(r.created_at)),
      expiresAt: new Date(String(r.expires_at)),
      lastSeen: new Date(String(r.last_seen)),
    };
  }

  async touchSession(id: string, at: Date): Promise<void> {
    await this.db.run('UPDATE sessions SET last_seen = ? WHERE id = ?', [at.toISOString(), id]);
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE id = ?', [id]);
  }

  async deleteOtherSessions(personId: string, keepId: string): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE person_id = ? AND id <> ?', [personId, keepId]);
  }
}
