import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AgentDb } from './agent-db.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Brings the agent's database up to its newest numbered migration (`NNN-name.sql`); the
 * version lives in `PRAGMA user_version`. A file from a newer agent is refused, not touched.
 */
export async function migrateAgentDb(
  db: AgentDb,
  dir = MIGRATIONS_DIR,
): Promise<{ from: number; to: number }> {
  const files = (await readdir(dir)).filter((f) => /^\d{3}-[a-z0-9-]+\.sql$/.test(f)).sort();
  files.forEach((f, i) => {
    if (Number(f.slice(0, 3)) !== i + 1) throw new Error(`Agent migration ${f} is out of sequence`);
  });
  const from = (await db.get<{ user_version: number }>('PRAGMA user_version'))?.user_version ?? 0;
  if (from > files.length)
    throw new Error(`${db.file} has schema version ${from}; this agent knows only up to ${files.length}`);
  for (const [i, f] of files.entries()) {
    if (i < from) continue;
    const sql = await readFile(path.join(dir, f), 'utf8');
    await db.transaction(async (tx) => {
      await tx.exec(sql);
      await tx.exec(`PRAGMA user_version = ${i + 1}`);
    });
  }
  return { from, to: files.length };
}

/** Opens `<stateDir>/agent.sqlite` and migrates it. */
export async function openAgentDb(stateDir: string): Promise<AgentDb> {
  await mkdir(stateDir, { recursive: true });
  const db = await AgentDb.open(path.join(stateDir, 'agent.sqlite'));
  try {
    await migrateAgentDb(db);
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
  return db;
}
