import { z } from 'zod';
import type { ApiRoute } from '../../http/openapi.ts';
import { ALERT_KINDS, COMMAND_KINDS } from './domain.ts';

/*
 * What the fleet routes answer, for the document (the service builds these shapes; the
 * routes parse only their inputs, which come from fleet.schemas.ts).
 */

export const Command = z
  .object({
    id: z.string(),
    kioskId: z.string(),
    kind: z.enum(COMMAND_KINDS),
    args: z.record(z.string(), z.unknown()),
    createdBy: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    pickedAt: z.string().nullable(),
    doneAt: z.string().nullable(),
    result: z.unknown(),
    state: z.enum(['queued', 'picked', 'done', 'failed', 'expired']),
  })
  .openapi('Command');
export const Alert = z
  .object({
    id: z.string(),
    kioskId: z.string(),
    kind: z.enum(ALERT_KINDS),
    device: z.string(),
    openedAt: z.string(),
    closedAt: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: z.string().nullable(),
    note: z.string().nullable(),
  })
  .openapi('Alert');
export const Kiosk = z
  .looseObject({
    id: z.string().openapi({ example: 'gl-001' }),
    name: z.string(),
    address: z.string(),
    district: z.string(),
    groupName: z.string().nullable(),
    tags: z.array(z.string()),
    agentVersion: z.string().nullable(),
    lastSeenAt: z.string().nullable(),
    maintenance: z.boolean(),
    state: z.enum(['online', 'offline', 'never']).optional(),
  })
  .openapi('Kiosk');
export const PulledCommand = Command.pick({ id: true, kind: true, args: true, expiresAt: true });
export const idParams = z.object({ id: z.string() });

export type Route = Omit<ApiRoute, 'tags' | 'auth' | 'path'> & { path: string };
