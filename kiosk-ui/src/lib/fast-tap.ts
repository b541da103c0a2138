/**
 * A finger's tap acts when the finger lifts, not when the browser gets round to its click.
 *
 * Chromium turns a touch into a click only after the page has answered the touchend and the
 * browser's gesture detector has seen a tap: a round trip that costs about 20 ms on this kiosk's
 * PC and more on a slow one, before any of our code runs. Here the release itself presses the
 * button: on a touch `pointerup` that ends on the element it began on, the element gets its
 * click at once. The browser's own click for every touch is cancelled (the touchend is
 * cancelled, and a click that comes anyway within a moment is swallowed), so nothing acts twice,
 * and a touch that changed the screen as it landed (on the attract loop any touch starts a
 * visit) does not click whatever the new screen put under the finger.
 *
 * What does not change: a finger that slides off before lifting presses nothing; a disabled
 * button does nothing; the mouse and the keyboard (Enter, Space) click as browsers always do.
 * Elements that act on a tap are `<button>`s and anything marked `data-tap`.
 */

const PRESSABLE = 'button, [data-tap]';
/** A browser click for a touch comes well within this after the lift. */
const CLICK_AFTER_LIFT_MS = 800;

export function installFastTap(root: Document = document): () => void {
  const view = root.defaultView ?? window;
  let pressed: { pointerId: number; element: Element | null } | null = null;
  /** When the last finger lifted: the browser's click for that touch is ours to swallow. */
  let liftedAt: number | null = null;

  const pressable = (target: EventTarget | null): Element | null =>
    target instanceof Element ? target.closest(PRESSABLE) : null;
  const isFinger = (event: PointerEvent) => event.pointerType === 'touch' || event.pointerType === 'pen';
  const justLifted = (event: Event) =>
    liftedAt !== null && event.timeStamp - liftedAt >= 0 && event.timeStamp - liftedAt < CLICK_AFTER_LIFT_MS;

  const onDown = (event: PointerEvent) => {
    if (!isFinger(event) || !event.isPrimary) return;
    pressed = { pointerId: event.pointerId, element: pressable(event.target) };
  };
  const onCancel = (event: PointerEvent) => {
    if (pressed?.pointerId === event.pointerId) pressed = null;
  };
  const onUp = (event: PointerEvent) => {
    if (!isFinger(event) || pressed?.pointerId !== event.pointerId) return;
    const { element } = pressed;
    pressed = null;
    // Whatever happens now, the browser's later click for this touch must not land as well: on
    // the button again, or on whatever a new screen put under the finger since it touched.
    liftedAt = event.timeStamp;
    if (!element?.isConnected) return;
    // A touch's events all go to where it began: ask what is under the finger now.
    if (pressable(root.elementFromPoint(event.clientX, event.clientY)) !== element) return;
    if (element instanceof HTMLButtonElement && element.disabled) return;
    (element as HTMLElement).click();
  };
  const onTouchEnd = (event: TouchEvent) => {
    if (event.cancelable && justLifted(event)) event.preventDefault();
  };
  const onClick = (event: MouseEvent) => {
    // A click from the keyboard (detail 0) or the mouse is the resident's own; a touch's is a copy.
    const pointerType = (event as PointerEvent).pointerType;
    const fromFinger = pointerType === undefined || pointerType === 'touch' || pointerType === 'pen';
    if (event.isTrusted && event.detail > 0 && fromFinger && justLifted(event)) {
      event.stopImmediatePropagation();
      event.preventDefault();
    }
  };

  const capture = { capture: true };
  view.addEventListener('pointerdown', onDown, capture);
  view.addEventListener('pointercancel', onCancel, capture);
  view.addEventListener('pointerup', onUp, capture);
  view.addEventListener('touchend', onTouchEnd, { capture: true, passive: false });
  view.addEventListener('click', onClick, capture);
  return () => {
    view.removeEventListener('pointerdown', onDown, capture);
    view.removeEventListener('pointercancel', onCancel, capture);
    view.removeEventListener('pointerup', onUp, capture);
    view.removeEventListener('touchend', onTouchEnd, capture);
    view.removeEventListener('click', onClick, capture);
  };
}
