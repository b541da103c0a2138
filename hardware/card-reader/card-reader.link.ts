import { DeviceError, type DeviceErrorCode } from '../common/errors.ts';
import type { Transport } from '../common/transport.ts';
import { Waitress } from '../common/waitress.ts';
import {
  COMMANDS,
  type CommandName,
  ERRORS,
  encodeCommand,
  errorName,
  type PositiveReply,
} from './card-reader.frame.ts';
import { type CardReaderItem, CardReaderParser } from './card-reader.parser.ts';

/** A negative reply (card-reader.frame.ts, table D), with its code. */
export class CardReaderError extends DeviceError {
  /** E1 E0, e.g. '10' for a jam. */
  readonly replyCode: string;
  constructor(command: string, replyCode: string) {
    super(
      codeFor(replyCode),
      `${command}: the reader answered error ${replyCode} (${errorName(replyCode) ?? 'unknown'})`,
    );
    this.replyCode = replyCode;
  }
}

function codeFor(replyCode: string): DeviceErrorCode {
  switch (replyCode) {
    case ERRORS.undefinedCommand:
      return 'unsupportedCommand';
    case ERRORS.noCard:
    case ERRORS.notInitialised:
    case ERRORS.icNotActivated:
      return 'deviceNotReady';
    case ERRORS.magReadError:
    case ERRORS.magBlank:
    case ERRORS.icActivationFailed:
    case ERRORS.noChip:
    case ERRORS.dataError:
      return 'invalidData';
    default:
      return 'hardwareError';
  }
}

export interface CardReaderLinkOptions {
  transport: Transport;
  addr?: number;
  /** How long the reader may take to ACK a command frame. */
  ackTimeoutMs?: number;
  /** How long the reply frame may take after the command (motion and reads take a while). */
  replyTimeoutMs?: number;
  /** Resends after a NAK (table A: at most 3). */
  maxRetransmits?: number;
  interByteTimeoutMs?: number;
}

export interface CardReaderLinkCounters {
  retransmits: number;
  garbageBytes: number;
  badFrames: number;
  /** ACKs, NAKs and frames nobody waited for. */
  unexpected: number;
}

/**
 * The command layer of table A: one command at a time (the line is half
 * duplex), ACK or NAK and retransmission, then the reply frame matched by
 * CM PM. A negative reply rejects with `CardReaderError`.
 */
export class CardReaderLink {
  private readonly transport: Transport;
  private readonly addr: number;
  private readonly ackTimeoutMs: number;
  private readonly replyTimeoutMs: number;
  private readonly maxRetransmits: number;
  private readonly interByteTimeoutMs: number;
  private readonly parser: CardReaderParser;
  private readonly waitress = new Waitress<CardReaderItem>();
  private queue: Promise<unknown> = Promise.resolve();
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly stats = { retransmits: 0, unexpected: 0 };

  constructor({
    transport,
    addr = 0,
    ackTimeoutMs = 300,
    replyTimeoutMs = 2000,
    maxRetransmits = 3,
    interByteTimeoutMs = 100,
  }: CardReaderLinkOptions) {
    this.transport = transport;
    this.addr = addr;
    this.ackTimeoutMs = ackTimeoutMs;
    this.replyTimeoutMs = replyTimeoutMs;
    this.maxRetransmits = maxRetransmits;
    this.interByteTimeoutMs = interByteTimeoutMs;
    this.parser = new CardReaderParser(interByteTimeoutMs);
  }

  get counters(): CardReaderLinkCounters {
    const { garbageBytes, badFrames } = this.parser.counters;
    return { ...this.stats, garbageBytes, badFrames };
  }

  /** Feed every chunk from the transport here. */
  readonly onData = (chunk: Buffer): void => {
    this.deliver(this.parser.push(chunk));
    clearTimeout(this.flushTimer);
    if (this.parser.pending) {
      this.flushTimer = setTimeout(() => this.deliver(this.parser.flush()), this.interByteTimeoutMs);
    }
  };

  /** Fails every pending and queued wait (the port went away). */
  rejectAll(error: Error): void {
    clearTimeout(this.flushTimer);
    this.parser.flush();
    this.waitress.rejectAll(error);
  }

  /** Sends one command of table B once the previous one is done; resolves with its positive reply. */
  exec(name: CommandName, data?: Uint8Array, replyTimeoutMs = this.replyTimeoutMs): Promise<PositiveReply> {
    const run = this.queue.then(() => this.run(name, data, replyTimeoutMs));
    this.queue = run.catch(() => {});
    return run;
  }

  private async run(
    name: CommandName,
    data: Uint8Array | undefined,
    replyTimeoutMs: number,
  ): Promise<PositiveReply> {
    const [cm, pm] = COMMANDS[name];
    const frame = encodeCommand(name, data, this.addr);
    const reply = this.waitress.waitFor(
      (item) =>
        item.kind === 'frame' &&
        item.frame.type !== 'command' &&
        item.frame.addr === this.addr &&
        item.frame.cm === cm &&
        item.frame.pm === pm,
      replyTimeoutMs,
      name,
    );
    try {
      for (let attempt = 0; ; attempt++) {
        const ack = this.waitress.waitFor(
          (i) => i.kind === 'ack' || i.kind === 'nak',
          this.ackTimeoutMs,
          `${name} (ACK)`,
        );
        // A reply whose ACK was lost on the line still counts: race it against the ACK.
        const first = await Promise.race([
          Promise.all([this.transport.write(frame), ack.promise]).then(([, item]) => item.kind),
          reply.promise.then(() => 'reply' as const),
        ]).finally(() => ack.cancel());
        if (first !== 'nak') break;
        if (attempt >= this.maxRetransmits) {
          throw new DeviceError(
            'hardwareError',
            `${name}: the reader refused the frame ${attempt + 1} times (NAK)`,
          );
        }
        this.stats.retransmits += 1;
      }
      const item = await reply.promise;
      const answer = (item as Extract<CardReaderItem, { kind: 'frame' }>).frame;
      if (answer.type === 'negative') throw new CardReaderError(name, answer.error);
      return answer as PositiveReply;
    } catch (err) {
      reply.cancel();
      throw err;
    }
  }

  private deliver(items: CardReaderItem[]): void {
    for (const item of items) {
      if (item.kind === 'bad') continue;
      if (!this.waitress.resolve(item)) this.stats.unexpected += 1;
    }
  }
}
