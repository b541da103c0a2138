import type { SessionEndReason } from '../../../../kiosk-agent/api/contract.ts';
import { BigButton } from '../../components/big-button/index.tsx';
import { t } from '../../i18n/index.ts';
import styles from './style.module.css';

/** After a visit: thanks, and the promise kept — nothing of the resident is left here. */
export function FarewellScreen({ reason, onAgain }: { reason: SessionEndReason | null; onAgain(): void }) {
  return (
    <section class={styles.box}>
      <svg class={styles.tick} viewBox="0 0 48 48" aria-hidden="true">
        <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" stroke-width="3" />
        <path
          d="m14 25 7 7 13-15"
          fill="none"
          stroke="currentColor"
          stroke-width="4"
          stroke-linecap="round"
        />
      </svg>
      <h1 class={styles.title}>{t('farewell.title')}</h1>
      {reason === 'idle' && <p class={styles.note}>{t('farewell.idle')}</p>}
      <p class={styles.note}>{t('farewell.note')}</p>
      <BigButton variant="secondary" action="again" onPress={onAgain}>
        {t('farewell.again')}
      </BigButton>
    </section>
  );
}
