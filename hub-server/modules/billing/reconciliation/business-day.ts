/**
 * The business day of Chinese billers and gateways: a calendar day in Asia/Shanghai. China has kept
 * UTC+8 without daylight saving since 1991, so the day is a fixed offset from UTC and needs no tz
 * database. Pure functions over ISO strings.
 */

const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** `2026-11-25` → the instants `[2026-11-24T16:00:00.000Z, 2026-11-25T16:00:00.000Z)`. */
export function businessDayRange(day: string): { from: string; to: string } {
  const start = Date.parse(`${day}T00:00:00.000Z`) - OFFSET_MS;
  return { from: new Date(start).toISOString(), to: new Date(start + DAY_MS).toISOString() };
}

/** The business day an instant falls in. */
export function businessDayOf(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The business day before the one `at` falls in: what the daily job reconciles. */
export function previousBusinessDay(at: Date): string {
  return businessDayOf(new Date(at.getTime() - DAY_MS));
}

/** Whether `s` is a real calendar day written YYYY-MM-DD. */
export function isBusinessDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00.000Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/** Whether `s` is a time of day written HH:MM (24-hour). */
export function isTimeOfDay(s: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(s);
}

/** The first instant strictly after `now` whose Shanghai clock reads `hhmm`. */
export function nextDailyRun(now: Date, hhmm: string): Date {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const { from } = businessDayRange(businessDayOf(now));
  let at = Date.parse(from) + (h * 60 + m) * 60_000;
  if (at <= now.getTime()) at += DAY_MS;
  return new Date(at);
}

/** The most recent instant at or before `now` whose Shanghai clock read `hhmm`. */
export function lastDailyRun(now: Date, hhmm: string): Date {
  return new Date(nextDailyRun(now, hhmm).getTime() - DAY_MS);
}
