import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../hardware/common/device-status.ts';
import { DeviceNotReadyError } from '../../../hardware/common/errors.ts';
import { HandsetDriver } from '../../../hardware/handset/handset.driver.ts';
import { HandsetSimulator } from '../../../hardware/handset/handset.simulator.ts';
import {
  type HandsetKey,
  type HandsetProfile,
  STANDARD_TELEPHONY,
  VENDOR_PULSE_HOOK,
} from '../../../hardware/handset/handset-profiles.ts';
import { SocketHidTransport } from '../../../hardware/handset/hid-socket.transport.ts';
import { until } from '../../support/until.ts';
import { waitForStatus } from '../../support/wait-for-status.ts';

const logger = pino({ level: 'silent' });

interface Rig {
  dir: string;
  sim: HandsetSimulator;
  driver: HandsetDriver;
  events: string[];
  statuses: DeviceStatus[];
}

let current: Rig | undefined;

/** A simulator on a Unix socket in a fresh directory and a started driver connected to it through real sockets. */
async function connect(profile: HandsetProfile, reconnectIntervalMs = 1000): Promise<Rig> {
  const dir = await mkdtemp(join(tmpdir(), 'tingzi-handset-'));
  const path = join(dir, 'handset.sock');
  const sim = new HandsetSimulator({ address: { path }, profile, logger });
  await sim.open();
  const driver = new HandsetDriver({
    transport: new SocketHidTransport({ address: { path }, logger }),
    profile,
    logger,
    reconnectIntervalMs,
  });
  const events: string[] = [];
  const statuses: DeviceStatus[] = [];
  driver.on('hookOff', () => events.push('hookOff'));
  driver.on('hookOn', () => events.push('hookOn'));
  driver.on('key', ({ key }) => events.push(`key:${key}`));
  driver.on('mute', ({ muted }) => events.push(`mute:${muted}`));
  driver.on('status', (s) => statuses.push(s));
  await driver.start();
  await waitForStatus(driver, (s) => s.state === 'online', 1000);
  await until(() => sim.connections === 1, 1000, 'the simulator sees the driver');
  current = { dir, sim, driver, events, statuses };
  return current;
}

afterEach(async () => {
  if (!current) return;
  await current.driver.stop();
  await current.sim.close();
  await rm(current.dir, { recursive: true, force: true });
  current = undefined;
});

describe('HandsetDriver against the simulator over a real Unix socket (standard telephony profile)', () => {
  it('when started, then it is online, hung up, not ringing, with the profile named', async () => {
    const { driver } = await connect(STANDARD_TELEPHONY);
    expect(driver.status()).toMatchObject({
      device: 'handset',
      state: 'online',
      detail: { hook: 'on', ringing: false, profile: 'hid-telephony' },
    });
  });

  it('when the handset is lifted and hung up, then hookOff then hookOn, and the status follows', async () => {
    const { sim, driver, events } = await connect(STANDARD_TELEPHONY);
    sim.lift();
    await waitForStatus(driver, (s) => s.detail.hook === 'off', 1000);
    sim.hangUp();
    await waitForStatus(driver, (s) => s.detail.hook === 'on', 1000);
    expect(events).toEqual(['hookOff', 'hookOn']);
  });

  it('when keys are pressed, then each is emitted once, in order', async () => {
    const { sim, events } = await connect(STANDARD_TELEPHONY);
    const keys: HandsetKey[] = ['1', '2', '3', '4', '5', '*', '0', '#'];
    for (const key of keys) sim.press(key);
    await until(() => events.length === keys.length, 1000, 'every key');
    expect(events).toEqual(keys.map((k) => `key:${k}`));
  });

  it('when a key is held across other reports, then it is emitted once, and again after release', async () => {
    const { sim, events, driver } = await connect(STANDARD_TELEPHONY);
    sim.hold(['7']);
    sim.lift(); // another report while 7 is held: no second key event
    sim.hold(['7']);
    sim.releaseKeys();
    sim.press('7');
    await until(() => events.filter((e) => e === 'key:7').length === 2, 1000, 'the second 7');
    await until(() => driver.counters.reports >= 6, 1000, 'all reports');
    expect(events).toEqual(['key:7', 'hookOff', 'key:7']);
  });

  it('when the microphone is muted and unmuted, then mute events say so', async () => {
    const { sim, events } = await connect(STANDARD_TELEPHONY);
    sim.setMuted(true);
    sim.setMuted(false);
    await until(() => events.length === 2, 1000, 'two mute events');
    expect(events).toEqual(['mute:true', 'mute:false']);
  });

  it('when the kiosk rings and lights the off-hook LED, then the simulator receives those output reports', async () => {
    const { sim, driver } = await connect(STANDARD_TELEPHONY);
    await driver.ring(true);
    await until(() => sim.state().ringing, 1000, 'ringing at the simulator');
    // Ring LED 0x08:0x18 (bit 2) and Ringer 0x0B:0x9E (bit 5) in report 0x02
    expect(sim.state().lastOutput).toBe('022400');
    expect(driver.status().detail.ringing).toBe(true);
    await driver.setOffHookLed(true);
    await driver.ring(false);
    await until(() => sim.state().lastOutput === '020100', 1000, 'off-hook LED only');
    expect(sim.state()).toMatchObject({ ringing: false, offHookLed: true });
    expect(sim.badOutputReports).toBe(0);
  });

  it('when garbage and short reports arrive, then they are counted by reason and change nothing', async () => {
    const { sim, driver, events } = await connect(STANDARD_TELEPHONY);
    sim.injectGarbage(Buffer.of(0x01, 0xff, 0xff)); // another report id
    sim.injectGarbage(Buffer.of(0x02, 0x01)); // short
    sim.injectGarbage(Buffer.of(0x02, 0x01, 0x42)); // key code outside 0xB0–0xBB
    sim.press('9');
    await until(() => events.includes('key:9'), 1000, 'the key after the garbage');
    expect(events).toEqual(['key:9']);
    expect(driver.counters).toMatchObject({
      invalidReports: 3,
      invalidByReason: { 'wrong-report-id': 1, short: 1, 'bad-key-code': 1 },
    });
    expect(driver.status().detail.hook).toBe('on');
  });

  it('when unplugged while off hook, then offline within 2 s and hung up; replugged, online again without a restart', async () => {
    const { sim, driver, events } = await connect(STANDARD_TELEPHONY, 1000);
    sim.lift();
    await waitForStatus(driver, (s) => s.detail.hook === 'off', 1000);
    await driver.ring(true);
    const unpluggedAt = Date.now();
    await sim.unplug();
    await waitForStatus(driver, (s) => s.state === 'offline', 2000);
    expect(Date.now() - unpluggedAt).toBeLessThan(2000);
    expect(driver.status().detail.hook).toBe('on');
    await expect(driver.setOffHookLed(true)).rejects.toBeInstanceOf(DeviceNotReadyError);

    await sim.replug();
    // Within the 1 s reconnect interval plus a margin; the simulator reports it is still off hook.
    await waitForStatus(driver, (s) => s.state === 'online' && s.detail.hook === 'off', 2500);
    expect(events).toEqual(['hookOff', 'hookOn', 'hookOff']);
    expect(driver.counters.reconnects).toBe(1);
    // The ringer and LED the kiosk wanted are restored on the new connection.
    await until(() => sim.state().lastOutput === '022500', 1000, 'ringer and off-hook LED restored');
  });

  it('when stopped, then it is offline and the simulator sees the connection go', async () => {
    const { sim, driver } = await connect(STANDARD_TELEPHONY);
    await driver.stop();
    expect(driver.status().state).toBe('offline');
    await until(() => sim.connections === 0, 1000, 'the connection closed');
    sim.lift();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(driver.status().detail.hook).toBe('on');
  });
});

describe('HandsetDriver with the vendor pulse-hook profile', () => {
  it('when the hook pulses, then each pulse flips the hook the driver keeps', async () => {
    const { sim, driver, events } = await connect(VENDOR_PULSE_HOOK);
    sim.pulse();
    await waitForStatus(driver, (s) => s.detail.hook === 'off', 1000);
    sim.pulse();
    await waitForStatus(driver, (s) => s.detail.hook === 'on', 1000);
    sim.lift();
    sim.hangUp();
    await until(() => events.length === 4, 1000, 'four hook events');
    expect(events).toEqual(['hookOff', 'hookOn', 'hookOff', 'hookOn']);
    expect(driver.status().detail).toEqual({ hook: 'on', ringing: false, profile: 'vendor-pulse-hook' });
  });

  it('when two keys are held on the bitmask keypad, then both are emitted once', async () => {
    const { sim, events } = await connect(VENDOR_PULSE_HOOK);
    sim.hold(['1']);
    sim.hold(['1', '#']);
    sim.releaseKeys();
    sim.press('*');
    await until(() => events.length === 3, 1000, 'three keys');
    expect(events).toEqual(['key:1', 'key:#', 'key:*']);
  });

  it('when the kiosk rings, then the simulator receives report 0x06 with the ringer bit', async () => {
    const { sim, driver } = await connect(VENDOR_PULSE_HOOK);
    await driver.ring(true);
    await driver.setOffHookLed(true);
    await until(() => sim.state().lastOutput === '060110', 1000, 'ringer and off-hook LED');
    expect(sim.outputReports().map((r) => r.toString('hex'))).toEqual(['060000', '060100', '060110']);
  });

  it('when reserved bits are set, then the report is ignored and counted', async () => {
    const { sim, driver, events } = await connect(VENDOR_PULSE_HOOK);
    sim.injectGarbage(Buffer.of(0x05, 0x82, 0x00, 0x00)); // a pulse with reserved bit 1: not trusted
    sim.press('3');
    await until(() => events.length === 1, 1000, 'the key');
    expect(events).toEqual(['key:3']);
    expect(driver.counters.invalidByReason).toEqual({ 'reserved-bits': 1 });
  });

  it('when replugged while off hook, then the power-on pulse brings the driver back off hook', async () => {
    const { sim, driver, events } = await connect(VENDOR_PULSE_HOOK, 200);
    sim.lift();
    await waitForStatus(driver, (s) => s.detail.hook === 'off', 1000);
    await sim.unplug();
    await waitForStatus(driver, (s) => s.state === 'offline', 2000);
    await sim.replug();
    await waitForStatus(driver, (s) => s.state === 'online' && s.detail.hook === 'off', 2000);
    expect(events).toEqual(['hookOff', 'hookOn', 'hookOff']);
  });
});

describe('HandsetDriver when the device is not there', () => {
  it('when started with no socket, then start resolves offline and it connects once the simulator listens', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tingzi-handset-'));
    const path = join(dir, 'handset.sock');
    const driver = new HandsetDriver({
      transport: new SocketHidTransport({ address: { path }, logger }),
      profile: STANDARD_TELEPHONY,
      logger,
      reconnectIntervalMs: 100,
    });
    const sim = new HandsetSimulator({ address: { path }, profile: STANDARD_TELEPHONY, logger });
    try {
      await driver.start();
      expect(driver.status().state).toBe('offline');
      await sim.open();
      await waitForStatus(driver, (s) => s.state === 'online', 1000);
    } finally {
      await driver.stop();
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('when the simulator listens on 127.0.0.1 TCP, then the transport works there too', async () => {
    const sim = new HandsetSimulator({
      address: { host: '127.0.0.1', port: 0 },
      profile: STANDARD_TELEPHONY,
      logger,
    });
    await sim.open();
    const driver = new HandsetDriver({
      transport: new SocketHidTransport({ address: { host: '127.0.0.1', port: sim.port! }, logger }),
      profile: STANDARD_TELEPHONY,
      logger,
    });
    const lifted = new Promise<void>((resolve) => driver.once('hookOff', resolve));
    try {
      await driver.start();
      await waitForStatus(driver, (s) => s.state === 'online', 1000);
      await until(() => sim.connections === 1, 1000, 'connected');
      sim.lift();
      await lifted;
      expect(driver.status().detail.hook).toBe('off');
    } finally {
      await driver.stop();
      await sim.close();
    }
  });
});
