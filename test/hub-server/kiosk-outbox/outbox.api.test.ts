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
