import { t } from '../messages/index.ts';

/** "3 分钟前" from an ISO time, relative to `now`. */
export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return t('common.none');
  const s = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  if (s < 5) return t('time.justNow');
  if (s < 60) return t('time.secondsAgo', { n: s });
  if (s < 3600) return t('time.minutesAgo', { n: Math.floor(s / 60) });
  if (s < 86400) return t('time.hoursAgo', { n: Math.floor(s / 3600) });
  return t('time.daysAgo', { n: Math.floor(s / 86400) });
}

/** A duration in seconds as "2 小时 5 分". */
export function duration(seconds: number): string {
  if (seconds < 60) return t('age.seconds', { n: seconds });
  if (seconds < 3600) return t('age.minutes', { n: Math.floor(seconds / 60) });
  if (seconds < 86400)
    return t('age.hours', { n: Math.floor(seconds / 3600), m: Math.floor((seconds % 3600) / 60) });
  return t('age.days', { n: Math.floor(seconds / 86400), h: Math.floor((seconds % 86400) / 3600) });
}

/** Local date and time, e.g. 2026/3/1 16:00:05. */
export function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : t('common.none');
}

/** Bytes as GB with one decimal. */
export function gigabytes(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}
