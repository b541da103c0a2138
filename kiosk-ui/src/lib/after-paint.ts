/**
 * Resolves once the browser has produced the next frame: the work that follows (a call to the
 * agent, say) no longer stands between a resident's tap and the screen that answers it. A fetch
 * costs the page a few milliseconds of its main thread before the request leaves; on a slow
 * kiosk PC that is a frame later for the new screen.
 *
 * A page that gets no frames (hidden, or a test without a display) resolves after `fallbackMs`,
 * and outside a browser at once.
 */
export function afterNextPaint(fallbackMs = 100): Promise<void> {
  if (typeof requestAnimationFrame !== 'function' || typeof MessageChannel !== 'function') {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, fallbackMs);
    requestAnimationFrame(() => {
      // A message posted from a frame's rAF callback is handled once that frame has been painted.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        clearTimeout(fallback);
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  });
}
