import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadAgentConfig, parseAgentConfig } from '../../kiosk-agent/config/agent-config.ts';
import { tempDir } from '../support/temp-dir.ts';

const valid = {
  kiosk: {
    id: 'gl-dongjie-01',
    name: '鼓楼区东街口社区服务亭',
    address: '福州市鼓楼区东街口',
    district: '鼓楼区',
    coordinates: { latitude: 26.08, longitude: 119.29 },
  },
  hub: { url: 'http://127.0.0.1:7400' },
  devices: { printer: { transport: 'serial', path: '/dev/ttyUSB0' } },
};

describe('agent config', () => {
  it('when the config is valid, then defaults are filled in', () => {
    const config = parseAgentConfig(valid);
    expect(config.devices.printer).toEqual({
      transport: 'serial',
      path: '/dev/ttyUSB0',
      baudRate: 9600,
      model: 'escpos',
    });
  });

  it('when a field is wrong, then the message names that field', () => {
    const bad = structuredClone(valid);
    bad.devices.printer.path = '';
    (bad.kiosk.coordinates as { latitude: unknown }).latitude = 'north';
    expect(() => parseAgentConfig(bad)).toThrow(ConfigError);
    try {
      parseAgentConfig(bad);
    } catch (err) {
      expect((err as Error).message).toContain('devices.printer.path');
      expect((err as Error).message).toContain('kiosk.coordinates.latitude');
    }
  });

  it('when no time zone is given, then the kiosk keeps Beijing time; a wrong one is named', () => {
    expect(parseAgentConfig(valid).kiosk.timeZone).toBe('Asia/Shanghai');
    const bad = { ...valid, kiosk: { ...valid.kiosk, timeZone: 'Mars/Olympus' } };
    expect(() => parseAgentConfig(bad)).toThrow(/kiosk\.timeZone: an IANA time zone/);
  });

  it('when every device is configured, then each gets its usual baud rate and the handset its transport', () => {
    const config = parseAgentConfig({
      ...valid,
      devices: {
        printer: { transport: 'serial', path: '/dev/ttyS0' },
        'card-reader': { transport: 'serial', path: '/dev/ttyS1' },
        'id-reader': { transport: 'serial', path: '/dev/ttyS2' },
        scanner: { transport: 'serial', path: '/dev/ttyS3' },
        handset: { transport: 'hid', vendorId: 0x0b0e, productId: 0x0348 },
      },
    });
    expect(config.devices['id-reader']?.baudRate).toBe(115200);
    expect(config.devices['card-reader']?.baudRate).toBe(9600);
    expect(config.devices.handset).toEqual({
      transport: 'hid',
      vendorId: 0x0b0e,
      productId: 0x0348,
      profile: 'hid-telephony',
    });
  });

  it('when the handset is half-described or names an unknown profile, then the field is named', () => {
    const noIds = { ...valid, devices: { handset: { transport: 'hid', vendorId: 1 } } };
    expect(() => parseAgentConfig(noIds)).toThrow(
      /devices\.handset: give either path or both vendorId and productId/,
    );
    const badProfile = {
      ...valid,
      devices: { handset: { transport: 'hid-socket', socket: '/run/h.sock', profile: 'nokia' } },
    };
    expect(() => parseAgentConfig(badProfile)).toThrow(/devices\.handset\.profile: one of hid-telephony/);
  });

  it('when a key is misspelt, then it is refused rather than ignored', () => {
    const bad = { ...valid, devices: { printr: valid.devices.printer } };
    expect(() => parseAgentConfig(bad)).toThrow(/devices/);
  });

  it('when the file is not JSON or is missing, then the message names the file', async () => {
    const t = tempDir();
    const file = path.join(t.dir, 'config.json');
    writeFileSync(file, '{ kiosk: ');
    await expect(loadAgentConfig(file)).rejects.toThrow(`${file} is not valid JSON`);
    await expect(loadAgentConfig(`${file}.missing`)).rejects.toThrow(/Cannot read the agent config/);
    t.remove();
  });
});
