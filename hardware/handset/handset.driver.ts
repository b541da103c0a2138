import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { DeviceConnection } from '../common/device-connection.ts';
import type { DeviceStatus } from '../common/device-status.ts';
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
  private readonly connection: DeviceConnection<HandsetDetail>;
  private readonly stats: Omit<HandsetDriverCounters, 'reconnects'> = {
    reports: 0,
    invalidReports: 0,
    invalidByReason: {},
  };
  private hook: 'on' | 'off' = 'on';
  private muted = false;
  private held = new Set<HandsetKey>();
  private output: HandsetOutput = { ring: false, offHookLed: false, muteLed: false };
  /** Set after a failed open, so a long absence logs one warning, not one a second. */
  private openFailing = false;

  constructor({ transport, profile, logger, reconnectIntervalMs = 1000 }: HandsetDriverOptions) {
    super();
    this.transport = transport;
    this.profile = profile;
    this.logger = logger;
    this.connection = new DeviceConnection<HandsetDetail>({
      device: 'handset',
      name: 'handset',
      portName: 'handset',
      transport,
      logger,
      reconnectIntervalMs,
      detail: this.detail(),
      hooks: {
        onData: this.onReport,
        onOpen: () => this.opened(),
        onOpenFailed: (err) => {
          if (!this.openFailing)
            this.logger.warn({ err, path: this.transport.path }, 'handset unavailable; retrying');
          this.openFailing = true;
          this.update('offline');
        },
        onLost: () => this.hungUp(),
        onStatus: (status) => this.emit('status', status),
      },
    });
  }

  status(): DeviceStatus {
    return this.connection.status;
  }

  get counters(): Readonly<HandsetDriverCounters> {
    return {
      ...this.stats,
      invalidByReason: { ...this.stats.invalidByReason },
      reconnects: this.connection.reconnects,
    };
  }

  /** Opens the handset. Resolves after the first attempt; never rejects (retries by itself). */
  async start(): Promise<void> {
    if (this.connection.running) return;
    this.transport.on('error', this.onError);
    await this.connection.start();
  }

  async stop(): Promise<void> {
    if (!this.connection.running) return;
    await this.connection.stop();
    // Kept until the close is done: a HID close may still report an error.
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
    this.update(this.connection.status.state);
    if (!this.transport.isOpen) {
      throw new DeviceNotReadyError(`handset ${this.transport.path}: not connected`);
    }
    await this.transport.write(encodeOutput(this.profile, this.output));
  }

  /** The handset is open: report online and restore its output. */
  private async opened(): Promise<void> {
    this.openFailing = false;
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
    this.update(this.connection.status.state);
    this.emit(hook === 'off' ? 'hookOff' : 'hookOn');
  }

  private setMuted(muted: boolean): void {
    if (muted === this.muted) return;
    this.muted = muted;
    this.emit('mute', { muted });
  }

  private readonly onError = (err: Error): void => {
    this.logger.debug({ err }, 'handset transport error');
  };

  /** The device is gone: it counts as hung up (the connection reopens it every `reconnectIntervalMs`). */
  private hungUp(): void {
    this.held.clear();
    this.muted = false;
    const wasOffHook = this.hook === 'off';
    this.hook = 'on';
    this.update('offline');
    if (wasOffHook) this.emit('hookOn');
  }

  private detail(): HandsetDetail {
    return { hook: this.hook, ringing: this.output.ring, profile: this.profile.name };
  }

  private update(state: DeviceStatus['state']): void {
    this.connection.update(state, this.detail());
  }
}
