import { HotlineCard } from '../../components/hotline-card/index.tsx';
import { t } from '../../i18n/index.ts';
import { HOTLINE_NUMBER } from '../home/index.tsx';
import styles from './style.module.css';

export interface OutOfServiceProps {
  kioskId: string | null;
}

/**
 * Shown while a maintainer has the kiosk out of service: nothing to touch, just what is going on,
 * which kiosk this is (to quote on the phone) and the hotline.
 */
export function OutOfServiceScreen({ kioskId }: OutOfServiceProps) {
  return (
    <div class={styles.main}>
      <section class={styles.notice} role="status" aria-live="polite">
        <svg class={styles.icon} viewBox="0 0 48 48" aria-hidden="true">
          <path
            d="M31 6a11 11 0 0 0-10.4 14.6L6.9 34.3a4 4 0 0 0 5.7 5.7l13.7-13.7A11 11 0 0 0 40.6 16l-6.3 6.3-6-1.2-1.2-6L33.4 8.8A11 11 0 0 0 31 6z"
            fill="currentColor"
          />
        </svg>
        <h1 class={styles.title}>{t('outOfService.title')}</h1>
        <p class={styles.note}>{t('outOfService.note')}</p>
        {kioskId && <p class={styles.id}>{t('outOfService.kioskId', { id: kioskId })}</p>}
      </section>
      <HotlineCard number={HOTLINE_NUMBER} />
    </div>
  );
}
