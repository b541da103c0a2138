import type { Database } from '../db/database.ts';
import { FleetStore } from '../modules/fleet/fleet.store.ts';
import { DEMO_FLEET } from './demo-fleet.ts';

/**
 * Seeds demo data once, on a hub's first run. A hub that already holds data
 * (or was seeded before) is left as it is.
 */
export async function seedDemoData(db: Database, now: () => Date = () => new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const seeded = await tx.get<{ value: string }>("SELECT value FROM meta WHERE key = 'demo-seeded-at'");
    if (seeded) return false;
    const fleet = new FleetStore(tx);
    const at = now().toISOString();
    if ((await fleet.count()) === 0) {
      for (const k of DEMO_FLEET) await fleet.insert({ ...k, createdAt: at });
    }
    await tx.run("INSERT INTO meta (key, value) VALUES ('demo-seeded-at', ?)", [at]);
    return true;
  });
}
