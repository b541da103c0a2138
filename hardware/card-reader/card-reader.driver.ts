import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { DeviceConnection } from '../common/device-connection.ts';
import type { DeviceState, DeviceStatus } from '../common/device-status.ts';
import {
  DeviceDisconnectedError,
  DeviceError,
  DeviceNotReadyError,
  DeviceTimeoutError,
} from '../common/errors.ts';
import type { Transport } from '../common/transport.ts';
import {
  type CardMedia,
  type CardPosition,
  type CommandName,
  decodeMedia,
  decodePosition,
  decodeStatusData,
  ERRORS,
  type PositiveReply,
} from './card-reader.frame.ts';
import { CardReaderError, CardReaderLink, type CardReaderLinkCounters } from './card-reader.link.ts';
import {
  decodeHolderRecord,
  maskIdNumber,
  maskName,
  readBinary,
  type SocialSecurityHolder,
  SW,
  selectByName,
  selectEf,
  statusWord,
} from './social-security.apdu.ts';
import { maskPan, parseTrack2, type Track2 } from './track2.ts';

export type CardReaderOfflineReason = 'not-started' | 'stopped' | 'port-unavailable' | 'no-answer';

/** `DeviceStatus.detail` of the card reader. */
export interface CardReaderDetail {
  card: CardPosition | 'jammed';
  entry: 'enabled' | 'disabled';
  /** Cards captured into the bin, as the reader counts them. */
  retainedCount?: number;
  /** Set when `state` is 'offline'. */
  reason?: CardReaderOfflineReason;
}

export type CardKind = 'magnetic' | 'ic' | 'unknown';

export interface CardReaderEvents {
  status: [DeviceStatus];
  /** A card went inside the reader. */
  cardInserted: [{ kind: CardKind }];
  /** A card left without an eject (refused at the gate and taken back, or gone from inside). */
  cardRemoved: [];
  /** The resident took the card from the gate after an eject. */
  cardTaken: [];
  /** The card was captured into the bin: asked for, or left at the gate longer than `retainAfterMs`. */
  cardRetained: [{ reason: 'requested' | 'notTaken' }];
}

export interface CardReaderDriverOptions {
  transport: Transport;
  logger: Logger;
  /** The reader's address (card-reader.frame.ts, table A). */
  addr?: number;
  pollIntervalMs?: number;
  ackTimeoutMs?: number;
  replyTimeoutMs?: number;
  reconnectIntervalMs?: number;
  /** An ejected card not taken from the gate within this time is retained. */
  retainAfterMs?: number;
  /** What initialising does with a card found in the reader (table B, CM 0x30). */
  initMode?: 'eject' | 'retain' | 'keep';
}

const INIT_COMMAND: Record<'eject' | 'retain' | 'keep', CommandName> = {
  eject: 'initEject',
  retain: 'initRetain',
  keep: 'initKeep',
};
const KIND: Record<CardMedia, CardKind> = { magnetic: 'magnetic', ic: 'ic', none: 'unknown' };

/**
 * The motorised card reader: opens its port, initialises the reader, polls
 * its status, reports insert/removal/take events, reads track 2, IC cards
 * (APDUs) and the social-security card, ejects and retains. It never gives
 * up: a missing port is retried, a vanished one reopened and the reader
 * initialised again, with entry restored to what was last asked for.
 */
export class CardReaderDriver extends EventEmitter<CardReaderEvents> {
  private readonly transport: Transport;
  private readonly logger: Logger;
  private readonly link: CardReaderLink;
  private readonly pollIntervalMs: number;
  private readonly connection: DeviceConnection<CardReaderDetail>;
  private readonly retainAfterMs: number;
  private readonly initMode: 'eject' | 'retain' | 'keep';
  private connected = false;
  private retainTimer: NodeJS.Timeout | undefined;
  /** Last known card position; null until the reader has told us. */
  private position: CardPosition | null = null;
  private jammed = false;
  private entryEnabled = false;
  /** What the kiosk last asked for; restored after a reconnect. */
  private wantEntry = false;
  private retained: number | undefined;
  /** The card at the gate was put there by an eject (so its removal is a take). */
  private ejected = false;

  constructor({
    transport,
    logger,
    addr = 0,
    pollIntervalMs = 200,
    ackTimeoutMs = 300,
    replyTimeoutMs = 2000,
    reconnectIntervalMs = 1000,
    retainAfterMs = 30_000,
    initMode = 'eject',
  }: CardReaderDriverOptions) {
    super();
    this.transport = transport;
    this.logger = logger;
    this.link = new CardReaderLink({ transport, addr, ackTimeoutMs, replyTimeoutMs });
    this.pollIntervalMs = pollIntervalMs;
    this.retainAfterMs = retainAfterMs;
    this.initMode = initMode;
    this.connection = new DeviceConnection<CardReaderDetail>({
      device: 'card-reader',
      name: 'card reader',
      transport,
      logger,
      reconnectIntervalMs,
      detail: { card: 'none', entry: 'disabled', reason: 'not-started' },
      hooks: {
        onData: this.link.onData,
        onOpen: (session) => this.opened(session),
        onOpenFailed: (err) => {
          if (this.reason() !== 'port-unavailable') {
            this.logger.warn({ err, path: this.transport.path }, 'card reader port unavailable; retrying');
          }
          this.setOffline('port-unavailable');
        },
        onSessionEnd: () => {
          this.connected = false;
          clearTimeout(this.retainTimer);
          this.link.rejectAll(new DeviceDisconnectedError(`${this.transport.path}: port closed`));
        },
        onLost: () => this.setOffline('port-unavailable'),
        onStatus: (status) => this.emit('status', status),
      },
    });
  }

  status(): DeviceStatus {
    return this.connection.status;
  }

  get counters(): CardReaderLinkCounters & { timeouts: number; reconnects: number } {
    return { ...this.link.counters, timeouts: this.timeoutCount, reconnects: this.connection.reconnects };
  }
  private timeoutCount = 0;

  /** Starts polling. Resolves after the first attempt to open and initialise; never rejects. */
  start(): Promise<void> {
    return this.connection.start();
  }

  async stop(): Promise<void> {
    if (!this.connection.running) return;
    await this.connection.stop();
    this.setOffline('stopped');
  }

  /** Lets cards in (magnetic and IC), table B 0x33 0x30. */
  async enableEntry(): Promise<void> {
    this.wantEntry = true;
    await this.command('entryEnable');
    this.entryEnabled = true;
    this.publish();
  }

  /** Refuses cards at the gate, table B 0x33 0x31. */
  async disableEntry(): Promise<void> {
    this.wantEntry = false;
    await this.command('entryDisable');
    this.entryEnabled = false;
    this.publish();
  }

  /** Sends the card to the gate; retains it if nobody takes it within `retainAfterMs`. */
  async eject(): Promise<void> {
    const reply = await this.command('eject');
    this.observe(reply);
    this.ejected = this.position === 'gate';
    this.armRetain();
  }

  /** Captures the card into the bin. */
  async retain(): Promise<void> {
    await this.capture('requested');
  }

  /** Reads magnetic track 2. `raw` is for memory only; logs carry the masked PAN. */
  async readTrack2(): Promise<Track2> {
    const reply = await this.command('readTrack2');
    const track = parseTrack2(Buffer.from(reply.data).toString('latin1'));
    if (!track) throw new DeviceError('invalidData', 'readTrack2: the track is not ISO 7813 track 2');
    this.logger.info({ pan: maskPan(track.pan) }, 'track 2 read');
    return track;
  }

  /** Powers the IC card on (cold reset); resolves with the ATR. */
  async icPowerOn(): Promise<Uint8Array> {
    return (await this.command('icPowerOn')).data;
  }

  async icPowerOff(): Promise<void> {
    await this.command('icPowerOff');
  }

  /** One APDU to the powered IC card; resolves with the R-APDU (SW1 SW2 last). */
  async apdu(capdu: Uint8Array): Promise<Uint8Array> {
    return (await this.command('apdu', capdu)).data;
  }

  /** The social-security dialogue of social-security.apdu.ts: power on, SELECT, SELECT EF, READ BINARY, power off. */
  async readSocialSecurityCard(): Promise<SocialSecurityHolder> {
    await this.icPowerOn();
    try {
      const expectOk = (step: string, rapdu: Uint8Array): Uint8Array => {
        const sw = statusWord(rapdu);
        if (sw !== SW.ok) {
          throw new DeviceError(
            'invalidData',
            `social-security card: ${step} answered SW ${sw.toString(16).padStart(4, '0')}`,
          );
        }
        return rapdu.subarray(0, rapdu.length - 2);
      };
      expectOk('SELECT application', await this.apdu(selectByName()));
      expectOk('SELECT EF06', await this.apdu(selectEf()));
      const holder = decodeHolderRecord(expectOk('READ BINARY', await this.apdu(readBinary())));
      if (!holder)
        throw new DeviceError('invalidData', 'social-security card: EF06 holds no number and name');
      this.logger.info(
        { number: maskIdNumber(holder.number), name: maskName(holder.name) },
        'social-security card read',
      );
      return holder;
    } finally {
      await this.icPowerOff().catch((err: unknown) => this.logger.warn({ err }, 'IC power off failed'));
    }
  }

  /** Asks the reader for its status now and resolves with the resulting `DeviceStatus`. */
  async refresh(): Promise<DeviceStatus> {
    try {
      const reply = await this.command('status');
      this.connection.answered();
      this.jammed = false;
      const { entryEnabled, retained } = decodeStatusData(reply.data);
      this.entryEnabled = entryEnabled;
      if (retained !== undefined) this.retained = retained;
      this.observe(reply);
    } catch (err) {
      if (!(err instanceof CardReaderError && err.replyCode === ERRORS.cardJam)) throw err;
      if (!this.jammed) this.logger.warn('card jam');
      this.jammed = true;
      this.publish();
    }
    return this.connection.status;
  }

  private async command(name: CommandName, data?: Uint8Array): Promise<PositiveReply> {
    if (!this.connection.running || !this.connected) {
      throw new DeviceNotReadyError(
        `${name}: the card reader is ${this.connection.running ? 'offline' : 'not started'}`,
      );
    }
    try {
      return await this.link.exec(name, data);
    } catch (err) {
      if (err instanceof CardReaderError && err.replyCode === ERRORS.cardJam && !this.jammed) {
        this.jammed = true;
        this.publish();
      }
      throw err;
    }
  }

  /** The port is open: initialise the reader and start polling. */
  private async opened(session: number): Promise<void> {
    this.connected = true;
    this.logger.info({ path: this.transport.path }, 'card reader port open');
    await this.initialise(session);
    await this.poll(session);
  }

  /** Table B 0x30, then entry as last asked for. Failures are left to the poll loop. */
  private async initialise(session: number): Promise<void> {
    try {
      const reply = await this.link.exec(INIT_COMMAND[this.initMode]);
      if (!this.isCurrent(session)) return;
      this.jammed = false;
      this.entryEnabled = false;
      const before = this.position;
      this.position = decodePosition(reply.st0) ?? 'none';
      if (this.position === 'gate' && before !== 'gate') {
        // The initialise ejected a card left inside: the resident has `retainAfterMs` to take it.
        this.ejected = true;
        this.armRetain();
      }
      if (this.wantEntry) {
        await this.link.exec('entryEnable');
        this.entryEnabled = true;
      }
    } catch (err) {
      if (err instanceof CardReaderError && err.replyCode === ERRORS.cardJam) this.jammed = true;
      this.logger.warn({ err }, 'initialise failed');
    }
  }

  private async poll(session: number): Promise<void> {
    if (!this.isCurrent(session)) return;
    try {
      await this.refresh();
    } catch (err) {
      if (!this.isCurrent(session)) return;
      if (err instanceof DeviceTimeoutError) {
        this.timeoutCount += 1;
        if (this.connection.timedOut()) this.setOffline('no-answer');
      } else if (err instanceof CardReaderError && err.replyCode === ERRORS.notInitialised) {
        // The reader lost power and forgot its set-up: do it again.
        this.logger.warn('card reader not initialised (power cycled?); initialising');
        await this.initialise(session);
      } else if (err instanceof DeviceError && err.disconnected) {
        if (!this.transport.isOpen) return this.connection.lost();
      } else {
        this.logger.error({ err }, 'status poll failed');
      }
    }
    this.connection.schedule(session, this.pollIntervalMs, () => this.poll(session));
  }

  /** Follows the card from a positive reply's ST0/ST1 (table C) and emits the card events. */
  private observe(reply: PositiveReply): void {
    const next = decodePosition(reply.st0);
    if (!next) return;
    const prev = this.position;
    this.position = next;
    if (prev !== null && prev !== next) {
      if (next === 'inside') {
        this.ejected = false;
        this.emit('cardInserted', { kind: KIND[decodeMedia(reply.st1)] });
      } else if (next === 'none') {
        const taken = prev === 'gate' && this.ejected;
        this.ejected = false;
        clearTimeout(this.retainTimer);
        if (taken) this.emit('cardTaken');
        else this.emit('cardRemoved');
      }
    }
    this.publish();
  }

  private async capture(reason: 'requested' | 'notTaken'): Promise<void> {
    clearTimeout(this.retainTimer);
    await this.command('retain');
    this.position = 'none';
    this.ejected = false;
    if (this.retained !== undefined) this.retained += 1;
    this.logger.info({ reason }, 'card retained');
    this.emit('cardRetained', { reason });
    this.publish();
  }

  private armRetain(): void {
    clearTimeout(this.retainTimer);
    if (!this.ejected) return;
    this.retainTimer = setTimeout(() => {
      if (this.position !== 'gate' || !this.ejected) return;
      this.capture('notTaken').catch((err: unknown) =>
        this.logger.error({ err }, 'retain after timeout failed'),
      );
    }, this.retainAfterMs);
  }

  private isCurrent(session: number): boolean {
    return this.connection.isCurrent(session);
  }

  private reason(): CardReaderOfflineReason | undefined {
    return (this.connection.status.detail as Partial<CardReaderDetail>).reason;
  }

  private detail(): CardReaderDetail {
    const detail: CardReaderDetail = {
      card: this.jammed ? 'jammed' : (this.position ?? 'none'),
      entry: this.entryEnabled ? 'enabled' : 'disabled',
    };
    if (this.retained !== undefined) detail.retainedCount = this.retained;
    return detail;
  }

  /** Online (or fault when jammed) with what is known now. */
  private publish(): void {
    if (!this.connected) return;
    this.update(this.jammed ? 'fault' : 'online', this.detail());
  }

  private setOffline(reason: CardReaderOfflineReason): void {
    this.update('offline', { ...this.detail(), reason });
  }

  private update(state: DeviceState, detail: CardReaderDetail): void {
    this.connection.update(state, detail);
  }
}
