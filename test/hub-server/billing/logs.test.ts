import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningHub, startHub } from '../../../hub-server/main.ts';
import { enrolledKiosk } from '../../support/enrolled-hub.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { captureLines } from '../http/serve.ts';
import { pay, paymentOf, quoteFor } from './billing-hub.ts';

const lines = captureLines();
let hub: RunningHub;
const t = tempDir();
beforeAll(async () => {
  hub = await startHub({
    port: 0,
    dataDir: t.dir,
    logger: pino({ level: 'debug' }, lines),
    resolverIntervalMs: 3_600_000,
  });
});
afterAll(async () => {
  await hub.close();
  t.remove();
});

describe('billing logs (issue 7)', () => {
  it('when a resident looks up, pays by card and the posting fails and is refunded, then the log holds no account, name or card number in clear', async () => {
    const k = await enrolledKiosk(hub);
    const quote = await quoteFor(k, 'fz-water', '3509999999');
    const p = await (
      await pay(k, { quoteId: quote.id, method: 'card', cardToken: ';6222020000000001=30121010000000000?' })
    ).json();
    await hub.billing.settlement.idle();
    expect((await paymentOf(k, p.id)).state).toBe('refunded');
    const log = lines.raw.join('');
    expect(log).toContain('35****9999');
    expect(log).toContain(p.id);
    for (const secret of ['3509999999', '王建国', '6222020000000001', '30121010000000000'])
      expect(log).not.toContain(secret);
  });
});
