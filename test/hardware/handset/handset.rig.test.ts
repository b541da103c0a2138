import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandsetDriver } from '../../../hardware/handset/handset.driver.ts';
import { handsetRig } from '../../../hardware/handset/handset.rig.ts';
import { STANDARD_TELEPHONY } from '../../../hardware/handset/handset-profiles.ts';
import { SocketHidTransport } from '../../../hardware/handset/hid-socket.transport.ts';
import type { Rig } from '../../../hardware/rig/rig.ts';
import { getJson, post, startTestRig, type TestRig } from '../../support/rig-client.ts';
import { until } from '../../support/until.ts';
import { waitForStatus } from '../../support/wait-for-status.ts';

const logger = pino({ level: 'silent' });

describe('the handset in the rig', () => {
  let testRig: TestRig;
  let rig: Rig;
  let runDir: string;
  let driver: HandsetDriver;
  const events: string[] = [];

  beforeAll(async () => {
    testRig = await startTestRig([handsetRig]);
    ({ rig, runDir } = testRig);
    driver = new HandsetDriver({
      transport: new SocketHidTransport({ address: { path: join(runDir, 'handset.sock') }, logger }),
      profile: STANDARD_TELEPHONY,
      logger,
    });
    driver.on('hookOff', () => events.push('hookOff'));
    driver.on('hookOn', () => events.push('hookOn'));
    driver.on('key', ({ key }) => events.push(`key:${key}`));
    await driver.start();
    await waitForStatus(driver, (s) => s.state === 'online', 1500);
  });
  afterAll(async () => {
    await driver.stop();
    await testRig.close();
  });

  it('when asked for its devices, then the handset is listed with its socket (no tty, no socat) and sim state', async () => {
    expect((await getJson(rig, 'devices')).json).toEqual({
      devices: [
        {
          device: 'handset',
          kind: 'usb-handset',
          transport: 'hid-socket',
          socket: join(runDir, 'handset.sock'),
          sim: {
            profile: 'hid-telephony',
            hook: 'on',
            muted: false,
            ringing: false,
            offHookLed: false,
            muteLed: false,
            plugged: true,
            lastOutput: '020000',
          },
        },
      ],
    });
    expect(existsSync(join(runDir, 'handset.sock'))).toBe(true);
  });

  it('when lift, keys and hang-up are posted, then the driver sees hookOff, the keys and hookOn', async () => {
    events.length = 0;
    expect((await post(rig, 'handset/lift')).json).toMatchObject({ device: { sim: { hook: 'off' } } });
    for (const key of ['1', '2', '3', '4', '5'])
      expect((await post(rig, 'handset/press', { key })).status).toBe(200);
    expect((await post(rig, 'handset/hang-up')).json).toMatchObject({ device: { sim: { hook: 'on' } } });
    await until(() => events.length === 7, 1000, 'seven events');
    expect(events).toEqual(['hookOff', 'key:1', 'key:2', 'key:3', 'key:4', 'key:5', 'hookOn']);
  });

  it('when the kiosk rings, then the rig lists the handset as ringing with the output report', async () => {
    await driver.ring(true);
    await until(() => rig.devices()[0]!.sim.ringing === true, 1000, 'ringing in the rig');
    expect(rig.devices()[0]!.sim.lastOutput).toBe('022400');
    await driver.ring(false);
    await until(() => rig.devices()[0]!.sim.ringing === false, 1000, 'silent again');
  });

  it('when garbage is posted, then the driver counts an invalid report', async () => {
    const before = driver.counters.invalidReports;
    expect((await post(rig, 'handset/garbage', { hex: '02ff' })).status).toBe(200);
    await until(() => driver.counters.invalidReports === before + 1, 1000, 'the invalid report counted');
  });

  it.each([
    ['a key that is not on the keypad', 'handset/press', { key: 'A' }],
    ['a key missing', 'handset/press', {}],
    ['odd hex', 'handset/garbage', { hex: '0' }],
  ])('when the body has %s, then it answers 400 invalid-body', async (_name, path, body) => {
    const res = await post(rig, path, body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: { code: 'invalid-body', message: expect.any(String) } });
  });

  it('when unplugged over HTTP, then the socket is gone and the driver offline; replugged, online', async () => {
    const unplugged = await post(rig, 'handset/unplug');
    expect(unplugged.json).toMatchObject({ device: { sim: { plugged: false } } });
    expect(existsSync(join(runDir, 'handset.sock'))).toBe(false);
    await waitForStatus(driver, (s) => s.state === 'offline', 2000);
    const replugged = await post(rig, 'handset/replug');
    expect(replugged.json).toMatchObject({ device: { sim: { plugged: true } } });
    await waitForStatus(driver, (s) => s.state === 'online', 2500);
  });

  it('when the rig page is fetched, then it has the usb-handset controls', async () => {
    const html = await (await fetch(rig.url)).text();
    expect(html).toContain("'usb-handset'");
    expect(html).toContain("action: 'lift'");
    expect(html).toContain("action: 'hang-up'");
    expect(html).toContain("'ringing'");
  });
});
