import type { BillerInfo, FeeKind } from './billing.contract.ts';

/** A biller as the hub knows it: what the kiosk sees, plus its 3-digit barcode code. */
export interface Biller extends BillerInfo {
  /** The biller's code in a paper bill's barcode (domain.ts encodeBillBarcode). */
  code: string;
}

/** The thirteen kinds in the order the kiosk lists them. */
export const FEE_KINDS: readonly FeeKind[] = [
  'water',
  'electricity',
  'gas',
  'heating',
  'property',
  'landline',
  'mobile',
  'broadband',
  'cable-tv',
  'sanitation',
  'parking',
  'social-insurance',
  'traffic-fine',
];

const digits = (label: string, n: number | [number, number], example: string) => ({
  label,
  pattern: typeof n === 'number' ? `^\\d{${n}}$` : `^\\d{${n[0]},${n[1]}}$`,
  keypad: 'numeric' as const,
  example,
});

/**
 * The billers a Fuzhou kiosk takes (names as on their paper bills). Codes are two digits of the
 * kind plus one of the biller, so a barcode's biller is read without a table lookup by kind.
 */
export const BILLERS: readonly Biller[] = [
  {
    id: 'fz-water',
    code: '011',
    kind: 'water',
    name: '福州水务',
    account: digits('户号', 10, '3501234567'),
    barcode: true,
  },
  {
    id: 'cl-water',
    code: '012',
    kind: 'water',
    name: '长乐自来水公司',
    account: digits('户号', 9, '350182001'),
    barcode: true,
  },
  {
    id: 'sgcc-fz',
    code: '021',
    kind: 'electricity',
    name: '国网福州供电公司',
    account: digits('户号', 10, '0512345678'),
    barcode: true,
  },
  {
    id: 'crgas-fz',
    code: '031',
    kind: 'gas',
    name: '福州华润燃气',
    account: digits('用户编号', 8, '20261234'),
    barcode: true,
  },
  {
    id: 'kunlun-fz',
    code: '032',
    kind: 'gas',
    name: '福州昆仑燃气',
    account: digits('用户编号', 9, '591000123'),
    barcode: true,
  },
  {
    id: 'rongcheng-heat',
    code: '041',
    kind: 'heating',
    name: '福州榕城热力',
    account: digits('供热编号', 8, '41000123'),
    barcode: true,
  },
  {
    id: 'vanke-fz',
    code: '051',
    kind: 'property',
    name: '福州万科物业服务',
    account: digits('房号编码', 12, '510100020301'),
    barcode: true,
  },
  {
    id: 'rongqiao-wy',
    code: '052',
    kind: 'property',
    name: '融侨物业',
    account: digits('房号编码', 12, '520300110502'),
    barcode: false,
  },
  {
    id: 'ct-fz-fixed',
    code: '061',
    kind: 'landline',
    name: '中国电信福州分公司（固话）',
    account: { label: '固话号码', pattern: '^0591\\d{8}$', keypad: 'numeric', example: '059187654321' },
    barcode: true,
  },
  {
    id: 'cmcc-fj',
    code: '071',
    kind: 'mobile',
    name: '中国移动福建公司',
    account: { label: '手机号码', pattern: '^1[3-9]\\d{9}$', keypad: 'numeric', example: '13812345678' },
    barcode: false,
  },
  {
    id: 'cucc-fj',
    code: '072',
    kind: 'mobile',
    name: '中国联通福建分公司',
    account: { label: '手机号码', pattern: '^1[3-9]\\d{9}$', keypad: 'numeric', example: '13012345678' },
    barcode: false,
  },
  {
    id: 'ct-fj-mobile',
    code: '073',
    kind: 'mobile',
    name: '中国电信福建公司（手机）',
    account: { label: '手机号码', pattern: '^1[3-9]\\d{9}$', keypad: 'numeric', example: '18912345678' },
    barcode: false,
  },
  {
    id: 'ct-fz-broadband',
    code: '081',
    kind: 'broadband',
    name: '中国电信福州分公司（宽带）',
    account: digits('宽带账号', 11, '59100012345'),
    barcode: true,
  },
  {
    id: 'fjgd-broadband',
    code: '082',
    kind: 'broadband',
    name: '福建广电网络宽带',
    account: digits('宽带账号', 10, '8200012345'),
    barcode: true,
  },
  {
    id: 'fjgd-fz',
    code: '091',
    kind: 'cable-tv',
    name: '福建广电网络福州分公司',
    account: digits('智能卡号', 16, '8350100012345678'),
    barcode: true,
  },
  {
    id: 'fz-sanitation',
    code: '101',
    kind: 'sanitation',
    name: '福州市城市管理委员会（生活垃圾处理费）',
    account: digits('缴费号', 10, '1010012345'),
    barcode: true,
  },
  {
    id: 'fz-parking',
    code: '111',
    kind: 'parking',
    name: '福州市智慧停车',
    account: { label: '停车缴费号', pattern: '^P\\d{8}$', keypad: 'text', example: 'P12345678' },
    barcode: false,
  },
  {
    id: 'fz-si',
    code: '121',
    kind: 'social-insurance',
    name: '福州市社会劳动保险中心（城乡居民）',
    account: { label: '身份证号', pattern: '^\\d{17}[\\dX]$', keypad: 'text', example: '350102195001011234' },
    barcode: false,
  },
  {
    id: 'fz-traffic',
    code: '131',
    kind: 'traffic-fine',
    name: '福州市公安局交通警察支队',
    account: digits('决定书编号', [15, 16], '350100123456789'),
    barcode: true,
  },
];

/** The biller with this id, or undefined. */
export const billerById = (id: string): Biller | undefined => BILLERS.find((b) => b.id === id);

/** The biller with this barcode code, or undefined. */
export const billerByCode = (code: string): Biller | undefined => BILLERS.find((b) => b.code === code);

/** What the kiosk sees of a biller (without the barcode code). */
export function billerInfo({ code: _code, ...info }: Biller): BillerInfo {
  return info;
}

/** Whether `account` has the biller's format. */
export const accountMatches = (b: BillerInfo, account: string): boolean =>
  new RegExp(b.account.pattern).test(account);
