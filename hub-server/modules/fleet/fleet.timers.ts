import type { FleetService } from './fleet.service.ts';

/** Runs sweepOffline every `intervalMs` (never two at once); returns stop(). */
export function startFleetTimers({
  service,
  intervalMs,
  onError = () => {},
}: {
  service: FleetService;
  intervalMs: number;
  onError?: (err: unknown) => void;
}) {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    service
      .sweepOffline()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
