/**
 * Frames of the second-generation resident ID card reader (SAM module) serial
 * protocol, both directions. Pure: no timers, no I/O, never throws.
 *
 * Source: 公安部《身份证阅读器模块 SAM 通讯协议》 (GA 467 SAM interface), as
 * restated at https://blog.csdn.net/zhangbijun1230/article/details/85242964
 * and https://softs.im/身份证阅读器通信协议 :
 *
 * | 表3 input (host → reader)  | Preamble | Len1 Len2 | CMD  | Para | Data | CHK_SUM |
 * | 表4 output (reader → host) | Preamble | Len1 Len2 | SW1 SW2 SW3 | Data | CHK_SUM |
 *
 * * Preamble: 5 bytes `AA AA AA 96 69` (3 bytes of frame sync, 2 of frame start).
 * * Len1 Len2: big-endian, the number of bytes after them, CHK_SUM included
 *   (input: CMD + Para + Data + CHK_SUM; output: SW1 + SW2 + SW3 + Data + CHK_SUM).
 * * CHK_SUM: "数据帧中除帧头和校验和之外的数据逐字节按位异或" — the XOR of every
 *   byte except the preamble and the checksum itself, i.e. Len1 through the last data byte.
 *   Vector (find card): `AA AA AA 96 69 00 03 20 01 22`, 00^03^20^01 = 22.
 */

/** `AA AA AA 96 69`: every frame starts with it (表3/表4 Preamble). */
export const PREAMBLE = Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]);
/** Preamble + Len1 + Len2. */
export const HEADER_LENGTH = PREAMBLE.length + 2;
/**
 * Largest Len we accept. The longest answer in the protocol is "read text +
 * photo + fingerprint" (30 10), 2321 bytes on the wire; anything beyond 4 KiB is line noise.
 */
export const MAX_LEN = 4096;
/** Smallest Len: a command is CMD + Para + CHK_SUM. */
export const MIN_LEN = 3;

/** 表9 CMD / Para pairs this project uses. */
export const Command = {
  /** 复位 SAM: 10 FF. */
  resetSam: [0x10, 0xff],
  /** SAM 状态检测: 11 FF. */
  samStatus: [0x11, 0xff],
  /** 读 SAM 管理信息 (SAM id): 12 FF. */
  samId: [0x12, 0xff],
  /** 寻找证/卡: 20 01; SW3 9F = found, 80 = none. */
  findCard: [0x20, 0x01],
  /** 选取证/卡: 20 02; SW3 90 = selected, 81 = failed. */
  selectCard: [0x20, 0x02],
  /** 读身份证固定信息 (text + photo): 30 01; SW3 90 = ok. */
  readBase: [0x30, 0x01],
} as const satisfies Record<string, readonly [number, number]>;
export type CommandName = keyof typeof Command;

/** SW3, the reader's own status code (状态表). */
export const Sw3 = {
  ok: 0x90,
  cardFound: 0x9f,
  badChecksum: 0x10,
  badLength: 0x11,
  badCommand: 0x21,
  unknownError: 0x24,
  readFailed: 0x41,
  /** 阅读器自检失败，不能接收任何命令: the SAM is broken. */
  selfTestFailed: 0x60,
  /** 阅读器未经过授权，无法使用. */
  notAuthorised: 0x66,
  findFailed: 0x80,
  selectFailed: 0x81,
} as const;

/** A command frame's content. */
export interface CommandFrame {
  cmd: number;
  para: number;
  data: Buffer;
}

/** A response frame's content. */
export interface ResponseFrame {
  sw1: number;
  sw2: number;
  sw3: number;
  data: Buffer;
}

/** XOR of the bytes (the protocol's CHK_SUM over Len1 … last data byte). */
export function xorChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let x = 0;
  for (let i = start; i < end; i++) x ^= bytes[i]!;
  return x;
}

/** Preamble, Len (content + 1), content, CHK_SUM. */
function frame(content: Uint8Array): Buffer {
  const out = Buffer.alloc(HEADER_LENGTH + content.length + 1);
  PREAMBLE.copy(out, 0);
  out.writeUInt16BE(content.length + 1, PREAMBLE.length);
  out.set(content, HEADER_LENGTH);
  out[out.length - 1] = xorChecksum(out, PREAMBLE.length, out.length - 1);
  return out;
}

/** Encodes a host → reader command (表3). */
export function encodeCommand(cmd: number, para: number, data: Uint8Array = new Uint8Array()): Buffer {
  return frame(Buffer.concat([Uint8Array.of(cmd & 0xff, para & 0xff), data]));
}

/** Encodes a reader → host response (表4). */
export function encodeResponse(
  sw3: number,
  data: Uint8Array = new Uint8Array(),
  sw1 = 0x00,
  sw2 = 0x00,
): Buffer {
  return frame(Buffer.concat([Uint8Array.of(sw1 & 0xff, sw2 & 0xff, sw3 & 0xff), data]));
}

/** The bytes between Len and CHK_SUM of a checked frame, as the parser yields them. */
export type FrameBody = Buffer;

/** A command's fields from its body; null when it is too short to be one. */
export function decodeCommandBody(body: FrameBody): CommandFrame | null {
  if (body.length < 2) return null;
  return { cmd: body[0]!, para: body[1]!, data: body.subarray(2) };
}

/** A response's fields from its body; null when it is too short to be one. */
export function decodeResponseBody(body: FrameBody): ResponseFrame | null {
  if (body.length < 3) return null;
  return { sw1: body[0]!, sw2: body[1]!, sw3: body[2]!, data: body.subarray(3) };
}

/** Why a whole frame does not decode. */
export type FrameError = 'no-preamble' | 'short' | 'bad-length' | 'bad-checksum';

/**
 * Checks one complete frame (preamble at 0, nothing after it) and returns its
 * body, or why not. For tests and tools; streams go through the parser.
 */
export function decodeFrame(bytes: Uint8Array): { body: FrameBody } | { error: FrameError } {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (b.length < PREAMBLE.length || !b.subarray(0, PREAMBLE.length).equals(PREAMBLE))
    return { error: 'no-preamble' };
  if (b.length < HEADER_LENGTH) return { error: 'short' };
  const len = b.readUInt16BE(PREAMBLE.length);
  if (len < MIN_LEN || len > MAX_LEN) return { error: 'bad-length' };
  if (b.length < HEADER_LENGTH + len) return { error: 'short' };
  if (b.length > HEADER_LENGTH + len) return { error: 'bad-length' };
  const end = HEADER_LENGTH + len - 1;
  if (xorChecksum(b, PREAMBLE.length, end) !== b[end]) return { error: 'bad-checksum' };
  return { body: Buffer.from(b.subarray(HEADER_LENGTH, end)) };
}
