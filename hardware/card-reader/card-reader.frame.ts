/**
 * The framed protocol of the common Chinese kiosk motorised card readers
 * (Creator CRT-310 / CRT-288 family style). Pure: no timers, no I/O, never throws.
 *
 * Sources (found with the project's search tool; vendors differ in details, so
 * the tables below are the one this project speaks, and the simulator answers):
 *  - SparkFun's KYT-7916 EMV reader sketch (same family): frame STX LEN_H LEN_L
 *    body ETX BCC, BCC = XOR, reply body 'P' + status + data or 'N' + two ASCII
 *    error digits (e.g. "Card Jam", "No Card", "M/S Parity Error", "ICC Contact Error").
 *  - A C# wrapper of Creator's CRT_310.dll (wtPayCommon/CRT310): reset with
 *    eject/keep, front-entry enable/disable, status returning the card position and
 *    the entry setting, MC_ReadTrack (ASCII mode 0x30, track 2 = 0x32),
 *    CPU cold reset (ATR), T=0/T=1 C-APDU, IC power on/off, capture.
 *  - ACT A6 wrapper (yuonceruyi/Terminal ACT_A6_V2.cs): reset 0x30 only / 0x31 eject /
 *    0x32 capture, entry enable/disable, move to front / capture.
 *
 * FRAME (both directions; table A)
 * | byte     | value                                                        |
 * |----------|--------------------------------------------------------------|
 * | STX      | 0xF2                                                         |
 * | ADDR     | reader address, 0x00 by default                              |
 * | LEN      | 2 bytes big-endian: the body's length ('C'/'P'/'N' … data)   |
 * | body     | host→reader: 'C' (0x43) CM PM DATA…                          |
 * |          | reader→host positive: 'P' (0x50) CM PM ST0 ST1 DATA…         |
 * |          | reader→host negative: 'N' (0x4E) CM PM E1 E0 (ASCII digits)  |
 * | ETX      | 0x03                                                         |
 * | BCC      | XOR of every byte from STX through ETX                       |
 * The reader answers a command frame with ACK (0x06) — NAK (0x15) when the frame
 * was bad, and the host retransmits (at most 3 times) — then with its reply frame.
 * This project's host sends no ACK after the reply.
 *
 * COMMANDS (CM, PM; table B)
 * | CM   | PM   | meaning                                   | positive DATA                       |
 * |------|------|-------------------------------------------|-------------------------------------|
 * | 0x30 | 0x30 | initialise, eject any card to the gate    |                                     |
 * | 0x30 | 0x31 | initialise, retain (capture) any card     |                                     |
 * | 0x30 | 0x33 | initialise, keep the card where it is     |                                     |
 * | 0x31 | 0x30 | status                                    | ENTRY ('0' enabled, '1' disabled), 3 ASCII digits: retained count |
 * | 0x32 | 0x30 | move card to the gate (eject, not held)   |                                     |
 * | 0x32 | 0x31 | retain: capture the card into the bin     |                                     |
 * | 0x33 | 0x30 | entry enabled (magnetic + IC cards)       |                                     |
 * | 0x33 | 0x31 | entry disabled                            |                                     |
 * | 0x36 | 0x32 | read magnetic track 2, ASCII              | track 2 characters, no sentinels    |
 * | 0x51 | 0x30 | IC card power on (cold reset)             | ATR                                 |
 * | 0x51 | 0x31 | IC card power off                         |                                     |
 * | 0x51 | 0x39 | APDU exchange (DATA = C-APDU)             | R-APDU, SW1 SW2 last                |
 * An initialise leaves entry disabled, as after power-on.
 *
 * STATUS BYTES of every positive reply (table C)
 * | ST0 | card position                       | ST1 | card media                 |
 * |-----|-------------------------------------|-----|----------------------------|
 * | '0' | no card                             | '0' | none / not recognised      |
 * | '1' | card at the gate (front, not held)  | '1' | magnetic stripe only       |
 * | '2' | card inside, at the RF/IC position  | '2' | IC chip (stripe or not)    |
 *
 * ERROR CODES E1 E0 of a negative reply (table D; after the Creator numbering)
 * | code | meaning                                   |
 * |------|-------------------------------------------|
 * | '00' | undefined command                         |
 * | '01' | command parameter error                   |
 * | '04' | command data error                        |
 * | '10' | card jam — also the answer to status while jammed |
 * | '20' | magnetic read error (parity / LRC)        |
 * | '21' | magnetic track blank (no data)            |
 * | '61' | IC card activation (power on) failed      |
 * | '65' | IC card not activated (APDU before power on) |
 * | '66' | the card has no IC chip                   |
 * | 'A0' | no card (or not where the command needs it) |
 * | 'B0' | not initialised (after power-on, send 0x30 first) |
 */

/** Table A. */
export const STX = 0xf2;
export const ETX = 0x03;
export const ACK = 0x06;
export const NAK = 0x15;
export const BODY_COMMAND = 0x43; // 'C'
export const BODY_POSITIVE = 0x50; // 'P'
export const BODY_NEGATIVE = 0x4e; // 'N'
/** The longest body this project accepts: a 261-byte APDU plus its header, with room to spare. */
export const MAX_BODY = 512;
/** STX ADDR LEN(2) … ETX BCC. */
export const FRAME_OVERHEAD = 6;

/** Table B: the commands, by name. */
export const COMMANDS = {
  initEject: [0x30, 0x30],
  initRetain: [0x30, 0x31],
  initKeep: [0x30, 0x33],
  status: [0x31, 0x30],
  eject: [0x32, 0x30],
  retain: [0x32, 0x31],
  entryEnable: [0x33, 0x30],
  entryDisable: [0x33, 0x31],
  readTrack2: [0x36, 0x32],
  icPowerOn: [0x51, 0x30],
  icPowerOff: [0x51, 0x31],
  apdu: [0x51, 0x39],
} as const satisfies Record<string, readonly [number, number]>;
export type CommandName = keyof typeof COMMANDS;

/** Table C. */
export type CardPosition = 'none' | 'gate' | 'inside';
export type CardMedia = 'none' | 'magnetic' | 'ic';
const POSITION_BYTE: Record<CardPosition, number> = { none: 0x30, gate: 0x31, inside: 0x32 };
const MEDIA_BYTE: Record<CardMedia, number> = { none: 0x30, magnetic: 0x31, ic: 0x32 };

/** Table D. */
export const ERRORS = {
  undefinedCommand: '00',
  parameterError: '01',
  dataError: '04',
  cardJam: '10',
  magReadError: '20',
  magBlank: '21',
  icActivationFailed: '61',
  icNotActivated: '65',
  noChip: '66',
  noCard: 'A0',
  notInitialised: 'B0',
} as const;
export type ErrorName = keyof typeof ERRORS;

export interface CommandFrame {
  type: 'command';
  addr: number;
  cm: number;
  pm: number;
  data: Uint8Array;
}
export interface PositiveReply {
  type: 'positive';
  addr: number;
  cm: number;
  pm: number;
  st0: number;
  st1: number;
  data: Uint8Array;
}
export interface NegativeReply {
  type: 'negative';
  addr: number;
  cm: number;
  pm: number;
  /** E1 E0 as two characters, e.g. '10' (table D). */
  error: string;
}
export type CardReaderFrame = CommandFrame | PositiveReply | NegativeReply;

/** XOR of `bytes[from..to)` (table A: BCC covers STX through ETX). */
export function bcc(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let x = 0;
  for (let i = from; i < to; i++) x ^= bytes[i]!;
  return x;
}

function wrap(addr: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length + FRAME_OVERHEAD);
  out[0] = STX;
  out[1] = addr & 0xff;
  out[2] = (body.length >> 8) & 0xff;
  out[3] = body.length & 0xff;
  out.set(body, 4);
  out[4 + body.length] = ETX;
  out[5 + body.length] = bcc(out, 0, 5 + body.length);
  return out;
}

/** Encodes any frame of table A. */
export function encodeFrame(frame: CardReaderFrame): Uint8Array {
  const { addr, cm, pm } = frame;
  switch (frame.type) {
    case 'command':
      return wrap(addr, Uint8Array.of(BODY_COMMAND, cm, pm, ...frame.data));
    case 'positive':
      return wrap(addr, Uint8Array.of(BODY_POSITIVE, cm, pm, frame.st0, frame.st1, ...frame.data));
    case 'negative': {
      const e = frame.error.padEnd(2, '0');
      return wrap(addr, Uint8Array.of(BODY_NEGATIVE, cm, pm, e.charCodeAt(0) & 0xff, e.charCodeAt(1) & 0xff));
    }
  }
}

/** A host→reader command frame for a named command of table B. */
export function encodeCommand(name: CommandName, data: Uint8Array = new Uint8Array(0), addr = 0): Uint8Array {
  const [cm, pm] = COMMANDS[name];
  return encodeFrame({ type: 'command', addr, cm, pm, data });
}

/**
 * Decodes one complete frame that starts at `bytes[0]`; null when it is not
 * one (wrong STX, length, ETX, BCC, or a body too short for its type).
 */
export function decodeFrame(bytes: Uint8Array): CardReaderFrame | null {
  if (bytes.length < FRAME_OVERHEAD + 3 || bytes[0] !== STX) return null;
  const len = (bytes[2]! << 8) | bytes[3]!;
  if (len < 3 || len > MAX_BODY || bytes.length !== len + FRAME_OVERHEAD) return null;
  if (bytes[4 + len] !== ETX || bcc(bytes, 0, 5 + len) !== bytes[5 + len]) return null;
  return decodeBody(bytes[1]!, bytes.subarray(4, 4 + len));
}

/** The body (between LEN and ETX) as a frame; null when too short for its type. */
export function decodeBody(addr: number, body: Uint8Array): CardReaderFrame | null {
  const [kind, cm, pm] = [body[0], body[1]!, body[2]!];
  if (body.length < 3) return null;
  if (kind === BODY_COMMAND) return { type: 'command', addr, cm, pm, data: body.slice(3) };
  if (body.length < 5) return null;
  if (kind === BODY_POSITIVE) {
    return { type: 'positive', addr, cm, pm, st0: body[3]!, st1: body[4]!, data: body.slice(5) };
  }
  if (kind === BODY_NEGATIVE && body.length === 5) {
    return { type: 'negative', addr, cm, pm, error: String.fromCharCode(body[3]!, body[4]!) };
  }
  return null;
}

/** ST0 (table C) as a position; null for a byte the table does not define. */
export function decodePosition(st0: number): CardPosition | null {
  return st0 === 0x30 ? 'none' : st0 === 0x31 ? 'gate' : st0 === 0x32 ? 'inside' : null;
}

/** ST1 (table C) as card media; 'none' for a byte the table does not define. */
export function decodeMedia(st1: number): CardMedia {
  return st1 === 0x31 ? 'magnetic' : st1 === 0x32 ? 'ic' : 'none';
}

export function encodePosition(position: CardPosition): number {
  return POSITION_BYTE[position];
}

export function encodeMedia(media: CardMedia): number {
  return MEDIA_BYTE[media];
}

/** The name of a table D code, or undefined for a code the table does not list. */
export function errorName(code: string): ErrorName | undefined {
  return (Object.keys(ERRORS) as ErrorName[]).find((k) => ERRORS[k] === code);
}

/** Status DATA (table B, CM 0x31): entry byte and the retained count as 3 ASCII digits. */
export function encodeStatusData(entryEnabled: boolean, retained: number): Uint8Array {
  const count = String(Math.max(0, Math.min(999, Math.trunc(retained)))).padStart(3, '0');
  return Uint8Array.of(entryEnabled ? 0x30 : 0x31, ...Buffer.from(count, 'ascii'));
}

export function decodeStatusData(data: Uint8Array): { entryEnabled: boolean; retained?: number } {
  const entryEnabled = data[0] === 0x30;
  const digits = Buffer.from(data.subarray(1, 4)).toString('latin1');
  return /^\d{3}$/.test(digits) ? { entryEnabled, retained: Number(digits) } : { entryEnabled };
}
