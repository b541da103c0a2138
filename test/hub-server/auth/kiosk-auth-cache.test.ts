import { describe, expect, it } from 'vitest';
import { KioskCredentialCache } from '../../../hub-server/modules/auth/kiosk-auth.cache.ts';

function cache(opts: { ttlMs?: number; maxEntries?: number } = {}) {
  let t = 0;
  const c = new KioskCredentialCache({ ...opts, clock: () => t });
  return { c, advance: (ms: number) => (t += ms) };
}

describe('kiosk credential cache', () => {
  it('when a verified credential is looked up again, then its kiosk comes from the cache', () => {
    const { c } = cache();
    c.set('hash-1', 'k1', c.stamp());
    expect(c.get('hash-1')).toBe('k1');
    expect(c.get('hash-2')).toBeUndefined();
  });

  it('when a kiosk is forgotten (revoked), then none of its credentials answer and others stay', () => {
    const { c } = cache();
    c.set('a', 'k1', c.stamp());
    c.set('b', 'k1', c.stamp());
    c.set('c', 'k2', c.stamp());
    c.forgetKiosk('k1');
    expect([c.get('a'), c.get('b'), c.get('c')]).toEqual([undefined, undefined, 'k2']);
  });

  it('when a lookup began before a revocation, then its result is not cached', () => {
    const { c } = cache();
    const stamp = c.stamp();
    c.forgetKiosk('k1'); // the revocation lands while the database lookup is in flight
    c.set('a', 'k1', stamp);
    expect(c.get('a')).toBeUndefined();
  });

  it('when the TTL has passed, then the credential is asked of the database again', () => {
    const { c, advance } = cache({ ttlMs: 1000 });
    c.set('a', 'k1', c.stamp());
    advance(999);
    expect(c.get('a')).toBe('k1');
    advance(1);
    expect(c.get('a')).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('when the cache is full, then the oldest credential is dropped', () => {
    const { c } = cache({ maxEntries: 2 });
    c.set('a', 'k1', c.stamp());
    c.set('b', 'k2', c.stamp());
    c.set('c', 'k3', c.stamp());
    expect([c.get('a'), c.get('b'), c.get('c')]).toEqual([undefined, 'k2', 'k3']);
  });
});
