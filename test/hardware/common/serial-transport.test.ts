import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceDisconnectedError } from '../../../hardware/common/errors.ts';
import { SerialTransport } from '../../../hardware/common/serial-transport.ts';
import { createPtyPair, type PtyPair } from '../../support/pty-pair.ts';

const logger = pino({ level: 'silent' });

function nextData(transport: SerialTransport, bytes: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      if (Buffer.concat(chunks).length < bytes) return;
      transport.off('data', onData);
      resolve(Buffer.concat(chunks));
    };
    transport.on('data', onData);
  });
}

describe('SerialTransport over a socat pty pair', () => {
  let dir: string;
  let pair: PtyPair;
  const opened: SerialTransport[] = [];
  const transport = (path: string): SerialTransport => {
    const t = new SerialTransport({ path, baudRate: 9600, logger });
    opened.push(t);
    return t;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tingzi-transport-'));
    pair = await createPtyPair(dir);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((t) => t.close()));
    await pair.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('when bytes are written on one end, then the other end emits them', async () => {
    const a = transport(pair.a);
    const b = transport(pair.b);
    await Promise.all([a.open(), b.open()]);
    const received = nextData(b, 3);
    await a.write(Uint8Array.of(0x10, 0x04, 0x01));
    expect([...(await received)]).toEqual([0x10, 0x04, 0x01]);
  });

  it('when the path does not exist, then open rejects with DeviceDisconnectedError', async () => {
    const t = transport(join(dir, 'missing'));
    await expect(t.open()).rejects.toBeInstanceOf(DeviceDisconnectedError);
    expect(t.isOpen).toBe(false);
  });

  it('when it is closed, then write rejects with DeviceDisconnectedError and close emits close(false)', async () => {
    const a = transport(pair.a);
    await expect(a.write(Uint8Array.of(1))).rejects.toMatchObject({ disconnected: true });
    await a.open();
    const closed = new Promise<boolean>((resolve) => a.once('close', resolve));
    await a.close();
    expect(await closed).toBe(false);
    await expect(a.write(Uint8Array.of(1))).rejects.toBeInstanceOf(DeviceDisconnectedError);
    await a.close(); // closing twice is harmless
  });

  it('when socat is killed, then it emits close(true); when the pair is back, then it opens again', async () => {
    const a = transport(pair.a);
    await a.open();
    const closed = new Promise<boolean>((resolve) => a.once('close', resolve));
    await pair.close();
    expect(await closed).toBe(true);
    expect(a.isOpen).toBe(false);
    await expect(a.open()).rejects.toBeInstanceOf(DeviceDisconnectedError);

    pair = await createPtyPair(dir);
    const b = transport(pair.b);
    await Promise.all([a.open(), b.open()]);
    const received = nextData(b, 2);
    await a.write(Uint8Array.of(0x1b, 0x40));
    expect([...(await received)]).toEqual([0x1b, 0x40]);
  });
});
