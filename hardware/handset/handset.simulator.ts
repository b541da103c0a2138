import { rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import type { Logger } from 'pino';
import type { HandsetKey, HandsetProfile } from './handset-profiles.ts';
import { decodeOutput, encodeInput, type HandsetInputState } from './hid-report.frame.ts';
import { encodeSocketFrame, SocketFrameReader } from './hid-socket.frame.ts';
import type { HidSocketAddress } from './hid-socket.transport.ts';

export interface HandsetSimulatorOptions {
  /** Where to listen: a Unix socket path (the rig's `<runDir>/handset.sock`) or 127.0.0.1 and a port (0 = any). */
  address: HidSocketAddress;
  profile: HandsetProfile;
  logger: Logger;
}

/** What the simulated handset is doing, as the rig shows it. */
export interface HandsetSimState {
  profile: string;
  hook: 'on' | 'off';
  muted: boolean;
  /** The last output report asked for the ringer. */
  ringing: boolean;
  offHookLed: boolean;
  muteLed: boolean;
  plugged: boolean;
  /** The last output report received, as hex, or null. */
  lastOutput: string | null;
}

/**
 * The far end of a USB handset: sends the input reports the profile's device
 * would send and reads its output reports, over the length-prefixed socket
 * `SocketHidTransport` connects to. Fault injection: unplug (connections
 * dropped, new ones refused), replug, garbage reports, stray hook pulses.
 */
export class HandsetSimulator {
  readonly profile: HandsetProfile;
  private readonly address: HidSocketAddress;
  private readonly logger: Logger;
  private server: Server | undefined;
  private closing: Promise<void> | undefined;
  private readonly clients = new Set<Socket>();
  private hook: 'on' | 'off' = 'on';
  private muted = false;
  private heldKeys: HandsetKey[] = [];
  private plugged = true;
  private readonly outputs: Buffer[] = [];
  private badOutputs = 0;

  constructor({ address, profile, logger }: HandsetSimulatorOptions) {
    this.address = address;
    this.profile = profile;
    this.logger = logger;
  }

  /** Starts listening (removing a stale Unix socket file first). */
  async open(): Promise<void> {
    if (this.closing) await this.closing;
    if (this.server) return;
    if ('path' in this.address) await rm(this.address.path, { force: true });
    const server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      const done = (): void => {
        server.off('error', reject);
        resolve();
      };
      if ('path' in this.address) server.listen(this.address.path, done);
      else server.listen(this.address.port, this.address.host, done);
    });
    server.on('error', (err) => this.logger.warn({ err }, 'handset simulator server error'));
    this.server = server;
  }

  /** Stops listening and drops every connection (the host sees the device vanish). Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= this.shutDown().finally(() => {
      this.closing = undefined;
    });
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const client of this.clients) client.destroy();
    this.clients.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    if ('path' in this.address) await rm(this.address.path, { force: true });
  }

  /** The TCP port listened on (for `{ host, port: 0 }`), or undefined for a Unix socket. */
  get port(): number | undefined {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : undefined;
  }

  get connections(): number {
    return this.clients.size;
  }

  state(): HandsetSimState {
    const last = this.outputs.at(-1);
    const output = last ? decodeOutput(this.profile, last) : null;
    return {
      profile: this.profile.name,
      hook: this.hook,
      muted: this.muted,
      ringing: output?.ring ?? false,
      offHookLed: output?.offHookLed ?? false,
      muteLed: output?.muteLed ?? false,
      plugged: this.plugged,
      lastOutput: last ? last.toString('hex') : null,
    };
  }

  /** Every output report received, oldest first (copies). */
  outputReports(): Buffer[] {
    return this.outputs.map((r) => Buffer.from(r));
  }

  /** Output reports that were not this profile's output report. */
  get badOutputReports(): number {
    return this.badOutputs;
  }

  lift(): void {
    if (this.hook === 'off') return;
    this.changeHook();
  }

  hangUp(): void {
    if (this.hook === 'on') return;
    this.changeHook();
  }

  /** One hook change: the level for a level profile, one pulse (then the idle report) for a toggle profile. */
  pulse(): void {
    this.changeHook();
  }

  setMuted(muted: boolean): void {
    if (muted === this.muted) return;
    this.muted = muted;
    if (this.profile.input.mute.mode === 'toggle') this.sendPulse({ mutePulse: true });
    else this.send(this.report());
  }

  /** A key goes down and comes up again: two reports (keys already held stay held). */
  press(key: HandsetKey): void {
    this.send(this.report({ keys: [...this.heldKeys, key] }));
    this.send(this.report());
  }

  /** Keys held down: one report, and every later report carries them until `releaseKeys()`. */
  hold(keys: readonly HandsetKey[]): void {
    this.heldKeys = [...keys];
    this.send(this.report());
  }

  releaseKeys(): void {
    this.heldKeys = [];
    this.send(this.report());
  }

  /** Sends bytes as one input report, whatever they are (noise, another report id, a short report). */
  injectGarbage(report: Uint8Array): void {
    this.send(Buffer.from(report));
  }

  /** Power or cable gone: connections drop, new ones are refused until `replug`. */
  unplug(): Promise<void> {
    this.plugged = false;
    return this.close();
  }

  async replug(): Promise<void> {
    this.plugged = true;
    await this.open();
  }

  private changeHook(): void {
    this.hook = this.hook === 'on' ? 'off' : 'on';
    if (this.profile.input.hook.mode === 'toggle') this.sendPulse({ hookPulse: true });
    else this.send(this.report());
  }

  private sendPulse(pulse: HandsetInputState): void {
    this.send(this.report(pulse));
    this.send(this.report());
  }

  /** The current levels and held keys, plus whatever the caller adds. */
  private report(extra: HandsetInputState = {}): Buffer {
    const state = { offHook: this.hook === 'off', muted: this.muted, keys: this.heldKeys };
    return encodeInput(this.profile, { ...state, ...extra });
  }

  private send(report: Buffer): void {
    if (!this.plugged) return;
    const frame = encodeSocketFrame(report);
    for (const client of this.clients) client.write(frame);
  }

  private accept(socket: Socket): void {
    if (!this.plugged) {
      socket.destroy();
      return;
    }
    socket.setNoDelay?.(true);
    this.clients.add(socket);
    const reader = new SocketFrameReader();
    socket.on('data', (chunk: Buffer) => {
      const { reports, error } = reader.push(chunk);
      for (const report of reports) this.received(report);
      if (error) socket.destroy();
    });
    socket.on('error', (err) => this.logger.debug({ err }, 'handset simulator client error'));
    socket.once('close', () => this.clients.delete(socket));
    // As the handset enumerates it reports where it stands. A pulse-hook device can only say
    // "off hook" by one pulse, since the host starts counting from hung up.
    if (this.profile.input.hook.mode === 'toggle' && this.hook === 'off') {
      socket.write(encodeSocketFrame(this.report({ hookPulse: true })));
    }
    socket.write(encodeSocketFrame(this.report()));
  }

  private received(report: Buffer): void {
    if (decodeOutput(this.profile, report) === null) {
      this.badOutputs += 1;
      return;
    }
    this.outputs.push(report);
    // Bounded: a long demo must not grow without end.
    if (this.outputs.length > 256) this.outputs.shift();
  }
}
