import { Router } from 'express';
import type { Logger } from 'pino';
import type { ProxyRewrite } from '../api/card-payment.ts';
import type { JournalStatus } from '../api/contract.ts';
import { hubProxy, type JournaledRoute } from '../api/hub-proxy.ts';
import { HubCallError, type HubClient } from '../hub/hub-client.ts';
import { DEFAULT_OUTBOX_LIMITS, Outbox, type OutboxLimits } from '../outbox/outbox.ts';
import { OutboxSender } from '../outbox/outbox-sender.ts';
import type { RecoveryPoll } from '../receipts/receipt-recovery.ts';
import type { AgentDb } from '../store/agent-db.ts';
import { openAgentDb } from '../store/migrate.ts';
import { Journal } from './journal.ts';
import { type HubKeyRecord, JournalResolver } from './journal-resolver.ts';

/** Tuning for tests and small kiosks; production uses the defaults. */
export interface DeliveryOptions {
  limits?: Partial<OutboxLimits>;
  /** Outbox retry: first delay and cap of the exponential backoff (the cap also bounds the resolver's). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Journal resolver retry base while the hub cannot be asked. */
  resolveRetryMs?: number;
  journaledRoutes?: readonly JournaledRoute[];
  proxyTimeoutMs?: number;
  /** How long one "what became of this key" question may take before it is asked again. */
  lookupTimeoutMs?: number;
  /** How a payment recovered after a restart is followed until final (receipts/receipt-recovery.ts). */
  recoveryPoll?: Partial<RecoveryPoll>;
}

/**
 * The agent's journal, outbox and their hub traffic over `<stateDir>/agent.sqlite`: the journal's
 * resolver, the outbox's sender and the `/hub/*` proxy, all reading the hub link's client.
 */
export class Delivery {
  private depthCache: { telemetry: number; journal: number } | undefined;
  private depthTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  private constructor(
    readonly db: AgentDb,
    readonly outbox: Outbox,
    readonly journal: Journal,
    readonly resolver: JournalResolver,
    readonly sender: OutboxSender,
    private readonly client: () => HubClient | undefined,
    private readonly logger: Logger,
    private readonly opts: DeliveryOptions,
  ) {}

  static async open(
    stateDir: string,
    client: () => HubClient | undefined,
    logger: Logger,
    opts: DeliveryOptions = {},
  ): Promise<Delivery> {
    const db = await openAgentDb(stateDir);
    const outbox = new Outbox(db, { ...DEFAULT_OUTBOX_LIMITS, ...opts.limits });
    const journal = new Journal(db, outbox);
    const hub = () => {
      const c = client();
      if (!c) throw new Error('the hub link is not up yet');
      return c;
    };
    const resolver = new JournalResolver({
      journal,
      lookup: (key) => lookupKey(hub(), key, opts.lookupTimeoutMs ?? 5000),
      logger: logger.child({ name: 'agent:journal' }),
      retryMs: opts.resolveRetryMs,
      maxRetryMs: opts.maxBackoffMs,
    });
    const sender = new OutboxSender({
      outbox,
      post: async (items) =>
        (await hub().call<{ stored: string[] }>('/api/v1/kiosk/outbox', { body: { items } })).stored,
      logger: logger.child({ name: 'agent:outbox' }),
      minBackoffMs: opts.minBackoffMs,
      maxBackoffMs: opts.maxBackoffMs,
    });
    return new Delivery(db, outbox, journal, resolver, sender, client, logger, opts);
  }

  /** The `/hub/*` router for the local API (mounted at `/hub` already); `rewrite` e.g. swaps card tokens. */
  proxy(rewrite?: ProxyRewrite): Router {
    return Router().use('/hub', this.proxyHandler(rewrite));
  }

  private proxyHandler(rewrite?: ProxyRewrite) {
    return hubProxy({
      rewrite,
      client: this.client,
      journal: this.journal,
      resolver: this.resolver,
      logger: this.logger.child({ name: 'agent:hub-proxy' }),
      routes: this.opts.journaledRoutes,
      timeoutMs: this.opts.proxyTimeoutMs,
    });
  }

  /** Queues a telemetry item (dropped first when the outbox is full). */
  async telemetry(body: unknown): Promise<void> {
    await this.outbox.telemetry(body);
    this.sender.kick();
  }

  /** Outbox depth by kind, read now. */
  async depth(): Promise<{ telemetry: number; journal: number; bytes: number; dropped: number }> {
    const d = await this.outbox.depth();
    this.depthCache = { telemetry: d.telemetry, journal: d.journal };
    return d;
  }

  /** The outbox depth as last read (refreshed every 2 s), for /agent/metrics; undefined before the first read. */
  depthNow(): { telemetry: number; journal: number } | undefined {
    return this.depthCache;
  }

  status(): JournalStatus {
    return { unresolved: this.resolver.pending(), blocked: this.resolver.blocked() };
  }

  async start(): Promise<void> {
    await this.resolver.start();
    this.sender.start();
    await this.depth();
    this.depthTimer = setInterval(() => void this.depth().catch(() => {}), 2000);
    this.depthTimer.unref();
  }

  /** Stops the loops and closes the database; a second call does nothing. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.depthTimer);
    await this.resolver.stop();
    await this.sender.stop();
    await this.db.close();
  }
}

/** The hub's record of a key: 404 `unknown-key` means it never arrived. */
async function lookupKey(client: HubClient, key: string, timeoutMs: number): Promise<HubKeyRecord> {
  try {
    const r = await client.call<{ state: 'in-progress' | 'done'; status: number | null; body: unknown }>(
      `/api/v1/kiosk/idempotency/${encodeURIComponent(key)}`,
      { timeoutMs },
    );
    return { found: true, state: r.state, status: r.status, body: r.body };
  } catch (err) {
    if (err instanceof HubCallError && err.code === 'unknown-key') return { found: false };
    throw err;
  }
}
