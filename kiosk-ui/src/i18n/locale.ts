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
 * Switches the language messages are shown in; the caller re-renders. `<html lang>` is written
 * apart, by `setDocumentLang`: the shell does that after the frame that shows the new words.
 */
export function setLocale(locale: Locale): void {
  current = locale;
}

/**
 * Tells assistive technology (and the browser's choice of fallback fonts) the page's language,
 * only when it changes: writing `lang` on <html>, even unchanged, sends the browser over the
 * whole page's style and text again (about 2 ms on this kiosk's PC, four times that on a slow
 * one). Every font in the kiosk's stack is named, so the words look the same under either `lang`
 * (checked pixel for pixel on the home screen) and the shell writes it once the new words are
 * painted.
 */
export function setDocumentLang(locale: Locale): void {
  if (typeof document !== 'undefined' && document.documentElement.lang !== locale)
    document.documentElement.lang = locale;
}
