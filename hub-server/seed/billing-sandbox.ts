/**
 * The accounts the sandbox biller holds (docs/billing.md lists them). Dates are relative to the
 * day the sandbox starts, so the demo always has bills overdue, due soon and several months due.
 */
export interface SandboxBillSeed {
  /** Months before the current one the bill is for (its period), unless `period` is given. */
  monthsAgo: number;
  period?: string;
  principalFen: number;
  /** Days past due (a late fee accrues); absent: due in 10 days. */
  daysOverdue?: number;
}

export interface SandboxAccountSeed {
  billerId: string;
  account: string;
  holderName: string;
  bills: SandboxBillSeed[];
  /** The biller refuses every posting to this account with this reason (the demo's refund). */
  rejectPostings?: string;
}

const one = (principalFen: number, extra: Partial<SandboxBillSeed> = {}): SandboxBillSeed[] => [
  { monthsAgo: 1, principalFen, ...extra },
];

export const SANDBOX_ACCOUNTS: readonly SandboxAccountSeed[] = [
  {
    billerId: 'fz-water',
    account: '3501234567',
    holderName: '林小明',
    bills: [
      { monthsAgo: 3, principalFen: 4620, daysOverdue: 66 },
      { monthsAgo: 2, principalFen: 5150, daysOverdue: 36 },
      { monthsAgo: 1, principalFen: 3980 },
    ],
  },
  { billerId: 'fz-water', account: '3500000000', holderName: '陈秀英', bills: [] },
  {
    billerId: 'fz-water',
    account: '3509999999',
    holderName: '王建国',
    bills: one(2860),
    rejectPostings: 'account-closed',
  },
  { billerId: 'cl-water', account: '350182001', holderName: '郑美玲', bills: one(3310) },
  { billerId: 'sgcc-fz', account: '0512345678', holderName: '林小明', bills: one(18_760) },
  {
    billerId: 'sgcc-fz',
    account: '0500000001',
    holderName: '黄志强',
    bills: one(9_540, { daysOverdue: 20 }),
  },
  {
    billerId: 'crgas-fz',
    account: '20261234',
    holderName: '吴丽华',
    bills: [
      { monthsAgo: 3, principalFen: 6_300, daysOverdue: 40 },
      { monthsAgo: 2, principalFen: 5_870 },
      { monthsAgo: 1, principalFen: 7_020 },
    ],
  },
  { billerId: 'kunlun-fz', account: '591000123', holderName: '刘桂兰', bills: one(4_450) },
  {
    billerId: 'rongcheng-heat',
    account: '41000123',
    holderName: '张伟',
    bills: one(128_000, { period: '2026—2027年供暖季' }),
  },
  {
    billerId: 'vanke-fz',
    account: '510100020301',
    holderName: '陈志明',
    bills: [
      { monthsAgo: 4, period: '2026年第三季度', principalFen: 76_500, daysOverdue: 25 },
      { monthsAgo: 1, period: '2026年第四季度', principalFen: 76_500 },
    ],
  },
  {
    billerId: 'rongqiao-wy',
    account: '520300110502',
    holderName: '李秀兰',
    bills: one(58_200, { period: '2026年第四季度' }),
  },
  { billerId: 'ct-fz-fixed', account: '059187654321', holderName: '林国平', bills: one(2_900) },
  { billerId: 'cmcc-fj', account: '13812345678', holderName: '林小明', bills: one(5_800) },
  { billerId: 'cucc-fj', account: '13012345678', holderName: '何丽', bills: one(3_900) },
  { billerId: 'ct-fj-mobile', account: '18912345678', holderName: '许文斌', bills: one(12_900) },
  { billerId: 'ct-fz-broadband', account: '59100012345', holderName: '林国平', bills: one(9_900) },
  { billerId: 'fjgd-broadband', account: '8200012345', holderName: '周敏', bills: one(8_800) },
  { billerId: 'fjgd-fz', account: '8350100012345678', holderName: '陈秀英', bills: one(2_650) },
  {
    billerId: 'fz-sanitation',
    account: '1010012345',
    holderName: '郑海涛',
    bills: one(3_600, { period: '2026年度' }),
  },
  {
    billerId: 'fz-parking',
    account: 'P12345678',
    holderName: '林建华',
    bills: one(1_000, { period: '东街口路段 2小时' }),
  },
  {
    billerId: 'fz-si',
    account: '350102195001011234',
    holderName: '林阿婆',
    bills: one(38_000, { period: '2027年度城乡居民医保' }),
  },
  {
    billerId: 'fz-traffic',
    account: '350100123456789',
    holderName: '黄志强',
    bills: one(20_000, { period: '违法停车（鼓楼区五四路）', daysOverdue: 12 }),
  },
];
