import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { DeviceConnection } from '../common/device-connection.ts';
import type { DeviceStatus } from '../common/device-status.ts';
import {
  DeviceDisconnectedError,
  DeviceError,
  DeviceNotReadyError,
  DeviceTimeoutError,
} from '../common/errors.ts';
import type { Transport } from '../common/transport.ts';
import { Waitress } from '../common/waitress.ts';
import { decodeIdCard, type IdCard } from './id-card-text.ts';
import { maskIdNumber, maskName, todayIn } from './id-number.ts';
import {
  Command,
  type CommandName,
  decodeResponseBody,
  encodeCommand,
  type ResponseFrame,
  Sw3,
} from './id-reader.frame.ts';
import { IdReaderFrameParser } from './id-reader.parser.ts';

export type { IdCard } from './id-card-text.ts';

export type IdReaderOfflineReason = 'not-started' | 'stopped' | 'port-unavailable' | 'no-answer';

/** `DeviceStatus.detail` of the ID reader. */
export interface IdReaderDetail {
  /** 'present' from a card's successful read until a find fails (it was taken away). */
  card: 'none' | 'present';
  /** 'fault' while the reader answers SW3 60 (self-test failed) or 66 (not authorised). */
  sam: 'ok' | 'fault';
  reason?: IdReaderOfflineReason;
}

export interface IdReaderDriverOptions {
  transport: Transport;
  logger: Logger;
  /** Pause between two polls (find card while enabled, SAM status otherwise). */
  pollIntervalMs?: number;
  /** How long a short command (status, find, select) may go unanswered. */
  replyTimeoutMs?: number;
  /** How long "read base information" may take: 1295 bytes are 112 ms at 115200 baud, 1.35 s at 9600. */
  readTimeoutMs?: number;
  reconnectIntervalMs?: number;
  /** Today as YYYYMMDD, for `expired`; by default today in Asia/Shanghai. */
  today?: () => string;
}

export interface IdReaderDriverCounters {
  timeouts: number;
  reconnects: number;
  /** Answers nobody waited for. */
  unsolicited: number;
  /** Reads answered with an error SW3 or data that did not decode. */
  readFailures: number;
}

export interface IdReaderEvents {
  status: [DeviceStatus];
  /** A card was read; once per presentation. Personal data: never log it in clear. */
  idCardRead: [IdCard];
  /** The card read last is gone (a find failed, or the reader went away). */
  idCardRemoved: [];
}

/**
 * The resident ID card reader: opens its port, checks the SAM (11 FF), and
 * while enabled polls find (20 01) → select (20 02) → read (30 01), emitting
 * `idCardRead` once per card presentation and `idCardRemoved` when a find
 * fails afterwards. While disabled it polls the SAM status as a heartbeat.
 * Reconnects like PrinterDriver: offline when the port goes, online when it returns.
 */
export class IdReaderDriver extends EventEmitter<IdReaderEvents> {
  private readonly transport: Transport;
  private readonly logger: Logger;
  private readonly pollIntervalMs: number;
  private readonly replyTimeoutMs: number;
  private readonly readTimeoutMs: number;
  private readonly connection: DeviceConnection<IdReaderDetail>;
  private readonly today: () => string;
  private readonly parser = new IdReaderFrameParser();
  private readonly waitress = new Waitress<ResponseFrame>();
  private readonly stats: Omit<IdReaderDriverCounters, 'reconnects'> = {
    timeouts: 0,
    unsolicited: 0,
    readFailures: 0,
  };
  private wantCards = false;
  private presented = false;
  private sam: 'ok' | 'fault' = 'ok';
  /** One exchange on the line at a time: the protocol's answers carry no command id. */
  private line: Promise<unknown> = Promise.resolve();

  constructor({
    transport,
    logger,
    pollIntervalMs = 300,
    replyTimeoutMs = 500,
    readTimeoutMs = 2000,
    reconnectIntervalMs = 1000,
    today = () => todayIn('Asia/Shanghai'),
  }: IdReaderDriverOptions) {
    super();
    this.transport = transport;
    this.logger = logger;
    this.pollIntervalMs = pollIntervalMs;
    this.replyTimeoutMs = replyTimeoutMs;
    this.readTimeoutMs = readTimeoutMs;
    this.today = today;
    this.connection = new DeviceConnection<IdReaderDetail>({
      device: 'id-reader',
      name: 'ID reader',
      transport,
      logger,
      reconnectIntervalMs,
      detail: { card: 'none', sam: 'ok', reason: 'not-started' },
      hooks: {
        onData: this.onData,
        onOpen: (session) => this.opened(session),
        onOpenFailed: (err) => {
          if (this.connection.detail.reason !== 'port-unavailable')
            this.logger.warn({ err, path: this.transport.path }, 'ID reader port unavailable; retrying');
          this.setOffline('port-unavailable');
        },
        onSessionEnd: () => this.sessionEnded(),
        onLost: () => this.setOffline('port-unavailable'),
        onStatus: (status) => this.emit('status', status),
      },
    });
  }

  status(): DeviceStatus {
    return this.connection.status;
  }

  get counters(): Readonly<IdReaderDriverCounters & { parser: IdReaderFrameParser['counters'] }> {
    return { ...this.stats, reconnects: this.connection.reconnects, parser: this.parser.counters };
  }

  get enabled(): boolean {
    return this.wantCards;
  }

  /** Starts looking for cards (a flow that needs an identity is on screen). */
  enable(): void {
    this.wantCards = true;
  }

  /** Stops looking for cards; the next enable reads a card still lying there afresh. */
  disable(): void {
    this.wantCards = false;
    this.presented = false;
    if (this.connection.status.state !== 'offline') this.refresh();
  }

  start(): Promise<void> {
    return this.connection.start();
  }

  async stop(): Promise<void> {
    if (!this.connection.running) return;
    await this.connection.stop();
    this.setOffline('stopped');
  }

  /**
   * One find → select → read, outside the polling (no events); null when no
   * card is there or it cannot be read. Rejects with a DeviceError when the reader does not answer.
   */
  readOnce(): Promise<IdCard | null> {
    if (!this.transport.isOpen) return Promise.reject(new DeviceNotReadyError('ID reader port is not open'));
    return this.exclusive(async () => {
      if ((await this.ask('findCard')).sw3 !== Sw3.cardFound) return null;
      if ((await this.ask('selectCard')).sw3 !== Sw3.ok) return null;
      const read = await this.ask('readBase', this.readTimeoutMs);
      return read.sw3 === Sw3.ok ? decodeIdCard(read.data, this.today()) : null;
    });
  }

  /** The port is open: start polling. */
  private async opened(session: number): Promise<void> {
    this.parser.reset();
    this.logger.info({ path: this.transport.path }, 'ID reader port open');
    await this.poll(session);
  }

  private async poll(session: number): Promise<void> {
    if (!this.isCurrent(session)) return;
    try {
      await this.exclusive(async () => {
        if (this.wantCards) await this.lookForCard();
        else await this.ask('samStatus');
      });
      if (!this.isCurrent(session)) return;
      this.connection.answered();
      this.refresh();
    } catch (err) {
      if (!this.isCurrent(session)) return;
      if (err instanceof DeviceTimeoutError) {
        this.stats.timeouts += 1;
        const gone = this.connection.timedOut();
        this.logger.debug({ err, inARow: this.connection.timeoutsSoFar }, 'ID reader request timed out');
        if (gone) this.setOffline('no-answer');
      } else if (err instanceof DeviceError && err.disconnected) {
        if (!this.transport.isOpen) return this.connection.lost();
      } else {
        this.logger.error({ err }, 'ID reader poll failed');
      }
    }
    this.connection.schedule(session, this.pollIntervalMs, () => this.poll(session));
  }

  /** 20 01, and for a newly found card 20 02 and 30 01. */
  private async lookForCard(): Promise<void> {
    const find = await this.ask('findCard');
    if (find.sw3 === Sw3.findFailed) return this.cardGone();
    if (find.sw3 !== Sw3.cardFound || this.presented) return;
    if ((await this.ask('selectCard')).sw3 !== Sw3.ok) return; // 81: try again next poll
    const read = await this.ask('readBase', this.readTimeoutMs);
    const card = read.sw3 === Sw3.ok ? decodeIdCard(read.data, this.today()) : null;
    if (!card) {
      this.stats.readFailures += 1;
      this.logger.warn({ sw3: read.sw3.toString(16) }, 'ID card read failed');
      return;
    }
    if (!this.wantCards) return; // disabled while the read was on the line
    this.presented = true;
    this.logger.info(
      {
        name: maskName(card.name),
        idNumber: maskIdNumber(card.idNumber),
        expired: card.expired,
        checkDigitValid: card.checkDigitValid,
      },
      'ID card read',
    );
    this.refresh();
    this.emit('idCardRead', card);
  }

  private cardGone(): void {
    if (!this.presented) return;
    this.presented = false;
    this.logger.info('ID card removed');
    this.refresh();
    this.emit('idCardRemoved');
  }

  /** Sends one command and waits for its answer; notes the SAM's health from SW3. */
  private async ask(name: CommandName, timeoutMs = this.replyTimeoutMs): Promise<ResponseFrame> {
    const [cmd, para] = Command[name];
    const label = `${name} (${cmd.toString(16)} ${para.toString(16)})`;
    const wait = this.waitress.waitFor(() => true, timeoutMs, label);
    try {
      const [, response] = await Promise.all([this.transport.write(encodeCommand(cmd, para)), wait.promise]);
      this.sam = response.sw3 === Sw3.selfTestFailed || response.sw3 === Sw3.notAuthorised ? 'fault' : 'ok';
      return response;
    } catch (err) {
      wait.cancel();
      throw err;
    }
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.line.then(task);
    this.line = run.catch(() => {});
    return run;
  }

  private readonly onData = (chunk: Buffer): void => {
    for (const body of this.parser.push(chunk)) {
      const response = decodeResponseBody(body);
      if (!response || !this.waitress.resolve(response)) this.stats.unsolicited += 1;
    }
  };

  private sessionEnded(): void {
    this.parser.reset();
    this.waitress.rejectAll(new DeviceDisconnectedError(`${this.transport.path}: port closed`));
    // Whatever lay on the reader may be gone by the time it is back: read it again then.
    if (this.presented) {
      this.presented = false;
      this.emit('idCardRemoved');
    }
  }

  private isCurrent(session: number): boolean {
    return this.connection.isCurrent(session);
  }

  /** online or fault from what the reader said last. */
  private refresh(): void {
    const detail: IdReaderDetail = { card: this.presented ? 'present' : 'none', sam: this.sam };
    this.connection.update(this.sam === 'fault' ? 'fault' : 'online', detail);
  }

  private setOffline(reason: IdReaderOfflineReason): void {
    this.connection.update('offline', { card: 'none', sam: this.sam, reason });
  }
}
