import type { Database } from '../../db/database.ts';

/** All SQL for kiosk enrollment codes and credentials; only hashes are stored. */
export class KioskAuthStore {
  constructor(private readonly db: Database) {}

  async kioskExists(kioskId: string): Promise<boolean> {
    return (await this.db.get('SELECT 1 AS one FROM kiosks WHERE id = ?', [kioskId])) !== undefined;
  }

  async insertCode(c: {
    codeHash: string;
    kioskId: string;
    createdBy: string | null;
    createdAt: Date;
    expiresAt: Date;
  }) {
    await this.db.run(
      'INSERT INTO enrollment_codes (code_hash, kiosk_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      [c.codeHash, c.kioskId, c.createdBy, c.createdAt.toISOString(), c.expiresAt.toISOString()],
    );
  }

  async codeByHash(codeHash: string) {
    const r = await this.db.get<Record<string, unknown>>(
      'SELECT * FROM enrollment_codes WHERE code_hash = ?',
      [codeHash],
    );
    if (!r) return undefined;
    return {
      kioskId: String(r.kiosk_id),
      expiresAt: new Date(String(r.expires_at)),
      usedAt: r.used_at ? String(r.used_at) : null,
    };
  }

  /** Spends a code and stores the credential in one transaction; false when someone spent it first. */
  async redeem(codeHash: string, credentialHash: string, kioskId: string, at: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const spent = await tx.run(
        'UPDATE enrollment_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL',
        [at.toISOString(), codeHash],
      );
      if (spent.changes !== 1) return false;
      await tx.run('INSERT INTO kiosk_credentials (credential_hash, kiosk_id, created_at) VALUES (?, ?, ?)', [
        credentialHash,
        kioskId,
        at.toISOString(),
      ]);
      return true;
    });
  }

  async credential(credentialHash: string) {
    const r = await this.db.get<{ kiosk_id: string; revoked_at: string | null }>(
      'SELECT kiosk_id, revoked_at FROM kiosk_credentials WHERE credential_hash = ?',
      [credentialHash],
    );
    return r && { kioskId: r.kiosk_id, revoked: r.revoked_at !== null };
  }

  /** Revokes every live credential of a kiosk and every unused code for it; returns how many credentials. */
  async revokeAll(kioskId: string, at: Date): Promise<number> {
    return this.db.transaction(async (tx) => {
      const r = await tx.run(
        'UPDATE kiosk_credentials SET revoked_at = ? WHERE kiosk_id = ? AND revoked_at IS NULL',
        [at.toISOString(), kioskId],
      );
      await tx.run('UPDATE enrollment_codes SET used_at = ? WHERE kiosk_id = ? AND used_at IS NULL', [
        at.toISOString(),
        kioskId,
      ]);
      return r.changes;
    });
  }
}
