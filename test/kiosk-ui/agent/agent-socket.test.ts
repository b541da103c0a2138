import { describe, expect, it, vi } from 'vitest';
import {
  agentEventsUrl,
  openAgentSocket,
  parseAgentEvent,
  type WebSocketLike,
} from '../../../kiosk-ui/src/agent/agent-socket.ts';

const since = '2026-01-01T00:00:00.000Z';
const printer = { device: 'printer', state: 'online', detail: { paper: 'ok' }, since };
const helloText = JSON.stringify({
  type: 'agent.hello',
  status: {
    kioskId: 'k1',
    kiosk: { id: 'k1', name: '东街口', address: '鼓楼区' },
    hub: { connected: true, since },
    devices: [printer],
    version: '0.1.0',
    uptimeSeconds: 1,
  },
});

function fakeWebSocket() {
  const socket: WebSocketLike & { closedWith?: number } = {
    onmessage: null,
    onclose: null,
    close(code) {
      socket.closedWith = code;
    },
  };
  return socket;
}

describe('agentEventsUrl', () => {
  it('when the page is served over http, then the stream is ws on the same host', () => {
    expect(agentEventsUrl({ protocol: 'http:', host: '127.0.0.1:7300' })).toBe(
      'ws://127.0.0.1:7300/agent/events',
    );
  });

  it('when the page is served over https, then the stream is wss', () => {
    expect(agentEventsUrl({ protocol: 'https:', host: 'kiosk.local' })).toBe(
      'wss://kiosk.local/agent/events',
    );
  });
});

describe('parseAgentEvent', () => {
  it('when a well-formed hello arrives, then it is returned as an event', () => {
    expect(parseAgentEvent(helloText)).toMatchObject({ type: 'agent.hello', status: { kioskId: 'k1' } });
  });

  it('when device and hub events arrive, then they are returned', () => {
    expect(parseAgentEvent(JSON.stringify({ type: 'device.status', status: printer }))).toMatchObject({
      type: 'device.status',
    });
    expect(
      parseAgentEvent(JSON.stringify({ type: 'hub.status', hub: { connected: false, since } })),
    ).toMatchObject({ type: 'hub.status' });
  });

  it('when a scan, a card or the session changes, then the event is returned for the running flow (regression: issue 6 dropped them)', () => {
    const scan = {
      type: 'device.event',
      event: { device: 'scanner', kind: 'scan', text: '98123', at: since },
    };
    expect(parseAgentEvent(JSON.stringify(scan))).toEqual(scan);
    const inserted = {
      type: 'device.event',
      event: { device: 'card-reader', kind: 'cardInserted', card: 'magnetic' },
    };
    expect(parseAgentEvent(JSON.stringify(inserted))).toEqual(inserted);
    const ended = { type: 'session.ended', sessionId: 's-1', reason: 'idle' };
    expect(parseAgentEvent(JSON.stringify(ended))).toEqual(ended);
    expect(parseAgentEvent(JSON.stringify({ type: 'session.started', sessionId: 's-2' }))).toMatchObject({
      sessionId: 's-2',
    });
  });

  it.each([
    ['a device event without its kind', '{"type":"device.event","event":{"device":"scanner"}}'],
    ['a session end without an id', '{"type":"session.ended","reason":"idle"}'],
    ['not JSON', '{nope'],
    ['not text', new ArrayBuffer(4)],
    ['an array', '[]'],
    ['an unknown type', '{"type":"agent.bye"}'],
    ['a hello without devices', '{"type":"agent.hello","status":{"kiosk":{},"hub":{}}}'],
    [
      'a hello with a malformed device',
      '{"type":"agent.hello","status":{"kiosk":{},"hub":{},"devices":[{"device":1}]}}',
    ],
    [
      'a device status without detail',
      '{"type":"device.status","status":{"device":"printer","state":"online"}}',
    ],
    ['a hub status without connected', '{"type":"hub.status","hub":{"since":"x"}}'],
  ])('when the message is %s, then it is dropped', (_label, data) => {
    expect(parseAgentEvent(data)).toBeNull();
  });
});

describe('openAgentSocket', () => {
  it('when messages arrive, then well-formed events reach onEvent and garbage does not', () => {
    const ws = fakeWebSocket();
    const onEvent = vi.fn();
    openAgentSocket('ws://x/agent/events', { onEvent, onClose: vi.fn() }, () => ws);

    ws.onmessage?.({ data: 'garbage' });
    ws.onmessage?.({ data: helloText });

    expect(onEvent).toHaveBeenCalledTimes(1);
    expect(onEvent.mock.calls[0]?.[0]).toMatchObject({ type: 'agent.hello' });
  });

  it('when the socket closes by itself, then onClose hears the code and reason', () => {
    const ws = fakeWebSocket();
    const onClose = vi.fn();
    openAgentSocket('ws://x/agent/events', { onEvent: vi.fn(), onClose }, () => ws);

    ws.onclose?.({ code: 1006, reason: '' });

    expect(onClose).toHaveBeenCalledWith({ code: 1006, reason: '' });
  });

  it('when the UI closes it, then the socket closes normally and no handler is called afterwards', () => {
    const ws = fakeWebSocket();
    const onEvent = vi.fn();
    const onClose = vi.fn();
    const socket = openAgentSocket('ws://x/agent/events', { onEvent, onClose }, () => ws);

    socket.close();
    ws.onmessage?.({ data: helloText });
    ws.onclose?.({ code: 1000, reason: 'ui closing' });

    expect(ws.closedWith).toBe(1000);
    expect(onEvent).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('when the WebSocket cannot be created, then onClose is called instead of throwing', async () => {
    const onClose = vi.fn();
    openAgentSocket('not a url', { onEvent: vi.fn(), onClose }, () => {
      throw new SyntaxError('Invalid URL');
    });
    await Promise.resolve();
    expect(onClose).toHaveBeenCalledWith({ code: 1006, reason: 'could not open' });
  });
});
