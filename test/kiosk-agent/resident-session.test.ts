import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceName } from '../../hardware/common/device-status.ts';
import { type Harness, isEvent, startHarness, until } from './agent-harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${h.agent.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('the resident session (issue 5), simulators on real ptys', () => {
  it('when the session ends, then the card is ejected, the scanner and ringer are off, and session.ended is pushed', async () => {
    const screen = await h.screen();
    const sessionId = await h.startSession();
    await screen.next(isEvent('session.started'));
    await h.command('card-reader/enable', { sessionId, requestId: 'e' });
    await h.command('scanner/enable', { sessionId, requestId: 's' });
    await h.command('handset/ring', { sessionId, requestId: 'r' });
    h.rig.cardReader.sim.insert('visa');
    await until(() => (h.rig.cardReader.sim.state().position === 'inside' ? true : undefined));
    await until(() => (h.rig.scanner.sim.state().trigger === 'on' ? true : undefined));

    const res = await post('/agent/session/end', { reason: 'done' }, { 'x-session-id': sessionId });
    expect(await res.json()).toEqual({ sessionId, ended: true });
    const ended = await screen.next(isEvent('session.ended'));
    expect(ended).toEqual({ type: 'session.ended', sessionId, reason: 'done' });
    expect(h.rig.cardReader.sim.state()).toMatchObject({ position: 'gate', entryEnabled: false });
    await until(() => (h.rig.scanner.sim.state().trigger === 'off' ? true : undefined));
    await until(() => (h.rig.handset.state().ringing ? undefined : true));
    // The ended session's commands are refused from now on.
    const late = await h.command('card-reader/retain', { sessionId, requestId: 'late' });
    expect(late.body).toMatchObject({ completionCode: 'canceled', error: 'session-ended' });
    screen.close();
  });

  it('when the ejected card is taken, then the screen sees cardTaken', async () => {
    const screen = await h.screen();
    const sessionId = await h.startSession();
    await h.command('card-reader/enable', { sessionId, requestId: 'e' });
    h.rig.cardReader.sim.insert('visa');
    await until(() => (h.rig.cardReader.sim.state().position === 'inside' ? true : undefined));
    await h.command('card-reader/eject', { sessionId, requestId: 'j' });
    expect(h.rig.cardReader.sim.remove()).toBe(true);
    await screen.next(isEvent('device.event', 'cardTaken'));
    screen.close();
  });

  it('when an ID card is read, then only the session’s sockets get the name and number, and the logs hold them masked', async () => {
    const before = await h.screen();
    h.rig.idReader.driver.enable();
    h.rig.idReader.sim.present('adult-gulou');
    await until(() => (h.rig.idReader.driver.status().detail.card === 'present' ? true : undefined));
    h.rig.idReader.sim.withdraw();
    await before.next(isEvent('device.event', 'idCardRemoved'));
    expect(before.events.some((e) => e.type === 'id.card.read')).toBe(false);

    const sessionId = await h.startSession();
    const late = await h.screen(); // opened after the start: not the session's until it joins
    await h.command('id-reader/enable', { sessionId, requestId: 'id-on' });
    h.rig.idReader.sim.present('adult-gulou');
    const read = await before.next(isEvent('id.card.read'));
    expect(read).toMatchObject({
      sessionId,
      card: { name: '林晓明', idNumber: '350102198506121235', checkDigitValid: true, expired: false },
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(late.events.some((e) => e.type === 'id.card.read')).toBe(false);
    const logs = h.logLines.join('\n');
    expect(logs).not.toContain('350102198506121235');
    expect(logs).not.toContain('林晓明');
    expect(logs).toContain('3501**********1235');
    before.close();
    late.close();
  });

  it('when a socket joins with the current session id, then it gets the session’s scans; a stale id joins nothing', async () => {
    const old = await h.startSession();
    const sessionId = await h.startSession();
    const staleJoin = await h.screen();
    staleJoin.ws.send(JSON.stringify({ type: 'ui.session', sessionId: old }));
    const joined = await h.screen();
    joined.ws.send(JSON.stringify({ type: 'ui.session', sessionId }));
    await h.command('scanner/enable', { sessionId, requestId: 's' });
    await until(() => (h.rig.scanner.sim.state().trigger === 'on' ? true : undefined));
    expect(h.rig.scanner.sim.scan('28061234567890123456')).toBe(true);
    const scan = await joined.next(isEvent('device.event', 'scan'));
    expect(scan.event).toMatchObject({ device: 'scanner', kind: 'scan', text: '28061234567890123456' });
    expect(staleJoin.events.some((e) => e.type === 'device.event' && e.event.kind === 'scan')).toBe(false);
    staleJoin.close();
    joined.close();
  });

  it('when the end reason is not one of done, cancelled, idle, then it is refused naming the field', async () => {
    await h.startSession();
    const res = await post('/agent/session/end', { reason: 'bored' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid-body', field: 'reason' } });
    expect(h.agent.session.id).toBeDefined();
  });

  it.each<DeviceName>(['printer', 'card-reader', 'id-reader', 'scanner', 'handset'])(
    'when the %s is unplugged and replugged during a session, then its status follows and the agent keeps answering',
    async (device) => {
      const screen = await h.screen();
      await h.startSession();
      const state = () => h.agent.status().devices.find((d) => d.device === device)?.state;
      await h.rig.unplug(device);
      await until(() => (state() === 'offline' ? true : undefined), 4000);
      await screen.next(
        (e): e is never =>
          e.type === 'device.status' && e.status.device === device && e.status.state === 'offline',
      );
      expect((await fetch(`${h.agent.url}/agent/status`)).status).toBe(200);
      await h.rig.replug(device);
      await until(() => (state() === 'online' ? true : undefined), 4000);
      const sessionId = h.agent.session.id;
      expect(sessionId).toBeDefined();
      screen.close();
    },
  );
});
