import type { Database } from '../../db/database.ts';

interface Entry {
  kioskId: string;
  expiresAt: number;
}

export interface CredentialCacheOptions {
  /** How long a verified credential is trusted without asking the database again. */
  ttlMs?: number;
  /** The most credentials kept; the oldest is dropped past it. */
  maxEntries?: number;
  /** Monotonic milliseconds; injectable for tests. */
  clock?: () => number;
}

/**
 * Live (not revoked) kiosk credentials already checked against the database,
 * keyed by the credential's sha256 (the credential itself is never kept).
 * Revocation in this process calls `forgetKiosk` before and after the
 * database update, so the kiosk's very next request goes to the database;
 * a lookup that was in flight across a revocation is not cached (the
 * generation moved). The TTL bounds how long a revocation made by another
 * hub process on the same database can go unseen here.
 */
export class KioskCredentialCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly clock: () => number;

  constructor(opts: CredentialCacheOptions = {}) {
    this.ttlMs = opts.ttlMs ?? 30_000;
    this.maxEntries = opts.maxEntries ?? 100_000;
    this.clock = opts.clock ?? (() => performance.now());
  }

  /** The kiosk of a cached live credential, or undefined (unknown, expired or forgotten). */
  get(credentialHash: string): string | undefined {
    const e = this.entries.get(credentialHash);
    if (!e) return undefined;
    if (e.expiresAt <= this.clock()) {
      this.entries.delete(credentialHash);
      return undefined;
    }
    return e.kioskId;
  }

  /** Taken before a database lookup; `set` ignores the result if a revocation happened since. */
  stamp(): number {
    return this.generation;
  }

  set(credentialHash: string, kioskId: string, stamp: number): void {
    if (stamp !== this.generation) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(credentialHash, { kioskId, expiresAt: this.clock() + this.ttlMs });
  }

  /** Drops every cached credential of a kiosk (its revocation). */
  forgetKiosk(kioskId: string): void {
    this.generation++;
    for (const [hash, e] of this.entries) if (e.kioskId === kioskId) this.entries.delete(hash);
  }

  get size(): number {
    return this.entries.size;
  }
}

const caches = new WeakMap<Database, KioskCredentialCache>();

/** The one cache for a database in this process, shared by `requireKiosk` and the revoke route. */
export function credentialCacheFor(db: Database): KioskCredentialCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new KioskCredentialCache();
    caches.set(db, cache);
  }
  return cache;
}
