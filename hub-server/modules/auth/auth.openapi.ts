import { z } from 'zod';
import { type OpenAPIRegistry, registerRoute } from '../../http/openapi.ts';
import {
  enrollBody,
  kioskParams,
  loginBody,
  newPersonBody,
  passwordBody,
  personParams,
} from './auth.schemas.ts';
import { ROLES } from './domain.ts';

/** A console account as the routes answer it (never its password hash). */
export const PersonSchema = z
  .object({
    id: z.string(),
    username: z.string().openapi({ example: 'li.wei' }),
    displayName: z.string().openapi({ example: 'Li Wei' }),
    role: z.enum(ROLES),
    mustChangePassword: z.boolean(),
  })
  .openapi('Person');

const PersonRecord = PersonSchema.extend({ disabled: z.boolean(), createdAt: z.string() }).openapi(
  'PersonRecord',
);
const SignedIn = z.object({ person: PersonSchema, csrfToken: z.string() }).openapi('SignedIn');
const MAINTAINERS = ['maintainer', 'admin'] as const;

/** Documents the console sign-in and people routes and both sides of kiosk enrollment. */
export function registerAuthOpenApi(registry: OpenAPIRegistry): void {
  const consoleRoute = (r: Omit<Parameters<typeof registerRoute>[1], 'tags' | 'auth'> & { auth?: 'none' }) =>
    registerRoute(registry, { tags: ['console'], auth: 'session', ...r, path: `/api/v1/console${r.path}` });

  consoleRoute({
    method: 'post',
    path: '/login',
    auth: 'none',
    summary: 'Sign in: sets the session cookie and returns the CSRF token for later state-changing calls.',
    body: loginBody,
    responses: { 200: { description: 'Signed in.', schema: SignedIn } },
    errors: { 401: ['invalid-credentials'], 423: ['account-locked'], 429: ['too-many-attempts'] },
  });
  consoleRoute({
    method: 'post',
    path: '/logout',
    passwordChangeAllowed: true,
    summary: 'Sign out: ends the session and clears its cookie.',
    responses: { 204: { description: 'Signed out.' } },
  });
  consoleRoute({
    method: 'get',
    path: '/me',
    passwordChangeAllowed: true,
    summary: 'The signed-in person and the session CSRF token.',
    responses: { 200: { description: 'Signed in.', schema: SignedIn } },
  });
  consoleRoute({
    method: 'post',
    path: '/password',
    passwordChangeAllowed: true,
    summary: 'Change one’s own password (the only call allowed while a change is required).',
    body: passwordBody,
    responses: { 200: { description: 'Changed.', schema: z.object({ person: PersonSchema }) } },
    errors: { 400: ['password-too-weak'], 401: ['invalid-credentials'] },
  });
  consoleRoute({
    method: 'get',
    path: '/people',
    roles: ['admin'],
    summary: 'Every console account.',
    responses: { 200: { description: 'The accounts.', schema: z.object({ people: z.array(PersonRecord) }) } },
  });
  consoleRoute({
    method: 'post',
    path: '/people',
    roles: ['admin'],
    summary: 'Create a console account (it must change its password on first sign-in).',
    body: newPersonBody,
    responses: { 201: { description: 'Created.', schema: z.object({ person: PersonRecord }) } },
    errors: { 400: ['password-too-weak'], 409: ['username-taken'] },
  });
  consoleRoute({
    method: 'post',
    path: '/people/:id/disable',
    roles: ['admin'],
    summary: 'Disable an account and end its sessions.',
    params: personParams,
    responses: { 200: { description: 'Disabled.', schema: z.object({ person: PersonRecord }) } },
    errors: { 404: ['person-not-found'], 409: ['cannot-disable-self'] },
  });
  consoleRoute({
    method: 'post',
    path: '/kiosks/:kioskId/enrollment-codes',
    roles: MAINTAINERS,
    summary: 'A one-time enrollment code for a kiosk, to type on its setup screen.',
    params: kioskParams,
    responses: {
      201: {
        description: 'The code (shown once) and when it expires.',
        schema: z.object({ code: z.string().openapi({ example: 'K7Q2-9XMD' }), expiresAt: z.string() }),
      },
    },
    errors: { 404: ['kiosk-not-found'] },
  });
  consoleRoute({
    method: 'post',
    path: '/kiosks/:kioskId/revoke',
    roles: MAINTAINERS,
    summary: 'Revoke every credential of a kiosk; it must be enrolled again.',
    params: kioskParams,
    responses: {
      200: {
        description: 'Revoked.',
        schema: z.object({ kioskId: z.string(), revokedCredentials: z.number().int() }),
      },
    },
    errors: { 404: ['kiosk-not-found'] },
  });

  registerRoute(registry, {
    method: 'post',
    path: '/api/v1/kiosk/enroll',
    tags: ['kiosk'],
    auth: 'none',
    summary: 'Redeem an enrollment code for the kiosk’s bearer credential (shown once).',
    body: enrollBody,
    responses: {
      201: {
        description: 'Enrolled.',
        schema: z.object({ kioskId: z.string(), credential: z.string() }).openapi('KioskEnrollment'),
      },
    },
    errors: {
      400: ['enrollment-code-invalid'],
      410: ['enrollment-code-expired'],
      429: ['too-many-attempts'],
    },
  });
}
