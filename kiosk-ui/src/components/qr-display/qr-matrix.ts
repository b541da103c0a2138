/**
 * A QR code's modules and its SVG, by `lean-qr` (3.6 KiB gzip, in this chunk of its own): byte
 * mode (UTF-8), error correction level M, the mask chosen by the standard's penalty. Module for
 * module the same code as the `qrcode` package draws (test/kiosk-ui/components/qr-matrix.test.ts),
 * which the receipt printer's renderer uses; `qrcode` itself is too big for the kiosk's budget.
 */
import { correction, generate, type Mask, mode } from 'lean-qr';

/**
 * The dark (true) and light modules, row by row, without the quiet zone. `mask` (0–7) forces a
 * mask pattern instead of the best one. Throws a RangeError past version 40's 2,331 bytes.
 */
export function qrMatrix(text: string, mask?: number): boolean[][] {
  let code: ReturnType<typeof generate>;
  try {
    code = generate(mode.bytes(new TextEncoder().encode(text)), {
      minCorrectionLevel: correction.M,
      maxCorrectionLevel: correction.M,
      mask: mask === undefined ? null : (mask as Mask),
    });
  } catch (err) {
    throw new RangeError(`too long for a QR code (${(err as Error).message})`);
  }
  return Array.from({ length: code.size }, (_, y) =>
    Array.from({ length: code.size }, (_, x) => code.get(x, y)),
  );
}

/** The code as an SVG (each row's runs of dark modules in one path), with `margin` modules of quiet zone. */
export function qrSvg(text: string, margin = 2): string {
  const m = qrMatrix(text);
  const side = m.length + margin * 2;
  let d = '';
  m.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      if (!row[c]) continue;
      let run = 1;
      while (row[c + run]) run++;
      d += `M${c + margin} ${r + margin}h${run}v1h-${run}z`;
      c += run;
    }
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges"><path fill="#ffffff" d="M0 0h${side}v${side}H0z"/><path fill="#000000" d="${d}"/></svg>`;
}
