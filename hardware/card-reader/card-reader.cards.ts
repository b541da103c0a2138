import type { CardMedia } from './card-reader.frame.ts';
import {
  encodeHolderRecord,
  type SocialSecurityHolder,
  SSC_DF_NAME,
  SSC_EF,
  SW,
} from './social-security.apdu.ts';

/** A card the simulator can take: what its stripe and chip answer. */
export interface VirtualCard {
  id: string;
  /** For the rig page. */
  label: string;
  /** What the reader's sensors report in ST1 (card-reader.frame.ts, table C). */
  media: CardMedia;
  /** Track 2 as the stripe holds it; null for a blank stripe. */
  track2: string | null;
  /** True when the stripe is unreadable (parity errors): 0x36 answers N '20'. */
  stripeDamaged?: boolean;
  /** ATR on power on; null when the chip does not activate (N '61'). */
  atr: Uint8Array | null;
  /** The social-security application's holder, when the chip carries one. */
  holder?: SocialSecurityHolder;
}

/** The simulator's cards. Test PANs only; the ID number is made up but carries a valid check digit. */
export const VIRTUAL_CARDS: readonly VirtualCard[] = [
  {
    id: 'visa',
    label: 'Visa',
    media: 'magnetic',
    track2: '4111111111111111=28121011234567890',
    atr: null,
  },
  {
    id: 'unionpay',
    label: 'UnionPay',
    media: 'ic',
    track2: '6222021234567890123=28122200000000000',
    atr: Uint8Array.of(
      0x3b,
      0x6a,
      0x00,
      0x00,
      0x80,
      0x31,
      0xc0,
      0xa1,
      0x02,
      0x03,
      0x01,
      0x11,
      0x83,
      0x01,
      0x90,
      0x00,
    ),
  },
  {
    id: 'social-security',
    label: '社保卡',
    media: 'ic',
    track2: null,
    atr: Uint8Array.of(
      0x3b,
      0x6c,
      0x00,
      0x02,
      0x86,
      0x38,
      0x46,
      0x01,
      0x90,
      0x53,
      0x53,
      0x43,
      0x00,
      0x01,
      0x90,
      0x00,
    ),
    holder: { number: '350102198503172627', name: '林晓梅' },
  },
  {
    // The payment sandbox declines any card whose number ends in 0002 (sandbox-outcomes.ts).
    id: 'declined',
    label: 'Declined …0002',
    media: 'magnetic',
    track2: '6222020000000002=30121010000000000',
    atr: null,
  },
  {
    id: 'damaged',
    label: 'Damaged',
    media: 'none',
    track2: '6222020000000000000=20010000000000000',
    stripeDamaged: true,
    atr: null,
  },
];

export function findCard(id: string): VirtualCard | undefined {
  return VIRTUAL_CARDS.find((c) => c.id === id);
}

const sw = (word: number): Uint8Array => Uint8Array.of(word >> 8, word & 0xff);
const same = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * The card side of the social-security dialogue (social-security.apdu.ts):
 * one session per power-on. A bank chip answers SELECT of that name with 6A 82.
 */
export class CardApplet {
  private dfSelected = false;
  private efSelected = false;

  constructor(private readonly card: VirtualCard) {}

  /** Answers one C-APDU with an R-APDU (data, SW1 SW2). */
  exchange(capdu: Uint8Array): Uint8Array {
    if (capdu.length < 4) return sw(SW.wrongLength);
    const [cla, ins, p1] = [capdu[0]!, capdu[1]!, capdu[2]!];
    if (cla !== 0x00) return sw(SW.claNotSupported);
    if (ins === 0xa4) {
      const lc = capdu[4] ?? 0;
      const data = capdu.subarray(5, 5 + lc);
      if (data.length !== lc) return sw(SW.wrongLength);
      if (p1 === 0x04) {
        this.dfSelected = Boolean(this.card.holder) && same(data, SSC_DF_NAME);
        this.efSelected = false;
        return sw(this.dfSelected ? SW.ok : SW.fileNotFound);
      }
      if (p1 === 0x02) {
        this.efSelected = this.dfSelected && same(data, SSC_EF);
        return sw(this.efSelected ? SW.ok : SW.fileNotFound);
      }
      return sw(SW.fileNotFound);
    }
    if (ins === 0xb0) {
      if (!this.efSelected || !this.card.holder) return sw(SW.noCurrentEf);
      return Uint8Array.of(...encodeHolderRecord(this.card.holder), 0x90, 0x00);
    }
    return sw(SW.insNotSupported);
  }
}
