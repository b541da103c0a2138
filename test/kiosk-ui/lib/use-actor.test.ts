/*
 * Issue 6: the shell re-renders only when what it shows changes (kiosk-ui/src/lib/use-actor.ts).
 */
import { describe, expect, it } from 'vitest';
import { shallowEqual } from '../../../kiosk-ui/src/lib/use-actor.ts';

describe('shallowEqual', () => {
  it('when two picks hold the same values, then they are equal though they are two objects', () => {
    const devices: string[] = [];
    expect(shallowEqual({ locale: 'en', devices }, { locale: 'en', devices })).toBe(true);
  });

  it('when a value differs, a key is missing or extra, or a nested object is another one, then they differ', () => {
    expect(shallowEqual({ locale: 'en' }, { locale: 'zh-CN' })).toBe(false);
    expect(shallowEqual<object>({ locale: 'en' }, { locale: 'en', largeText: false })).toBe(false);
    expect(shallowEqual<object>({ a: 1, b: undefined }, { a: 1, c: undefined })).toBe(false);
    expect(shallowEqual({ devices: [] as string[] }, { devices: [] as string[] })).toBe(false);
  });

  it('when either side is not an object, then only the same value is equal', () => {
    expect(shallowEqual<unknown>(null, null)).toBe(true);
    expect(shallowEqual<unknown>(null, {})).toBe(false);
    expect(shallowEqual<unknown>(1, 1)).toBe(true);
    expect(shallowEqual<unknown>(Number.NaN, Number.NaN)).toBe(true);
  });
});
