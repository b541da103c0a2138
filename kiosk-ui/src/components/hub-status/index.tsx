import { t } from '../../i18n/index.ts';
import { cx } from '../../lib/class-names.ts';
import styles from './style.module.css';

export interface HubStatusProps {
  connected: boolean;
  /** What a resident should know when the hub is away, in plain words. */
  note: string | null;
  /** The agent's own reason, for a maintainer who asks; kept off the visible text. */
  technicalReason: string | null;
}

/** Whether the kiosk can reach the city service centre. */
export function HubStatus({ connected, note, technicalReason }: HubStatusProps) {
  return (
    <section
      class={cx(styles.card, connected ? styles.connected : styles.disconnected)}
      data-hub={connected ? 'connected' : 'disconnected'}
      data-hub-reason={technicalReason ?? undefined}
      aria-label={t('hub.title')}
    >
      <span class={styles.signal} aria-hidden="true" />
      <div>
        <p class={styles.title}>{connected ? t('hub.connected') : t('hub.disconnected')}</p>
        {note && <p class={styles.note}>{note}</p>}
      </div>
    </section>
  );
}
