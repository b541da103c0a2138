import { describe, expect, it } from 'vitest';
import { type AnyEventObject, createActor, fromCallback, SimulatedClock } from 'xstate';
import type { AgentStatus, DeviceStatus } from '../../../kiosk-agent/api/contract.ts';
import {
  type AgentLinkEvent,
  type AgentLinkInput,
  agentLinkMachine,
  CONNECT_TIMEOUT_MS,
  reconnectDelayMs,
  selectAgentLinkView,
} from '../../../kiosk-ui/src/machines/agent-link.machine.ts';

const URL = 'ws://127.0.0.1:7300/agent/events';
const since = '2026-01-01T00:00:00.000Z';

const printerOk: DeviceStatus = { device: 'printer', state: 'online', detail: { paper: 'ok' }, since };
const scannerOk: DeviceStatus = { device: 'scanner', state: 'online', detail: {}, since };

function hello(overrides: Partial<AgentStatus> = {}): AgentLinkEvent {
  return {
    type: 'agent.hello',
    status: {
      kioskId: 'GL-DJK-001',
      kiosk: {
        id: 'GL-DJK-001',
        name: '鼓楼区东街口社区服务亭',
        address: '福州市鼓楼区东街口',
        timeZone: 'Asia/Shanghai',
      },
      hub: { connected: true, since },
      link: { enrollment: 'enrolled', lastHeartbeatAt: since },
      maintenance: { on: false, since },
      devices: [printerOk, scannerOk],
      version: '0.1.0',
      uptimeSeconds: 5,
      ...overrides,
    },
  };
}

/** A socket actor that records each connection and lets the test speak for the agent. */
function fakeSocket() {
  const sockets: Array<{
    url: string;
    closed: boolean;
    send(event: AgentLinkEvent): void;
    /** What the machine handed the socket to send to the agent. */
    received: AgentLinkEvent[];
  }> = [];
  const logic = fromCallback<AgentLinkEvent, AgentLinkInput>(({ sendBack, receive, input }) => {
    const socket = {
      url: input.url,
      closed: false,
      send: (event: AgentLinkEvent) => sendBack(event as AnyEventObject),
      received: [] as AgentLinkEvent[],
    };
    receive((event) => socket.received.push(event));
    sockets.push(socket);
    return () => {
      socket.closed = true;
    };
  });
  return { logic, sockets, latest: () => sockets.at(-1)! };
}

function startLink() {
  const socket = fakeSocket();
  const clock = new SimulatedClock();
  const actor = createActor(agentLinkMachine.provide({ actors: { agentSocket: socket.logic } }), {
    input: { url: URL },
    clock,
  });
  actor.start();
  return { actor, socket, clock };
}

const closed: AgentLinkEvent = { type: 'socket.closed', code: 1006, reason: '' };

describe('agent link machine', () => {
  it('when it starts, then it opens one socket to the given url and is connecting', () => {
    const { actor, socket } = startLink();

    expect(socket.sockets).toHaveLength(1);
    expect(socket.latest().url).toBe(URL);
    expect(actor.getSnapshot().matches({ open: 'connecting' })).toBe(true);
    expect(selectAgentLinkView(actor.getSnapshot()).connected).toBe(false);
  });

  it('when hello arrives, then it is connected and the context holds the kiosk, the hub and the devices', () => {
    const { actor, socket } = startLink();

    socket.latest().send(hello());

    const snapshot = actor.getSnapshot();
    expect(snapshot.matches({ open: 'connected' })).toBe(true);
    expect(snapshot.context.kiosk?.name).toBe('鼓楼区东街口社区服务亭');
    expect(snapshot.context.kioskId).toBe('GL-DJK-001');
    expect(snapshot.context.hub).toEqual({ connected: true, since });
    expect(snapshot.context.devices).toEqual([printerOk, scannerOk]);
    expect(selectAgentLinkView(snapshot).connected).toBe(true);
  });

  it('when device.status arrives, then that device updates and the others stay as they were', () => {
    const { actor, socket } = startLink();
    socket.latest().send(hello());
    const paperOut: DeviceStatus = { device: 'printer', state: 'fault', detail: { paper: 'out' }, since };

    socket.latest().send({ type: 'device.status', status: paperOut });

    expect(actor.getSnapshot().context.devices).toEqual([paperOut, scannerOk]);
  });

  it('when device.status arrives for a device not in the hello, then it is added', () => {
    const { actor, socket } = startLink();
    socket.latest().send(hello({ devices: [printerOk] }));

    socket.latest().send({ type: 'device.status', status: scannerOk });

    expect(actor.getSnapshot().context.devices).toEqual([printerOk, scannerOk]);
  });

  it('when hub.status arrives, then the hub connectivity updates', () => {
    const { actor, socket } = startLink();
    socket.latest().send(hello());
    const away = { connected: false, since, reason: 'cannot reach the hub (ECONNREFUSED)' };

    socket.latest().send({ type: 'hub.status', hub: away });

    expect(actor.getSnapshot().context.hub).toEqual(away);
  });

  it('when status arrives before the hello, then it is ignored until the hello gives the whole picture', () => {
    const { actor, socket } = startLink();

    socket.latest().send({ type: 'device.status', status: printerOk });

    expect(actor.getSnapshot().matches({ open: 'connecting' })).toBe(true);
    expect(actor.getSnapshot().context.devices).toEqual([]);
  });

  it('when the socket closes, then it forgets the live status but keeps the kiosk identity', () => {
    const { actor, socket } = startLink();
    socket.latest().send(hello());

    socket.latest().send(closed);

    const snapshot = actor.getSnapshot();
    expect(snapshot.matches('reconnecting')).toBe(true);
    expect(snapshot.context.hub).toBeNull();
    expect(snapshot.context.devices).toEqual([]);
    expect(snapshot.context.kiosk?.name).toBe('鼓楼区东街口社区服务亭');
    expect(selectAgentLinkView(snapshot).connected).toBe(false);
  });

  it('when the socket closes, then it reconnects after the reconnect delay and not before', () => {
    const { actor, socket, clock } = startLink();
    socket.latest().send(hello());
    socket.latest().send(closed);

    clock.increment(reconnectDelayMs(1) - 1);
    expect(socket.sockets).toHaveLength(1);

    clock.increment(1);
    expect(socket.sockets).toHaveLength(2);
    expect(actor.getSnapshot().matches({ open: 'connecting' })).toBe(true);

    socket.latest().send(hello());
    expect(actor.getSnapshot().matches({ open: 'connected' })).toBe(true);
  });

  it('when reconnecting keeps failing, then the delay backs off, and a hello resets it', () => {
    const { actor, socket, clock } = startLink();
    const waits: number[] = [];
    for (let failure = 1; failure <= 3; failure++) {
      socket.latest().send(closed);
      const before = socket.sockets.length;
      let waited = 0;
      while (socket.sockets.length === before) {
        clock.increment(100);
        waited += 100;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([500, 1000, 2000]);

    socket.latest().send(hello());
    expect(actor.getSnapshot().context.attempt).toBe(0);
    socket.latest().send(closed);
    clock.increment(500);
    expect(socket.sockets).toHaveLength(5);
  });

  it('when no hello arrives within the connect timeout, then it closes that socket and reconnects', () => {
    const { actor, socket, clock } = startLink();

    clock.increment(CONNECT_TIMEOUT_MS);

    expect(socket.sockets[0]?.closed).toBe(true);
    expect(actor.getSnapshot().matches('reconnecting')).toBe(true);
    clock.increment(reconnectDelayMs(1));
    expect(socket.sockets).toHaveLength(2);
  });

  it('when the socket cannot even be created, then it retries after the delay', () => {
    let tries = 0;
    const clock = new SimulatedClock();
    const failing = fromCallback<AgentLinkEvent, AgentLinkInput>(() => {
      tries++;
      throw new Error('no WebSocket here');
    });
    const actor = createActor(agentLinkMachine.provide({ actors: { agentSocket: failing } }), {
      input: { url: URL },
      clock,
    });

    actor.start();
    expect(actor.getSnapshot().matches('reconnecting')).toBe(true);
    clock.increment(reconnectDelayMs(1));

    expect(tries).toBe(2);
  });

  it('when the link is stopped, then its socket is closed', () => {
    const { actor, socket } = startLink();
    socket.latest().send(hello());

    actor.stop();

    expect(socket.latest().closed).toBe(true);
  });
});

describe('reconnectDelayMs', () => {
  it('when attempts mount up, then the delay doubles from half a second up to ten seconds', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map(reconnectDelayMs)).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000,
    ]);
  });

  it('when the screen joins its resident session while connected, then the socket passes it to the agent; while connecting, it is not sent', () => {
    const { actor, socket } = startLink();
    actor.send({ type: 'session.join', sessionId: 's-early' });
    socket.latest().send(hello());
    actor.send({ type: 'session.join', sessionId: 's-1' });
    expect(socket.latest().received).toEqual([{ type: 'session.join', sessionId: 's-1' }]);
  });
});
