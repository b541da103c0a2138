import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { printedText } from '../../hardware/printer/printed-document.ts';
import { type RunningHub, startHub } from '../../hub-server/main.ts';
import { mintEnrollmentCode } from '../../hub-server/modules/auth/kiosk-auth.ts';
import { DEMO_KIOSK } from '../../hub-server/seed/demo-fleet.ts';
import { tempDir } from '../support/temp-dir.ts';
import { type Harness, startHarness, until } from './agent-harness.ts';

const RECEIPT = {
  lines: [
    { text: '鼓楼区东街口社区服务亭', align: 'center' as const },
    { text: '电费 缴费成功' },
    { text: '金额 ¥120.00' },
  ],
};

let hub: RunningHub | undefined;
let h: Harness | undefined;
let data: { dir: string; remove(): void } | undefined;
afterEach(async () => {
  await h?.close();
  await hub?.close();
  data?.remove();
  h = hub = data = undefined;
});

async function linked(): Promise<{ hub: RunningHub; h: Harness }> {
  data = tempDir();
  hub = await startHub({ port: 0, dataDir: data.dir, logger: pino({ level: 'silent' }) });
  const { code } = await mintEnrollmentCode({ db: hub.db, now: () => new Date() }, DEMO_KIOSK.id, null);
  h = await startHarness({ hubUrl: hub.url, kioskId: DEMO_KIOSK.id, enrollmentCode: code });
  const agent = h.agent;
  await until(() => (agent.status().link.enrollment === 'enrolled' ? true : undefined), 5000);
  return { hub, h };
}

async function answered(hub: RunningHub, id: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [c] = (await hub.fleet.listCommands(DEMO_KIOSK.id)).filter((x) => x.id === id);
    if (c && c.state !== 'queued' && c.state !== 'picked') return c;
    if (Date.now() > deadline) throw new Error('no answer');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('reprint-last-receipt from the hub (issue 5), printer on a real pty', () => {
  it('when a receipt was printed, then the maintainer’s reprint prints it again marked as a reprint', async () => {
    const { hub, h } = await linked();
    const sessionId = await h.startSession();
    expect((await h.command('printer/print', { sessionId, requestId: 'p-1', body: RECEIPT })).status).toBe(
      200,
    );
    const cmd = await hub.fleet.createCommand(DEMO_KIOSK.id, 'reprint-last-receipt', {}, 'p', 60_000);
    expect(await answered(hub, cmd.id)).toMatchObject({ state: 'done', result: { ok: true } });
    const printed = h.rig.printer.sim.printed();
    expect(printed).toHaveLength(2);
    const again = printedText(printed[1]!);
    expect(again[0]).toBe('补打凭条 REPRINT');
    expect(again).toEqual(expect.arrayContaining(['电费 缴费成功', '金额 ¥120.00']));
  });

  it('when nothing was printed, or the paper is out, then the reprint fails saying why and prints nothing', async () => {
    const { hub, h } = await linked();
    const none = await hub.fleet.createCommand(DEMO_KIOSK.id, 'reprint-last-receipt', {}, 'p', 60_000);
    expect(await answered(hub, none.id)).toMatchObject({
      state: 'failed',
      result: { message: expect.stringMatching(/no receipt was printed/) },
    });
    const sessionId = await h.startSession();
    await h.command('printer/print', { sessionId, requestId: 'p-1', body: RECEIPT });
    h.rig.printer.sim.setPaper('out');
    const printer = h.agent;
    await until(
      () =>
        printer.status().devices.find((d) => d.device === 'printer')?.detail.paper === 'out'
          ? true
          : undefined,
      3000,
    );
    const out = await hub.fleet.createCommand(DEMO_KIOSK.id, 'reprint-last-receipt', {}, 'p', 60_000);
    expect(await answered(hub, out.id)).toMatchObject({
      state: 'failed',
      result: { message: expect.stringMatching(/the printer refused/) },
    });
    expect(h.rig.printer.sim.printed()).toHaveLength(1);
  });
});

describe('the receipt of a journaled step (issue 5)', () => {
  it('when a print carries the step’s journal key, then its result is journaled with the step; a failed print too', async () => {
    const { h } = await linked();
    const journal = h.agent.delivery.journal;
    await journal.intent('money', 'pay-0001-aaaa', {
      method: 'POST',
      path: '/payments',
      body: { amount: 120 },
    });
    await journal.outcome('pay-0001-aaaa', { result: 'done', httpStatus: 201, source: 'answer' });
    const sessionId = await h.startSession();
    const printed = await fetch(`${h.agent.url}/agent/devices/printer/print`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-session-id': sessionId,
        'x-request-id': 'p-j1',
        'x-journal-key': 'pay-0001-aaaa',
      },
      body: JSON.stringify(RECEIPT),
    });
    expect(printed.status).toBe(200);
    expect((await journal.state('pay-0001-aaaa'))?.print).toMatchObject({ ok: true });

    await journal.intent('money', 'pay-0002-bbbb', {
      method: 'POST',
      path: '/payments',
      body: { amount: 50 },
    });
    h.rig.printer.sim.setPaper('out');
    const agent = h.agent;
    await until(
      () =>
        agent.status().devices.find((d) => d.device === 'printer')?.detail.paper === 'out' ? true : undefined,
      3000,
    );
    const refused = await fetch(`${h.agent.url}/agent/devices/printer/print`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-session-id': sessionId,
        'x-request-id': 'p-j2',
        'x-journal-key': 'pay-0002-bbbb',
      },
      body: JSON.stringify(RECEIPT),
    });
    expect(refused.status).toBe(503);
    expect((await journal.state('pay-0002-bbbb'))?.print).toMatchObject({
      ok: false,
      code: expect.any(String),
    });
  });
});

describe('last transaction time in the heartbeat (issue 5)', () => {
  it('when a step ends done with the hub, then the next heartbeat carries its time; a not-sent one does not count', async () => {
    const { hub, h } = await linked();
    const journal = h.agent.delivery.journal;
    expect(await journal.lastTransactionAt()).toBeNull();
    await journal.intent('money', 'pay-0003-cccc', {
      method: 'POST',
      path: '/payments',
      body: { amount: 1 },
    });
    await journal.outcome('pay-0003-cccc', { result: 'not-sent', source: 'resolved' });
    expect(await journal.lastTransactionAt()).toBeNull();
    await journal.intent('money', 'pay-0004-dddd', {
      method: 'POST',
      path: '/payments',
      body: { amount: 2 },
    });
    await journal.outcome('pay-0004-dddd', { result: 'done', httpStatus: 201, source: 'answer' });
    const at = await journal.lastTransactionAt();
    expect(at).toEqual(expect.any(String));
    const deadline = Date.now() + 12_000;
    for (;;) {
      const k = await hub.fleet.getKiosk(DEMO_KIOSK.id);
      const payload = (k.latestHeartbeat as { payload?: { lastTransactionAt?: string | null } } | null)
        ?.payload;
      if (payload?.lastTransactionAt === at) break;
      if (Date.now() > deadline) throw new Error(`heartbeat never carried ${at}: ${JSON.stringify(payload)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 30_000);
});
