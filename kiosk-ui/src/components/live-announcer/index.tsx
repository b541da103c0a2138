import styles from './style.module.css';

/**
 * A polite live region, always in the page so that assistive technology hears
 * when its message changes (a region added together with its text is often not read).
 */
export function LiveAnnouncer({ message }: { message: string }) {
  return (
    <p class={styles.hidden} role="status" aria-live="polite" aria-atomic="true">
      {message}
    </p>
  );
}
