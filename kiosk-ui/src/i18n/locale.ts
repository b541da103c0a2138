/** Which language the kiosk speaks now. zh-CN by default; a language switch calls `setLocale`. */
export type Locale = 'zh-CN' | 'en';

export const defaultLocale: Locale = 'zh-CN';
export const locales: readonly Locale[] = ['zh-CN', 'en'];

let current: Locale = defaultLocale;

/** The language messages are currently shown in. */
export function getLocale(): Locale {
  return current;
}

/**
 * Switches the language; the caller re-renders. Also sets `<html lang>` so assistive technology
 * follows — only when it changes: the shell calls this on every render, and writing an attribute
 * of <html>, even unchanged, can send the browser over the whole page's style again.
 */
export function setLocale(locale: Locale): void {
  current = locale;
  if (typeof document !== 'undefined' && document.documentElement.lang !== locale)
    document.documentElement.lang = locale;
}
