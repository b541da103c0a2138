/**
 * The resident's session (issue 6) on a simulated clock: idle, the countdown,
 * continue, the wipe, maintenance, an unreachable hub, and an agent that does
 * not answer. Network and flows are fakes handed in with `provide`.
 */
import { describe, expect, it } from 'vitest';
import { type AnyActorRef, createActor, createMachine, fromPromise, SimulatedClock } from 'xstate';
import type { DeviceStatus, HubConnectivity } from '../../../kiosk-agent/api/contract.ts';
import {
  isAskingStillThere,
  type SessionFlow,
  type SessionLink,
  sessionMachine,
  shellScreen,
} from '../../../kiosk-ui/src/machines/session.machine.ts';

const since = '2026-11-25T08:00:00.000Z';
const hubUp: HubConnectivity = { connected: true, since };
const hubDown: HubConnectivity = { connected: false, since, reason: 'cannot reach the hub (ECONNREFUSED)' };
const printer: DeviceStatus = {
  device: 'printer',
  state: 'online',
  detail: { paper: 'out', cover: 'closed' },
  since,
};

/** A service that waits for the resident to type, then finishes or goes home. */
const typingMachine = createMachine({
  types: {} as {
    context: { typed: string };
    events: { type: 'type'; text: string } | { type: 'submit' } | { type: 'back' };
  },
  context: { typed: '' },
  initial: 'typing',
  states: {
    typing: {
      on: {
        type: { actions: ({ context, event }) => Object.assign(context, { typed: event.text }) },
        submit: 'done',
        back: 'home',
      },
    },
    done: { type: 'final', output: { outcome: 'done' } },
    home: { type: 'final', output: { outcome: 'home' } },
  },
  output: ({ event }) => (event as unknown as { output: unknown }).output,
});

const flows: SessionFlow[] = [
  { id: 'pay', needs: { hub: true }, uses: { printer: true }, machine: typingMachine },
  { id: 'guide', needs: { hub: false }, machine: typingMachine },
];

const live: SessionLink = { hub: hubUp, devices: [printer], outOfService: false };

interface Harness {
  clock: SimulatedClock;
  actor: ReturnType<typeof createActor<typeof sessionMachine>>;
  ended: { sessionId: string | null; reason: string }[];
  started: number;
}

function start(options: { agent?: 'answers' | 'fails' | 'hangs' } = {}): Harness {
  const clock = new SimulatedClock();
  const harness = { clock, ended: [], started: 0 } as unknown as Harness;
  const machine = sessionMachine.provide({
    actors: {
      startSession: fromPromise<string>(() => {
        harness.started += 1;
        if (options.agent === 'fails') return Promise.reject(new Error('agent down'));
        if (options.agent === 'hangs') return new Promise<string>(() => {});
        return Promise.resolve(`S${harness.started}`);
      }),
      endSession: fromPromise<void, { sessionId: string | null; reason: 'done' | 'cancelled' | 'idle' }>(
        async ({ input }) => {
          harness.ended.push(input);
        },
      ),
    },
  });
  harness.actor = createActor(machine, { input: { flows }, clock });
  harness.actor.start();
  harness.actor.send({ type: 'link.changed', link: live });
  return harness;
}

/** Lets the fake agent's promises settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function atHome(h: Harness): Promise<void> {
  h.actor.send({ type: 'user.start' });
  await settle();
  expect(shellScreen(h.actor.getSnapshot())).toBe('home');
}

describe('session machine', () => {
  it('when a resident touches the attract screen, then the agent opens a session and home shows', async () => {
    const h = start();
    expect(shellScreen(h.actor.getSnapshot())).toBe('attract');
    await atHome(h);
    expect(h.actor.getSnapshot().context.sessionId).toBe('S1');
  });

  it('when nobody touches the screen for 60 s, then it asks "still there?" and 20 s later ends the session as idle', async () => {
    const h = start();
    await atHome(h);
    h.clock.increment(59_999);
    expect(isAskingStillThere(h.actor.getSnapshot())).toBe(false);
    h.clock.increment(1);
    expect(isAskingStillThere(h.actor.getSnapshot())).toBe(true);
    h.clock.increment(19_999);
    expect(shellScreen(h.actor.getSnapshot())).toBe('home');
    h.clock.increment(1);
    await settle();
    expect(shellScreen(h.actor.getSnapshot())).toBe('farewell');
    expect(h.actor.getSnapshot().context.endReason).toBe('idle');
    expect(h.ended).toEqual([{ sessionId: 'S1', reason: 'idle' }]);
    h.clock.increment(5_000);
    expect(shellScreen(h.actor.getSnapshot())).toBe('attract');
  });

  it('when the resident taps Continue during the countdown, then the session goes on with a fresh idle time', async () => {
    const h = start();
    await atHome(h);
    h.clock.increment(60_000 + 15_000);
    h.actor.send({ type: 'user.continue' });
    expect(isAskingStillThere(h.actor.getSnapshot())).toBe(false);
    h.clock.increment(59_000);
    expect(isAskingStillThere(h.actor.getSnapshot())).toBe(false);
    expect(h.ended).toEqual([]);
    h.clock.increment(1_000);
    expect(isAskingStillThere(h.actor.getSnapshot())).toBe(true);
  });

  it('when the resident keeps touching, then each touch restarts the idle time', async () => {
    const h = start();
    await atHome(h);
    for (let i = 0; i < 5; i++) {
      h.clock.increment(50_000);
      h.actor.send({ type: 'user.activity' });
    }
    expect(isAskingStillThere(h.actor.getSnapshot())).toBe(false);
    h.clock.increment(60_000);
    expect(isAskingStillThere(h.actor.getSnapshot())).toBe(true);
  });

  it('when touches were folded into one a moment later, then that restarts the idle time too, and on the attract loop it starts nothing', async () => {
    const h = start();
    h.actor.send({ type: 'user.stillActive' });
    expect(shellScreen(h.actor.getSnapshot())).toBe('attract');
    await atHome(h);
    h.clock.increment(50_000);
    h.actor.send({ type: 'user.stillActive' });
    h.clock.increment(59_000);
    expect(isAskingStillThere(h.actor.getSnapshot())).toBe(false);
    h.clock.increment(1_000);
    expect(isAskingStillThere(h.actor.getSnapshot())).toBe(true);
  });

  it('when a touch lands while "still there?" shows, then only Continue dismisses it (a tap elsewhere is not lost in a vanishing dialog)', async () => {
    const h = start();
    await atHome(h);
    h.clock.increment(60_000);
    h.actor.send({ type: 'user.activity' });
    expect(isAskingStillThere(h.actor.getSnapshot())).toBe(true);
  });

  it('when a screen sets its own idle time, then that time applies, and the next screen without one gets the default back', async () => {
    const h = start();
    await atHome(h);
    h.actor.send({ type: 'screen.shown', screen: 'pay:quote', idleSeconds: 120 });
    h.clock.increment(119_000);
    expect(isAskingStillThere(h.actor.getSnapshot())).toBe(false);
    h.clock.increment(1_000);
    expect(isAskingStillThere(h.actor.getSnapshot())).toBe(true);
    h.actor.send({ type: 'screen.shown', screen: 'home' });
    h.clock.increment(60_000);
    expect(isAskingStillThere(h.actor.getSnapshot())).toBe(true);
  });

  it('when the session ends, then language, large text, contrast, help and the flow with all it was typed are gone', async () => {
    const h = start();
    await atHome(h);
    h.actor.send({ type: 'user.setLocale', locale: 'en' });
    h.actor.send({ type: 'user.toggleLargeText' });
    h.actor.send({ type: 'user.toggleContrast' });
    h.actor.send({ type: 'user.chooseService', flowId: 'pay' });
    // The flow is spawned at run time, so the session's typed children do not name its kind.
    const flow = h.actor.getSnapshot().children.flow as AnyActorRef | undefined;
    flow?.send({ type: 'type', text: 'ZHANG WEI 350102199001011234' });
    expect(JSON.stringify(flow?.getSnapshot().context)).toContain('ZHANG WEI');
    h.actor.send({ type: 'user.openHelp' });

    h.actor.send({ type: 'user.finish' });
    await settle();
    h.clock.increment(5_000);

    const snapshot = h.actor.getSnapshot();
    expect(shellScreen(snapshot)).toBe('attract');
    expect(snapshot.children.flow).toBeUndefined();
    expect(flow?.getSnapshot().status).toBe('stopped');
    expect(snapshot.context).toMatchObject({
      locale: 'zh-CN',
      largeText: false,
      highContrast: false,
      helpOpen: false,
      sessionId: null,
      flowId: null,
      endReason: null,
    });
    expect(JSON.stringify(snapshot.context)).not.toContain('ZHANG');
    expect(h.ended).toEqual([{ sessionId: 'S1', reason: 'cancelled' }]);
  });

  it('when a flow finishes, then the session ends as done; when it goes home, then the session goes on', async () => {
    const h = start();
    await atHome(h);
    h.actor.send({ type: 'user.chooseService', flowId: 'guide' });
    h.actor.getSnapshot().children.flow?.send({ type: 'back' });
    expect(shellScreen(h.actor.getSnapshot())).toBe('home');
    expect(h.actor.getSnapshot().children.flow).toBeUndefined();
    expect(h.ended).toEqual([]);

    h.actor.send({ type: 'user.chooseService', flowId: 'guide' });
    h.actor.getSnapshot().children.flow?.send({ type: 'submit' });
    await settle();
    expect(shellScreen(h.actor.getSnapshot())).toBe('farewell');
    expect(h.ended).toEqual([{ sessionId: 'S1', reason: 'done' }]);
  });

  it('when the farewell shows and the resident taps Start again, then a new agent session starts', async () => {
    const h = start();
    await atHome(h);
    h.actor.send({ type: 'user.finish' });
    await settle();
    h.actor.send({ type: 'user.start' });
    await settle();
    expect(shellScreen(h.actor.getSnapshot())).toBe('home');
    expect(h.actor.getSnapshot().context.sessionId).toBe('S2');
  });

  it('when maintenance is switched on mid-flow, then the flow stops, the session ends and out-of-service shows; off again, the attract loop', async () => {
    const h = start();
    await atHome(h);
    h.actor.send({ type: 'user.setLocale', locale: 'en' });
    h.actor.send({ type: 'user.chooseService', flowId: 'pay' });
    h.actor.send({ type: 'link.changed', link: { ...live, outOfService: true } });
    await settle();
    expect(shellScreen(h.actor.getSnapshot())).toBe('out-of-service');
    expect(h.actor.getSnapshot().children.flow).toBeUndefined();
    expect(h.ended).toEqual([{ sessionId: 'S1', reason: 'cancelled' }]);
    expect(h.actor.getSnapshot().context.locale).toBe('zh-CN');

    // A visitor may still switch the language to read the notice; it does not outlive the notice.
    h.actor.send({ type: 'user.setLocale', locale: 'en' });
    expect(h.actor.getSnapshot().context.locale).toBe('en');
    h.actor.send({ type: 'link.changed', link: live });
    expect(shellScreen(h.actor.getSnapshot())).toBe('attract');
    expect(h.actor.getSnapshot().context.locale).toBe('zh-CN');
  });

  it('when maintenance is switched on with nobody at the kiosk, then no agent session is ended', async () => {
    const h = start();
    h.actor.send({ type: 'link.changed', link: { ...live, outOfService: true } });
    await settle();
    expect(shellScreen(h.actor.getSnapshot())).toBe('out-of-service');
    expect(h.ended).toEqual([{ sessionId: null, reason: 'cancelled' }]);
  });

  it('when the hub is unreachable, then a service that needs it cannot start, and one that does not still can', async () => {
    const h = start();
    await atHome(h);
    h.actor.send({ type: 'link.changed', link: { ...live, hub: hubDown } });
    h.actor.send({ type: 'user.chooseService', flowId: 'pay' });
    expect(shellScreen(h.actor.getSnapshot())).toBe('home');
    h.actor.send({ type: 'user.chooseService', flowId: 'guide' });
    expect(shellScreen(h.actor.getSnapshot())).toBe('flow');
  });

  it('when the agent is not connected at all, then no service starts, and an unknown service never does', async () => {
    const h = start();
    await atHome(h);
    h.actor.send({ type: 'link.changed', link: { hub: null, devices: [], outOfService: false } });
    h.actor.send({ type: 'user.chooseService', flowId: 'guide' });
    expect(shellScreen(h.actor.getSnapshot())).toBe('home');
    h.actor.send({ type: 'link.changed', link: live });
    h.actor.send({ type: 'user.chooseService', flowId: 'no-such-flow' });
    expect(shellScreen(h.actor.getSnapshot())).toBe('home');
  });

  it('when a flow starts, then it is told what the devices offer and the agent session id', async () => {
    const seen: unknown[] = [];
    const spy = createMachine({
      entry: ({ self }) => seen.push((self.getSnapshot() as { context: unknown }).context),
      context: ({ input }) => input as object,
    });
    const withSpy = [...flows, { id: 'spy', needs: { hub: false }, machine: spy }];
    const actor = createActor(
      sessionMachine.provide({
        actors: { startSession: fromPromise(async () => 'S9'), endSession: fromPromise(async () => {}) },
      }),
      { input: { flows: withSpy } },
    ).start();
    actor.send({ type: 'link.changed', link: live });
    actor.send({ type: 'user.start' });
    await settle();
    actor.send({ type: 'user.chooseService', flowId: 'spy' });
    expect(seen[0]).toMatchObject({
      sessionId: 'S9',
      offer: { receipt: 'qr', cardPayment: false },
    });
    actor.stop();
  });

  it('when the agent fails to open a session, then home still shows, and ending it asks the agent nothing', async () => {
    const h = start({ agent: 'fails' });
    await atHome(h);
    expect(h.actor.getSnapshot().context.sessionId).toBeNull();
    h.actor.send({ type: 'user.finish' });
    await settle();
    expect(h.ended).toEqual([{ sessionId: null, reason: 'cancelled' }]);
  });

  it('when the agent never answers the session start, then home shows after 5 s anyway', async () => {
    const h = start({ agent: 'hangs' });
    h.actor.send({ type: 'user.start' });
    await settle();
    expect(shellScreen(h.actor.getSnapshot())).toBe('starting');
    h.clock.increment(5_000);
    expect(shellScreen(h.actor.getSnapshot())).toBe('home');
  });

  it('when Help is tapped while the agent still opens the session, then it opens, stays open on home, and closes', async () => {
    const h = start({ agent: 'hangs' });
    h.actor.send({ type: 'user.start' });
    await settle();
    expect(shellScreen(h.actor.getSnapshot())).toBe('starting');
    h.actor.send({ type: 'user.openHelp' });
    expect(h.actor.getSnapshot().context.helpOpen).toBe(true);
    h.actor.send({ type: 'user.closeHelp' });
    expect(h.actor.getSnapshot().context.helpOpen).toBe(false);
    h.actor.send({ type: 'user.openHelp' });
    h.clock.increment(5_000);
    await settle();
    expect(shellScreen(h.actor.getSnapshot())).toBe('home');
    expect(h.actor.getSnapshot().context.helpOpen).toBe(true);
  });

  it('when a language is chosen on the attract screen, then the visit starts in that language', async () => {
    const h = start();
    h.actor.send({ type: 'user.setLocale', locale: 'en' });
    await settle();
    expect(shellScreen(h.actor.getSnapshot())).toBe('home');
    expect(h.actor.getSnapshot().context.locale).toBe('en');
  });

  it('when the scanner reads something during a flow, then the flow gets it; on the home screen nobody does', async () => {
    const seen: unknown[] = [];
    const listening = createMachine({
      on: { 'device.event': { actions: ({ event }) => seen.push(event) } },
    });
    const actor = createActor(
      sessionMachine.provide({
        actors: { startSession: fromPromise(async () => 'S1'), endSession: fromPromise(async () => {}) },
      }),
      { input: { flows: [{ id: 'scan', needs: { hub: false }, machine: listening }] } },
    ).start();
    actor.send({ type: 'link.changed', link: live });
    actor.send({ type: 'user.start' });
    await settle();
    const scan = { device: 'scanner', kind: 'scan', text: '1234567890', at: since } as const;
    actor.send({ type: 'device.event', event: scan });
    actor.send({ type: 'user.chooseService', flowId: 'scan' });
    actor.send({ type: 'device.event', event: scan });
    expect(seen).toEqual([{ type: 'device.event', event: scan }]);
    actor.stop();
  });

  it('when the printer runs out of paper during a flow, then the flow hears the new offer; on the home screen nobody does (issue 7)', async () => {
    const seen: unknown[] = [];
    const listening = createMachine({
      on: { 'device.offer': { actions: ({ event }) => seen.push(event) } },
    });
    const actor = createActor(
      sessionMachine.provide({
        actors: { startSession: fromPromise(async () => 'S1'), endSession: fromPromise(async () => {}) },
      }),
      { input: { flows: [{ id: 'pay', needs: { hub: false }, machine: listening }] } },
    ).start();
    const withPaper = { ...printer, detail: { paper: 'ok', cover: 'closed' } };
    actor.send({ type: 'link.changed', link: { ...live, devices: [withPaper] } });
    actor.send({ type: 'user.start' });
    await settle();
    actor.send({ type: 'link.changed', link: live });
    actor.send({ type: 'user.chooseService', flowId: 'pay' });
    actor.send({ type: 'link.changed', link: live });
    actor.send({ type: 'link.changed', link: { ...live, devices: [withPaper] } });
    expect(seen).toMatchObject([
      { type: 'device.offer', offer: { receipt: 'qr' } },
      { type: 'device.offer', offer: { receipt: 'paper' } },
    ]);
    actor.stop();
  });

  it('when the agent itself ends this session (it restarted), then the visit ends; another session id changes nothing', async () => {
    const h = start();
    await atHome(h);
    h.actor.send({ type: 'agent.sessionEnded', sessionId: 'S-other' });
    expect(shellScreen(h.actor.getSnapshot())).toBe('home');
    h.actor.send({ type: 'agent.sessionEnded', sessionId: 'S1' });
    await settle();
    expect(shellScreen(h.actor.getSnapshot())).toBe('farewell');
  });

  it('when Start again is tapped while the agent still closes the last session, then the tap is kept and a new session follows', async () => {
    let finishEnd: () => void = () => {};
    const actor = createActor(
      sessionMachine.provide({
        actors: {
          startSession: fromPromise(async () => 'S-next'),
          endSession: fromPromise(
            () =>
              new Promise<void>((resolve) => {
                finishEnd = resolve;
              }),
          ),
        },
      }),
      { input: { flows } },
    ).start();
    actor.send({ type: 'link.changed', link: live });
    actor.send({ type: 'user.start' });
    await settle();
    actor.send({ type: 'user.finish' });
    expect(shellScreen(actor.getSnapshot())).toBe('farewell');
    actor.send({ type: 'user.start' });
    finishEnd();
    await settle();
    await settle();
    expect(shellScreen(actor.getSnapshot())).toBe('home');
    expect(actor.getSnapshot().context.startAgain).toBe(false);
    actor.stop();
  });

  it('when the flow says money is moving, then Finish and Home are refused and no idle question comes; once it is over, both work again', async () => {
    const h = start();
    await atHome(h);
    h.actor.send({ type: 'user.chooseService', flowId: 'pay' });
    h.actor.send({ type: 'screen.shown', screen: 'pay.paying', locked: true });
    h.actor.send({ type: 'user.finish' });
    h.actor.send({ type: 'user.home' });
    h.clock.increment(10 * 60_000);
    expect(shellScreen(h.actor.getSnapshot())).toBe('flow');
    expect(isAskingStillThere(h.actor.getSnapshot())).toBe(false);
    expect(h.ended).toEqual([]);

    h.actor.send({ type: 'screen.shown', screen: 'pay.result' });
    h.clock.increment(60_000);
    expect(isAskingStillThere(h.actor.getSnapshot())).toBe(true);
    h.actor.send({ type: 'user.continue' });
    h.actor.send({ type: 'user.home' });
    expect(shellScreen(h.actor.getSnapshot())).toBe('home');
    expect(h.actor.getSnapshot().context.locked).toBe(false);
  });
});
