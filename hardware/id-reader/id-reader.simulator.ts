import type { Logger } from 'pino';
import { SimulatorPort } from '../common/simulator-port.ts';
import { encodeBaseInfo, encodeIdCardText } from './id-card-text.ts';
import { Command, decodeCommandBody, encodeResponse, Sw3 } from './id-reader.frame.ts';
import { IdReaderFrameParser } from './id-reader.parser.ts';
import { VIRTUAL_ID_CARDS, type VirtualIdCardId, virtualPhoto } from './id-reader-cards.ts';

export interface IdReaderSimulatorOptions {
  /** The simulator's end of the pty pair, e.g. the rig's `id-reader.sim`. */
  path: string;
  /** 115200 is the SAM module's default (表1 UART 接口参数). */
  baudRate?: number;
  logger: Logger;
  /** While its port is gone the simulator tries to reopen it this often. */
  reopenIntervalMs?: number;
}

/** What the simulated reader is doing, as the rig shows it. */
export interface IdReaderSimState {
  /** The virtual card on the reader, or null. */
  card: VirtualIdCardId | null;
  sam: 'ok' | 'fault';
  plugged: boolean;
}

/** What the simulator received, for tests. */
export interface IdReaderSimCounters {
  commands: number;
  finds: number;
  selects: number;
  reads: number;
  /** Frames the simulator rejected (bad checksum or Len are dropped by its parser and counted there). */
  badCommands: number;
}

const key = (cmd: number, para: number): number => (cmd << 8) | para;
const FIND = key(...Command.findCard);
const SELECT = key(...Command.selectCard);
const READ = key(...Command.readBase);
const RESET = key(...Command.resetSam);
const STATUS = key(...Command.samStatus);
const SAM_ID = key(...Command.samId);

/**
 * The far end of a resident ID card reader's serial line: answers find,
 * select, read, reset and SAM status like a SAM module, at the real baud rate,
 * with a deck of virtual cards. Fault injection: a broken SAM (every command
 * answers SW3 60), garbage on the line, unplug (the reader sends nothing).
 */
export class IdReaderSimulator {
  private readonly port: SimulatorPort;
  private readonly parser = new IdReaderFrameParser();
  private readonly sim: Omit<IdReaderSimState, 'plugged'> = { card: null, sam: 'ok' };
  private readonly received: IdReaderSimCounters = {
    commands: 0,
    finds: 0,
    selects: 0,
    reads: 0,
    badCommands: 0,
  };
  private selected = false;
  /** A card was swapped for another: the next find sees the gap in between. */
  private gapPending = false;

  constructor({ path, baudRate = 115200, logger, reopenIntervalMs = 200 }: IdReaderSimulatorOptions) {
    // 256-byte chunks (22 ms at 115200 baud): each paced chunk can arrive a timer tick late and the
    // lateness adds up, so fewer, larger chunks keep a 1295-byte answer's last byte near its line time.
    this.port = new SimulatorPort({ path, baudRate, logger, reopenIntervalMs, maxChunk: 256 });
    this.port.on('data', (chunk) => this.onData(chunk));
    this.port.on('close', () => this.parser.reset());
  }

  open(): Promise<void> {
    return this.port.open();
  }

  close(): Promise<void> {
    return this.port.close();
  }

  get isOpen(): boolean {
    return this.port.isOpen;
  }

  state(): IdReaderSimState {
    return { ...this.sim, plugged: this.port.plugged };
  }

  get counters(): Readonly<IdReaderSimCounters> {
    return { ...this.received };
  }

  /** Lays a virtual card on the reader; a card already there is taken away first. */
  present(cardId: VirtualIdCardId): void {
    if (!Object.hasOwn(VIRTUAL_ID_CARDS, cardId)) throw new Error(`no virtual ID card '${cardId}'`);
    if (this.sim.card !== null) this.gapPending = true;
    this.sim.card = cardId;
    this.selected = false;
  }

  withdraw(): void {
    this.sim.card = null;
    this.selected = false;
    this.gapPending = false;
  }

  /** A broken SAM answers every command with SW3 60 (阅读器自检失败). */
  setSamFault(fault: boolean): void {
    this.sim.sam = fault ? 'fault' : 'ok';
  }

  unplug(): void {
    this.port.unplug();
  }

  replug(): void {
    this.port.replug();
  }

  injectGarbage(bytes: Uint8Array): void {
    this.port.injectGarbage(bytes);
  }

  private onData(chunk: Buffer): void {
    for (const body of this.parser.push(chunk)) {
      const command = decodeCommandBody(body);
      if (!command) {
        this.received.badCommands += 1;
        this.port.send(encodeResponse(Sw3.badLength));
        continue;
      }
      this.received.commands += 1;
      this.execute(key(command.cmd, command.para));
    }
  }

  private execute(command: number): void {
    const { sw3, data } = this.answer(command);
    this.port.send(encodeResponse(sw3, data));
  }

  /** SW3 and data for one command (状态表: 90 ok, 9F found, 80/81/41 find/select/read failed, 21 bad command). */
  private answer(command: number): { sw3: number; data?: Uint8Array } {
    if (this.sim.sam === 'fault') return { sw3: Sw3.selfTestFailed };
    const card = this.sim.card;
    switch (command) {
      case RESET:
      case STATUS:
        return { sw3: Sw3.ok };
      case SAM_ID:
        return { sw3: Sw3.ok, data: Buffer.from('0501000020160815000000001234', 'hex') };
      case FIND:
        this.received.finds += 1;
        if (this.gapPending) {
          this.gapPending = false;
          return { sw3: Sw3.findFailed };
        }
        // 找卡成功 answers the card's IIN (4 bytes); ours is zero.
        return card ? { sw3: Sw3.cardFound, data: Buffer.alloc(4) } : { sw3: Sw3.findFailed };
      case SELECT:
        this.received.selects += 1;
        if (!card) return { sw3: Sw3.selectFailed };
        this.selected = true;
        // 选卡成功 answers the card's serial number (8 bytes).
        return { sw3: Sw3.ok, data: Buffer.alloc(8) };
      case READ: {
        this.received.reads += 1;
        if (!card || !this.selected) return { sw3: Sw3.readFailed };
        const text = encodeIdCardText(VIRTUAL_ID_CARDS[card]);
        return { sw3: Sw3.ok, data: encodeBaseInfo(text, virtualPhoto(card)) };
      }
      default:
        this.received.badCommands += 1;
        return { sw3: Sw3.badCommand };
    }
  }
}
