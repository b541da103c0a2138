import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { type DeviceStatus, sameCondition } from '../common/device-status.ts';
import { DeviceNotReadyError } from '../common/errors.ts';
import type { HidTransport } from '../common/hid-transport.ts';
import type { HandsetKey, HandsetProfile } from './handset-profiles.ts';
import { decodeInput, encodeOutput, type HandsetOutput, type InvalidReason } from './hid-report.frame.ts';

export interface HandsetDriverOptions {
  /** `NodeHidTransport` for a real handset, `SocketHidTransport` for the rig's simulated one. */
  transport: HidTransport;
  /** The report layout of the handset on the other end (handset-profiles.ts). */
  profile: HandsetProfile;
  logger: Logger;
  /** Pause between two attempts to open a device that is not there. */
  reconnectIntervalMs?: number;
}

export type HandsetDetail = { hook: 'on' | 'off'; ringing: boolean; profile: string };

export interface HandsetDriverEvents {
  status: [DeviceStatus];
  hookOff: [];
  hookOn: [];
  /** A key went down; it is not repeated while held. */
  key: [{ key: HandsetKey }];
  mute: [{ muted: boolean }];
}

/** Running totals, for diagnostics and tests. */
export interface HandsetDriverCounters {
  reports: number;
  /** Input reports that were not this profile's (wrong id, short, reserved bits, unknown key code). */
  invalidReports: number;
  invalidByReason: Partial<Record<InvalidReason, number>>;
  /** Successful opens after the first. */
  reconnects: number;
}

/**
 * The telephone handset: turns input reports into hook, key and mute events,
 * and drives the ringer and LEDs with output reports. For a handset whose hook
 * switch sends a pulse per change, it keeps the hook state itself (hung up when
 * the device appears). A handset that goes away counts as hung up; the driver
 * reopens it every `reconnectIntervalMs` and restores the ringer and LEDs.
 */
export class HandsetDriver extends EventEmitter<HandsetDriverEvents> {
  private readonly transport: HidTransport;
  private readonly profile: HandsetProfile;
  private readonly logger: Logger;
  private readonly reconnectIntervalMs: number;
  private readonly stats: HandsetDriverCounters = {
    reports: 0,
    invalidReports: 0,
    invalidByReason: {},
    reconnects: 0,
  };
  private current: DeviceStatus;
  private hook: 'on' | 'off' = 'on';
  private muted = false;
  private held = new Set<HandsetKey>();
  private output: HandsetOutput = { ring: false, offHookLed: false, muteLed: false };
  private running = false;
  private session = 0;
  private timer: NodeJS.Timeout | undefined;
  private everOpened = false;
  /** Set after a failed open, so a long absence logs one warning, not one a second. */
  private openFailing = false;

  constructor({ transport, profile, logger, reconnectIntervalMs = 1000 }: HandsetDriverOptions) {
    super();
    this.transport = transport;
    this.profile = profile;
    this.logger = logger;
    this.reconnectIntervalMs = reconnectIntervalMs;
    this.current = this.statusOf('offline');
  }

  status(): DeviceStatus {
    return this.current;
  }

  get counters(): Readonly<HandsetDriverCounters> {
    return { ...this.stats, invalidByReason: { ...this.stats.invalidByReason } };
  }

  /** Opens the handset. Resolves after the first attempt; never rejects (retries by itself). */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.transport.on('data', this.onReport);
    this.transport.on('close', this.onClose);
    this.transport.on('error', this.onError);
    await this.connect(this.session);
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.endSession();
    this.transport.off('data', this.onReport);
    this.transport.off('close', this.onClose);
    await this.transport.close().catch((err: unknown) => this.logger.warn({ err }, 'close failed'));
    this.transport.off('error', this.onError);
    this.update('offline');
  }

  /**
   * Starts or stops the ringer (and the Ring LED where the handset has one).
   * Rejects with `DeviceNotReadyError` while the handset is away; the wish is
   * kept and sent when it comes back.
   */
  ring(on: boolean): Promise<void> {
    return this.setOutput({ ring: on });
  }

  setOffHookLed(on: boolean): Promise<void> {
    return this.setOutput({ offHookLed: on });
  }

  setMuteLed(on: boolean): Promise<void> {
    return this.setOutput({ muteLed: on });
  }

  private async setOutput(change: Partial<HandsetOutput>): Promise<void> {
    this.output = { ...this.output, ...change };
    this.update(this.current.state);
    if (!this.transport.isOpen) {
      throw new DeviceNotReadyError(`handset ${this.transport.path}: not connected`);
    }
    await this.transport.write(encodeOutput(this.profile, this.output));
  }

  private async connect(session: number): Promise<void> {
    if (!this.isCurrent(session)) return;
    try {
      await this.transport.open();
    } catch (err) {
      if (!this.openFailing)
        this.logger.warn({ err, path: this.transport.path }, 'handset unavailable; retrying');
      this.openFailing = true;
      this.update('offline');
      this.schedule(session, () => this.connect(session));
      return;
    }
    if (!this.isCurrent(session)) return;
    this.openFailing = false;
    if (this.everOpened) this.stats.reconnects += 1;
    this.everOpened = true;
    this.logger.info({ path: this.transport.path, profile: this.profile.name }, 'handset open');
    this.update('online');
    // Restore the ringer and LEDs the kiosk wants; a write to a vanished device ends in onClose.
    await this.transport
      .write(encodeOutput(this.profile, this.output))
      .catch((err: unknown) => this.logger.warn({ err }, 'restoring the handset output failed'));
  }

  private readonly onReport = (report: Buffer): void => {
    this.stats.reports += 1;
    const decoded = decodeInput(this.profile, report);
    if (!decoded.ok) {
      this.stats.invalidReports += 1;
      this.stats.invalidByReason[decoded.reason] = (this.stats.invalidByReason[decoded.reason] ?? 0) + 1;
      this.logger.debug({ reason: decoded.reason, length: report.length }, 'input report ignored');
      return;
    }
    const { hook, mute, keys } = decoded.input;
    if (hook === 'toggle') this.setHook(this.hook === 'on' ? 'off' : 'on');
    else if (hook) this.setHook(hook);
    if (mute === 'toggle') this.setMuted(!this.muted);
    else if (mute !== undefined) this.setMuted(mute);
    const next = new Set(keys);
    // Digits may be a phone number: never logged.
    for (const key of next) if (!this.held.has(key)) this.emit('key', { key });
    this.held = next;
  };

  private setHook(hook: 'on' | 'off'): void {
    if (hook === this.hook) return;
    this.hook = hook;
    this.logger.info({ hook }, 'hook');
    this.update(this.current.state);
    this.emit(hook === 'off' ? 'hookOff' : 'hookOn');
  }

  private setMuted(muted: boolean): void {
    if (muted === this.muted) return;
    this.muted = muted;
    this.emit('mute', { muted });
  }

  private readonly onClose = (unexpected: boolean): void => {
    if (this.running && unexpected) this.lost();
  };

  private readonly onError = (err: Error): void => {
    this.logger.debug({ err }, 'handset transport error');
  };

  /** The device is gone: it counts as hung up, and is reopened every `reconnectIntervalMs`. */
  private lost(): void {
    this.logger.warn({ path: this.transport.path }, 'handset went away');
    this.endSession();
    this.held.clear();
    this.muted = false;
    const wasOffHook = this.hook === 'off';
    this.hook = 'on';
    this.update('offline');
    if (wasOffHook) this.emit('hookOn');
    const session = this.session;
    this.schedule(session, () => this.connect(session));
  }

  private endSession(): void {
    this.session += 1;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private isCurrent(session: number): boolean {
    return this.running && session === this.session;
  }

  private schedule(session: number, task: () => Promise<void>): void {
    if (!this.isCurrent(session)) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      task().catch((err: unknown) => this.logger.error({ err }, 'handset task failed'));
    }, this.reconnectIntervalMs);
  }

  private statusOf(state: DeviceStatus['state']): DeviceStatus {
    const detail: HandsetDetail = { hook: this.hook, ringing: this.output.ring, profile: this.profile.name };
    return { device: 'handset', state, detail, since: new Date().toISOString() };
  }

  private update(state: DeviceStatus['state']): void {
    const next = this.statusOf(state);
    if (sameCondition(this.current, next)) return;
    this.current = next;
    this.logger.info({ state, detail: next.detail }, 'handset status');
    this.emit('status', next);
  }
}
