import { describe, expect, it } from 'vitest';
import {
  decodeBaseInfo,
  decodeIdCard,
  decodeIdCardText,
  encodeBaseInfo,
  encodeIdCardText,
  PHOTO_LENGTH,
  TEXT_LENGTH,
} from '../../../hardware/id-reader/id-card-text.ts';
import { VIRTUAL_ID_CARDS, virtualPhoto } from '../../../hardware/id-reader/id-reader-cards.ts';

const adult = VIRTUAL_ID_CARDS['adult-gulou'];

describe('ID card text (256 bytes of UCS-2 LE)', () => {
  it('when a card is encoded, then fields sit at their fixed offsets, space padded, little-endian', () => {
    const text = encodeIdCardText(adult);
    expect(text.length).toBe(TEXT_LENGTH);
    // name 林晓明 at 0: 林 = U+6797 → 97 67; then spaces (20 00) to byte 30.
    expect([...text.subarray(0, 2)]).toEqual([0x97, 0x67]);
    expect([...text.subarray(6, 8)]).toEqual([0x20, 0x00]);
    expect(text.subarray(30, 32).toString('utf16le')).toBe('1'); // sex
    expect(text.subarray(32, 36).toString('utf16le')).toBe('01'); // nation
    expect(text.subarray(36, 52).toString('utf16le')).toBe('19850612');
    expect(text.subarray(122, 158).toString('utf16le')).toBe(adult.idNumber);
    expect(text.subarray(188, 204).toString('utf16le')).toBe('20160301');
    expect(text.subarray(204, 220).toString('utf16le')).toBe('20360301');
    expect(text.subarray(220, 256).toString('utf16le')).toBe(' '.repeat(18));
  });

  it('when text is encoded and decoded, then every field comes back trimmed', () => {
    for (const card of Object.values(VIRTUAL_ID_CARDS)) {
      expect(decodeIdCardText(encodeIdCardText(card))).toEqual(card);
    }
  });

  it('when the text is not 256 bytes, then it does not decode', () => {
    expect(decodeIdCardText(Buffer.alloc(255))).toBeNull();
  });

  it('when a field is too long, then it is cut to its width', () => {
    const long = { ...adult, name: '一二三四五六七八九十一二三四五六七' };
    expect(decodeIdCardText(encodeIdCardText(long))!.name).toBe('一二三四五六七八九十一二三四五');
  });
});

describe('base information (30 01 answer data)', () => {
  it('when encoded, then it starts 01 00 04 00 and is 1284 bytes', () => {
    const data = encodeBaseInfo(encodeIdCardText(adult), virtualPhoto('x'));
    expect([...data.subarray(0, 4)]).toEqual([0x01, 0x00, 0x04, 0x00]);
    expect(data.length).toBe(4 + TEXT_LENGTH + PHOTO_LENGTH);
    expect(decodeBaseInfo(data)!.photo.equals(virtualPhoto('x'))).toBe(true);
  });

  it('when the lengths do not add up, then it does not decode', () => {
    const data = encodeBaseInfo(encodeIdCardText(adult), virtualPhoto('x'));
    expect(decodeBaseInfo(data.subarray(0, data.length - 1))).toBeNull();
    expect(decodeBaseInfo(data.subarray(0, 3))).toBeNull();
    const wrongText = Buffer.from(data);
    wrongText.writeUInt16BE(255, 0);
    expect(decodeBaseInfo(wrongText)).toBeNull();
  });

  it('when decoded as a card, then codes become names and both checks are set', () => {
    const data = (id: keyof typeof VIRTUAL_ID_CARDS) =>
      encodeBaseInfo(encodeIdCardText(VIRTUAL_ID_CARDS[id]), virtualPhoto(id));
    const card = decodeIdCard(data('adult-gulou'), '20261125')!;
    expect(card).toMatchObject({
      name: '林晓明',
      sex: 'male',
      nation: '汉',
      nationCode: '01',
      birthDate: '19850612',
      address: '福建省福州市鼓楼区五四路158号',
      authority: '福州市公安局鼓楼分局',
      expired: false,
      checkDigitValid: true,
    });
    expect(card.photo.length).toBe(PHOTO_LENGTH);
    expect(decodeIdCard(data('expired'), '20261125')).toMatchObject({
      sex: 'female',
      nation: '畲',
      expired: true,
    });
    expect(decodeIdCard(data('bad-check-digit'), '20261125')).toMatchObject({ checkDigitValid: false });
    expect(decodeIdCard(data('long-term'), '20991231')).toMatchObject({ validUntil: '长期', expired: false });
    expect(decodeIdCard(Buffer.alloc(10), '20261125')).toBeNull();
  });
});
