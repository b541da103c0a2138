import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeviceDisconnectedError, DeviceError, DeviceTimeoutError } from '../../../hardware/common/errors.ts';
import { Waitress } from '../../../hardware/common/waitress.ts';

describe('Waitress', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('when a matching message arrives, then the wait resolves with it and the timer is gone', async () => {
    const waitress = new Waitress<number>();
    const wait = waitress.waitFor((m) => m === 7, 100, 'PING');
    expect(waitress.resolve(3)).toBe(false);
    expect(waitress.resolve(7)).toBe(true);
    await expect(wait.promise).resolves.toBe(7);
    expect(waitress.pending).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('when two waits match the same kind of message, then the oldest gets the first one', async () => {
    const waitress = new Waitress<number>();
    const first = waitress.waitFor(() => true, 100, 'A');
    const second = waitress.waitFor(() => true, 100, 'B');
    waitress.resolve(1);
    waitress.resolve(2);
    await expect(first.promise).resolves.toBe(1);
    await expect(second.promise).resolves.toBe(2);
  });

  it('when nothing matches in time, then it rejects with a DeviceTimeoutError naming the command', async () => {
    const waitress = new Waitress<number>();
    const wait = waitress.waitFor(() => true, 500, 'DLE EOT 4');
    const settled = expect(wait.promise).rejects.toSatisfy(
      (err: unknown) =>
        err instanceof DeviceTimeoutError && err.code === 'timeOut' && err.message.includes('DLE EOT 4'),
    );
    vi.advanceTimersByTime(499);
    expect(waitress.pending).toBe(1);
    vi.advanceTimersByTime(1);
    await settled;
    expect(waitress.pending).toBe(0);
    expect(waitress.resolve(1)).toBe(false);
  });

  it('when cancelled, then it rejects as canceled, stops matching and leaves no timer', async () => {
    const waitress = new Waitress<number>();
    const wait = waitress.waitFor(() => true, 100, 'X');
    wait.cancel();
    await expect(wait.promise).rejects.toSatisfy(
      (err: unknown) => err instanceof DeviceError && err.code === 'canceled',
    );
    expect(waitress.resolve(1)).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
    wait.cancel(); // a second cancel is harmless
  });

  it('when the port goes away, then rejectAll rejects every pending wait with that error', async () => {
    const waitress = new Waitress<number>();
    const a = waitress.waitFor(() => true, 100, 'A');
    const b = waitress.waitFor(() => true, 100, 'B');
    waitress.rejectAll(new DeviceDisconnectedError('gone'));
    await expect(a.promise).rejects.toBeInstanceOf(DeviceDisconnectedError);
    await expect(b.promise).rejects.toMatchObject({ disconnected: true });
    expect(waitress.pending).toBe(0);
  });
});
