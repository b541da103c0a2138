import { useEffect, useLayoutEffect } from 'preact/hooks';
import { setDocumentLang, t } from '../i18n/index.ts';
import { foldCalls } from '../lib/fold-calls.ts';
import type { Preferences, SessionActor } from '../machines/session.machine.ts';

/**
 * Puts the session's text size and contrast on <html> (global.css reads
 * `data-text` and `data-contrast`), and the session's language and title.
 * A layout effect, so the new size shows in the same frame as the pressed
 * button: an effect would run only after that frame, and the resident would
 * wait a frame more for the text to grow (issue 6's tap bench).
 */
export function usePresentation({ locale, largeText, highContrast }: Preferences): void {
  useLayoutEffect(() => {
    // Each written only when it changes: rewriting an attribute of <html> (or the title) costs a
    // pass over the whole page's style even when its value stays the same.
    const root = document.documentElement;
    const text = largeText ? 'large' : 'normal';
    const contrast = highContrast ? 'high' : 'normal';
    if (root.dataset.text !== text) root.dataset.text = text;
    if (root.dataset.contrast !== contrast) root.dataset.contrast = contrast;
  }, [largeText, highContrast]);
  // The page's language and title are for assistive technology, which speaks after the screen
  // changes anyway: after the frame is enough, and the new words are not held up by the browser
  // going over every element's style and text again for the new `lang`.
  useEffect(() => {
    setDocumentLang(locale);
    const title = t('app.title');
    if (document.title !== title) document.title = title;
  }, [locale]);
}

/**
 * A touch or key press tells the session the resident is still here (it restarts the idle timer):
 * the first at once, then those of the next second folded into one at its end. The idle time is a
 * minute, and a transition on every touch would take the slow kiosk PC's main thread just as the
 * finger lifts. The folded one restarts the timer only (`user.stillActive`): on the attract loop a
 * touch starts a visit, and a second-old touch must not.
 */
const ACTIVITY_EVERY_MS = 1_000;

export function useResidentActivity(session: SessionActor): void {
  useEffect(() => {
    const activity = foldCalls(
      ACTIVITY_EVERY_MS,
      () => session.send({ type: 'user.activity' }),
      () => session.send({ type: 'user.stillActive' }),
    );
    const onActivity = () => activity.call();
    document.addEventListener('pointerdown', onActivity, { capture: true, passive: true });
    document.addEventListener('keydown', onActivity, { capture: true, passive: true });
    return () => {
      activity.cancel();
      document.removeEventListener('pointerdown', onActivity, { capture: true });
      document.removeEventListener('keydown', onActivity, { capture: true });
    };
  }, [session]);
}
