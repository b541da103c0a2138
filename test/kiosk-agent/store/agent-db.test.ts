import { afterEach, describe, expect, it } from 'vitest';
import { AgentDb } from '../../../kiosk-agent/store/agent-db.ts';
import { migrateAgentDb, openAgentDb } from '../../../kiosk-agent/store/migrate.ts';
import { tempDir } from '../../support/temp-dir.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('agent database (issue 5)', () => {
  it('when opened fresh, then it is WAL with synchronous FULL (every commit fsynced) and migrated to the newest version', async () => {
    const t = tempDir();
    const db = await openAgentDb(`${t.dir}/nested/state`);
    cleanups.push(t.remove, () => db.close());
    expect(await db.get('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
    expect(await db.get('PRAGMA synchronous')).toEqual({ synchronous: 2 });
    expect(await db.get('PRAGMA user_version')).toEqual({ user_version: 1 });
    expect(await migrateAgentDb(db)).toEqual({ from: 1, to: 1 });
  });

  it('when the file was written by a newer agent, then it is refused and left as it is', async () => {
    const t = tempDir();
    const db = await AgentDb.open(`${t.dir}/agent.sqlite`);
    cleanups.push(t.remove, () => db.close());
    await db.exec('PRAGMA user_version = 99');
    await expect(migrateAgentDb(db)).rejects.toThrow(/schema version 99/);
    expect(await db.get('PRAGMA user_version')).toEqual({ user_version: 99 });
  });

  it('when a transaction throws, then nothing of it is kept', async () => {
    const t = tempDir();
    const db = await openAgentDb(t.dir);
    cleanups.push(t.remove, () => db.close());
    await expect(
      db.transaction(async (tx) => {
        await tx.run(
          "INSERT INTO outbox (id, kind, at, body, bytes) VALUES ('a', 'telemetry', 'now', '{}', 2)",
        );
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await db.get('SELECT COUNT(*) AS n FROM outbox')).toEqual({ n: 0 });
  });
});
