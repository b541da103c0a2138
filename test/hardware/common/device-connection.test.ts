import { EventEmitter } from 'node:events';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeviceConnection, type DeviceConnectionHooks } from '../../../hardware/common/device-connection.ts';
import type { DeviceStatus } from '../../../hardware/common/device-status.ts';
import { DeviceDisconnectedError } from '../../../hardware/common/errors.ts';

const logger = pino({ level: 'silent' });

/** A scripted port: `present` says whether `open()` succeeds; `unplug()` closes it behind the driver's back. */
class FakePort extends EventEmitter<{ data: [Buffer]; close: [boolean] }> {
  readonly path = '/dev/fake';
  present = true;
  isOpen = false;
  opens = 0;
  async open(): Promise<void> {
    if (!this.present) throw new DeviceDisconnectedError(`${this.path}: not there`);
    this.opens += 1;
    this.isOpen = true;
  }
  async close(): Promise<void> {
    const was = this.isOpen;
    this.isOpen = false;
    if (was) this.emit('close', false);
  }
  unplug(): void {
    this.present = false;
    this.isOpen = false;
    this.emit('close', true);
  }
}

type Detail = { reason?: string };

function setup() {
  const port = new FakePort();
  const statuses: DeviceStatus[] = [];
  const calls: string[] = [];
  const hooks: DeviceConnectionHooks = {
    onData: () => {},
    onOpen: async (session) => {
      calls.push(`open ${session}`);
      connection.update('online', {});
    },
    onOpenFailed: () => {
      calls.push('openFailed');
      connection.update('offline', { reason: 'port-unavailable' });
    },
    onSessionEnd: () => calls.push('end'),
    onLost: () => {
      calls.push('lost');
      connection.update('offline', { reason: 'port-unavailable' });
    },
    onStatus: (status) => statuses.push(status),
  };
  const connection: DeviceConnection<Detail> = new DeviceConnection<Detail>({
    device: 'scanner',
    name: 'scanner',
    transport: port,
    logger,
    reconnectIntervalMs: 1000,
    detail: { reason: 'not-started' },
    hooks,
  });
  return { port, connection, statuses, calls };
}

describe('DeviceConnection', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('when the port is missing at start, then it goes offline and retries every reconnectIntervalMs', async () => {
    const { port, connection, calls } = setup();
    port.present = false;
    await connection.start();
    expect(connection.status.detail).toEqual({ reason: 'port-unavailable' });
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toEqual(['openFailed']);
    port.present = true;
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual(['openFailed', 'open 0']);
    expect(connection.status.state).toBe('online');
    expect(connection.reconnects).toBe(0);
  });

  it('when the port goes away, then the session ends, the driver hears of it, and a reopen counts as a reconnect', async () => {
    const { port, connection, calls } = setup();
    await connection.start();
    const session = connection.session;
    port.unplug();
    expect(calls).toEqual(['open 0', 'end', 'lost']);
    expect(connection.isCurrent(session)).toBe(false);
    port.present = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.at(-1)).toBe(`open ${session + 1}`);
    expect(connection.reconnects).toBe(1);
  });

  it('when the status says the same thing again, then no second status is reported', async () => {
    const { connection, statuses } = setup();
    await connection.start();
    connection.update('online', {});
    connection.update('online', {});
    expect(statuses.map((s) => s.state)).toEqual(['online']);
  });

  it('when stopped, then scheduled tasks of the old session never run and the port is closed', async () => {
    const { port, connection, calls } = setup();
    await connection.start();
    const task = vi.fn(async () => {});
    connection.schedule(connection.session, 100, task);
    await connection.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(task).not.toHaveBeenCalled();
    expect(port.isOpen).toBe(false);
    expect(calls).toEqual(['open 0', 'end']);
    expect(connection.running).toBe(false);
  });

  it('when requests go unanswered twice in a row, then the device counts as gone; an answer resets the run', () => {
    const { connection } = setup();
    expect(connection.timedOut()).toBe(false);
    connection.answered();
    expect(connection.timedOut()).toBe(false);
    expect(connection.timedOut()).toBe(true);
    expect(connection.timeoutsSoFar).toBe(2);
  });
});
