import iconv from 'iconv-lite';

/**
 * The barcode / QR scanner's serial bytes, both directions. Pure, never throws.
 *
 * Scanner → host, "ASCII line mode": each decoded symbol is sent as its data
 * followed by a CR suffix (0x0D; many scanners are set to CR LF, so LF ends a
 * line too and an empty line is ignored).
 *
 * Host → scanner, the Honeywell serial trigger commands (Honeywell N86 /
 * Xenon / Granit user guides, "Serial Programming Commands → Trigger
 * Commands"; the same in Newland's and many OEM engines' guides). With the
 * scanner in Manual/Serial Trigger Mode (TRGMOD0):
 *
 * | command    | ASCII     | hex      |
 * |------------|-----------|----------|
 * | Activate   | SYN T CR  | 16 54 0D |
 * | Deactivate | SYN U CR  | 16 55 0D |
 *
 * "The engine scans until a bar code has been read, until the deactivate
 * command is sent, or until the serial time-out has been reached": the host
 * re-activates after each read and now and then while it wants scans.
 * The commands are not acknowledged (only `SYN M CR` menu commands answer ACK).
 */

export const SYN = 0x16;
export const CR = 0x0d;
export const LF = 0x0a;
/** `SYN T CR`: activate the trigger (scan). */
export const TRIGGER_ON = Uint8Array.of(SYN, 0x54, CR);
/** `SYN U CR`: deactivate the trigger. */
export const TRIGGER_OFF = Uint8Array.of(SYN, 0x55, CR);

export type ScanEncoding = 'utf8' | 'gb18030';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of one scanned line. QR payloads are UTF-8 from most generators but
 * GB18030 from many Chinese billers' systems: bytes that are valid UTF-8 are
 * UTF-8 (ASCII is both), anything else is read as GB18030.
 */
export function decodeScanText(line: Uint8Array): { text: string; encoding: ScanEncoding } {
  try {
    return { text: utf8.decode(line), encoding: 'utf8' };
  } catch {
    return { text: iconv.decode(Buffer.from(line), 'gb18030'), encoding: 'gb18030' };
  }
}

/** What a scanner sends for one symbol: the text's bytes and the CR (or CR LF) suffix. */
export function encodeScanLine(
  text: string,
  encoding: ScanEncoding = 'utf8',
  suffix: 'CR' | 'CRLF' = 'CR',
): Buffer {
  const body = encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8');
  return Buffer.concat([body, suffix === 'CR' ? Uint8Array.of(CR) : Uint8Array.of(CR, LF)]);
}

/** A host → scanner command the simulator understands. */
export type ScannerCommand =
  | { type: 'trigger-on' }
  | { type: 'trigger-off' }
  | { type: 'other'; letter: number };

/**
 * An accumulator over host → scanner bytes yielding `SYN x CR` commands; other
 * bytes are skipped. Holds at most two bytes. Never throws.
 */
export class ScannerCommandParser {
  private held: number[] = [];

  push(chunk: Uint8Array): ScannerCommand[] {
    const out: ScannerCommand[] = [];
    for (const byte of chunk) {
      if (this.held.length === 0) {
        if (byte === SYN) this.held.push(byte);
        continue;
      }
      if (this.held.length === 1) {
        this.held.push(byte);
        continue;
      }
      const letter = this.held[1]!;
      this.held = byte === SYN ? [SYN] : [];
      if (byte !== CR) continue;
      out.push(
        letter === 0x54
          ? { type: 'trigger-on' }
          : letter === 0x55
            ? { type: 'trigger-off' }
            : { type: 'other', letter },
      );
    }
    return out;
  }
}
