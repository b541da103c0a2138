/**
 * How long each ESC/POS command is, so a decoder can step over the ones it
 * does not act on without losing its place. Lengths from the Epson "ESC/POS
 * Command Reference" (TM-T88 series: "Command list by function") and, for the
 * FS commands of Chinese models, the SP91 / HCC POS80B / BP-002 manuals.
 * Pure lookups, never throw.
 */

const DLE = 0x10;
const ESC = 0x1b;
const FS = 0x1c;

export const LEN = { INCOMPLETE: -1, UNKNOWN: -2 } as const;

/** A command whose payload is counted off rather than kept (images), or walked part by part. */
export type SkipSpec =
  | { header: number; skip: number; image: boolean }
  | { header: number; multi: { kind: 'user-chars' | 'nv-images'; remaining: number; y: number } };

/** Fixed total lengths, by second byte. */
const ESC_FIXED: Record<number, number> = {
  12: 2, // ESC FF  print data in page mode
  32: 3, // ESC SP n  right-side character spacing
  33: 3, // ESC ! n  print mode
  36: 4, // ESC $ nL nH  absolute print position
  37: 3, // ESC % n  user-defined character set on/off
  45: 3, // ESC - n  underline
  50: 2, // ESC 2  default line spacing
  51: 3, // ESC 3 n  line spacing
  60: 2, // ESC <  return home
  61: 3, // ESC = n  peripheral device
  63: 3, // ESC ? n  cancel user-defined character
  64: 2, // ESC @  initialise
  65: 3, // ESC A n  line spacing (1/60 in, some models)
  43: 3, // ESC + n  line spacing (1/360 in, some models)
  69: 3, // ESC E n  emphasised
  70: 3, // ESC F n  (slip) / fixed-length on Chinese models
  71: 3, // ESC G n  double-strike
  74: 3, // ESC J n  print and feed n dots
  75: 3, // ESC K n  print and reverse feed
  76: 2, // ESC L  page mode
  77: 3, // ESC M n  character font
  82: 3, // ESC R n  international character set
  83: 2, // ESC S  standard mode
  84: 3, // ESC T n  print direction in page mode
  85: 3, // ESC U n  unidirectional printing
  86: 3, // ESC V n  90° rotation
  87: 10, // ESC W xL xH yL yH dxL dxH dyL dyH  page-mode print area
  92: 4, // ESC \ nL nH  relative print position
  97: 3, // ESC a n  justification
  99: 4, // ESC c 3/4/5 n  paper sensors, panel buttons
  100: 3, // ESC d n  print and feed n lines
  101: 3, // ESC e n  print and reverse feed n lines
  102: 4, // ESC f t1 t2  slip wait time
  105: 2, // ESC i  full cut (obsolete)
  109: 2, // ESC m  partial cut (obsolete)
  112: 5, // ESC p m t1 t2  drawer kick pulse
  114: 3, // ESC r n  print colour
  116: 3, // ESC t n  character code table
  117: 3, // ESC u n  transmit peripheral status
  118: 2, // ESC v  transmit paper sensor status
  123: 3, // ESC { n  upside-down
};

const FS_FIXED: Record<number, number> = {
  14: 2, // FS SO  Chinese double width (SPRT)
  20: 2, // FS DC4  cancel Chinese double width (SPRT)
  33: 3, // FS ! n  Chinese print mode
  38: 2, // FS &  Chinese character mode
  45: 3, // FS - n  Chinese underline
  46: 2, // FS .  cancel Chinese character mode
  50: 75, // FS 2 c1 c2 d1..d72  user-defined Chinese character
  67: 3, // FS C n  character code system
  73: 3, // FS I n  Chinese character rotation (SPRT)
  74: 2, // FS J  vertical print (SPRT)
  75: 2, // FS K  horizontal print (SPRT)
  83: 4, // FS S n1 n2  Chinese character spacing
  87: 3, // FS W n  Chinese quadruple size
  112: 4, // FS p n m  print NV bit image
};

const GS_FIXED: Record<number, number> = {
  33: 3, // GS ! n  character size
  36: 4, // GS $ nL nH  absolute vertical position in page mode
  47: 3, // GS / m  print downloaded bit image
  58: 2, // GS :  start/end macro definition
  66: 3, // GS B n  reverse (white/black)
  69: 3, // GS E n  print speed / density (Chinese models)
  72: 3, // GS H n  HRI position
  73: 3, // GS I n  transmit printer ID
  76: 4, // GS L nL nH  left margin
  80: 4, // GS P x y  motion units
  84: 3, // GS T n  print position to beginning of line
  87: 4, // GS W nL nH  print area width
  92: 4, // GS \ nL nH  relative vertical position in page mode
  94: 5, // GS ^ r t m  execute macro
  97: 3, // GS a n  automatic status back
  98: 3, // GS b n  smoothing
  102: 3, // GS f n  HRI font
  104: 3, // GS h n  barcode height
  114: 3, // GS r n  transmit status
  119: 3, // GS w n  barcode module width
  124: 3, // GS | n  print density
};

const u16 = (buf: Uint8Array, at: number): number => buf[at]! | (buf[at + 1]! << 8);

/** Scans for the NUL ending a variable command; `max` data bytes at most. */
function untilNul(buf: Uint8Array, from: number, avail: number, i: number, max: number): number {
  const limit = Math.min(i + avail, from + max + 1);
  for (let k = from; k < limit; k++) if (buf[k] === 0) return k - i + 1;
  // No NUL within `max` bytes: the command ends there (a printer would stop reading too).
  return i + avail >= from + max + 1 ? from + max + 1 - i : LEN.INCOMPLETE;
}

/**
 * Length of the command starting `a c` at `buf[i]` (`avail` bytes from i on):
 * a total length (the decoder waits for all of it), a SkipSpec (header now,
 * payload counted off), INCOMPLETE (more bytes needed to tell) or UNKNOWN.
 */
export function commandLength(
  a: number,
  c: number,
  buf: Uint8Array,
  i: number,
  avail: number,
): number | SkipSpec | typeof LEN.INCOMPLETE | typeof LEN.UNKNOWN {
  if (a === DLE) {
    if (c === 0x04 || c === 0x05) return 3; // DLE EOT n, DLE ENQ n
    if (c === 0x14) {
      // DLE DC4 fn ...: fn 1 (pulse) and 2 (power off) take 5 bytes, fn 8 (clear buffers) 10.
      if (avail < 3) return LEN.INCOMPLETE;
      const fn = buf[i + 2]!;
      return fn === 8 ? 10 : fn === 7 ? 4 : 5;
    }
    return 1; // a stray DLE is just a control character
  }
  if (a === ESC) {
    if (c === 0x44) return untilNul(buf, i + 2, avail, i, 32); // ESC D: up to 32 tab positions + NUL
    if (c === 0x2a) {
      // ESC * m nL nH d1..dk: k = n (8-dot modes 0, 1) or 3n (24-dot modes 32, 33)
      if (avail < 5) return LEN.INCOMPLETE;
      const m = buf[i + 2]!;
      return { header: 5, skip: u16(buf, i + 3) * (m >= 32 ? 3 : 1), image: true };
    }
    if (c === 0x26) {
      // ESC & y c1 c2 [x d1..d(y×x)]…: one part per character c1..c2
      if (avail < 5) return LEN.INCOMPLETE;
      const y = buf[i + 2]!;
      const count = buf[i + 4]! - buf[i + 3]! + 1;
      return { header: 5, multi: { kind: 'user-chars', remaining: Math.max(count, 0), y } };
    }
    if (c === 0x28) return parenthesised(buf, i, avail, false); // ESC ( fn pL pH …
    return ESC_FIXED[c] ?? LEN.UNKNOWN;
  }
  if (a === FS) {
    if (c === 0x28) return parenthesised(buf, i, avail, false); // FS ( fn pL pH …
    if (c === 0x71) {
      // FS q n [xL xH yL yH d1..d(x×y×8)]…: define NV bit images
      if (avail < 3) return LEN.INCOMPLETE;
      return { header: 3, multi: { kind: 'nv-images', remaining: buf[i + 2]!, y: 0 } };
    }
    return FS_FIXED[c] ?? LEN.UNKNOWN;
  }
  // GS
  switch (c) {
    case 0x56: // GS V m [n]: m 0, 1, 48, 49 without n; 65, 66, 97, 98, 103, 104 with n
      if (avail < 3) return LEN.INCOMPLETE;
      return [0, 1, 48, 49].includes(buf[i + 2]!) ? 3 : 4;
    case 0x76: // GS v 0 m xL xH yL yH d1..d(x×y): raster bit image
      if (avail < 8) return LEN.INCOMPLETE;
      return { header: 8, skip: u16(buf, i + 4) * u16(buf, i + 6), image: true };
    case 0x38: // GS 8 L p1 p2 p3 p4 m fn …: graphics data with a 32-bit length
      if (avail < 7) return LEN.INCOMPLETE;
      return {
        header: 7,
        skip: (u16(buf, i + 3) + u16(buf, i + 5) * 0x10000) >>> 0,
        image: buf[i + 2] === 0x4c,
      };
    case 0x2a: // GS * x y d1..d(x×y×8): define downloaded bit image
      if (avail < 4) return LEN.INCOMPLETE;
      return { header: 4, skip: buf[i + 2]! * buf[i + 3]! * 8, image: false };
    case 0x51: // GS Q 0 m xL xH yL yH d1..d(x×y): variable-size raster image
      if (avail < 8) return LEN.INCOMPLETE;
      return { header: 8, skip: u16(buf, i + 4) * u16(buf, i + 6), image: true };
    case 0x28: // GS ( X pL pH …; GS ( k (2D codes) is kept whole, the others are stepped over
      return parenthesised(buf, i, avail, true);
    case 0x6b: {
      // GS k m …: function A (m 0-6) data + NUL; function B (m 65-79) n + n bytes
      if (avail < 3) return LEN.INCOMPLETE;
      const m = buf[i + 2]!;
      if (m <= 6) return untilNul(buf, i + 3, avail, i, 255);
      if (avail < 4) return LEN.INCOMPLETE;
      return 4 + buf[i + 3]!;
    }
    default:
      return GS_FIXED[c] ?? LEN.UNKNOWN;
  }
}

/** `X ( fn pL pH d1..d(pL + 256·pH)`: 2D codes (GS ( k) are kept whole, the rest skipped. */
function parenthesised(buf: Uint8Array, i: number, avail: number, gs: boolean): number | SkipSpec {
  if (avail < 5) return LEN.INCOMPLETE;
  const p = u16(buf, i + 3);
  if (gs && buf[i + 2] === 0x6b) return 5 + p;
  // GS ( L m fn: print stored graphics (fn 50) follows receiptline's GS 8 L images: not an image of its own.
  return { header: 5, skip: p, image: false };
}
