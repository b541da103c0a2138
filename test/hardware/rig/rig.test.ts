import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SerialTransport } from '../../../hardware/common/serial-transport.ts';
import { PrinterDriver } from '../../../hardware/printer/printer.driver.ts';
import { type Rig, startRig } from '../../../hardware/rig/rig.ts';
import { waitForStatus } from '../../support/wait-for-status.ts';

const logger = pino({ level: 'silent' });

/** Processes whose command line mentions `text` (pgrep -f), other than pgrep itself. */
async function processesMentioning(text: string): Promise<string[]> {
  try {
    const { stdout } = await promisify(execFile)('pgrep', ['-af', text]);
    return stdout.trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

async function post(rig: Rig, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${rig.url}api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

describe('the rig', () => {
  let runDir: string;
  let rig: Rig;

  beforeAll(async () => {
    runDir = await mkdtemp(join(tmpdir(), 'tingzi-rig-'));
    rig = await startRig({ port: 0, runDir, logger });
  });
  afterAll(async () => {
    await rig.close();
    await rm(runDir, { recursive: true, force: true });
  });

  it('when asked for its devices, then it lists the printer with its tty and simulated state', async () => {
    expect(rig.url).toBe(`http://127.0.0.1:${rig.port}/rig/`);
    const res = await fetch(`${rig.url}api/devices`);
    expect(res.status).toBe(200);
    // Other devices follow the printer; each device's own tests check its entry.
    const { devices } = (await res.json()) as { devices: unknown[] };
    expect({ devices: devices.slice(0, 1) }).toEqual({
      devices: [
        {
          device: 'printer',
          kind: 'receipt-printer',
          tty: join(runDir, 'printer'),
          baudRate: 9600,
          sim: { paper: 'ok', cover: 'closed', online: true, plugged: true },
        },
      ],
    });
    expect(existsSync(join(runDir, 'printer'))).toBe(true);
    expect(existsSync(join(runDir, 'printer.sim'))).toBe(true);
  });

  it('when the control page is fetched, then it is self-contained HTML; /rig redirects to it', async () => {
    const bare = await fetch(rig.url.replace(/\/$/, ''), { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/rig/');
    const res = await fetch(rig.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<script>');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).toContain('api/devices');
  });

  it('when paper is set out over HTTP, then a driver on the listed tty sees a fault with paper out', async () => {
    const [printer] = rig.devices();
    if (!printer || !('tty' in printer)) throw new Error('the rig lists no serial printer first');
    const log = logger.child({ name: 'test:printer' });
    const driver = new PrinterDriver({
      transport: new SerialTransport({ path: printer.tty, baudRate: printer.baudRate, logger: log }),
      logger: log,
    });
    await driver.start();
    try {
      await waitForStatus(driver, (s) => s.state === 'online', 1500);
      const res = await post(rig, 'printer/paper', { level: 'out' });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ device: { sim: { paper: 'out' } } });
      const status = await waitForStatus(driver, (s) => s.state === 'fault', 1500);
      expect(status.detail.paper).toBe('out');

      await post(rig, 'printer/paper', { level: 'ok' });
      await post(rig, 'printer/cover', { open: true });
      await waitForStatus(driver, (s) => s.state === 'fault' && s.detail.cover === 'open', 1500);
      await post(rig, 'printer/cover', { open: false });
      await waitForStatus(driver, (s) => s.state === 'online', 1500);
    } finally {
      await driver.stop();
    }
  });

  it('when unplugged over HTTP, then the tty disappears and the driver goes offline; replugged, online', async () => {
    const tty = join(runDir, 'printer');
    const driver = new PrinterDriver({
      transport: new SerialTransport({ path: tty, baudRate: 9600, logger }),
      logger,
    });
    await driver.start();
    try {
      await waitForStatus(driver, (s) => s.state === 'online', 1500);
      const unplugged = await post(rig, 'printer/unplug');
      expect(unplugged.json).toMatchObject({ device: { sim: { plugged: false } } });
      expect(existsSync(tty)).toBe(false);
      // The printer's socat is gone; the other devices' pairs stay up.
      expect(await processesMentioning(`${runDir}/printer`)).toEqual([]);
      await waitForStatus(driver, (s) => s.state === 'offline', 2000);

      const replugged = await post(rig, 'printer/replug');
      expect(replugged.json).toMatchObject({ device: { tty, sim: { plugged: true } } });
      expect(existsSync(tty)).toBe(true);
      await waitForStatus(driver, (s) => s.state === 'online', 3000);
    } finally {
      await driver.stop();
    }
  });

  it.each([
    ['a level that does not exist', 'printer/paper', { level: 'empty' }, 400, 'invalid-body'],
    ['a missing field', 'printer/cover', {}, 400, 'invalid-body'],
    ['a string for a boolean', 'printer/cover', { open: 'yes' }, 400, 'invalid-body'],
    ['an unknown device', 'toaster/paper', { level: 'ok' }, 404, 'unknown-device'],
    ['an unknown action', 'printer/explode', {}, 404, 'unknown-action'],
  ])(
    'when the request has %s, then it answers %i with the error envelope',
    async (_name, path, body, status, code) => {
      const res = await post(rig, path, body);
      expect(res.status).toBe(status);
      expect(res.json).toEqual({ error: { code, message: expect.any(String) } });
      expect(rig.devices()[0]!.sim).toMatchObject({ paper: 'ok', cover: 'closed' });
    },
  );

  it('when the body is not JSON, then it answers 400 invalid-json', async () => {
    const res = await fetch(`${rig.url}api/printer/paper`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{level:',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid-json' } });
  });
});

describe('starting and stopping the rig', () => {
  it('when closed, then no socat it started is left and its ttys are gone', async () => {
    const runDir = await mkdtemp(join(tmpdir(), 'tingzi-rig-'));
    try {
      const rig = await startRig({ port: 0, runDir, logger });
      expect((await processesMentioning(runDir)).length).toBeGreaterThan(0);
      await rig.close();
      expect(await processesMentioning(runDir)).toEqual([]);
      expect(existsSync(join(runDir, 'printer'))).toBe(false);
      await expect(fetch(rig.url)).rejects.toThrow();
    } finally {
      await rm(runDir, { recursive: true, force: true });
    }
  });

  it('when the port is in use, then it rejects with EADDRINUSE and leaves nothing running', async () => {
    const runDir = await mkdtemp(join(tmpdir(), 'tingzi-rig-'));
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startRig({ port, runDir, logger })).rejects.toMatchObject({ code: 'EADDRINUSE' });
      expect(await processesMentioning(runDir)).toEqual([]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
      await rm(runDir, { recursive: true, force: true });
    }
  });

  it('when socat is not on PATH, then it rejects saying how to install it', async () => {
    const runDir = await mkdtemp(join(tmpdir(), 'tingzi-rig-'));
    const path = process.env.PATH;
    process.env.PATH = join(runDir, 'no-bin');
    try {
      await expect(startRig({ port: 0, runDir, logger })).rejects.toThrow('apt-get install -y socat');
    } finally {
      process.env.PATH = path;
      await rm(runDir, { recursive: true, force: true });
    }
  });
});
