import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../kiosk-agent/api/contract.ts';
import { describeDevice, hubReasonKey } from '../../../kiosk-ui/src/lib/status-words.ts';

const since = '2026-01-01T00:00:00.000Z';
const printer = (state: DeviceStatus['state'], detail: Record<string, unknown>): DeviceStatus => ({
  device: 'printer',
  state,
  detail: { paper: 'ok', cover: 'closed', ...detail },
  since,
});

describe('describeDevice', () => {
  it.each([
    ['online with paper', printer('online', {}), 'printer.paperOk', 'ok', 'ok'],
    ['online with paper low', printer('online', { paper: 'low' }), 'printer.paperLow', 'warn', 'low'],
    ['in fault with paper out', printer('fault', { paper: 'out' }), 'printer.paperOut', 'bad', 'out'],
    [
      'in fault with the cover open',
      printer('fault', { cover: 'open', paper: 'out' }),
      'printer.coverOpen',
      'bad',
      'out',
    ],
    ['offline', printer('offline', { paper: 'low' }), 'deviceState.offline', 'bad', 'low'],
    [
      'in fault for another reason',
      printer('fault', { error: 'autocutter' }),
      'deviceState.fault',
      'bad',
      'ok',
    ],
    ['busy feeding paper', printer('busy', { reason: 'feeding' }), 'deviceState.busy', 'ok', 'ok'],
  ] as const)('when the printer is %s, then it reads %s', (_label, status, word, tone, paper) => {
    expect(describeDevice(status)).toEqual({ nameKey: 'device.printer', word, tone, paper });
  });

  it('when a device has no paper, then its words say only its state and it has no paper level', () => {
    const scanner: DeviceStatus = { device: 'scanner', state: 'online', detail: {}, since };
    expect(describeDevice(scanner)).toEqual({
      nameKey: 'device.scanner',
      word: 'deviceState.online',
      tone: 'ok',
      paper: null,
    });
  });

  it('when the agent reports a device this UI does not know, then it has no name key and still a state word', () => {
    const unknown = { device: 'camera', state: 'offline', detail: {}, since } as unknown as DeviceStatus;
    expect(describeDevice(unknown)).toMatchObject({
      nameKey: null,
      word: 'deviceState.offline',
      tone: 'bad',
    });
  });
});

describe('hubReasonKey', () => {
  it.each([
    ['cannot reach the hub (ECONNREFUSED)', 'hub.reason.unreachable'],
    ['cannot reach the hub (ENOTFOUND)', 'hub.reason.unreachable'],
    ['no answer within 1500 ms', 'hub.reason.timeout'],
    ['the hub answered HTTP 503', 'hub.reason.error'],
    ['not checked yet', 'hub.reason.unknown'],
    [undefined, 'hub.reason.unknown'],
  ])('when the agent says %s, then the resident reads %s', (reason, key) => {
    expect(hubReasonKey(reason)).toBe(key);
  });
});
