import { DeviceError, DeviceTimeoutError } from './errors.ts';

/** A pending wait: the promise settles with the first matching message, a timeout or a cancel. */
export interface Wait<T> {
  promise: Promise<T>;
  /** Stops waiting; the promise rejects with a `canceled` DeviceError that nobody has to handle. */
  cancel(): void;
}

interface Waiter<T> {
  matcher: (message: T) => boolean;
  resolve: (message: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Matches replies to requests, after zigbee-herdsman's `Waitress`
 * (`src/utils/waitress.ts`): a driver registers what it waits for before it
 * writes the request, then feeds every decoded message to `resolve`. The
 * oldest matching waiter wins, so sequential requests get their replies in order.
 */
export class Waitress<T> {
  private readonly waiters = new Set<Waiter<T>>();

  /** Waits for a message the matcher accepts; after `timeoutMs` rejects with a `DeviceTimeoutError` naming `commandName`. */
  waitFor(matcher: (message: T) => boolean, timeoutMs: number, commandName: string): Wait<T> {
    let waiter!: Waiter<T>;
    const promise = new Promise<T>((resolve, reject) => {
      waiter = {
        matcher,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new DeviceTimeoutError(commandName, timeoutMs));
        }, timeoutMs),
      };
    });
    this.waiters.add(waiter);
    return {
      promise,
      cancel: () => {
        if (!this.settle(waiter)) return;
        promise.catch(() => {});
        waiter.reject(new DeviceError('canceled', `${commandName}: canceled`));
      },
    };
  }

  /** Feeds one incoming message; returns true when a waiter took it. */
  resolve(message: T): boolean {
    for (const waiter of this.waiters) {
      if (!waiter.matcher(message)) continue;
      this.settle(waiter);
      waiter.resolve(message);
      return true;
    }
    return false;
  }

  /** Rejects every pending wait, e.g. with a `DeviceDisconnectedError` when the port went away. */
  rejectAll(error: Error): void {
    for (const waiter of [...this.waiters]) {
      this.settle(waiter);
      waiter.reject(error);
    }
  }

  /** How many waits are pending. */
  get pending(): number {
    return this.waiters.size;
  }

  private settle(waiter: Waiter<T>): boolean {
    if (!this.waiters.delete(waiter)) return false;
    clearTimeout(waiter.timer);
    return true;
  }
}
