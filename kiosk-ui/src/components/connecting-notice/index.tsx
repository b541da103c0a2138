import { t } from '../../i18n/index.ts';
import styles from './style.module.css';

/** Shown instead of live status while the agent is not connected: calm, and claiming nothing. */
export function ConnectingNotice() {
  return (
    <section class={styles.notice} data-connecting>
      <span class={styles.pulse} aria-hidden="true" />
      <div>
        <p class={styles.title}>{t('link.connecting')}</p>
        <p class={styles.note}>{t('link.connectingNote')}</p>
      </div>
    </section>
  );
}
