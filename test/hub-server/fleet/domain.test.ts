import { describe, expect, it } from 'vitest';
import {
  alertsCalledFor,
  commandStateAt,
  compareVersions,
  connectivity,
  pngSize,
  sparkline,
} from '../../../hub-server/modules/fleet/domain.ts';

const t0 = new Date('2026-03-01T08:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const ok = { agentVersion: '1.2.0', freeDiskBytes: 5 * 1024 ** 3, devices: [] };

describe('fleet domain', () => {
  it('when the last heartbeat is within 3 intervals, then online; past that offline; none at all never', () => {
    expect(connectivity(t0, 60_000, at(180_000))).toBe('online');
    expect(connectivity(t0, 60_000, at(180_001))).toBe('offline');
    expect(connectivity(null, 60_000, at(10 ** 9))).toBe('never');
  });

  it('when versions are compared, then numerically and a pre-release sorts before its release', () => {
    expect(compareVersions('1.10.0', '1.9.3')).toBe(1);
    expect(compareVersions('1.2', '1.2.0')).toBe(0);
    expect(compareVersions('2.0.0-rc.1', '2.0.0')).toBe(-1);
    expect(compareVersions('v0.9.0', '1.0.0')).toBe(-1);
  });

  it('when a heartbeat reports paper, faults, low disk or an old agent, then the matching alerts are called for', () => {
    const hb = {
      agentVersion: '1.1.0',
      freeDiskBytes: 512 * 1024 ** 2,
      devices: [
        { name: 'printer', kind: 'printer', state: 'fault', detail: { paper: 'out' } },
        { name: 'rear-printer', kind: 'printer', state: 'ok', detail: { paper: 'low' } },
      ],
    };
    expect(alertsCalledFor(hb, '1.2.0')).toEqual([
      { kind: 'paper-out', device: 'printer' },
      { kind: 'device-fault', device: 'printer' },
      { kind: 'paper-low', device: 'rear-printer' },
      { kind: 'disk-low', device: '' },
      { kind: 'version-behind', device: '' },
    ]);
    expect(alertsCalledFor(ok, '1.2.0')).toEqual([]);
    expect(alertsCalledFor(ok, null)).toEqual([]);
  });

  it('when a queued command passes its deadline, then it is expired, but a picked one is not', () => {
    expect(commandStateAt('queued', t0, at(0))).toBe('expired');
    expect(commandStateAt('queued', t0, at(-1))).toBe('queued');
    expect(commandStateAt('picked', t0, at(1000))).toBe('picked');
  });

  it('when heartbeats fall in the last 24 h, then they are counted per 15-minute bucket', () => {
    const now = at(24 * 3_600_000);
    const counts = sparkline([at(1), at(2), at(15 * 60_000), at(-5), now], now);
    expect(counts).toHaveLength(96);
    expect(counts[0]).toBe(3);
    expect(counts[95]).toBe(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('when bytes are not a PNG, then no size; a PNG header gives width and height', () => {
    const png = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
    png.writeUInt32BE(13, 8);
    png.write('IHDR', 12, 'ascii');
    png.writeUInt32BE(640, 16);
    png.writeUInt32BE(480, 20);
    expect(pngSize(png)).toEqual({ width: 640, height: 480 });
    expect(pngSize(Buffer.from('GIF89a not a png at all, really'))).toBeNull();
  });
});
