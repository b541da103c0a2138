import type { Router } from 'express';
import type { Logger } from 'pino';
import { forwardDeviceEvents } from '../api/device-events.ts';
import { type DeviceRoutesDeps, deviceRoutes } from '../api/device-routes.ts';
import type { LocalApi } from '../api/local-api.ts';
import type { KioskDevices } from '../devices/build-devices.ts';
import { ReceiptMemory } from './receipt-memory.ts';
import { ResidentSession } from './resident-session.ts';
import { type CardLeftPolicy, resetDevices } from './session-reset.ts';

export interface ResidentParts {
  session: ResidentSession;
  /** The last printed receipt, for the hub's reprint command. */
  receipts: ReceiptMemory;
  /** Session and device command routes, for the local API. */
  router: Router;
  /** Joins the parts to the local API once it exists: session and device events start flowing. */
  attach(api: LocalApi): void;
  /** Runs `fn` after every session end (the browser's wipe of the resident's data). */
  afterEnd(fn: (sessionId: string) => Promise<void> | void): void;
  /** Runs `fn` when a session starts. */
  onStart(fn: (sessionId: string) => void): void;
}

/**
 * Builds the resident session with its device commands and events. The
 * session's start binds the open screens to it (they get its personal data);
 * its end pushes `session.ended` to every screen and unbinds them.
 */
export function residentParts(
  devices: KioskDevices,
  logger: Logger,
  cardLeft: CardLeftPolicy = 'eject',
  onPrinted?: DeviceRoutesDeps['onPrinted'],
): ResidentParts {
  let api: LocalApi | undefined;
  const receipts = new ReceiptMemory();
  const afterEnd: ((sessionId: string) => Promise<void> | void)[] = [];
  const onStart: ((sessionId: string) => void)[] = [];
  const session = new ResidentSession({
    logger,
    resetDevices: () => resetDevices(devices, logger, cardLeft),
    onStarted(sessionId) {
      api?.bindSession(sessionId);
      api?.broadcast({ type: 'session.started', sessionId });
      for (const fn of onStart) fn(sessionId);
    },
    onEnded(sessionId, reason) {
      api?.broadcast({ type: 'session.ended', sessionId, reason });
      api?.bindSession(undefined);
      for (const fn of afterEnd) {
        Promise.resolve()
          .then(() => fn(sessionId))
          .catch((err) => logger.warn({ err: (err as Error).message }, 'after session end'));
      }
    },
  });
  return {
    session,
    receipts,
    router: deviceRoutes({ devices, session, receipts, logger, onPrinted }),
    attach(localApi) {
      api = localApi;
      forwardDeviceEvents(devices, session, localApi);
    },
    afterEnd(fn) {
      afterEnd.push(fn);
    },
    onStart(fn) {
      onStart.push(fn);
    },
  };
}
