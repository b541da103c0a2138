import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Database, DataFileError } from '../../hub-server/db/database.ts';
import { loadMigrations, migrate } from '../../hub-server/db/migrate.ts';
import { tempDir } from '../support/temp-dir.ts';

const temps: { remove(): void }[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) t.remove();
});
function fileIn(name: string): string {
  const t = tempDir();
  temps.push(t);
  return path.join(t.dir, name);
}

describe('hub database', () => {
  it('when a fresh file is opened, then every migration runs and the schema version is the newest', async () => {
    const db = await Database.open(fileIn('hub.sqlite'));
    const migrations = await loadMigrations();
    expect(await migrate(db, migrations)).toEqual({ from: 0, to: migrations.length });
    const tables = await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'");
    expect(tables.map((t) => t.name)).toContain('kiosks');
    expect((await db.get<{ journal_mode: string }>('PRAGMA journal_mode'))?.journal_mode).toBe('wal');
    expect(await migrate(db, migrations)).toEqual({ from: migrations.length, to: migrations.length });
    await db.close();
  });

  it('when the file is not a sqlite database, then it is refused with a clear message and left untouched', async () => {
    const file = fileIn('hub.sqlite');
    const garbage = Buffer.from('this is a spreadsheet, not a database\n'.repeat(200));
    writeFileSync(file, garbage);
    const err = await Database.open(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataFileError);
    expect((err as DataFileError).code).toBe('data-file-corrupt');
    expect((err as Error).message).toContain(file);
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  it('when the file comes from a newer hub, then it is refused and its schema is not touched', async () => {
    const file = fileIn('hub.sqlite');
    const db = await Database.open(file);
    await db.exec('CREATE TABLE future (x); PRAGMA user_version = 999');
    const migrations = await loadMigrations();
    const err = await migrate(db, migrations).catch((e: unknown) => e);
    expect((err as DataFileError).code).toBe('data-file-too-new');
    expect((err as Error).message).toMatch(/version 999/);
    const tables = await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'");
    expect(tables.map((t) => t.name)).toEqual(['future']);
    await db.close();
  });

  it('when a transaction throws, then none of its writes remain', async () => {
    const db = await Database.open(fileIn('hub.sqlite'));
    await db.exec('CREATE TABLE t (x INTEGER)');
    await expect(
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO t VALUES (1)');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await db.transaction((tx) => tx.run('INSERT INTO t VALUES (2)'));
    expect(await db.all('SELECT x FROM t')).toEqual([{ x: 2 }]);
    await db.close();
  });

  it('when writes race, then the single writer serialises them and none is lost', async () => {
    const db = await Database.open(fileIn('hub.sqlite'));
    await db.exec('CREATE TABLE c (n INTEGER); INSERT INTO c VALUES (0)');
    await Promise.all(
      Array.from({ length: 50 }, () =>
        db.transaction(async (tx) => {
          const row = await tx.get<{ n: number }>('SELECT n FROM c');
          await tx.run('UPDATE c SET n = ?', [(row?.n ?? 0) + 1]);
        }),
      ),
    );
    expect(await db.get('SELECT n FROM c')).toEqual({ n: 50 });
    await db.close();
  });
});
