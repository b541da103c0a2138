/**
 * ESC/POS real-time status, `DLE EOT n` (hex `10 04 n`), both directions.
 * Pure: no timers, no I/O, never throws.
 *
 * Bit tables: Epson ESC/POS command reference, "DLE EOT n — Transmit real-time
 * status" (TM-T88III Specification (STANDARD) rev. B, sheets 73–74; the same
 * tables in the TM-U220 and TM-L60II technical references):
 *
 * | bit | n=1 printer        | n=2 offline cause      | n=3 error cause         | n=4 roll paper sensor       |
 * |-----|--------------------|------------------------|-------------------------|-----------------------------|
 * | 0   | fixed 0            | fixed 0                | fixed 0                 | fixed 0                     |
 * | 1   | fixed 1            | fixed 1                | fixed 1                 | fixed 1                     |
 * | 2   | drawer pin 3 HIGH  | cover open             | undefined               | near-end (2 and 3 together) |
 * | 3   | offline            | paper fed by FEED btn  | autocutter error        | near-end (2 and 3 together) |
 * | 4   | fixed 1            | fixed 1                | fixed 1                 | fixed 1                     |
 * | 5   | reserved           | printing stopped, paper end | unrecoverable error | paper end (5 and 6 together)|
 * | 6   | reserved           | error occurred         | auto-recoverable error  | paper end (5 and 6 together)|
 * | 7   | fixed 0            | fixed 0                | fixed 0                 | fixed 0                     |
 */

/** `DLE` (0x10) and `EOT` (0x04): the real-time status request prefix. */
export const DLE = 0x10;
export const EOT = 0x04;
/** `ESC @` (1B 40): initialise printer — clears the buffer and resets modes, keeps the paper sensors. */
export const INITIALIZE = Uint8Array.of(0x1b, 0x40);

/** Which status `DLE EOT n` asks for. */
export type StatusRequest = 1 | 2 | 3 | 4;

/** Bits fixed in every status byte: 0 = 0, 1 = 1, 4 = 1, 7 = 0 (all four tables). */
const FIXED_MASK = 0x93;
const FIXED_VALUE = 0x12;

/** n = 1, printer status. */
export interface PrinterStatusFlags {
  n: 1;
  drawerPin3High: boolean;
  offline: boolean;
}

/** n = 2, offline cause. */
export interface OfflineCauseFlags {
  n: 2;
  coverOpen: boolean;
  feedButton: boolean;
  paperEndStop: boolean;
  error: boolean;
}

/** n = 3, error cause. */
export interface ErrorCauseFlags {
  n: 3;
  autocutterError: boolean;
  unrecoverableError: boolean;
  autoRecoverableError: boolean;
}

/** n = 4, roll paper sensor. */
export interface RollPaperFlags {
  n: 4;
  nearEnd: boolean;
  paperEnd: boolean;
}

export type StatusFlags = PrinterStatusFlags | OfflineCauseFlags | ErrorCauseFlags | RollPaperFlags;
type FlagsFor<N extends StatusRequest> = Extract<StatusFlags, { n: N }>;
/** The flags of one answer, without the `n` tag: what `encodeStatusByte` takes. */
export type StatusBits<N extends StatusRequest> = Partial<Omit<FlagsFor<N>, 'n'>>;

/** `DLE EOT n`: the three bytes that ask for status `n`. */
export function encodeStatusRequest(n: StatusRequest): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
}

/** True for a byte that can be a real-time status answer: fixed bits 0,1,4,7 = 0,1,1,0. */
export function isStatusByte(byte: number): boolean {
  return Number.isInteger(byte) && byte >= 0 && byte <= 0xff && (byte & FIXED_MASK) === FIXED_VALUE;
}

const bit = (byte: number, b: number): boolean => (byte & (1 << b)) !== 0;

/** Decodes the answer to `DLE EOT n`; `null` when the byte is not a valid status byte. */
export function decodeStatusByte<N extends StatusRequest>(n: N, byte: number): FlagsFor<N> | null;
export function decodeStatusByte(n: StatusRequest, byte: number): StatusFlags | null {
  if (!isStatusByte(byte)) return null;
  switch (n) {
    case 1:
      return { n, drawerPin3High: bit(byte, 2), offline: bit(byte, 3) };
    case 2:
      return {
        n,
        coverOpen: bit(byte, 2),
        feedButton: bit(byte, 3),
        paperEndStop: bit(byte, 5),
        error: bit(byte, 6),
      };
    case 3:
      return {
        n,
        autocutterError: bit(byte, 3),
        unrecoverableError: bit(byte, 5),
        autoRecoverableError: bit(byte, 6),
      };
    case 4:
      // Epson sets bits 2+3 (near-end) and 5+6 (end) together. Some compatibles report two
      // near-end sensors on 2 and 3 separately (Citizen CT-S2000, "Continuous paper detector
      // status"), so either near-end bit counts; bit 6 alone can be a presenter sensor
      // (Citizen PPU-231II), so only bit 5 means the roll is out.
      return { n, nearEnd: bit(byte, 2) || bit(byte, 3), paperEnd: bit(byte, 5) };
    default:
      return null;
  }
}

/** Builds the status byte a printer answers to `DLE EOT n` (what the simulator sends). */
export function encodeStatusByte<N extends StatusRequest>(n: N, flags: StatusBits<N>): number;
export function encodeStatusByte(n: StatusRequest, flags: Record<string, boolean | undefined>): number {
  const on = (name: string, mask: number): number => (flags[name] ? mask : 0);
  switch (n) {
    case 1:
      return FIXED_VALUE | on('drawerPin3High', 0x04) | on('offline', 0x08);
    case 2:
      return (
        FIXED_VALUE |
        on('coverOpen', 0x04) |
        on('feedButton', 0x08) |
        on('paperEndStop', 0x20) |
        on('error', 0x40)
      );
    case 3:
      return (
        FIXED_VALUE |
        on('autocutterError', 0x08) |
        on('unrecoverableError', 0x20) |
        on('autoRecoverableError', 0x40)
      );
    case 4:
      return FIXED_VALUE | on('nearEnd', 0x0c) | on('paperEnd', 0x60);
    default:
      return FIXED_VALUE;
  }
}
