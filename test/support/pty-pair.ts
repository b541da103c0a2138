import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { SocatLink } from '../../hardware/rig/socat-link.ts';

export interface PtyPair {
  /** One end (a symlink to a /dev/pts/N). */
  a: string;
  /** The other end. */
  b: string;
  /** Kills socat and waits for it: both ttys disappear, as when a cable is pulled. */
  close(): Promise<void>;
}

/**
 * A real pseudo-terminal pair joined by socat, for tests that open a tty with
 * the real serialport bindings. The links are `<dir>/<name>-a` and
 * `<dir>/<name>-b`; calling it again with the same arguments after `close()`
 * recreates the same paths ("replug").
 */
export async function createPtyPair(
  dir: string,
  name = 'pty',
  logger: Logger = pino({ level: 'silent' }),
): Promise<PtyPair> {
  await mkdir(dir, { recursive: true });
  const a = join(dir, `${name}-a`);
  const b = join(dir, `${name}-b`);
  const link = new SocatLink({ linkA: a, linkB: b, logger });
  await link.start();
  return { a, b, close: () => link.stop() };
}
