/**
 * A QR code's modules for a string (ISO/IEC 18004): byte mode (UTF-8), error correction level M,
 * the smallest version that holds it, and the mask with the lowest penalty score (the four rules
 * of 18004 §7.8.3, scored as the `qrcode` package scores them, so both draw the same code).
 * The kiosk shows URLs, so the numeric, alphanumeric and kanji modes of a full encoder are left
 * out, and with them most of its size. After Project Nayuki's QR Code generator (MIT).
 */

// Level M, by version 1–40 (index 0 unused): error correction codewords per block, and blocks (Table 9).
const ECC_PER_BLOCK = [
  0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28,
  28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
];
const BLOCKS = [
  0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29,
  31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
];

/** Modules of a version left for data and error correction, after every function pattern. */
function rawModules(version: number): number {
  let n = (16 * version + 128) * version + 64;
  if (version >= 2) {
    const align = Math.floor(version / 7) + 2;
    n -= (25 * align - 10) * align - 55;
    if (version >= 7) n -= 36;
  }
  return n;
}

const dataCodewords = (v: number) =>
  Math.floor(rawModules(v) / 8) - (ECC_PER_BLOCK[v] ?? 0) * (BLOCKS[v] ?? 0);

/** Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x^2 + 1. */
function mul(x: number, y: number): number {
  let z = 0;
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d);
    z ^= ((y >>> i) & 1) * x;
  }
  return z;
}

/** The Reed–Solomon generator polynomial of `degree`, highest coefficient (1) left out. */
function divisor(degree: number): number[] {
  const poly = new Array<number>(degree).fill(0);
  poly[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < degree; j++) {
      poly[j] = mul(poly[j] ?? 0, root) ^ (poly[j + 1] ?? 0);
    }
    root = mul(root, 2);
  }
  return poly;
}

function remainder(data: number[], poly: number[]): number[] {
  const out = poly.map(() => 0);
  for (const byte of data) {
    const factor = byte ^ (out.shift() ?? 0);
    out.push(0);
    poly.forEach((coef, i) => {
      out[i] = (out[i] ?? 0) ^ mul(coef, factor);
    });
  }
  return out;
}

/** Data codewords split into blocks, each with its error correction, interleaved (§7.6). */
function interleave(data: number[], version: number): number[] {
  const blocks = BLOCKS[version] ?? 1;
  const eccLen = ECC_PER_BLOCK[version] ?? 0;
  const raw = Math.floor(rawModules(version) / 8);
  const short = blocks - (raw % blocks);
  const shortLen = Math.floor(raw / blocks);
  const poly = divisor(eccLen);
  const all: number[][] = [];
  for (let i = 0, k = 0; i < blocks; i++) {
    const part = data.slice(k, k + shortLen - eccLen + (i < short ? 0 : 1));
    k += part.length;
    const ecc = remainder(part, poly);
    if (i < short) part.push(0);
    all.push([...part, ...ecc]);
  }
  const out: number[] = [];
  for (let i = 0; i <= shortLen; i++) {
    all.forEach((block, j) => {
      if (i !== shortLen - eccLen || j >= short) out.push(block[i] ?? 0);
    });
  }
  return out;
}

/** Where the alignment patterns' centres are, on each axis (Annex E). */
function alignments(version: number): number[] {
  if (version === 1) return [];
  const n = Math.floor(version / 7) + 2;
  const step = version === 32 ? 26 : Math.ceil((version * 4 + 4) / (n * 2 - 2)) * 2;
  const out = [6];
  for (let p = version * 4 + 10; out.length < n; p -= step) out.splice(1, 0, p);
  return out;
}

const MASKS: ((row: number, col: number) => boolean)[] = [
  (r, c) => (r + c) % 2 === 0,
  (r) => r % 2 === 0,
  (_, c) => c % 3 === 0,
  (r, c) => (r + c) % 3 === 0,
  (r, c) => (Math.floor(r / 2) + Math.floor(c / 3)) % 2 === 0,
  (r, c) => ((r * c) % 2) + ((r * c) % 3) === 0,
  (r, c) => (((r * c) % 2) + ((r * c) % 3)) % 2 === 0,
  (r, c) => (((r * c) % 3) + ((r + c) % 2)) % 2 === 0,
];

/** Rule 1: each run of five or more modules of one colour scores 3, plus 1 per module over five. */
const runScore = (run: number) => (run >= 5 ? run - 2 : 0);

/** The penalty of a masked symbol (§7.8.3): runs, 2×2 blocks, finder look-alikes, dark balance. */
function penalty(m: boolean[][]): number {
  const size = m.length;
  const at = (r: number, c: number) => (m[r]?.[c] ? 1 : 0);
  let points = 0;
  let dark = 0;
  for (let a = 0; a < size; a++) {
    let runRow = 0;
    let runCol = 0;
    let bitsRow = 0;
    let bitsCol = 0;
    for (let b = 0; b < size; b++) {
      dark += at(a, b);
      if (b > 0 && at(a, b) === at(a, b - 1)) runRow++;
      else {
        points += runScore(runRow);
        runRow = 1;
      }
      if (b > 0 && at(b, a) === at(b - 1, a)) runCol++;
      else {
        points += runScore(runCol);
        runCol = 1;
      }
      // Rule 3: 1:1:3:1:1 with four light modules on one side, as 11 bits.
      bitsRow = ((bitsRow << 1) & 0x7ff) | at(a, b);
      bitsCol = ((bitsCol << 1) & 0x7ff) | at(b, a);
      if (b >= 10 && (bitsRow === 0x5d0 || bitsRow === 0x05d)) points += 40;
      if (b >= 10 && (bitsCol === 0x5d0 || bitsCol === 0x05d)) points += 40;
      // Rule 2: every 2×2 block of one colour.
      if (a < size - 1 && b < size - 1) {
        const four = at(a, b) + at(a, b + 1) + at(a + 1, b) + at(a + 1, b + 1);
        if (four === 0 || four === 4) points += 3;
      }
    }
    points += runScore(runRow) + runScore(runCol);
  }
  // Rule 4: 10 for each 5 % the dark share is away from half.
  return points + Math.abs(Math.ceil((dark * 100) / (size * size) / 5) - 10) * 10;
}

/**
 * The dark (true) and light modules, row by row, without the quiet zone. `mask` (0–7) forces a
 * mask pattern instead of the best one. Throws a RangeError past version 40's 2,331 bytes.
 */
export function qrMatrix(text: string, mask?: number): boolean[][] {
  const bytes = new TextEncoder().encode(text);
  let version = 1;
  while (4 + (version < 10 ? 8 : 16) + bytes.length * 8 > dataCodewords(version) * 8) {
    if (++version > 40) throw new RangeError('too long for a QR code');
  }
  // Mode indicator 0100 (byte), the count, the bytes, a terminator, then pad codewords (§7.4).
  const bits: number[] = [];
  const put = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  put(4, 4);
  put(bytes.length, version < 10 ? 8 : 16);
  for (const byte of bytes) put(byte, 8);
  const capacity = dataCodewords(version) * 8;
  put(0, Math.min(4, capacity - bits.length));
  put(0, (8 - (bits.length % 8)) % 8);
  for (let pad = 0xec; bits.length < capacity; pad ^= 0xec ^ 0x11) put(pad, 8);
  const data: number[] = [];
  for (let i = 0; i < bits.length; i += 8) data.push(bits.slice(i, i + 8).reduce((a, b) => (a << 1) | b, 0));

  const size = version * 4 + 17;
  const grid = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  const fixed = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  const set = (row: number, col: number, dark: boolean) => {
    const r = grid[row];
    const f = fixed[row];
    if (!r || !f || col < 0 || col >= size) return;
    r[col] = dark;
    f[col] = true;
  };
  for (let i = 0; i < size; i++) {
    set(6, i, i % 2 === 0);
    set(i, 6, i % 2 === 0);
  }
  // Finder patterns with their separators, in three corners.
  for (const [row, col] of [
    [3, 3],
    [3, size - 4],
    [size - 4, 3],
  ] as const) {
    for (let dr = -4; dr <= 4; dr++)
      for (let dc = -4; dc <= 4; dc++) {
        const d = Math.max(Math.abs(dr), Math.abs(dc));
        if (row + dr >= 0 && col + dc >= 0) set(row + dr, col + dc, d !== 2 && d !== 4);
      }
  }
  const centres = alignments(version);
  const last = centres.length - 1;
  for (const [i, row] of centres.entries()) {
    for (const [j, col] of centres.entries()) {
      // Not where a finder pattern is.
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) continue;
      for (let dr = -2; dr <= 2; dr++)
        for (let dc = -2; dc <= 2; dc++) set(row + dr, col + dc, Math.max(Math.abs(dr), Math.abs(dc)) !== 1);
    }
  }
  const format = (m: number) => {
    // Level M is 00 (Table 12); BCH(15,5) then the mask pattern 101010000010010 (§7.9).
    let rem = m;
    for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
    const word = ((m << 10) | rem) ^ 0x5412;
    const bit = (i: number) => ((word >>> i) & 1) === 1;
    for (let i = 0; i < 15; i++) {
      set(i < 6 ? i : i < 8 ? i + 1 : size - 15 + i, 8, bit(i));
      set(8, i < 8 ? size - 1 - i : i < 9 ? 15 - i : 14 - i, bit(i));
    }
    set(size - 8, 8, true);
  };
  format(0);
  if (version >= 7) {
    let rem = version;
    for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
    const word = (version << 12) | rem;
    for (let i = 0; i < 18; i++) {
      const dark = ((word >>> i) & 1) === 1;
      set(Math.floor(i / 3), size - 11 + (i % 3), dark);
      set(size - 11 + (i % 3), Math.floor(i / 3), dark);
    }
  }
  // The codewords, two columns at a time from the bottom right, up and down in turn (§7.7.3).
  const stream = interleave(data, version);
  let i = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let vert = 0; vert < size; vert++)
      for (let j = 0; j < 2; j++) {
        const col = right - j;
        const row = ((right + 1) & 2) === 0 ? size - 1 - vert : vert;
        const r = grid[row];
        if (r && !fixed[row]?.[col] && i < stream.length * 8) {
          r[col] = (((stream[i >>> 3] ?? 0) >>> (7 - (i & 7))) & 1) === 1;
          i++;
        }
      }
  }
  const masked = (m: number) => {
    format(m);
    const pattern = MASKS[m] ?? MASKS[0]!;
    return grid.map((r, row) =>
      r.map((dark, col) => (fixed[row]?.[col] ? dark : dark !== pattern(row, col))),
    );
  };
  if (mask !== undefined) return masked(mask);
  let best = masked(0);
  let lowest = penalty(best);
  for (let m = 1; m < 8; m++) {
    const candidate = masked(m);
    const score = penalty(candidate);
    if (score < lowest) [best, lowest] = [candidate, score];
  }
  return best;
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
