import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Database } from '../../db/database.ts';
import { HttpError } from '../../http/errors.ts';
import {
  type AlertKey,
  type AlertKind,
  alertsCalledFor,
  type CommandKind,
  compareVersions,
  connectivity,
  offlineCutoff,
  pngSize,
  SCREENSHOT_MAX_BYTES,
  sparkline,
} from './domain.ts';
import {
  type CommandResult,
  type FleetQuery,
  type HeartbeatPayload,
  heartbeatSchema,
} from './fleet.schemas.ts';
import { FleetStore } from './fleet.store.ts';
import { FleetOpsStore } from './fleet-ops.store.ts';
import { GroupCommit } from './group-commit.ts';

export { heartbeatSchema };

export interface FleetServiceDeps {
  db: Database;
  now: () => Date;
  /** How often a kiosk agent sends a heartbeat; offline after 3 of them are missed. */
  heartbeatIntervalMs: number;
}

/** How long heartbeats gather into one write (group commit); see GroupCommit. */
const HEARTBEAT_LINGER_MS = 25;

const notFound = (what: string) => new HttpError(404, 'not-found', `${what} not found`);

interface PendingHeartbeat {
  kioskId: string;
  at: string;
  payload: string;
  wanted: AlertKey[];
}

/** The fleet's use cases: heartbeats, alerts, the console's lists, commands, screenshots, configuration. */
export class FleetService {
  private newestVersion: string | null | undefined;
  /** `queued:<kioskId>` fires when a command is queued for that kiosk; `closing` when the hub stops. */
  private readonly signals = new EventEmitter().setMaxListeners(0);
  private closing = false;

  constructor(private readonly deps: FleetServiceDeps) {
    this.heartbeats = new GroupCommit((group) => this.writeHeartbeats(group), 200, HEARTBEAT_LINGER_MS);
  }

  private get db() {
    return this.deps.db;
  }
  private iso() {
    return this.deps.now().toISOString();
  }
  private cutoff() {
    return offlineCutoff(this.deps.heartbeatIntervalMs, this.deps.now()).toISOString();
  }

  /**
   * Latest + history (trimmed) + device alerts, in one transaction (shared
   * with the heartbeats that arrived at the same moment: group commit).
   */
  async ingestHeartbeat(kioskId: string, raw: unknown): Promise<{ openAlerts: number }> {
    const hb: HeartbeatPayload = heartbeatSchema.parse(raw);
    if (this.newestVersion === undefined) {
      const versions = await new FleetStore(this.db).agentVersions();
      this.newestVersion = versions.sort(compareVersions).at(-1) ?? null;
    }
    if (!this.newestVersion || compareVersions(hb.agentVersion, this.newestVersion) > 0) {
      this.newestVersion = hb.agentVersion;
    }
    const wanted = alertsCalledFor(hb, this.newestVersion);
    return this.heartbeats.add({ kioskId, at: this.iso(), payload: JSON.stringify(hb), wanted });
  }

  private readonly heartbeats: GroupCommit<PendingHeartbeat, { openAlerts: number }>;

  /** Kiosk ids known to be in the registry (kiosks are never deleted), to spare a lookup per group. */
  private readonly knownKiosks = new Set<string>();

  /**
   * Writes a group of heartbeats with one multi-row INSERT; the migration's
   * trigger does the rest (registry, latest, trim, alerts). Unknown kiosks are refused one by one.
   */
  private async writeHeartbeats(group: PendingHeartbeat[]): Promise<({ openAlerts: number } | Error)[]> {
    const unsure = [...new Set(group.map((h) => h.kioskId))].filter((id) => !this.knownKiosks.has(id));
    if (unsure.length > 0) {
      for (const id of await new FleetStore(this.db).existing(unsure)) this.knownKiosks.add(id);
    }
    const accepted = group.filter((h) => this.knownKiosks.has(h.kioskId));
    if (accepted.length > 0) {
      // One statement (the trigger does the rest), atomic by itself: no BEGIN/COMMIT round trips.
      await this.db.writeAlone((db) =>
        new FleetStore(db).recordHeartbeats(
          accepted.map((h) => ({
            ...h,
            alerts: JSON.stringify(h.wanted.map((w) => `${w.kind}|${w.device}`)),
          })),
        ),
      );
    }
    return group.map((h) =>
      this.knownKiosks.has(h.kioskId) ? { openAlerts: h.wanted.length } : notFound(`Kiosk ${h.kioskId}`),
    );
  }

  /** Opens an offline alert for every kiosk silent for more than 3 intervals; expires stale commands. */
  async sweepOffline(): Promise<{ opened: number }> {
    const at = this.iso();
    const cutoff = this.cutoff();
    return this.db.transaction(async (tx) => {
      const ops = new FleetOpsStore(tx);
      const silent = await new FleetStore(tx).silentSince(cutoff);
      await ops.openAlerts(
        silent.map((kioskId) => ({ id: randomUUID(), kioskId, kind: 'offline', device: '', at })),
      );
      await ops.expireCommands(at);
      return { opened: silent.length };
    });
  }

  async listFleet(q: FleetQuery) {
    const now = this.deps.now();
    const { total, rows } = await new FleetStore(this.db).page(q, this.cutoff());
    return {
      total,
      kiosks: rows.map((k) => ({ ...k, state: this.stateOf(k.lastSeenAt, now) })),
    };
  }

  async summary() {
    return new FleetStore(this.db).summary(this.cutoff());
  }

  private stateOf(lastSeenAt: string | null, now: Date) {
    return connectivity(lastSeenAt ? new Date(lastSeenAt) : null, this.deps.heartbeatIntervalMs, now);
  }

  async getKiosk(id: string) {
    const now = this.deps.now();
    const fleet = new FleetStore(this.db);
    const ops = new FleetOpsStore(this.db);
    const kiosk = await fleet.get(id);
    if (!kiosk) throw notFound(`Kiosk ${id}`);
    await ops.expireCommands(now.toISOString());
    const since = new Date(now.getTime() - 24 * 3_600_000).toISOString();
    const [latest, alerts, commands, screenshot, times] = await Promise.all([
      fleet.latestHeartbeat(id),
      ops.openAlertsOf(id),
      ops.recentCommands(id, 20),
      ops.latestScreenshotMeta(id),
      fleet.historyTimes(id, since),
    ]);
    return {
      kiosk: { ...kiosk, state: this.stateOf(kiosk.lastSeenAt, now) },
      latestHeartbeat: latest ?? null,
      openAlerts: alerts,
      recentCommands: commands,
      latestScreenshot: screenshot,
      sparkline: {
        bucketMinutes: 15,
        counts: sparkline(
          times.map((t) => new Date(t)),
          now,
        ),
      },
    };
  }

  async historyCount(kioskId: string) {
    return new FleetStore(this.db).historyCount(kioskId);
  }

  /** Alerts oldest first, with their age in seconds. */
  async listAlerts(opts: { includeClosed?: boolean; kind?: AlertKind; limit?: number } = {}) {
    const now = this.deps.now().getTime();
    const rows = await new FleetOpsStore(this.db).listAlerts({
      includeClosed: opts.includeClosed ?? false,
      kind: opts.kind,
      limit: opts.limit ?? 500,
    });
    return rows.map((a) => ({ ...a, ageSeconds: Math.floor((now - Date.parse(a.openedAt)) / 1000) }));
  }

  async acknowledge(alertId: string, personId: string, note: string) {
    return this.db.transaction(async (tx) => {
      const ops = new FleetOpsStore(tx);
      const before = await ops.getAlert(alertId);
      if (!before) throw notFound(`Alert ${alertId}`);
      await ops.acknowledge(alertId, personId, note, this.iso());
      return { before, after: (await ops.getAlert(alertId))! };
    });
  }

  async createCommand(
    kioskId: string,
    kind: CommandKind,
    args: Record<string, unknown>,
    personId: string,
    ttlMs: number,
  ) {
    const now = this.deps.now();
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      if (!(await new FleetStore(tx).get(kioskId))) throw notFound(`Kiosk ${kioskId}`);
      await new FleetOpsStore(tx).insertCommand({
        id,
        kioskId,
        kind,
        args,
        createdBy: personId,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
      });
    });
    this.signals.emit(`queued:${kioskId}`);
    return (await new FleetOpsStore(this.db).getCommand(id))!;
  }

  /**
   * A long poll: the kiosk's queued commands as soon as there are any, or none after `waitMs`,
   * when `signal` aborts (the kiosk hung up) or when the hub is closing.
   */
  async waitForCommands(kioskId: string, waitMs: number, signal?: AbortSignal) {
    const first = await this.pullCommands(kioskId);
    if (first.length > 0 || waitMs <= 0 || signal?.aborted || this.closing) return first;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.signals.off(`queued:${kioskId}`, done);
        this.signals.off('closing', done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, waitMs);
      this.signals.once(`queued:${kioskId}`, done);
      this.signals.once('closing', done);
      signal?.addEventListener('abort', done, { once: true });
    });
    return signal?.aborted ? [] : this.pullCommands(kioskId);
  }

  /** Answers every waiting long poll now, so shutdown does not wait for them. */
  releaseWaiters(): void {
    this.closing = true;
    this.signals.emit('closing');
  }

  async setMaintenance(kioskId: string, on: boolean, personId: string, ttlMs = 3_600_000) {
    const command = await this.createCommand(kioskId, 'set-maintenance', { on }, personId, ttlMs);
    await this.db.transaction((tx) => new FleetStore(tx).setMaintenance(kioskId, on));
    return command;
  }

  async listCommands(kioskId: string, limit = 50) {
    const ops = new FleetOpsStore(this.db);
    await ops.expireCommands(this.iso());
    return ops.recentCommands(kioskId, limit);
  }

  /** Hands out queued commands once (marking them picked); expired ones are marked and withheld. */
  async pullCommands(kioskId: string) {
    const at = this.iso();
    return this.db.transaction(async (tx) => {
      const ops = new FleetOpsStore(tx);
      await ops.expireCommands(at);
      const queued = await ops.queuedCommands(kioskId);
      for (const c of queued) await ops.markPicked(c.id, at);
      return queued.map((c) => ({ id: c.id, kind: c.kind, args: c.args, expiresAt: c.expiresAt }));
    });
  }

  async completeCommand(kioskId: string, commandId: string, result: CommandResult) {
    return this.db.transaction(async (tx) => {
      const ops = new FleetOpsStore(tx);
      const c = await ops.getCommand(commandId);
      if (!c || c.kioskId !== kioskId) throw notFound(`Command ${commandId}`);
      if (c.state !== 'picked') throw new HttpError(409, 'command-not-picked', `Command is ${c.state}`);
      await ops.finishCommand(commandId, result.ok ? 'done' : 'failed', result, this.iso());
      return (await ops.getCommand(commandId))!;
    });
  }

  async storeScreenshot(kioskId: string, commandId: string | undefined, png: Buffer) {
    if (png.length > SCREENSHOT_MAX_BYTES) throw new HttpError(413, 'screenshot-too-large', 'At most 5 MB');
    const size = pngSize(png);
    if (!size) throw new HttpError(400, 'not-png', 'The body is not a PNG image');
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      const ops = new FleetOpsStore(tx);
      if (commandId) {
        const c = await ops.getCommand(commandId);
        if (!c || c.kioskId !== kioskId) throw notFound(`Command ${commandId}`);
      }
      await ops.insertScreenshot({
        id,
        kioskId,
        commandId: commandId ?? null,
        takenAt: this.iso(),
        png,
        ...size,
      });
    });
    return { id, ...size };
  }

  async getScreenshot(id: string) {
    const s = await new FleetOpsStore(this.db).getScreenshot(id);
    if (!s) throw notFound(`Screenshot ${id}`);
    return s;
  }

  /** Stores a new version of a kiosk's or group's configuration set. */
  async setConfig(
    scope: 'kiosk' | 'group',
    scopeId: string,
    values: Record<string, unknown>,
    personId: string,
  ) {
    return this.db.transaction(async (tx) => {
      const ops = new FleetOpsStore(tx);
      const before = await ops.latestConfig(scope, scopeId);
      const version = (before?.version ?? 0) + 1;
      await ops.insertConfig(scope, scopeId, version, values, personId, this.iso());
      return { scope, scopeId, version, values, before: before?.values ?? null };
    });
  }

  /** The kiosk's group set, then its own set on top. */
  async effectiveConfig(kioskId: string) {
    const kiosk = await new FleetStore(this.db).get(kioskId);
    if (!kiosk) throw notFound(`Kiosk ${kioskId}`);
    const ops = new FleetOpsStore(this.db);
    const group = kiosk.groupName ? await ops.latestConfig('group', kiosk.groupName) : null;
    const own = await ops.latestConfig('kiosk', kioskId);
    return {
      values: { ...(group?.values ?? {}), ...(own?.values ?? {}) },
      versions: { group: group?.version ?? null, kiosk: own?.version ?? null },
      maintenance: kiosk.maintenance,
    };
  }

  async markDemo(ids: string[]) {
    await this.db.transaction((tx) => new FleetStore(tx).markDemo(ids));
  }
}

export { startFleetTimers } from './fleet.timers.ts';
