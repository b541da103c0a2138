/**
 * Calls `first` at once, then folds the calls of the next `everyMs` into one call of `folded` at
 * the end of that time (which starts a new one). Nothing is lost: after the last call, `folded`
 * runs once if anything came after `first`, never more than `everyMs` later.
 *
 * The kiosk restarts its idle timer this way (a transition of the session for every touch would
 * take the slow kiosk PC's main thread just as the finger lifts), without the idle question coming
 * early: the timer restarts at or after the last touch, never before it.
 */
export function foldCalls(everyMs: number, first: () => void, folded: () => void) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let waiting = false;
  const windowEnds = () => {
    timer = null;
    if (!waiting) return;
    waiting = false;
    timer = setTimeout(windowEnds, everyMs);
    folded();
  };
  return {
    call(): void {
      if (timer !== null) {
        waiting = true;
        return;
      }
      timer = setTimeout(windowEnds, everyMs);
      first();
    },
    /** Drops a folded call still to come. */
    cancel(): void {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      waiting = false;
    },
  };
}
