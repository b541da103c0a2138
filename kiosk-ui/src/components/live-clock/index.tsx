import { formatDate, formatLunarDate, formatTime } from '../../i18n/index.ts';
import { useMinute } from '../../lib/use-minute.ts';
import styles from './style.module.css';

/** The time, large, with the date and (in Chinese) the lunar date below. Ticks each minute. */
export function LiveClock() {
  const now = useMinute();
  const lunar = formatLunarDate(now);
  return (
    <div class={styles.clock}>
      <time class={styles.time} dateTime={now.toISOString()}>
        {formatTime(now)}
      </time>
      <p class={styles.date}>
        <span>{formatDate(now)}</span>
        {lunar && <span class={styles.lunar}>{lunar}</span>}
      </p>
    </div>
  );
}
