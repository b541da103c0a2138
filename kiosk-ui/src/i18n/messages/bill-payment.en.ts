import type { billPaymentZhCN } from './bill-payment.zh-CN.ts';

/** Words of the bill-payment flow, in English: every key of the Chinese table. */
export const billPaymentEn: Record<keyof typeof billPaymentZhCN, string> = {};
