import { tOr } from '../../messages/index.ts';

const CNY = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' });

/** Integer fen as yuan, e.g. 18760 → ¥187.60. */
export function yuan(fen: number | null): string {
  return fen === null ? '—' : CNY.format(fen / 100);
}

/** A side's state in words: `charged+refunded×2` → 已扣款 + 已退款×2; unknown words stay as they are. */
export function sideState(state: string): string {
  return state
    .split('+')
    .map((part) => {
      const [word = '', times] = part.split('×');
      return tOr(`recon.side.${word}`, word) + (times ? `×${times}` : '');
    })
    .join(' + ');
}

const SHANGHAI_MS = 8 * 3_600_000;

/** The business day (YYYY-MM-DD, Asia/Shanghai) `daysAgo` days before now. */
export function shanghaiDay(daysAgo = 0, now = Date.now()): string {
  return new Date(now + SHANGHAI_MS - daysAgo * 86_400_000).toISOString().slice(0, 10);
}
