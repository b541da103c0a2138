import { z } from 'zod';
import {
  ackSchema,
  alertsQuerySchema,
  configSchema,
  configScopeSchema,
  createCommandSchema,
  fleetQuerySchema,
  maintenanceSchema,
} from './fleet.schemas.ts';
import { Alert, Command, idParams, Kiosk, type Route } from './fleet-responses.openapi.ts';
import { newKioskSchema } from './registry.routes.ts';

const configParams = z.object({ scope: configScopeSchema, scopeId: z.string() });
const WRITE = ['admin', 'maintainer'] as const;
const READ = ['admin', 'maintainer', 'operator'] as const;

/** Documents the fleet's console routes and the console's kiosk registry route. */
export function registerFleetConsoleOpenApi(consoleRoute: (r: Route) => void): void {
  consoleRoute({
    method: 'get',
    path: '/fleet',
    roles: READ,
    summary: 'The fleet, filtered and paged, with each kiosk’s connectivity and open alerts.',
    query: fleetQuerySchema,
    responses: {
      200: {
        description: 'One page.',
        schema: z.object({ total: z.number().int(), kiosks: z.array(Kiosk) }),
      },
    },
  });
  const count = z.number().int();
  consoleRoute({
    method: 'get',
    path: '/fleet/summary',
    roles: READ,
    summary: 'How many kiosks are online, offline and never seen.',
    responses: {
      200: {
        description: 'Counts.',
        schema: z.object({ total: count, online: count, offline: count, never: count }),
      },
    },
  });
  consoleRoute({
    method: 'post',
    path: '/kiosks',
    roles: WRITE,
    summary: 'Add a kiosk to the registry (then mint it an enrollment code).',
    body: newKioskSchema,
    responses: { 201: { description: 'Added.', schema: z.object({ kiosk: Kiosk }) } },
    errors: { 409: ['kiosk-exists'] },
  });
  consoleRoute({
    method: 'get',
    path: '/kiosks/:id',
    roles: READ,
    summary: 'One kiosk: latest heartbeat, open alerts, recent commands, latest screenshot, 24 h sparkline.',
    params: idParams,
    paramsParsed: false,
    responses: { 200: { description: 'The kiosk.' } },
    errors: { 404: ['not-found'] },
  });
  consoleRoute({
    method: 'get',
    path: '/alerts',
    roles: READ,
    summary: 'Alerts, oldest first, with their age in seconds.',
    query: alertsQuerySchema,
    responses: {
      200: {
        description: 'The alerts.',
        schema: z.object({ alerts: z.array(Alert.extend({ ageSeconds: z.number().int() })) }),
      },
    },
  });
  consoleRoute({
    method: 'post',
    path: '/alerts/:id/ack',
    roles: WRITE,
    summary: 'Acknowledge an alert with a note (audited).',
    params: idParams,
    paramsParsed: false,
    body: ackSchema,
    responses: { 200: { description: 'Acknowledged.', schema: Alert } },
    errors: { 404: ['not-found'] },
  });
  consoleRoute({
    method: 'post',
    path: '/kiosks/:id/commands',
    roles: WRITE,
    summary: 'Queue a remote command for a kiosk (audited).',
    params: idParams,
    paramsParsed: false,
    body: createCommandSchema,
    responses: { 201: { description: 'Queued.', schema: Command } },
    errors: { 404: ['not-found'] },
  });
  consoleRoute({
    method: 'get',
    path: '/kiosks/:id/commands',
    roles: READ,
    summary: 'A kiosk’s recent commands, newest first.',
    params: idParams,
    paramsParsed: false,
    responses: { 200: { description: 'The commands.', schema: z.object({ commands: z.array(Command) }) } },
  });
  consoleRoute({
    method: 'get',
    path: '/screenshots/:id',
    roles: READ,
    summary: 'A stored screenshot, as the PNG the kiosk sent.',
    params: idParams,
    paramsParsed: false,
    responses: { 200: { description: 'The PNG.', contentType: 'image/png' } },
    errors: { 404: ['not-found'] },
  });
  consoleRoute({
    method: 'put',
    path: '/config/:scope/:scopeId',
    roles: WRITE,
    summary: 'Store a new version of a kiosk’s or a group’s configuration set (audited).',
    params: configParams,
    body: configSchema,
    responses: {
      200: {
        description: 'Stored.',
        schema: z.object({
          scope: configScopeSchema,
          scopeId: z.string(),
          version: z.number().int(),
          values: z.record(z.string(), z.unknown()),
        }),
      },
    },
  });
  consoleRoute({
    method: 'post',
    path: '/kiosks/:id/maintenance',
    roles: WRITE,
    summary: 'Put a kiosk into maintenance mode or take it out (sends it a set-maintenance command).',
    params: idParams,
    paramsParsed: false,
    body: maintenanceSchema,
    responses: {
      201: { description: 'Sent.', schema: z.object({ maintenance: z.boolean(), command: Command }) },
    },
    errors: { 404: ['not-found'] },
  });
}
