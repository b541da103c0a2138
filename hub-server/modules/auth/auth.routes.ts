import { type Response, Router } from 'express';
import type { Logger } from 'pino';
import type { Database } from '../../db/database.ts';
import { HttpError } from '../../http/errors.ts';
import type { Audit } from '../audit/audit.ts';
import { loginBody, newPersonBody, passwordBody, personParams } from './auth.schemas.ts';
import { AuthService } from './auth.service.ts';
import { SESSION_ABSOLUTE_MS } from './domain.ts';
import { kioskCredentialRoutes } from './kiosk-auth.ts';
import {
  authenticate,
  currentPerson,
  currentSession,
  requestIdOf,
  requirePerson,
  SESSION_COOKIE,
} from './middleware.ts';
import { SlidingWindowLimiter } from './rate-limit.ts';

export interface AuthRoutesDeps {
  db: Database;
  logger: Logger;
  now: () => Date;
  audit: Audit;
  cookieSecure: boolean;
  /** Login attempts per minute; defaults 10 per client IP and 10 per username. */
  loginLimits?: { perIp: number; perUsername: number };
}

/**
 * Mounted at /api/v1/console: login, logout, me, password, people (admin), and the kiosk
 * enrollment-code and revocation routes (maintainer, admin).
 */
export function authRoutes(deps: AuthRoutesDeps): Router {
  const router = Router();
  const service = new AuthService(deps);
  const perIp = new SlidingWindowLimiter(deps.loginLimits?.perIp ?? 10, 60_000, deps.now);
  const perUser = new SlidingWindowLimiter(deps.loginLimits?.perUsername ?? 10, 60_000, deps.now);
  const signedIn = authenticate(deps, [], true);
  const admin = requirePerson(deps)('admin');

  const setCookie = (res: Response, token: string) =>
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.cookieSecure,
      path: '/',
      maxAge: SESSION_ABSOLUTE_MS,
    });

  router.post('/login', async (req, res) => {
    const { username, password } = loginBody.parse(req.body);
    const ipOk = perIp.hit(req.ip ?? 'unknown');
    const userOk = perUser.hit(username.toLowerCase());
    if (!ipOk || !userOk) {
      throw new HttpError(429, 'too-many-attempts', 'Too many sign-in attempts; wait a minute and retry.');
    }
    const { token, session, person } = await service.login(username, password, requestIdOf(req));
    setCookie(res, token);
    const { id, displayName, role, mustChangePassword } = person;
    res.json({
      person: { id, username: person.username, displayName, role, mustChangePassword },
      csrfToken: session.csrfToken,
    });
  });

  router.post('/logout', signedIn, async (req, res) => {
    await service.logout(currentPerson(req), currentSession(req).id, requestIdOf(req));
    res.clearCookie(SESSION_COOKIE, {
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.cookieSecure,
      path: '/',
    });
    res.status(204).end();
  });

  router.get('/me', signedIn, (req, res) => {
    res.json({ person: currentPerson(req), csrfToken: currentSession(req).csrfToken });
  });

  router.post('/password', signedIn, async (req, res) => {
    const { current, next } = passwordBody.parse(req.body);
    await service.changePassword(currentPerson(req), currentSession(req).id, current, next, requestIdOf(req));
    res.json({ person: { ...currentPerson(req), mustChangePassword: false } });
  });

  router.get('/people', admin, async (_req, res) => {
    res.json({ people: await service.listPeople() });
  });

  router.post('/people', admin, async (req, res) => {
    const input = newPersonBody.parse(req.body);
    const actor = { kind: 'person' as const, id: currentPerson(req).id };
    res.status(201).json({ person: await service.createPerson(actor, input, requestIdOf(req)) });
  });

  router.post('/people/:id/disable', admin, async (req, res) => {
    const { id } = personParams.parse(req.params);
    res.json({ person: await service.disablePerson(currentPerson(req), id, requestIdOf(req)) });
  });

  router.use(kioskCredentialRoutes(deps));
  return router;
}
