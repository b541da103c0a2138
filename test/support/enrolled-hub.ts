import pino from 'pino';
import { type RunningHub, startHub } from '../../hub-server/main.ts';
import { mintEnrollmentCode } from '../../hub-server/modules/auth/kiosk-auth.ts';
import { DEMO_KIOSK } from '../../hub-server/seed/demo-fleet.ts';

/** A real hub in-process on a real data dir (port 0 unless given, e.g. to restart on the same one). */
export function hubAt(dataDir: string, port = 0): Promise<RunningHub> {
  return startHub({ port, dataDir, logger: pino({ level: 'silent' }) });
}

/** A fresh one-time enrollment code for the seeded demo kiosk. */
export async function enrollmentCode(hub: RunningHub, kioskId: string = DEMO_KIOSK.id): Promise<string> {
  const { code } = await mintEnrollmentCode({ db: hub.db, now: () => new Date() }, kioskId, null, 3_600_000);
  return code;
}

/** Enrolls the demo kiosk over HTTP and returns a fetch bound to `/api/v1/kiosk` with its credential. */
export async function enrolledKiosk(hub: RunningHub, kioskId: string = DEMO_KIOSK.id) {
  const res = await fetch(`${hub.url}/api/v1/kiosk/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: await enrollmentCode(hub, kioskId) }),
  });
  if (!res.ok) throw new Error(`enroll: HTTP ${res.status} ${await res.text()}`);
  const { credential } = (await res.json()) as { credential: string };
  const call = (path: string, init: RequestInit & { key?: string } = {}) =>
    fetch(`${hub.url}/api/v1/kiosk${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${credential}`,
        ...(init.key ? { 'idempotency-key': init.key } : {}),
        ...(init.headers as Record<string, string>),
      },
    });
  return { credential, kioskId, call };
}
