import type { Logger } from 'pino';
import { SimulatorPort } from '../common/simulator-port.ts';
import { CardApplet, findCard, VIRTUAL_CARDS, type VirtualCard } from './card-reader.cards.ts';
import {
  ACK,
  type CardPosition,
  COMMANDS,
  type CommandFrame,
  type CommandName,
  ERRORS,
  type ErrorName,
  encodeFrame,
  encodeMedia,
  encodePosition,
  encodeStatusData,
  NAK,
} from './card-reader.frame.ts';
import { type CardReaderItem, CardReaderParser } from './card-reader.parser.ts';

export interface CardReaderSimulatorOptions {
  /** The simulator's end of the pty pair, e.g. the rig's `card-reader.sim`. */
  path: string;
  baudRate?: number;
  logger: Logger;
  /** The reader's address (card-reader.frame.ts, table A); frames for another address are ignored. */
  addr?: number;
  /** How long the motor takes to pull an inserted card from the gate inside. */
  motorMs?: number;
  reopenIntervalMs?: number;
  interByteTimeoutMs?: number;
}

/** What the simulated reader is doing, as the rig shows it. */
export interface CardReaderSimState {
  position: CardPosition;
  /** The id of the card in the reader (at the gate or inside), or null. */
  cardId: string | null;
  entryEnabled: boolean;
  jammed: boolean;
  retained: number;
  plugged: boolean;
  initialised: boolean;
  icPowered: boolean;
}

export interface CardReaderSimCounters {
  /** Good command frames, by "CM PM" in hex, e.g. `31 30`. */
  commands: Record<string, number>;
  naksSent: number;
  badFrames: number;
}

/**
 * The far end of a motorised card reader's serial line: answers the framed
 * protocol of card-reader.frame.ts like a CRT-310-style reader, at the real
 * baud rate, over virtual cards (card-reader.cards.ts). Fault injection: jam,
 * NAKs (line noise), garbage bytes, unplug (power lost: it forgets its
 * initialisation, as a real reader does).
 */
export class CardReaderSimulator {
  private readonly port: SimulatorPort;
  private readonly parser: CardReaderParser;
  private readonly addr: number;
  private readonly motorMs: number;
  private readonly interByteTimeoutMs: number;
  private readonly sim: Omit<CardReaderSimState, 'plugged'> = {
    position: 'none',
    cardId: null,
    entryEnabled: false,
    jammed: false,
    retained: 0,
    initialised: false,
    icPowered: false,
  };
  private readonly received: CardReaderSimCounters = { commands: {}, naksSent: 0, badFrames: 0 };
  private applet: CardApplet | undefined;
  private naksToSend = 0;
  private nakOnly: readonly [number, number] | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private motorTimer: NodeJS.Timeout | undefined;

  constructor({
    path,
    baudRate = 9600,
    logger,
    addr = 0,
    motorMs = 150,
    reopenIntervalMs = 200,
    interByteTimeoutMs = 100,
  }: CardReaderSimulatorOptions) {
    this.addr = addr;
    this.motorMs = motorMs;
    this.interByteTimeoutMs = interByteTimeoutMs;
    this.parser = new CardReaderParser(interByteTimeoutMs);
    this.port = new SimulatorPort({ path, baudRate, logger, reopenIntervalMs });
    this.port.on('data', (chunk) => this.onData(chunk));
  }

  open(): Promise<void> {
    return this.port.open();
  }

  close(): Promise<void> {
    for (const t of [this.flushTimer, this.motorTimer]) clearTimeout(t);
    return this.port.close();
  }

  get isOpen(): boolean {
    return this.port.isOpen;
  }

  state(): CardReaderSimState {
    return { ...this.sim, plugged: this.port.plugged };
  }

  get counters(): Readonly<CardReaderSimCounters> {
    return { ...this.received, commands: { ...this.received.commands } };
  }

  /** The cards a person can insert. */
  cards(): readonly VirtualCard[] {
    return VIRTUAL_CARDS;
  }

  /**
   * A person pushes a card into the slot: it reaches the gate, and the motor
   * pulls it inside when entry is enabled; otherwise it is refused and stays
   * at the gate. False when the slot is not free or the card is unknown.
   */
  insert(cardId: string): boolean {
    const card = findCard(cardId);
    if (!card || this.sim.position !== 'none' || this.sim.jammed) return false;
    this.sim.position = 'gate';
    this.sim.cardId = card.id;
    if (this.sim.entryEnabled) {
      clearTimeout(this.motorTimer);
      this.motorTimer = setTimeout(() => {
        if (this.sim.position === 'gate' && this.sim.cardId === card.id && !this.sim.jammed) {
          this.sim.position = 'inside';
        }
      }, this.motorMs);
    }
    return true;
  }

  /** A person takes the card from the gate. False when there is none there (a card inside is held). */
  remove(): boolean {
    if (this.sim.position !== 'gate') return false;
    clearTimeout(this.motorTimer);
    this.sim.position = 'none';
    this.sim.cardId = null;
    return true;
  }

  /** The card sticks in the transport: every command answers N '10' until cleared. */
  jam(): void {
    this.sim.jammed = true;
    clearTimeout(this.motorTimer);
  }

  clearJam(): void {
    this.sim.jammed = false;
  }

  setJammed(jammed: boolean): void {
    if (jammed) this.jam();
    else this.clearJam();
  }

  /**
   * Answers the next `count` good command frames with NAK, as if the line had corrupted them;
   * with `only`, just frames of that command (table B), so a status poll in between keeps its answer.
   */
  nakNext(count: number, only?: CommandName): void {
    this.naksToSend = Math.max(0, Math.trunc(count));
    this.nakOnly = only ? COMMANDS[only] : undefined;
  }

  /** Power or cable gone: sends nothing, forgets what was queued and its initialisation. */
  unplug(): void {
    this.port.unplug();
    this.sim.initialised = false;
    this.sim.entryEnabled = false;
    this.sim.icPowered = false;
  }

  replug(): void {
    this.port.replug();
  }

  /** Bytes on the line as if from the reader, paced like any other output. */
  injectGarbage(bytes: Uint8Array): void {
    this.port.injectGarbage(bytes);
  }

  private onData(chunk: Buffer): void {
    this.handle(this.parser.push(chunk));
    clearTimeout(this.flushTimer);
    if (this.parser.pending) {
      this.flushTimer = setTimeout(() => this.handle(this.parser.flush()), this.interByteTimeoutMs);
    }
  }

  private handle(items: CardReaderItem[]): void {
    for (const item of items) {
      if (!this.port.plugged) return;
      if (item.kind === 'bad') {
        this.received.badFrames += 1;
        this.sendNak();
      } else if (item.kind === 'frame' && item.frame.type === 'command' && item.frame.addr === this.addr) {
        const targeted =
          !this.nakOnly || (item.frame.cm === this.nakOnly[0] && item.frame.pm === this.nakOnly[1]);
        if (this.naksToSend > 0 && targeted) {
          this.naksToSend -= 1;
          this.sendNak();
          continue;
        }
        // ACK then the reply frame (table A), as one paced write: one timer, not two.
        this.port.send(Uint8Array.of(ACK, ...this.execute(item.frame)));
      }
    }
  }

  private sendNak(): void {
    this.received.naksSent += 1;
    this.port.send(Uint8Array.of(NAK));
  }

  /** One command of table B, answered per tables C and D (card-reader.frame.ts). */
  private execute(command: CommandFrame): Uint8Array {
    const { cm, pm, data } = command;
    const key = `${hex(cm)} ${hex(pm)}`;
    this.received.commands[key] = (this.received.commands[key] ?? 0) + 1;
    const sim = this.sim;
    const card = sim.cardId ? findCard(sim.cardId) : undefined;
    const ok = (payload: Uint8Array = new Uint8Array(0)) => this.positive(command, payload);
    const fail = (error: ErrorName) => this.negative(command, error);

    if (sim.jammed) return fail('cardJam');
    if (!sim.initialised && cm !== 0x30) return fail('notInitialised');
    switch (cm) {
      case 0x30: {
        if (pm !== 0x30 && pm !== 0x31 && pm !== 0x33) return fail('parameterError');
        if (pm === 0x30 && sim.position === 'inside') sim.position = 'gate';
        if (pm === 0x31 && sim.position !== 'none') this.capture();
        sim.initialised = true;
        sim.entryEnabled = false;
        this.powerOff();
        return ok();
      }
      case 0x31:
        if (pm !== 0x30) return fail('parameterError');
        return ok(encodeStatusData(sim.entryEnabled, sim.retained));
      case 0x32:
        if (pm !== 0x30 && pm !== 0x31) return fail('parameterError');
        if (sim.position === 'none') return fail('noCard');
        clearTimeout(this.motorTimer);
        this.powerOff();
        if (pm === 0x30) sim.position = 'gate';
        else this.capture();
        return ok();
      case 0x33:
        if (pm !== 0x30 && pm !== 0x31) return fail('parameterError');
        sim.entryEnabled = pm === 0x30;
        return ok();
      case 0x36:
        if (pm !== 0x32) return fail('parameterError');
        if (!card || sim.position !== 'inside') return fail('noCard');
        if (card.stripeDamaged) return fail('magReadError');
        if (!card.track2) return fail('magBlank');
        return ok(Buffer.from(card.track2, 'ascii'));
      case 0x51:
        if (pm === 0x31) {
          this.powerOff();
          return ok();
        }
        if (!card || sim.position !== 'inside') return fail('noCard');
        if (pm === 0x30) {
          if (!card.atr) return fail(card.media === 'magnetic' ? 'noChip' : 'icActivationFailed');
          sim.icPowered = true;
          this.applet = new CardApplet(card);
          return ok(card.atr);
        }
        if (pm === 0x39) {
          if (!sim.icPowered || !this.applet) return fail('icNotActivated');
          if (data.length < 4) return fail('dataError');
          return ok(this.applet.exchange(data));
        }
        return fail('parameterError');
      default:
        return fail('undefinedCommand');
    }
  }

  private capture(): void {
    this.sim.position = 'none';
    this.sim.cardId = null;
    this.sim.retained += 1;
  }

  private powerOff(): void {
    this.sim.icPowered = false;
    this.applet = undefined;
  }

  private positive(command: CommandFrame, data: Uint8Array): Uint8Array {
    const card = this.sim.cardId ? findCard(this.sim.cardId) : undefined;
    return encodeFrame({
      type: 'positive',
      addr: command.addr,
      cm: command.cm,
      pm: command.pm,
      st0: encodePosition(this.sim.position),
      st1: encodeMedia(card?.media ?? 'none'),
      data,
    });
  }

  private negative(command: CommandFrame, error: ErrorName): Uint8Array {
    return encodeFrame({
      type: 'negative',
      addr: command.addr,
      cm: command.cm,
      pm: command.pm,
      error: ERRORS[error],
    });
  }
}

const hex = (b: number): string => b.toString(16).padStart(2, '0');
