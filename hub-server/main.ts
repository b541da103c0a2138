import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import pkg from '../package.json' with { type: 'json' };
import { buildHubApp } from './app.ts';
import { Database, DataFileError } from './db/database.ts';
import { loadMigrations, migrate } from './db/migrate.ts';
import { seedDemoData } from './seed/seed.ts';

export interface HubOptions {
  host?: string;
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  logger: Logger;
  seed?: boolean;
}

export interface RunningHub {
  url: string;
  port: number;
  db: Database;
  close(): Promise<void>;
}

/** Opens and migrates the data file, seeds it on first run and serves the hub. */
export async function startHub({
  host = '127.0.0.1',
  port,
  dataDir,
  logger,
  seed = true,
}: HubOptions): Promise<RunningHub> {
  await mkdir(dataDir, { recursive: true });
  const db = await Database.open(path.join(dataDir, 'hub.sqlite'));
  try {
    const { from, to } = await migrate(db, await loadMigrations());
    if (from !== to) logger.info({ from, to }, 'database migrated');
    if (seed && (await seedDemoData(db))) logger.info('demo data seeded');
  } catch (err) {
    await db.close();
    throw err;
  }
  const app = buildHubApp({ db, logger, version: pkg.version });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host);
    s.once('listening', () => resolve(s));
    s.once('error', reject);
  }).catch(async (err) => {
    await db.close();
    throw err;
  });
  const actual = (server.address() as { port: number }).port;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    db,
    async close() {
      // Stop accepting, let in-flight requests finish, then close the database.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await db.close();
    },
  };
}

async function main(): Promise<void> {
  const logger = pino({ name: 'hub' });
  const port = Number(process.env.HUB_PORT ?? 7400);
  const dataDir = path.resolve(process.env.DATA_DIR ?? 'data');
  let hub: RunningHub;
  try {
    hub = await startHub({ port, dataDir, logger });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE')
      console.error(`Port ${port} is already in use. Set HUB_PORT to a free port.`);
    else if (err instanceof DataFileError) console.error(err.message);
    else console.error(`The hub could not start: ${e.stack ?? e}`);
    process.exit(1);
  }
  logger.info({ url: hub.url }, 'hub listening');
  process.send?.({ ready: 'hub', url: hub.url, port: hub.port });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await hub.close().catch((err) => logger.error({ err }, 'shutdown'));
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
