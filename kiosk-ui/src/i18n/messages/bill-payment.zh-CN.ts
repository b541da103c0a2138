/**
 * Words of the bill-payment flow (`flows/bill-payment/`), in Chinese.
 * Spread into the zh-CN catalog; kept apart so the catalog stays readable.
 */
export const billPaymentZhCN = {} as const;
