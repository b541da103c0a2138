import { type MessageKey, zhCN } from './zh-CN.ts';

export type { MessageKey };

const messages: Record<MessageKey, string> = zhCN;

/** The message for `key` with `{name}` placeholders filled in. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  return messages[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** A message for a key built at run time (`state.${s}`), falling back to the raw value. */
export function tOr(key: string, fallback: string): string {
  return key in messages ? messages[key as MessageKey] : fallback;
}
