/**
 * The kiosk UI's tiny i18n: a message table per language, `t(key, params)`,
 * and Intl-based date formatting. Every string a resident sees goes through here.
 */
export { formatDate, formatLunarDate, formatTime } from './format.ts';
export { formatMoney, formatNumber } from './format-number.ts';
export { defaultLocale, getLocale, type Locale, locales, setDocumentLang, setLocale } from './locale.ts';
export type { MessageKey } from './messages/zh-CN.ts';
export { type MessageParams, t } from './translate.ts';
