/**
 * The hub as its own process, for tests that kill it with SIGKILL and start it again on the same
 * data file and port: like `hub-server/main.ts` (DATA_DIR, HUB_PORT), but its gateway and billers
 * are the test's sandboxes over HTTP (test/support/remote-sandboxes.ts: HUB_TEST_SANDBOXES,
 * HUB_TEST_GATEWAY_SECRET), so they outlive it, and HUB_TEST_TIMINGS (JSON: billing timeoutMs,
 * staleMs, retryDelayMs, resolverIntervalMs, idempotencyAbandonMs) shortens its waits. Sends
 * `{ ready: 'hub', url, port }` over IPC once it listens.
 */
import path from 'node:path';
import pino from 'pino';
import { startHub } from '../../hub-server/main.ts';
import { remoteBiller, remoteGateway } from './remote-sandboxes.ts';

const sandboxes = process.env.HUB_TEST_SANDBOXES ?? '';
const timings = JSON.parse(process.env.HUB_TEST_TIMINGS ?? '{}') as {
  timeoutMs?: number;
  staleMs?: number;
  retryDelayMs?: number;
  resolverIntervalMs?: number;
  idempotencyAbandonMs?: number;
};
const { resolverIntervalMs, idempotencyAbandonMs, ...billingTimings } = timings;
const biller = remoteBiller(sandboxes);
const hub = await startHub({
  port: Number(process.env.HUB_PORT ?? 0),
  dataDir: path.resolve(process.env.DATA_DIR ?? 'data'),
  logger: pino({ level: process.env.HUB_LOG_LEVEL ?? 'warn' }),
  resolverIntervalMs,
  idempotencyAbandonMs,
  billingTimings,
  billingAdapters: {
    gateway: remoteGateway(sandboxes, process.env.HUB_TEST_GATEWAY_SECRET ?? ''),
    billerFor: () => biller,
  },
});
process.send?.({ ready: 'hub', url: hub.url, port: hub.port });
const stop = async () => {
  await hub.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('disconnect', stop);
