import type { DeviceStatus } from '../../hardware/common/device-status.ts';

/** Anything that reports a `DeviceStatus`: every driver in `hardware/`. */
export interface StatusSource {
  status(): DeviceStatus;
  on(event: 'status', listener: (status: DeviceStatus) => void): unknown;
  off(event: 'status', listener: (status: DeviceStatus) => void): unknown;
}

/**
 * Resolves with the first status (the current one included) the predicate
 * accepts; rejects after `timeoutMs` naming what it saw last.
 */
export function waitForStatus(
  source: StatusSource,
  predicate: (status: DeviceStatus) => boolean,
  timeoutMs: number,
): Promise<DeviceStatus> {
  const now = source.status();
  if (predicate(now)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const listener = (status: DeviceStatus): void => {
      if (!predicate(status)) return;
      clearTimeout(timer);
      source.off('status', listener);
      resolve(status);
    };
    const timer = setTimeout(() => {
      source.off('status', listener);
      const last = source.status();
      reject(
        new Error(
          `no matching status within ${timeoutMs} ms; last: ${last.state} ${JSON.stringify(last.detail)}`,
        ),
      );
    }, timeoutMs);
    source.on('status', listener);
  });
}
