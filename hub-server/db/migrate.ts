import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Database, DataFileError } from './database.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Reads the numbered migrations (`001-name.sql`, …) in order. */
export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{3}-[a-z0-9-]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (name, i) => {
      const version = Number(name.slice(0, 3));
      if (version !== i + 1) throw new Error(`Migration ${name} is out of sequence (expected ${i + 1})`);
      return { version, name, sql: await readFile(`${dir}/${name}`, 'utf8') };
    }),
  );
}

/**
 * Brings the schema up to the newest migration. The schema version lives in
 * `PRAGMA user_version`; a file written by a newer hub is refused, not touched.
 */
export async function migrate(db: Database, migrations: Migration[]): Promise<{ from: number; to: number }> {
  const row = await db.get<{ user_version: number }>('PRAGMA user_version');
  const from = row?.user_version ?? 0;
  const latest = migrations.length;
  if (from > latest) {
    throw new DataFileError(
      'data-file-too-new',
      `The data file ${db.file} has schema version ${from}, but this hub knows only up to ${latest}. ` +
        'It was written by a newer Tingzi: run that version, or restore a backup. The file was left untouched.',
    );
  }
  for (const m of migrations.slice(from)) {
    await db.transaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.exec(`PRAGMA user_version = ${m.version}`);
    });
  }
  return { from, to: latest };
}
