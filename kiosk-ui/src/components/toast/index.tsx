import { cx } from '../../lib/class-names.ts';
import styles from './style.module.css';

export type ToastTone = 'info' | 'ok' | 'warn' | 'bad';

export interface ToastProps {
  message: string;
  tone?: ToastTone;
}

const icons: Record<ToastTone, string> = { info: 'i', ok: '✓', warn: '!', bad: '✕' };

/**
 * A short notice at the top of the screen, over the top bar where there are no buttons
 * (`--toast-top` moves it). The caller shows it and takes it away; it never steals focus.
 * Keep it mounted with an empty message when it may speak soon: a live region added
 * together with its text is often not read aloud.
 */
export function Toast({ message, tone = 'info' }: ToastProps) {
  return (
    <div class={cx(styles.toast, styles[tone], !message && styles.empty)} role="status" data-tone={tone}>
      {message && (
        <>
          <span class={styles.icon} aria-hidden="true">
            {icons[tone]}
          </span>
          <span>{message}</span>
        </>
      )}
    </div>
  );
}
