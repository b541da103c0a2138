import { z } from 'zod';
import { type OpenAPIRegistry, registerRoute } from '../../http/openapi.ts';
import {
  commandResultSchema,
  commandsQuerySchema,
  heartbeatSchema,
  screenshotQuerySchema,
} from './fleet.schemas.ts';
import { registerFleetConsoleOpenApi } from './fleet-console.openapi.ts';
import { Command, idParams, PulledCommand, type Route } from './fleet-responses.openapi.ts';

/** Documents the fleet's kiosk-facing and console routes and the console's kiosk registry route. */
export function registerFleetOpenApi(registry: OpenAPIRegistry): void {
  const kiosk = (r: Route) =>
    registerRoute(registry, { ...r, tags: ['kiosk'], auth: 'kiosk', path: `/api/v1/kiosk${r.path}` });
  const consoleRoute = (r: Route) =>
    registerRoute(registry, { ...r, tags: ['console'], auth: 'session', path: `/api/v1/console${r.path}` });

  kiosk({
    method: 'post',
    path: '/heartbeat',
    summary: 'The agent’s periodic report: versions, screen, disk and each device’s state.',
    body: heartbeatSchema,
    responses: { 200: { description: 'Stored.', schema: z.object({ openAlerts: z.number().int() }) } },
    errors: { 404: ['not-found'] },
  });
  kiosk({
    method: 'get',
    path: '/commands',
    summary: 'Queued commands, handed out once; with `wait` the request is held until one arrives.',
    query: commandsQuerySchema,
    responses: {
      200: { description: 'The commands.', schema: z.object({ commands: z.array(PulledCommand) }) },
    },
  });
  kiosk({
    method: 'post',
    path: '/commands/:id/result',
    summary: 'Report how a picked command ended.',
    params: idParams,
    paramsParsed: false,
    body: commandResultSchema,
    responses: {
      200: { description: 'Recorded.', schema: z.object({ id: z.string(), state: Command.shape.state }) },
    },
    errors: { 404: ['not-found'], 409: ['command-not-picked'] },
  });
  kiosk({
    method: 'post',
    path: '/screenshots',
    summary: 'Upload a screenshot of the kiosk screen, optionally answering a take-screenshot command.',
    query: screenshotQuerySchema,
    rawBody: { contentType: 'image/png', description: 'The PNG file itself (at most 5 MB), not JSON.' },
    responses: {
      201: {
        description: 'Stored.',
        schema: z.object({ id: z.string(), width: z.number().int(), height: z.number().int() }),
      },
    },
    errors: { 400: ['not-png'], 404: ['not-found'], 413: ['screenshot-too-large'] },
  });
  kiosk({
    method: 'get',
    path: '/config',
    summary: 'The kiosk’s effective configuration: its group’s set with its own on top.',
    responses: {
      200: {
        description: 'The configuration.',
        schema: z.object({
          values: z.record(z.string(), z.unknown()),
          versions: z.object({ group: z.number().int().nullable(), kiosk: z.number().int().nullable() }),
          maintenance: z.boolean(),
        }),
      },
    },
    errors: { 404: ['not-found'] },
  });
  registerFleetConsoleOpenApi(consoleRoute);
}
