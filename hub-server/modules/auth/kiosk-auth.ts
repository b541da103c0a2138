import { type Request, type RequestHandler, Router } from 'express';
import type { Logger } from 'pino';
import type { Database } from '../../db/database.ts';
import { HttpError } from '../../http/errors.ts';
import type { Audit } from '../audit/audit.ts';
import { enrollBody, kioskParams } from './auth.schemas.ts';
import { ENROLLMENT_CODE_TTL_MS, normalizeEnrollmentCode } from './domain.ts';
import { credentialCacheFor, type KioskCredentialCache } from './kiosk-auth.cache.ts';
import { KioskAuthStore } from './kiosk-auth.store.ts';
import { currentPerson, requestIdOf, requirePerson } from './middleware.ts';
import { SlidingWindowLimiter } from './rate-limit.ts';
import { newEnrollmentCode, randomToken, sha256 } from './secrets.ts';

export interface KioskAuthDeps {
  db: Database;
  logger: Logger;
  now: () => Date;
  audit: Audit;
}

const authenticatedKiosk = new WeakMap<Request, string>();

/** The kiosk id `requireKiosk` let through. */
export function currentKiosk(req: Request): string {
  const id = authenticatedKiosk.get(req);
  if (id === undefined) throw new Error('currentKiosk() on a route without requireKiosk()');
  return id;
}

/**
 * `Authorization: Bearer <credential>`, checked against the database, or against
 * the credentials this process verified lately (`KioskCredentialCache`, emptied
 * for a kiosk the moment it is revoked here).
 */
export function requireKiosk(deps: { db: Database; cache?: KioskCredentialCache }): RequestHandler {
  const store = new KioskAuthStore(deps.db);
  const cache = deps.cache ?? credentialCacheFor(deps.db);
  return async (req, _res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    const hash = match?.[1] ? sha256(match[1]) : undefined;
    const cached = hash && cache.get(hash);
    if (cached) {
      authenticatedKiosk.set(req, cached);
      return next();
    }
    const stamp = cache.stamp();
    const found = hash ? await store.credential(hash) : undefined;
    if (!found) throw new HttpError(401, 'kiosk-not-authenticated', 'A valid kiosk credential is required.');
    if (found.revoked)
      throw new HttpError(403, 'kiosk-revoked', 'This kiosk has been revoked; enroll it again.');
    if (hash) cache.set(hash, found.kioskId, stamp);
    authenticatedKiosk.set(req, found.kioskId);
    next();
  };
}

/**
 * A new single-use enrollment code for a kiosk; only its hash is stored. `createdBy` is null when
 * the hub itself makes one (demo mode, for the demo kiosk's agent).
 */
export async function mintEnrollmentCode(
  deps: { db: Database; now: () => Date },
  kioskId: string,
  createdBy: string | null,
  ttlMs: number = ENROLLMENT_CODE_TTL_MS,
): Promise<{ code: string; expiresAt: Date }> {
  const now = deps.now();
  const code = newEnrollmentCode();
  const expiresAt = new Date(now.getTime() + ttlMs);
  await new KioskAuthStore(deps.db).insertCode({
    codeHash: sha256(code),
    kioskId,
    createdBy,
    createdAt: now,
    expiresAt,
  });
  return { code, expiresAt };
}

/** Console side, mounted at /api/v1/console: enrollment codes and revocation (maintainer, admin). */
export function kioskCredentialRoutes(deps: KioskAuthDeps & { enrollmentCodeTtlMs?: number }): Router {
  const router = Router();
  const store = new KioskAuthStore(deps.db);
  const maintainer = requirePerson(deps)('maintainer', 'admin');

  router.post('/kiosks/:kioskId/enrollment-codes', maintainer, async (req, res) => {
    const { kioskId } = kioskParams.parse(req.params);
    if (!(await store.kioskExists(kioskId))) throw new HttpError(404, 'kiosk-not-found', 'No such kiosk.');
    const actor = currentPerson(req);
    const { code, expiresAt } = await mintEnrollmentCode(deps, kioskId, actor.id, deps.enrollmentCodeTtlMs);
    await deps.audit.record({
      actor: { kind: 'person', id: actor.id },
      action: 'kiosk.enrollment-code.create',
      target: { kind: 'kiosk', id: kioskId },
      after: { expiresAt: expiresAt.toISOString() },
      requestId: requestIdOf(req),
    });
    res.status(201).json({ code, expiresAt: expiresAt.toISOString() });
  });

  router.post('/kiosks/:kioskId/revoke', maintainer, async (req, res) => {
    const { kioskId } = kioskParams.parse(req.params);
    if (!(await store.kioskExists(kioskId))) throw new HttpError(404, 'kiosk-not-found', 'No such kiosk.');
    const cache = credentialCacheFor(deps.db);
    cache.forgetKiosk(kioskId);
    const revoked = await store.revokeAll(kioskId, deps.now());
    cache.forgetKiosk(kioskId);
    await deps.audit.record({
      actor: { kind: 'person', id: currentPerson(req).id },
      action: 'kiosk.revoke',
      target: { kind: 'kiosk', id: kioskId },
      after: { revokedCredentials: revoked },
      requestId: requestIdOf(req),
    });
    res.json({ kioskId, revokedCredentials: revoked });
  });
  return router;
}

/** Kiosk side, mounted at /api/v1/kiosk: `POST /enroll { code }` → `{ kioskId, credential }`. */
export function kioskAuthRoutes(deps: KioskAuthDeps & { enrollPerIpPerMinute?: number }): Router {
  const router = Router();
  const store = new KioskAuthStore(deps.db);
  const limiter = new SlidingWindowLimiter(deps.enrollPerIpPerMinute ?? 20, 60_000, deps.now);

  router.post('/enroll', async (req, res) => {
    if (!limiter.hit(req.ip ?? 'unknown'))
      throw new HttpError(429, 'too-many-attempts', 'Wait a minute and retry.');
    const codeHash = sha256(normalizeEnrollmentCode(enrollBody.parse(req.body).code));
    const code = await store.codeByHash(codeHash);
    const now = deps.now();
    if (!code || code.usedAt)
      throw new HttpError(400, 'enrollment-code-invalid', 'This enrollment code is not valid.');
    if (code.expiresAt.getTime() <= now.getTime()) {
      throw new HttpError(
        410,
        'enrollment-code-expired',
        'This enrollment code has expired; ask for a new one.',
      );
    }
    const credential = randomToken();
    if (!(await store.redeem(codeHash, sha256(credential), code.kioskId, now))) {
      throw new HttpError(400, 'enrollment-code-invalid', 'This enrollment code is not valid.');
    }
    deps.logger.info({ kioskId: code.kioskId, requestId: requestIdOf(req) }, 'kiosk enrolled');
    await deps.audit.record({
      actor: { kind: 'kiosk', id: code.kioskId },
      action: 'kiosk.enroll',
      target: { kind: 'kiosk', id: code.kioskId },
      requestId: requestIdOf(req),
    });
    res.status(201).json({ kioskId: code.kioskId, credential });
  });
  return router;
}
