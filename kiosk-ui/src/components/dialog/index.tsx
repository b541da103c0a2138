import type { ComponentChildren } from 'preact';
import { useId, useLayoutEffect, useRef } from 'preact/hooks';
import styles from './style.module.css';

export interface DialogProps {
  open: boolean;
  title: string;
  children: ComponentChildren;
  /** The dialog's buttons (BigButtons), laid out along its foot. */
  actions: ComponentChildren;
  /** Called on Escape. Left out, the resident must choose one of the actions. */
  onDismiss?: () => void;
}

const focusable = 'button:not(:disabled), [href], input:not(:disabled), [tabindex]:not([tabindex="-1"])';

/**
 * A modal question over a dimmed screen. Focus moves in (to an `autofocus` element, else the
 * first button), stays in while it is open, and goes back to where it was when it closes.
 * A tap on the dim backdrop does nothing: a stray touch should not throw away a question.
 */
export function Dialog({ open, title, children, actions, onDismiss }: DialogProps) {
  const titleId = useId();
  const boxRef = useRef<HTMLDivElement>(null);
  const returnTo = useRef<Element | null>(null);
  const wasOpen = useRef(false);
  // Noted while rendering, before any child's effect (an autoFocus BigButton) has moved focus.
  if (open && !wasOpen.current) returnTo.current = document.activeElement;
  wasOpen.current = open;

  const dismiss = useRef(onDismiss);
  dismiss.current = onDismiss;

  useLayoutEffect(() => {
    if (!open) return;
    const box = boxRef.current;
    if (!box) return;
    if (!box.contains(document.activeElement)) {
      const first =
        box.querySelector<HTMLElement>('[autofocus]') ?? box.querySelector<HTMLElement>(focusable);
      (first ?? box).focus();
    }
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && dismiss.current) {
        event.preventDefault();
        dismiss.current();
      } else if (event.key === 'Tab') {
        const items = [...box.querySelectorAll<HTMLElement>(focusable)];
        const first = items[0];
        const last = items[items.length - 1];
        const inside = box.contains(document.activeElement);
        if (!first || !last) event.preventDefault();
        else if (event.shiftKey && (!inside || document.activeElement === first)) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && (!inside || document.activeElement === last)) {
          event.preventDefault();
          first.focus();
        }
      }
    };
    // A click or script that puts focus behind the dialog is pulled back in.
    const onFocusIn = (event: FocusEvent) => {
      if (event.target instanceof Node && !box.contains(event.target)) box.focus();
    };
    document.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      document.removeEventListener('focusin', onFocusIn);
      const target = returnTo.current;
      if (target instanceof HTMLElement && target.isConnected) target.focus();
    };
  }, [open]);

  if (!open) return null;
  return (
    <div class={styles.backdrop}>
      <div
        ref={boxRef}
        class={styles.dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
      >
        <h2 id={titleId} class={styles.title}>
          {title}
        </h2>
        <div class={styles.body}>{children}</div>
        <div class={styles.actions}>{actions}</div>
      </div>
    </div>
  );
}
