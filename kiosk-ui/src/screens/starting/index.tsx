import { Progress } from '../../components/progress/index.tsx';
import { t } from '../../i18n/index.ts';
import styles from './style.module.css';

/** The moment between the first touch and the home screen, while the agent opens a session. */
export function StartingScreen() {
  return (
    <section class={styles.box}>
      <Progress label={t('starting.title')} />
    </section>
  );
}
