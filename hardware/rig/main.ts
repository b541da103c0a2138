/**
 * `npm run rig`, and the rig child process of `npm start`: the simulated
 * hardware with its control page. Prints `rig ready <url>` once ready (and,
 * when started by `npm start`, says so over the IPC channel too); logs go to
 * stderr.
 *
 * Env: RIG_PORT (default 7399), DATA_DIR (default ./data; ttys in $DATA_DIR/rig),
 * LOG_LEVEL (default info).
 */
import { resolve } from 'node:path';
import pino from 'pino';
import { type Rig, startRig } from './rig.ts';

const port = Number(process.env.RIG_PORT ?? 7399);
const runDir = resolve(process.env.DATA_DIR ?? './data', 'rig');
const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`RIG_PORT must be a port number, not '${process.env.RIG_PORT}'.\n`);
  process.exit(1);
}

// Signals are taken from the first moment: a stop asked for while socat is still
// being started waits for the start to finish, then closes everything it made.
let rig: Rig | undefined;
let stopAsked: NodeJS.Signals | undefined;
let stopping = false;
const stop = (signal: NodeJS.Signals): void => {
  stopAsked = signal;
  if (!rig || stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  rig.close().then(
    () => process.exit(0),
    (err: unknown) => {
      logger.error({ err }, 'rig did not close cleanly');
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// Started by `npm start` and the parent is gone: stop too, so socat is never orphaned.
process.on('disconnect', () => stop('SIGTERM'));

try {
  rig = await startRig({ port, runDir, logger });
  process.stdout.write(`rig ready ${rig.url}\n`);
  process.send?.({ ready: 'rig', url: new URL(rig.url).origin, port: rig.port });
  if (stopAsked) stop(stopAsked);
} catch (err) {
  if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    process.stderr.write(`Port ${port} is already in use. Set RIG_PORT to a free port.\n`);
  } else {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  }
  process.exit(1);
}
