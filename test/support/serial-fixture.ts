import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { SerialTransport } from '../../hardware/common/serial-transport.ts';
import { createPtyPair, type PtyPair } from './pty-pair.ts';

/** The part of a simulator the fixture drives: it opens it and closes it. */
export interface FixtureSimulator {
  open(): Promise<void>;
  close(): Promise<void>;
}

/** The part of a driver the fixture drives: it only stops it. */
export interface FixtureDriver {
  stop(): Promise<void>;
}

export interface SerialFixtureOptions<S extends FixtureSimulator, D extends FixtureDriver> {
  /** Names the temp dir (`tingzi-<name>-…`) and the pty links (`<name>-a`, `<name>-b`). */
  name: string;
  baudRate: number;
  /** Logs the driver's transport; silent by default. Pass a capturing one to read what the driver logged. */
  logger?: Logger;
  /** Builds the simulator on end `a`; `logger` is a silent one it may use. */
  createSimulator(path: string, logger: Logger): S;
  /** Builds the driver on a `SerialTransport` to end `b`. */
  createDriver(transport: SerialTransport): D;
}

export interface SerialFixture<S, D> {
  dir: string;
  /** The current pty pair; replaced by `reopenPair()`. */
  pair: PtyPair;
  sim: S;
  /** Not started: a test attaches its listeners first. Reassign it to swap drivers; `close()` stops whichever is here. */
  driver: D;
  /** Kills socat: both ttys vanish, as when the cable is pulled. */
  closePair(): Promise<void>;
  /** Starts socat again on the same paths ("replug"). */
  reopenPair(): Promise<void>;
  /** Stops the driver, closes the simulator and the pair, and removes the temp dir. */
  close(): Promise<void>;
}

/**
 * A driver and its simulator joined by a real socat pty pair in a fresh temp
 * dir, the setup every serial driver test shares. The simulator is opened;
 * the driver is built but not started.
 */
export async function serialFixture<S extends FixtureSimulator, D extends FixtureDriver>({
  name,
  baudRate,
  logger = pino({ level: 'silent' }),
  createSimulator,
  createDriver,
}: SerialFixtureOptions<S, D>): Promise<SerialFixture<S, D>> {
  const dir = await mkdtemp(join(tmpdir(), `tingzi-${name}-`));
  let pair: PtyPair | undefined;
  let sim: S | undefined;
  try {
    pair = await createPtyPair(dir, name);
    sim = createSimulator(pair.a, pino({ level: 'silent' }));
    await sim.open();
    const driver = createDriver(new SerialTransport({ path: pair.b, baudRate, logger }));
    const fixture: SerialFixture<S, D> = {
      dir,
      pair,
      sim,
      driver,
      closePair: () => fixture.pair.close(),
      async reopenPair() {
        fixture.pair = await createPtyPair(dir, name);
      },
      async close() {
        await fixture.driver.stop();
        await fixture.sim.close();
        await fixture.pair.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
    return fixture;
  } catch (err) {
    await sim?.close();
    await pair?.close();
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
