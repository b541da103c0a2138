import { z } from 'zod';
import { ROLES } from './domain.ts';

/*
 * The auth module's request schemas, parsed by its routes and documented in auth.openapi.ts from
 * the same objects, so the document cannot drift from what the routes accept.
 */

/** `POST /console/login`. */
export const loginBody = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
});

/** `POST /console/password`. */
export const passwordBody = z.object({
  current: z.string().min(1).max(1000),
  next: z.string().min(1).max(1000),
});

/** `POST /console/people` (admin). */
export const newPersonBody = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, 'lower-case letters, digits, . _ - (2 to 40)'),
  displayName: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  password: z.string().min(1).max(1000),
});

/** `/console/people/:id/...`. */
export const personParams = z.object({ id: z.string().min(1).max(100) });

/** `/console/kiosks/:kioskId/enrollment-codes` and `/revoke`. */
export const kioskParams = z.object({ kioskId: z.string().min(1).max(100) });

/** `POST /kiosk/enroll`. */
export const enrollBody = z.object({ code: z.string().min(1).max(40) });
