import type { HeartbeatPayload } from './fleet.schemas.ts';
import type { FleetService } from './fleet.service.ts';

/** A plausible heartbeat for a demo kiosk; `paper` sets the printer's paper level. */
export function demoHeartbeat(
  paper: 'ok' | 'low' | 'out',
  startedAt: Date,
  now: Date,
  agentVersion = '1.0.0',
): HeartbeatPayload {
  return {
    agentVersion,
    uptimeSec: Math.max(0, Math.floor((now.getTime() - startedAt.getTime()) / 1000)),
    screen: 'home',
    lastTransactionAt: null,
    freeDiskBytes: 24 * 1024 ** 3,
    devices: [
      { name: 'printer', kind: 'printer', state: paper === 'out' ? 'warning' : 'ok', detail: { paper } },
      { name: 'card-reader', kind: 'card-reader', state: 'ok' },
      { name: 'id-reader', kind: 'id-reader', state: 'ok' },
      { name: 'scanner', kind: 'scanner', state: 'ok' },
    ],
  };
}

/**
 * Demo mode only: heartbeats for the demo kiosks other than the real agent.
 * The first reports paper low; the last checks in once and then falls silent
 * (it goes offline after 3 intervals); the rest are healthy. They are marked
 * `demo` in the registry so the console can label them.
 */
export async function startDemoHeartbeats({
  service,
  kioskIds,
  intervalMs,
  now,
  agentVersion,
}: {
  service: FleetService;
  kioskIds: string[];
  intervalMs: number;
  now: () => Date;
  /** The demo kiosks claim the real agent's version, so the real one is not "behind" them. */
  agentVersion?: string;
}): Promise<{ stop(): void }> {
  await service.markDemo(kioskIds);
  const startedAt = now();
  const silent = kioskIds.length > 1 ? kioskIds.at(-1) : undefined;
  const beat = async (first: boolean) => {
    for (const [i, id] of kioskIds.entries()) {
      if (id === silent && !first) continue;
      await service
        .ingestHeartbeat(id, demoHeartbeat(i === 0 ? 'low' : 'ok', startedAt, now(), agentVersion))
        .catch(() => {});
    }
  };
  await beat(true);
  const timer = setInterval(() => void beat(false), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
