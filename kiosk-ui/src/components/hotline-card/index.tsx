import { t } from '../../i18n/index.ts';
import styles from './style.module.css';

/** Where to turn for a person: the citizen hotline. */
export function HotlineCard({ number }: { number: string }) {
  return (
    <aside class={styles.card} aria-label={t('hotline.name')}>
      <p class={styles.prompt}>{t('hotline.prompt')}</p>
      <p class={styles.line}>
        <span class={styles.number}>{number}</span>
        <span class={styles.name}>{t('hotline.name')}</span>
      </p>
    </aside>
  );
}
