import type { Database } from '../../db/database.ts';

export interface KioskRecord {
  id: string;
  name: string;
  address: string;
  district: string;
  latitude: number | null;
  longitude: number | null;
  createdAt: string;
}

/** All SQL for the fleet registry; plain objects out. */
export class FleetStore {
  constructor(private readonly db: Database) {}

  async count(): Promise<number> {
    const row = await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM kiosks');
    return row?.n ?? 0;
  }

  async insert(k: KioskRecord): Promise<void> {
    await this.db.run(
      'INSERT INTO kiosks (id, name, address, district, latitude, longitude, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [k.id, k.name, k.address, k.district, k.latitude, k.longitude, k.createdAt],
    );
  }

  async list(): Promise<KioskRecord[]> {
    const rows = await this.db.all<Record<string, unknown>>(
      'SELECT id, name, address, district, latitude, longitude, created_at FROM kiosks ORDER BY id',
    );
    return rows.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      address: String(r.address),
      district: String(r.district),
      latitude: r.latitude as number | null,
      longitude: r.longitude as number | null,
      createdAt: String(r.created_at),
    }));
  }
}
