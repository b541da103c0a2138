import { useEffect, useState } from 'preact/hooks';

/**
 * The current time, updated when the minute turns. It checks every second
 * rather than sleeping until the next minute, so a clock corrected by NTP or
 * a PC waking from sleep shows the right time within a second.
 */
export function useMinute(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => {
      const next = new Date();
      setNow((shown) => (minuteOf(shown) === minuteOf(next) ? shown : next));
    }, 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function minuteOf(date: Date): number {
  return Math.floor(date.getTime() / 60_000);
}
