import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { printedText } from '../../hardware/printer/printed-document.ts';
import { type Harness, isEvent, startHarness, until } from './agent-harness.ts';

const RECEIPT = {
  lines: [
    { text: '鼓楼区东街口社区服务亭', align: 'center' as const, bold: true },
    { rule: 'single' as const },
    { text: '水费 缴费成功' },
    { text: '金额 ¥86.50' },
  ],
};

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('device commands over the local API (issue 5), simulators on real ptys', () => {
  it('when a card is inserted at the simulator during a session, then the screen gets cardInserted', async () => {
    const screen = await h.screen();
    const sessionId = await h.startSession();
    const enabled = await h.command('card-reader/enable', { sessionId, requestId: 'r-enable' });
    expect(enabled).toEqual({ status: 200, body: { requestId: 'r-enable', completionCode: 'success' } });

    h.rig.cardReader.sim.insert('unionpay');
    const event = await screen.next(isEvent('device.event', 'cardInserted'));
    expect(event.event).toEqual({ device: 'card-reader', kind: 'cardInserted', card: 'ic' });
    screen.close();
  });

  it('when a document is printed, then it answers success only after the printer printed it', async () => {
    const sessionId = await h.startSession();
    const res = await h.command('printer/print', { sessionId, requestId: 'p-1', body: RECEIPT });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      requestId: 'p-1',
      completionCode: 'success',
      printedAt: expect.any(String),
    });
    const printed = h.rig.printer.sim.printed();
    expect(printed).toHaveLength(1);
    expect(printedText(printed[0]!)).toEqual(
      expect.arrayContaining(['鼓楼区东街口社区服务亭', '水费 缴费成功', '金额 ¥86.50']),
    );
    expect(h.agent.lastReceipt()?.document).toEqual(RECEIPT);
  });

  it('when the paper is out, then printing answers deviceNotReady (503) and nothing is printed', async () => {
    const sessionId = await h.startSession();
    h.rig.printer.sim.setPaper('out');
    await until(() =>
      h.agent.status().devices.find((d) => d.device === 'printer')?.detail.paper === 'out' ? true : undefined,
    );
    const res = await h.command('printer/print', { sessionId, requestId: 'p-out', body: RECEIPT });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      requestId: 'p-out',
      completionCode: 'deviceNotReady',
      error: 'paper-out',
    });
    expect(h.rig.printer.sim.printed()).toHaveLength(0);
    expect(h.agent.lastReceipt()).toBeUndefined();
  });

  it('when the same print is tapped twice at once (same request id), then one receipt prints and both get its answer', async () => {
    const sessionId = await h.startSession();
    const [a, b] = await Promise.all([
      h.command('printer/print', { sessionId, requestId: 'tap-1', body: RECEIPT }),
      h.command('printer/print', { sessionId, requestId: 'tap-1', body: RECEIPT }),
    ]);
    expect(a.body.completionCode).toBe('success');
    expect(b).toEqual(a);
    const later = await h.command('printer/print', { sessionId, requestId: 'tap-1', body: RECEIPT });
    expect(later).toEqual(a);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.rig.printer.sim.printed()).toHaveLength(1);
  });

  it('when a command carries an ended session id, then it is refused 409 canceled session-ended', async () => {
    const old = await h.startSession();
    const current = await h.startSession();
    expect(current).not.toBe(old);
    const res = await h.command('printer/print', { sessionId: old, requestId: 'late', body: RECEIPT });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ requestId: 'late', completionCode: 'canceled', error: 'session-ended' });
    const none = await h.command('handset/ring', { requestId: 'no-session' });
    expect(none.status).toBe(409);
    expect(h.rig.printer.sim.printed()).toHaveLength(0);
  });

  it('when the body is bad, then invalidData (400) names the field', async () => {
    const sessionId = await h.startSession();
    const bad = await h.command('printer/print', {
      sessionId,
      requestId: 'bad-1',
      body: { lines: [{ text: 42 }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      requestId: 'bad-1',
      completionCode: 'invalidData',
      field: 'lines.0.text',
    });
    const noId = await h.command('handset/ring', { sessionId });
    expect(noId.status).toBe(400);
    expect(noId.body).toMatchObject({ completionCode: 'invalidData', field: 'requestId' });
    const extra = await h.command('scanner/enable', { sessionId, requestId: 'x', body: { turbo: true } });
    expect(extra.body).toMatchObject({ completionCode: 'invalidData', error: 'invalid-body' });
    const unknown = await h.command('printer/explode', { sessionId, requestId: 'y' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({
      requestId: 'y',
      completionCode: 'invalidData',
      error: 'unknown-command',
    });
    expect(h.rig.printer.sim.printed()).toHaveLength(0);

    const fixed = await h.command('printer/print', { sessionId, requestId: 'bad-1', body: RECEIPT });
    expect(fixed.body.completionCode).toBe('success');
    const notJson = await fetch(`${h.agent.url}/agent/devices/printer/print`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'nj', 'x-session-id': sessionId },
      body: '{"lines": [',
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({
      requestId: 'nj',
      completionCode: 'invalidData',
      error: 'invalid-json',
      field: 'body',
    });
  });

  it('when a bank card is read, then the screen gets a masked PAN and a token, and the full PAN stays in the agent', async () => {
    const sessionId = await h.startSession();
    await h.command('card-reader/enable', { sessionId, requestId: 'e' });
    h.rig.cardReader.sim.insert('unionpay');
    await until(() => (h.rig.cardReader.driver.status().detail.card === 'inside' ? true : undefined));
    const res = await h.command('card-reader/read', { sessionId, requestId: 'read' });
    expect(res.body).toMatchObject({
      completionCode: 'success',
      card: { source: 'track2', maskedPan: '6222 **** **** 0123', expiry: '2812', token: expect.any(String) },
    });
    const token = res.body.card?.source === 'track2' ? res.body.card.token : '';
    expect(JSON.stringify(res.body)).not.toContain('6222021234567890123');
    expect(h.agent.session.cardByToken(sessionId, token)?.pan).toBe('6222021234567890123');
    expect(h.logLines.join('\n')).not.toContain('6222021234567890123');

    await h.agent.session.end('done');
    expect(h.agent.session.cardByToken(sessionId, token)).toBeUndefined();
  });

  it('when the handset is lifted and a ring is asked, then the screen sees hookOff and the handset rings until stopped', async () => {
    const screen = await h.screen();
    const sessionId = await h.startSession();
    h.rig.handset.lift();
    await screen.next(isEvent('device.event', 'hookOff'));
    h.rig.handset.press('1');
    const key = await screen.next(isEvent('device.event', 'key'));
    expect(key.event).toEqual({ device: 'handset', kind: 'key', key: '1' });

    expect((await h.command('handset/ring', { sessionId, requestId: 'ring' })).body.completionCode).toBe(
      'success',
    );
    await until(() => (h.rig.handset.state().ringing ? true : undefined));
    await h.command('handset/stop-ringing', { sessionId, requestId: 'stop' });
    await until(() => (h.rig.handset.state().ringing ? undefined : true));
    screen.close();
  });
});
