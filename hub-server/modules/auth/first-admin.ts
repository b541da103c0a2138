import pino from 'pino';
import type { Database } from '../../db/database.ts';
import { createAudit } from '../audit/audit.ts';
import { AuthService } from './auth.service.ts';
import { AuthStore } from './auth.store.ts';
import { newOneTimePassword } from './secrets.ts';

/**
 * On a hub with no admin yet, creates `admin` with a one-time password that must be changed at first
 * sign-in, and returns that password (the only time it exists in clear). Otherwise returns undefined.
 */
export async function ensureFirstAdmin(db: Database, now: () => Date): Promise<string | undefined> {
  if ((await new AuthStore(db).countAdmins()) > 0) return undefined;
  const password = newOneTimePassword();
  const service = new AuthService({
    db,
    now,
    audit: createAudit(db, now),
    logger: pino({ level: 'silent' }),
  });
  await service.createPerson(
    { kind: 'system', id: null },
    { username: 'admin', displayName: 'Administrator', role: 'admin', password, mustChangePassword: true },
  );
  return password;
}
