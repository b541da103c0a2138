import { formatDate, formatLunarDate, formatTime } from '../../i18n/index.ts';
import { useMinute } from '../../lib/use-minute.ts';
import styles from './style.module.css';

/** The time in the kiosk's zone, large, with the date and (in Chinese) the lunar date below. Ticks each minute. */
export function LiveClock({ timeZone }: { timeZone?: string }) {
  const now = useMinute();
  const lunar = formatLunarDate(now, timeZone);
  return (
    <div class={styles.clock}>
      <time class={styles.time} dateTime={now.toISOString()}>
        {formatTime(now, timeZone)}
      </time>
      <p class={styles.date}>
        <span>{formatDate(now, timeZone)}</span>
        {lunar && <span class={styles.lunar}>{lunar}</span>}
      </p>
    </div>
  );
}
