/**
 * Issue 5: "Hub down for minutes, then back: the outbox drains and the hub holds no duplicates."
 * Wall-clock minutes on purpose, with the agent's production delivery settings (retries back off
 * from 1 s to 60 s): the hub is gone for two minutes while the kiosk keeps producing telemetry and
 * journal entries, then comes back on the same port and data.
 */
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../hub-server/main.ts';
import { DEMO_KIOSK } from '../../hub-server/seed/demo-fleet.ts';
import { type RunningAgent, startAgent } from '../../kiosk-agent/main.ts';
import { enrollmentCode, hubAt } from '../support/enrolled-hub.ts';
import { tempDir } from '../support/temp-dir.ts';
import { until } from '../support/until.ts';
import { testAgentConfig } from './test-config.ts';

const OUTAGE_MS = 120_000;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('a two-minute hub outage (wall clock, production backoff)', () => {
  it('when the hub is down for two minutes and comes back, then everything queued drains within a minute, each id held once', async () => {
    const data = tempDir();
    cleanups.push(() => data.remove());
    let hub: RunningHub = await hubAt(data.dir);
    const port = hub.port;
    const code = await enrollmentCode(hub);
    const state = tempDir();
    cleanups.push(() => state.remove());
    const agent: RunningAgent = await startAgent({
      config: testAgentConfig(DEMO_KIOSK.id, { hub: { url: hub.url, heartbeatSeconds: 5 } }),
      logger: pino({ level: 'silent' }),
      port: 0,
      stateDir: state.dir,
      enrollmentCode: code,
    });
    cleanups.push(() => agent.close());
    await until(async () => agent.status().link.enrollment === 'enrolled', 10_000, 'enrollment');

    await hub.close();
    const started = Date.now();
    let n = 0;
    while (Date.now() - started < OUTAGE_MS) {
      await agent.delivery.telemetry({ probe: 'outage', n });
      if (n % 20 === 0) {
        await agent.delivery.journal.intent('money', `outage-${n}`, {
          method: 'POST',
          path: '/p',
          body: { n },
        });
      }
      n++;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const journaled = Math.ceil(n / 20);
    expect(await agent.delivery.depth()).toMatchObject({ telemetry: n, journal: journaled });

    hub = await hubAt(data.dir, port);
    cleanups.push(() => hub.close());
    const back = Date.now();
    await until(
      async () => {
        const d = await agent.delivery.depth();
        return d.telemetry + d.journal === 0;
      },
      75_000,
      'the outbox to drain',
    );
    const drainedMs = Date.now() - back;
    const rows = await hub.db.all<{ id: string; kind: string }>(
      "SELECT id, kind FROM kiosk_outbox_items WHERE body LIKE '%outage%'",
    );
    expect(rows.filter((r) => r.kind === 'telemetry')).toHaveLength(n);
    // Each intent is there; the resolver may already have added their `not-sent` outcomes too.
    expect(rows.filter((r) => r.kind === 'journal').length).toBeGreaterThanOrEqual(journaled);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    // The longest pause between retries is 60 s, so the drain starts within a minute of the hub's return.
    expect(drainedMs).toBeLessThan(75_000);
    console.log(
      `outage ${OUTAGE_MS / 1000} s, ${n} telemetry + ${journaled} journal items drained in ${drainedMs} ms`,
    );
  }, 300_000);
});
