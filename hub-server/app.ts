import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { Database } from './db/database.ts';
import { errorHandler, notFound } from './http/errors.ts';
import { healthRoutes } from './modules/health/health.routes.ts';

export interface HubDeps {
  db: Database;
  logger: Logger;
  version: string;
}

/** Builds the hub's Express app from its dependencies; no singletons, so a test can build many. */
export function buildHubApp({ logger, version }: HubDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '256kb' }));
  app.use('/api/v1', healthRoutes(version));
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
