/*
 * Issue 6: calls to the agent wait for the frame that answers the tap (kiosk-ui/src/lib/after-paint.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterNextPaint } from '../../../kiosk-ui/src/lib/after-paint.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** A page's frame loop under the test's control: `frame()` runs the pending rAF callbacks. */
function stubFrames() {
  const callbacks: FrameRequestCallback[] = [];
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => callbacks.push(cb));
  return {
    frame() {
      for (const cb of callbacks.splice(0)) cb(0);
    },
  };
}

const settled = async (p: Promise<void>) => {
  let done = false;
  void p.then(() => {
    done = true;
  });
  // Let the message channel and promise jobs run.
  await new Promise((r) => setTimeout(r, 20));
  return done;
};

describe('afterNextPaint', () => {
  it('when no frame has come yet, then it waits; once a frame is produced, then it resolves', async () => {
    const frames = stubFrames();
    const wait = afterNextPaint(10_000);
    expect(await settled(wait)).toBe(false);
    frames.frame();
    expect(await settled(wait)).toBe(true);
  });

  it('when the page gets no frames (hidden), then it resolves after the fallback time', async () => {
    stubFrames();
    vi.useFakeTimers();
    const wait = afterNextPaint(100);
    let done = false;
    void wait.then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(99);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it('when there is no browser (no requestAnimationFrame), then it resolves at once', async () => {
    vi.stubGlobal('requestAnimationFrame', undefined);
    expect(await settled(afterNextPaint())).toBe(true);
  });
});
