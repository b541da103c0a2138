/*
 * Issue 6: touches restart the idle timer at most once a second, and the last touch is never lost
 * (kiosk-ui/src/lib/fold-calls.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { foldCalls } from '../../../kiosk-ui/src/lib/fold-calls.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function harness() {
  const calls: string[] = [];
  const folded = foldCalls(
    1_000,
    () => calls.push(`first@${Date.now() % 100_000}`),
    () => calls.push(`folded@${Date.now() % 100_000}`),
  );
  return { calls, folded };
}

describe('foldCalls', () => {
  it('when one call comes, then it runs at once and nothing follows', () => {
    vi.setSystemTime(0);
    const { calls, folded } = harness();
    folded.call();
    expect(calls).toEqual(['first@0']);
    vi.advanceTimersByTime(5_000);
    expect(calls).toEqual(['first@0']);
  });

  it('when calls keep coming within the second, then they become one call at its end, never before the last of them', () => {
    vi.setSystemTime(0);
    const { calls, folded } = harness();
    folded.call();
    vi.advanceTimersByTime(300);
    folded.call();
    vi.advanceTimersByTime(600);
    folded.call(); // at 900 ms: the last touch
    expect(calls).toEqual(['first@0']);
    vi.advanceTimersByTime(100);
    expect(calls).toEqual(['first@0', 'folded@1000']);
    // A call in the next second is folded again, at that second's end.
    vi.advanceTimersByTime(500);
    folded.call();
    vi.advanceTimersByTime(499);
    expect(calls).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['first@0', 'folded@1000', 'folded@2000']);
    // A quiet second closes the window: the next call runs at once.
    vi.advanceTimersByTime(1_000);
    folded.call();
    expect(calls.at(-1)).toBe('first@3000');
  });

  it('when cancelled with a folded call to come, then it never comes', () => {
    vi.setSystemTime(0);
    const { calls, folded } = harness();
    folded.call();
    folded.call();
    folded.cancel();
    vi.advanceTimersByTime(5_000);
    expect(calls).toEqual(['first@0']);
    folded.call();
    expect(calls).toEqual(['first@0', 'first@5000']);
  });
});
