import type { Outbox } from '../outbox/outbox.ts';
import type { AgentDb } from '../store/agent-db.ts';
import { journalSummary } from './journal-summary.ts';

/** The steps the journal records: money, booking and case calls. */
export type JournalKind = 'money' | 'booking' | 'case';

/** How a journaled call ended, as far as the kiosk knows. */
export interface JournalOutcome {
  /** `done`: the hub answered (see httpStatus); `not-sent`: the hub never received it. */
  result: 'done' | 'not-sent';
  httpStatus?: number;
  /** Where the outcome came from: the live answer, or the hub's record of the key after a restart. */
  source: 'answer' | 'resolved';
  summary?: unknown;
}

/** A key's story, derived from its rows (they are never updated). */
export interface JournalKeyState {
  key: string;
  kind: string;
  intentAt: string;
  request: unknown;
  outcome?: JournalOutcome & { at: string };
  print?: { ok: boolean; code?: string; at: string };
}

/**
 * The append-only journal of money, booking and case steps. An intent is committed (and fsynced:
 * the database runs `synchronous = FULL`) before the hub call; the outcome after; then the print
 * result. Each row enters the outbox in the same transaction, so the hub gets a copy of every row.
 */
export class Journal {
  constructor(
    private readonly db: AgentDb,
    private readonly outbox: Outbox,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Records that `key` is about to be sent; resolves once it is on disk. */
  intent(
    kind: JournalKind | string,
    key: string,
    request: { method: string; path: string; body?: unknown },
  ): Promise<void> {
    return this.append('intent', kind, key, {
      method: request.method,
      path: request.path,
      body: journalSummary(request.body),
    });
  }

  /** Records how the call for `key` ended. */
  async outcome(key: string, outcome: JournalOutcome): Promise<void> {
    const s = await this.state(key);
    if (!s) throw new Error(`no journal intent for ${key}`);
    await this.append('outcome', s.kind, key, { ...outcome, summary: journalSummary(outcome.summary) });
  }

  /** Records whether the receipt for `key` was printed. */
  async printResult(key: string, print: { ok: boolean; code?: string }): Promise<void> {
    const s = await this.state(key);
    if (!s) throw new Error(`no journal intent for ${key}`);
    await this.append('print', s.kind, key, print);
  }

  /** The derived state of one key, or undefined when it has no intent. */
  async state(key: string): Promise<JournalKeyState | undefined> {
    const rows = await this.db.all<{ entry: string; kind: string; at: string; data: string }>(
      'SELECT entry, kind, at, data FROM journal WHERE key = ? ORDER BY seq',
      [key],
    );
    // A key offered again after `not-sent` has a second intent: its story starts at the last one.
    const last = rows.findLastIndex((r) => r.entry === 'intent');
    const intent = rows[last];
    if (!intent) return undefined;
    const after = rows.slice(last + 1);
    const state: JournalKeyState = {
      key,
      kind: intent.kind,
      intentAt: intent.at,
      request: JSON.parse(intent.data),
    };
    const outcome = after.find((r) => r.entry === 'outcome');
    if (outcome) state.outcome = { ...JSON.parse(outcome.data), at: outcome.at };
    const print = after.findLast((r) => r.entry === 'print');
    if (print) state.print = { ...JSON.parse(print.data), at: print.at };
    return state;
  }

  /** When the last step ended with the hub (`done`), for the heartbeat; null before the first. */
  async lastTransactionAt(): Promise<string | null> {
    const row = await this.db.get<{ at: string }>(
      "SELECT at FROM journal WHERE entry = 'outcome' AND json_extract(data, '$.result') = 'done' ORDER BY seq DESC LIMIT 1",
    );
    return row?.at ?? null;
  }

  /**
   * The key of the journaled step (a POST to `path`) the hub answered with `id` (its summary's id,
   * masked the way the journal masks it), newest first; undefined when the journal has none.
   */
  async keyAnsweredWith(path: string, id: string): Promise<string | undefined> {
    const row = await this.db.get<{ key: string }>(
      `SELECT o.key FROM journal o JOIN journal i ON i.key = o.key AND i.entry = 'intent' AND i.seq < o.seq
        WHERE o.entry = 'outcome' AND json_extract(o.data, '$.summary.id') = ?
          AND json_extract(i.data, '$.path') = ?
        ORDER BY o.seq DESC LIMIT 1`,
      [journalSummary(id), path],
    );
    return row?.key;
  }

  /**
   * Steps (POSTs to `path`) the hub answered with a 2xx and an id since `since`, with no print
   * result after the answer: the agent stopped between the answer and the print. Oldest first;
   * `id` as the journal keeps it (masked the way journalSummary masks).
   */
  async answeredUnprinted(path: string, since: string): Promise<{ key: string; id: string }[]> {
    return this.db.all<{ key: string; id: string }>(
      `SELECT o.key, json_extract(o.data, '$.summary.id') AS id FROM journal o
        WHERE o.entry = 'outcome' AND o.at >= ? AND json_extract(o.data, '$.result') = 'done'
          AND json_extract(o.data, '$.httpStatus') BETWEEN 200 AND 299
          AND json_extract(o.data, '$.summary.id') IS NOT NULL
          AND EXISTS (SELECT 1 FROM journal i WHERE i.key = o.key AND i.entry = 'intent' AND i.seq < o.seq
                        AND json_extract(i.data, '$.path') = ?)
          AND NOT EXISTS (SELECT 1 FROM journal p WHERE p.key = o.key AND p.entry = 'print' AND p.seq > o.seq)
        ORDER BY o.seq`,
      [since, path],
    );
  }

  /** Keys with an intent and no outcome, oldest first: each must be resolved with the hub. */
  async unresolved(): Promise<string[]> {
    const rows = await this.db.all<{ key: string }>(
      `SELECT i.key FROM journal i WHERE i.entry = 'intent'
         AND NOT EXISTS (SELECT 1 FROM journal o WHERE o.key = i.key AND o.entry = 'outcome' AND o.seq > i.seq)
       ORDER BY i.seq`,
    );
    return rows.map((r) => r.key);
  }

  private async append(entry: string, kind: string, key: string, data: unknown): Promise<void> {
    const at = this.now().toISOString();
    await this.db.transaction(async (tx) => {
      if (entry === 'intent') {
        // Only a key the hub never received (`not-sent`) may be offered again.
        const last = await tx.all<{ entry: string; data: string }>(
          "SELECT entry, data FROM journal WHERE key = ? AND entry != 'print' ORDER BY seq DESC LIMIT 1",
          [key],
        );
        const prev = last[0];
        if (prev && (prev.entry === 'intent' || JSON.parse(prev.data).result !== 'not-sent'))
          throw new JournalKeyUsedError(key, prev.entry === 'intent' ? 'open' : 'done');
      }
      await tx.run('INSERT INTO journal (key, entry, kind, at, data) VALUES (?, ?, ?, ?, ?)', [
        key,
        entry,
        kind,
        at,
        JSON.stringify(data),
      ]);
      await this.outbox.enqueueIn(tx, 'journal', { key, entry, kind, at, data });
    });
  }
}

/** An intent for a key the journal already holds: the caller must not send it again. */
export class JournalKeyUsedError extends Error {
  readonly code = 'idempotency-key-journaled';
  constructor(
    readonly key: string,
    /** `open`: its intent awaits resolution; `done`: the hub answered it. */
    readonly state: 'open' | 'done',
  ) {
    super(`the journal already holds ${key} (${state})`);
    this.name = 'JournalKeyUsedError';
  }
}
