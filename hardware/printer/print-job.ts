import type { DeviceStatus } from '../common/device-status.ts';
import { DeviceDisconnectedError, DeviceError, type DeviceErrorCode } from '../common/errors.ts';
import type { Transport } from '../common/transport.ts';
import type { PrinterDetail, PrinterErrorKind } from './printer-condition.ts';

/** What the agent gets back once the printer has confirmed a job. */
export interface PrintReceipt {
  jobId: string;
  /** ISO time the printer confirmed the job. */
  printedAt: string;
}

/**
 * Why a job was refused or failed: the printer's condition, in words a kiosk
 * screen can map to a message ('paper-out' → 缺纸).
 */
export type PrintFailureReason =
  | 'paper-out'
  | 'cover-open'
  | 'offline'
  /** An error flagged by the printer (`DLE EOT 2` bit 6); `errorKind` says which (`DLE EOT 3`). */
  | 'error'
  | 'disconnected'
  | 'no-answer';

/**
 * A print job that did not print. `code` is 'deviceNotReady' when it was refused
 * before a byte was sent, 'hardwareError' when the printer failed during the job
 * (or its cable went: then `disconnected` too), 'timeOut' when it stopped
 * answering, 'invalidData' for a document the schema rejects.
 */
export class PrintJobError extends DeviceError {
  readonly jobId: string;
  readonly reason: PrintFailureReason | 'invalid-document';
  readonly errorKind: PrinterErrorKind | 'unknown' | undefined;
  constructor(
    code: DeviceErrorCode,
    jobId: string,
    reason: PrintFailureReason | 'invalid-document',
    opts: {
      errorKind?: PrinterErrorKind | 'unknown';
      detail?: string;
      disconnected?: boolean;
      cause?: unknown;
    } = {},
  ) {
    const what = opts.errorKind ? `${reason} (${opts.errorKind})` : reason;
    super(code, `print job ${jobId}: ${what}${opts.detail ? `: ${opts.detail}` : ''}`, opts);
    this.jobId = jobId;
    this.reason = reason;
    this.errorKind = opts.errorKind;
  }
}

/** Why the printer in this condition cannot take a job, or undefined when it can (paper low is fine). */
export function notReadyReason(status: DeviceStatus): PrintFailureReason | undefined {
  const detail = status.detail as Partial<PrinterDetail>;
  if (detail.paper === 'out') return 'paper-out';
  if (detail.cover === 'open') return 'cover-open';
  if (detail.error) return 'error';
  if (status.state === 'offline') return 'offline';
  return undefined;
}

/** Milliseconds `bytes` take on the wire at `baudRate` (10 bits a byte: start, 8 data, stop). */
export function lineTimeMs(bytes: number, baudRate: number): number {
  return (bytes * 10 * 1000) / baudRate;
}

/** How long a job may take to send: its line time with 50 % slack, plus a fixed allowance. */
export function jobTimeoutMs(bytes: number, baudRate: number, allowanceMs: number): number {
  return Math.ceil(lineTimeMs(bytes, baudRate) * 1.5) + allowanceMs;
}

/**
 * Writes `bytes` no faster than the line carries them, in small chunks, so a
 * job's time on the wire is real on a pty too and `stillWanted` is checked
 * between chunks (a job on a port that went away stops at once).
 */
export async function writePaced(
  transport: Transport,
  bytes: Uint8Array,
  baudRate: number,
  stillWanted: () => boolean,
  chunkSize = 32,
): Promise<void> {
  const msPerByte = lineTimeMs(1, baudRate);
  let due = performance.now();
  for (let at = 0; at < bytes.length; at += chunkSize) {
    if (!stillWanted()) throw new DeviceDisconnectedError(`${transport.path}: port closed during the job`);
    const chunk = bytes.subarray(at, at + chunkSize);
    await transport.write(chunk);
    due = Math.max(due, performance.now()) + chunk.length * msPerByte;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** Rejects with `error()` when `promise` has not settled within `ms`. */
export function within<T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
