/**
 * Date and time in the current language, through Intl (no library). `timeZone`
 * is the kiosk's (from its config), so the clock is right whatever the PC is set to;
 * undefined means the browser's own zone.
 */
import { getLocale } from './locale.ts';
import { t } from './translate.ts';

/**
 * One formatter per language, zone and style: building an Intl.DateTimeFormat costs far more than
 * using one (about 2 ms each at 4× CPU throttling), and the clock formats three dates per render.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string | undefined, options: Intl.DateTimeFormatOptions) {
  const key = `${locale}|${timeZone ?? ''}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, f);
  }
  return f;
}

/** "14:32": 24-hour, as clocks in China read. */
export function formatTime(date: Date, timeZone?: string): string {
  return formatter(getLocale(), timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    date,
  );
}

/** "2026年11月25日 星期三" in zh-CN; "Wednesday, 25 November 2026" in en. */
export function formatDate(date: Date, timeZone?: string): string {
  const parts = formatter(getLocale(), timeZone, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'long',
  }).formatToParts(date);
  if (getLocale() !== 'zh-CN') return parts.map((p) => p.value).join('');
  // Intl runs the weekday into the date ("25日星期三"); a space reads easier on a big screen.
  const weekday = parts.find((p) => p.type === 'weekday')?.value ?? '';
  const rest = parts
    .filter((p) => p.type !== 'weekday')
    .map((p) => p.value)
    .join('');
  return `${rest} ${weekday}`.trim();
}

const lunarDayNames = [
  '初一',
  '初二',
  '初三',
  '初四',
  '初五',
  '初六',
  '初七',
  '初八',
  '初九',
  '初十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
  '十六',
  '十七',
  '十八',
  '十九',
  '二十',
  '廿一',
  '廿二',
  '廿三',
  '廿四',
  '廿五',
  '廿六',
  '廿七',
  '廿八',
  '廿九',
  '三十',
];

/**
 * "农历十月十七": many older residents keep time by the lunar calendar. Intl
 * gives the lunar month in words but the day as a number, so the day is
 * named here the traditional way. Only in Chinese; null elsewhere.
 */
export function formatLunarDate(date: Date, timeZone?: string): string | null {
  if (getLocale() !== 'zh-CN') return null;
  try {
    const parts = formatter('zh-CN-u-ca-chinese', timeZone, { month: 'long', day: 'numeric' }).formatToParts(
      date,
    );
    const month = parts.find((p) => p.type === 'month')?.value;
    const day = lunarDayNames[Number(parts.find((p) => p.type === 'day')?.value) - 1];
    return month && day ? t('clock.lunar', { date: `${month}${day}` }) : null;
  } catch {
    return null;
  }
}
