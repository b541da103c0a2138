import { afterEach, describe, expect, it } from 'vitest';
import { enrolledKiosk, hubAt } from '../../support/enrolled-hub.ts';
import { tempDir } from '../../support/temp-dir.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('POST /api/v1/kiosk/outbox (issue 5)', () => {
  it('when a batch arrives twice, then each id is stored once and both answers acknowledge every id', async () => {
    const t = tempDir();
    const hub = await hubAt(t.dir);
    cleanups.push(t.remove, () => hub.close());
    const k = await enrolledKiosk(hub);
    const items = [
      { id: 'a1', kind: 'telemetry', at: '2026-03-01T08:00:00Z', body: { cpu: 1 } },
      { id: 'a2', kind: 'journal', at: '2026-03-01T08:00:01Z', body: { key: 'k', entry: 'intent' } },
    ];
    const first = await k.call('/outbox', json({ items }));
    const again = await k.call('/outbox', json({ items: [...items, { ...items[0], id: 'a3' }] }));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ stored: ['a1', 'a2'], duplicates: 0 });
    expect(await again.json()).toEqual({ stored: ['a1', 'a2', 'a3'], duplicates: 2 });
    const rows = await hub.db.all<{ id: string; kind: string; kiosk_id: string }>(
      'SELECT id, kind, kiosk_id FROM kiosk_outbox_items ORDER BY id',
    );
    expect(rows).toEqual([
      { id: 'a1', kind: 'telemetry', kiosk_id: k.kioskId },
      { id: 'a2', kind: 'journal', kiosk_id: k.kioskId },
      { id: 'a3', kind: 'telemetry', kiosk_id: k.kioskId },
    ]);
  });

  it('when an item has an unknown kind or no credential is given, then the batch is refused', async () => {
    const t = tempDir();
    const hub = await hubAt(t.dir);
    cleanups.push(t.remove, () => hub.close());
    const k = await enrolledKiosk(hub);
    const bad = await k.call('/outbox', json({ items: [{ id: 'x', kind: 'gossip', at: 'now', body: 1 }] }));
    expect(bad.status).toBe(400);
    const anon = await fetch(`${hub.url}/api/v1/kiosk/outbox`, json({ items: [] }));
    expect(anon.status).toBe(401);
  });
});

describe('a receipt a kiosk printed after a restart (issue 7)', () => {
  it('when the agent reports payment.receipt-recovered, then one receipt-recovered alert opens for that payment however often it is delivered, heartbeats leave it open and an acknowledgement closes it', async () => {
    const t = tempDir();
    const hub = await hubAt(t.dir);
    cleanups.push(t.remove, () => hub.close());
    const k = await enrolledKiosk(hub);
    const report = {
      id: 'r1',
      kind: 'telemetry',
      at: '2026-03-01T08:00:00Z',
      body: {
        type: 'payment.receipt-recovered',
        key: 'k-1',
        paymentId: 'pay-1',
        state: 'posted',
        printed: true,
      },
    };
    await k.call(
      '/outbox',
      json({ items: [report, { ...report, id: 'r0', body: { type: 'device.status' } }] }),
    );
    await k.call('/outbox', json({ items: [report] }));
    const open = await hub.fleet.listAlerts({ kind: 'receipt-recovered' });
    expect(open.map((a) => ({ kioskId: a.kioskId, device: a.device }))).toEqual([
      { kioskId: k.kioskId, device: 'pay-1' },
    ]);
    expect(await hub.fleet.listAlerts()).toHaveLength(1);

    const beat = {
      agentVersion: '0.1.0',
      uptimeSec: 100,
      screen: 'home',
      lastTransactionAt: null,
      freeDiskBytes: 10 * 1024 ** 3,
      devices: [{ name: 'printer', kind: 'printer', state: 'ok', detail: { paper: 'ok' } }],
    };
    expect((await k.call('/heartbeat', json(beat))).status).toBe(200);
    expect(await hub.fleet.listAlerts({ kind: 'receipt-recovered' })).toHaveLength(1);

    await hub.fleet.acknowledge(open[0]!.id, 'p-admin', '小票已交还居民');
    expect(await hub.fleet.listAlerts({ kind: 'receipt-recovered' })).toEqual([]);
    const [closed] = await hub.fleet.listAlerts({ kind: 'receipt-recovered', includeClosed: true });
    expect(closed).toMatchObject({ device: 'pay-1', note: '小票已交还居民' });
    expect(closed?.closedAt).not.toBeNull();
  });
});
