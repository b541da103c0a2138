/**
 * The kiosk's QR codes (components/qr-display/qr-matrix.ts, on lean-qr) against the `qrcode` package,
 * module by module: byte mode, level M, every version 1–40, every mask, and the mask each picks
 * (for URLs like the kiosk's, also the mask each picks). The same modules as a proven encoder
 * mean a phone reads ours.
 */
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrMatrix, qrSvg } from '../../../kiosk-ui/src/components/qr-display/qr-matrix.ts';

/** The modules `qrcode` draws for `text` in byte mode at level M, as rows of booleans. */
function reference(text: string, maskPattern?: number): { version: number; rows: boolean[][] } {
  const options: QRCode.QRCodeOptions = { errorCorrectionLevel: 'M' };
  if (maskPattern !== undefined) options.maskPattern = maskPattern as QRCode.QRCodeMaskPattern;
  const code = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], options);
  const { size, data } = code.modules;
  const rows = Array.from({ length: size }, (_, r) =>
    Array.from(data.subarray(r * size, (r + 1) * size), Boolean),
  );
  return { version: code.version, rows };
}

/** Bytes of UTF-8 that fill version `v` at level M to the last byte, from byte-mode capacity. */
const FILLS = [
  14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666, 711, 779,
  857, 911, 997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331,
];

describe('QR matrix', () => {
  it('when a receipt URL is encoded, then every module equals what qrcode draws, mask chosen the same way', () => {
    for (const text of [
      'http://127.0.0.1:7400/r/Zk3q9A-bT_0xYw2LmN7pQ1sR',
      'http://127.0.0.1:7400/sandbox/gateway/pay/0b6c2a9e-5f7d-4c1e-9a3b-2d8e6f4a1c7b',
      'https://hub.example.cn/r/pay-0001',
      '缴费凭条 ¥42.80',
      'a',
    ]) {
      const ref = reference(text);
      expect(qrMatrix(text), text).toEqual(ref.rows);
    }
  });

  it('when a text fills each version 1–40 to its capacity, then every mask of it equals qrcode’s', () => {
    FILLS.forEach((bytes, i) => {
      const text = Array.from({ length: bytes }, (_, k) => String.fromCharCode(33 + ((k * 7 + i) % 90))).join(
        '',
      );
      const ref = reference(text, i % 8);
      expect(ref.version, `${bytes} bytes`).toBe(i + 1);
      expect(qrMatrix(text, i % 8), `version ${i + 1}`).toEqual(ref.rows);
      // One more byte needs the next version.
      if (i < 39) expect(qrMatrix(`${text}x`).length).toBe((i + 2) * 4 + 17);
    });
  });

  it('when random texts are encoded, then each mask is qrcode’s and the one picked is a valid one', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let n = 0; n < 60; n++) {
      const length = 1 + (next() % 200);
      const text = Array.from({ length }, () => String.fromCharCode(32 + (next() % 95))).join('');
      // Masks only make a code easier to read; each encoder scores them its own way, so for some
      // texts they pick different ones. Forced to the same mask the codes are equal, and the one
      // picked is always one of qrcode's eight.
      const mask = n % 8;
      expect(qrMatrix(text, mask), `${text} mask ${mask}`).toEqual(reference(text, mask).rows);
      const picked = JSON.stringify(qrMatrix(text));
      const candidates = Array.from({ length: 8 }, (_, m) => JSON.stringify(reference(text, m).rows));
      expect(candidates, text).toContain(picked);
    }
  });

  it('when more than version 40 holds, then it refuses rather than draw a wrong code', () => {
    expect(() => qrMatrix('x'.repeat(2332))).toThrow(RangeError);
  });

  it('when drawn as SVG, then its quiet zone is two modules and its paths cover exactly the dark modules', () => {
    const text = 'http://127.0.0.1:7400/r/abc';
    const rows = qrMatrix(text);
    const svg = qrSvg(text);
    const side = rows.length + 4;
    expect(svg).toContain(`viewBox="0 0 ${side} ${side}"`);
    const d = /fill="#000000" d="([^"]+)"/.exec(svg)?.[1] ?? '';
    const drawn = new Set<string>();
    for (const [, x, y, run] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
      for (let k = 0; k < Number(run); k++) drawn.add(`${Number(y) - 2},${Number(x) - 2 + k}`);
    }
    const dark = rows.flatMap((row, r) => row.flatMap((on, c) => (on ? [`${r},${c}`] : [])));
    expect([...drawn].sort()).toEqual(dark.sort());
  });
});
