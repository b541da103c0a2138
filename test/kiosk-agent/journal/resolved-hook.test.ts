import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from '../../../kiosk-agent/journal/journal.ts';
import { JournalResolver } from '../../../kiosk-agent/journal/journal-resolver.ts';
import { Outbox } from '../../../kiosk-agent/outbox/outbox.ts';
import { openAgentDb } from '../../../kiosk-agent/store/migrate.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { until } from '../../support/until.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('the resolver tells who resolved what (issue 7: receipts after a crash)', () => {
  it('when an intent was open at start, then its resolution says fromBefore; one left open by this run’s unanswered call does not', async () => {
    const t = tempDir();
    const db = await openAgentDb(t.dir);
    cleanups.push(t.remove, () => db.close());
    const journal = new Journal(db, new Outbox(db));
    const intent = (key: string) => journal.intent('money', key, { method: 'POST', path: '/p', body: {} });
    await intent('left-by-a-crash');
    const resolver = new JournalResolver({
      journal,
      lookup: async () => ({ found: true, state: 'done', status: 201, body: { id: 'p' } }),
      logger: pino({ level: 'silent' }),
      retryMs: 5,
    });
    cleanups.push(() => resolver.stop());
    const heard: [string, boolean][] = [];
    resolver.whenResolved((key, _record, fromBefore) => heard.push([key, fromBefore]));
    await resolver.start();
    await until(() => heard.length === 1 || undefined);

    await intent('a-504-of-this-run');
    resolver.sending('a-504-of-this-run');
    resolver.sent('a-504-of-this-run', false);
    await until(() => heard.length === 2 || undefined);
    expect(heard).toEqual([
      ['left-by-a-crash', true],
      ['a-504-of-this-run', false],
    ]);
  });
});
