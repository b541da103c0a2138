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
 * whole page's style and text again (on the home screen about 2.4 ms here, 10 ms at the tap
 * bench's 4× CPU slow-down). The kiosk's fonts are named in its stack (global.css), so the words are drawn with the
 * same fonts under either `lang`, and the shell writes it once the new words are painted. (Checked
 * here: the English home screen is the same pixel for pixel under either `lang`; the Chinese one
 * differs in 8 anti-aliased pixels at one icon's edge.)
 */
export function setDocumentLang(locale: Locale): void {
  if (typeof document !== 'undefined' && document.documentElement.lang !== locale)
    document.documentElement.lang = locale;
}
