import type { IdCardText } from './id-card-text.ts';

/**
 * The simulator's deck of virtual ID cards: invented people, addresses in
 * Fuzhou, numbers built by the GB 11643 rules (but for the one meant to fail).
 */
export const VIRTUAL_ID_CARDS = {
  /** A valid adult card from 福州市鼓楼区 (area code 350102). */
  'adult-gulou': {
    name: '林晓明',
    sexCode: '1',
    nationCode: '01',
    birthDate: '19850612',
    address: '福建省福州市鼓楼区五四路158号',
    idNumber: '350102198506121235',
    authority: '福州市公安局鼓楼分局',
    validFrom: '20160301',
    validUntil: '20360301',
  },
  /** A card whose validity ended in 2020. */
  expired: {
    name: '陈美玲',
    sexCode: '2',
    nationCode: '22',
    birthDate: '19900315',
    address: '福建省福州市台江区宁化街道工业路233号',
    idNumber: '350103199003152348',
    authority: '福州市公安局台江分局',
    validFrom: '20100315',
    validUntil: '20200315',
  },
  /** A card whose last character does not match GB 11643 (…1234; the rule gives 5). */
  'bad-check-digit': {
    name: '王建国',
    sexCode: '1',
    nationCode: '01',
    birthDate: '19850612',
    address: '福建省福州市鼓楼区鼓东街道东街33号',
    idNumber: '350102198506121234',
    authority: '福州市公安局鼓楼分局',
    validFrom: '20180101',
    validUntil: '20380101',
  },
  /** A card of someone over 46: validity 长期 (long-term), never expires. */
  'long-term': {
    name: '郑秀英',
    sexCode: '2',
    nationCode: '01',
    birthDate: '19600520',
    address: '福建省福州市台江区上海街道新港路12号',
    idNumber: '350103196005204320',
    authority: '福州市公安局台江分局',
    validFrom: '20160520',
    validUntil: '长期',
  },
} as const satisfies Record<string, IdCardText>;

export type VirtualIdCardId = keyof typeof VIRTUAL_ID_CARDS;
export const VIRTUAL_ID_CARD_IDS = Object.keys(VIRTUAL_ID_CARDS) as [VirtualIdCardId, ...VirtualIdCardId[]];

/** A stand-in for the card's wlt photo: 1024 deterministic bytes per card. */
export function virtualPhoto(id: string, length = 1024): Buffer {
  const out = Buffer.alloc(length);
  let seed = 0x811c9dc5;
  for (const c of id) seed = Math.imul(seed ^ c.charCodeAt(0), 0x01000193) >>> 0;
  for (let i = 0; i < length; i++) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    out[i] = seed & 0xff;
  }
  return out;
}
