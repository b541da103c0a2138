import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SerialTransport } from '../../../hardware/common/serial-transport.ts';
import { SimulatorPort } from '../../../hardware/common/simulator-port.ts';
import { createPtyPair, type PtyPair } from '../../support/pty-pair.ts';
import { until } from '../../support/until.ts';

const logger = pino({ level: 'silent' });

function collect(emitter: { on(event: 'data', listener: (chunk: Buffer) => void): unknown }): Buffer[] {
  const chunks: Buffer[] = [];
  emitter.on('data', (chunk) => chunks.push(chunk));
  return chunks;
}

const bytes = (chunks: Buffer[]): number[] => [...Buffer.concat(chunks)];

describe('SimulatorPort over a socat pty pair', () => {
  let dir: string;
  let pair: PtyPair;
  let port: SimulatorPort;
  let host: SerialTransport;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tingzi-sim-port-'));
    pair = await createPtyPair(dir);
    port = new SimulatorPort({ path: pair.a, baudRate: 115200, logger, reopenIntervalMs: 20 });
    host = new SerialTransport({ path: pair.b, baudRate: 115200, logger });
  });
  afterEach(async () => {
    await Promise.all([port.close(), host.close()]);
    await pair.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('when the host writes, then the port emits the bytes; when the device sends, then the host gets them', async () => {
    await Promise.all([port.open(), host.open()]);
    const fromHost = collect(port);
    const fromDevice = collect(host);
    await host.write(Uint8Array.of(0x10, 0x04, 0x01));
    port.send(Uint8Array.of(0x12));
    port.injectGarbage(Uint8Array.of(0xff, 0x00));
    await until(
      () => bytes(fromHost).length === 3 && bytes(fromDevice).length === 3,
      1000,
      'both ends heard',
    );
    expect(bytes(fromHost)).toEqual([0x10, 0x04, 0x01]);
    expect(bytes(fromDevice)).toEqual([0x12, 0xff, 0x00]);
  });

  it('when unplugged, then it sends nothing but still hears the host; when replugged, then it sends again', async () => {
    await Promise.all([port.open(), host.open()]);
    const fromHost = collect(port);
    const fromDevice = collect(host);
    port.send(Buffer.alloc(64, 0x41)); // still queued: the first chunk leaves after its line time
    port.unplug();
    expect(port.plugged).toBe(false);
    port.send(Uint8Array.of(1));
    port.injectGarbage(Uint8Array.of(2));
    await host.write(Uint8Array.of(0x30));
    await until(() => fromHost.length > 0, 1000, 'the port heard the host');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(bytes(fromDevice)).toEqual([]);

    port.replug();
    port.send(Uint8Array.of(0x42));
    await until(() => fromDevice.length > 0, 1000, 'the host heard the device again');
    expect(bytes(fromDevice)).toEqual([0x42]);
  });

  it('when the tty vanishes while wanted, then it emits close(true) and reopens by itself once the tty is back', async () => {
    await port.open();
    const closes: boolean[] = [];
    port.on('close', (unexpected) => closes.push(unexpected));
    await pair.close();
    await until(() => closes.length === 1, 1000, 'the port saw the tty go');
    expect(closes).toEqual([true]);
    expect(port.isOpen).toBe(false);

    pair = await createPtyPair(dir);
    await until(() => port.isOpen, 2000, 'the port reopened');
  });

  it('when closed, then it emits close(false) and stays closed', async () => {
    await port.open();
    const closes: boolean[] = [];
    port.on('close', (unexpected) => closes.push(unexpected));
    await port.close();
    expect(closes).toEqual([false]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(port.isOpen).toBe(false);
  });
});
