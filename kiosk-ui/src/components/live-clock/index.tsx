import { useMemo } from 'preact/hooks';
import { formatDate, formatLunarDate, formatTime, getLocale } from '../../i18n/index.ts';
import { useMinute } from '../../lib/use-minute.ts';
import styles from './style.module.css';

/** The time in the kiosk's zone, large, with the date and (in Chinese) the lunar date below. Ticks each minute. */
export function LiveClock({ timeZone }: { timeZone?: string }) {
  const now = useMinute();
  const locale = getLocale();
  // The app re-renders on every tap; the words only change with the minute or the language
  // (which the formatters read through getLocale()).
  const words = useMemo(
    () => ({
      time: formatTime(now, timeZone),
      date: formatDate(now, timeZone),
      lunar: formatLunarDate(now, timeZone),
    }),
    [now, timeZone, locale],
  );
  return (
    <div class={styles.clock}>
      <time class={styles.time} dateTime={now.toISOString()}>
        {words.time}
      </time>
      <p class={styles.date}>
        <span>{words.date}</span>
        {words.lunar && <span class={styles.lunar}>{words.lunar}</span>}
      </p>
    </div>
  );
}
