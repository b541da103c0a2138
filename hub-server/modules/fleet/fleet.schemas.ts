import { z } from 'zod';
import { ALERT_KINDS, COMMAND_KINDS } from './domain.ts';

/** What a kiosk agent sends every heartbeat interval. */
export const heartbeatSchema = z.object({
  agentVersion: z.string().min(1).max(40),
  uptimeSec: z.number().int().nonnegative(),
  screen: z.string().max(200).default(''),
  lastTransactionAt: z.string().datetime().nullable().default(null),
  freeDiskBytes: z.number().nonnegative(),
  devices: z
    .array(
      z.object({
        name: z.string().min(1).max(60),
        kind: z.string().min(1).max(40),
        state: z.enum(['ok', 'warning', 'fault', 'absent']),
        version: z.string().max(40).optional(),
        /** Since when the device has been in this state, as the agent saw it. */
        since: z.string().datetime().optional(),
        detail: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .max(32)
    .default([]),
});
export type HeartbeatPayload = z.infer<typeof heartbeatSchema>;

export const commandResultSchema = z.object({
  ok: z.boolean(),
  message: z.string().max(2000).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type CommandResult = z.infer<typeof commandResultSchema>;

export const createCommandSchema = z.object({
  kind: z.enum(COMMAND_KINDS),
  args: z.record(z.string(), z.unknown()).default({}),
  ttlSeconds: z
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 3600)
    .default(600),
});

export const fleetQuerySchema = z.object({
  district: z.string().max(60).optional(),
  state: z.enum(['online', 'offline', 'never']).optional(),
  alert: z.union([z.enum(ALERT_KINDS), z.literal('any')]).optional(),
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type FleetQuery = z.infer<typeof fleetQuerySchema>;

/** `GET /api/v1/kiosk/commands?wait=25`: hold the request up to `wait` seconds for a command. */
export const commandsQuerySchema = z.object({ wait: z.coerce.number().int().min(0).max(30).default(0) });

export const ackSchema = z.object({ note: z.string().max(1000).default('') });
export const configSchema = z.object({ values: z.record(z.string(), z.unknown()) });
export const configScopeSchema = z.enum(['kiosk', 'group']);
export const maintenanceSchema = z.object({ on: z.boolean() });

/** `GET /console/alerts?kind&closed&limit`. */
export const alertsQuerySchema = z.object({
  kind: z.enum(ALERT_KINDS).optional(),
  closed: z.enum(['0', '1']).default('0'),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

/** `POST /kiosk/screenshots?commandId`: the command the screenshot answers, if any. */
export const screenshotQuerySchema = z.object({ commandId: z.string().max(64).optional() });
