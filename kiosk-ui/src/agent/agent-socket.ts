/**
 * The kiosk UI's one line to its agent: `WS /agent/events` on the page's own
 * origin. It parses what arrives and reports the close; reconnecting is the
 * agent-link machine's decision, not this module's.
 */
import type { AgentEvent, ScreenMessage } from '../../../kiosk-agent/api/contract.ts';

export interface AgentSocketHandlers {
  /** A well-formed event from the agent. */
  onEvent(event: AgentEvent): void;
  /** The socket closed (or never opened); not called after `close()`. */
  onClose(info: { code: number; reason: string }): void;
}

export interface AgentSocket {
  /** Tells the agent something about the screen; dropped while the socket is not open. */
  send(message: ScreenMessage): void;
  /** Closes the socket; no handler is called afterwards. */
  close(): void;
}

/** The minimal WebSocket surface used here, so a test can hand in its own. */
export interface WebSocketLike {
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  readonly readyState?: number;
  send?(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketFactory = (url: string) => WebSocketLike;

/** The agent's event stream on the page's own host: the UI never talks to anyone else. */
export function agentEventsUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/agent/events`;
}

/** Opens the event stream. Malformed messages are dropped, never thrown. */
export function openAgentSocket(
  url: string,
  handlers: AgentSocketHandlers,
  create: WebSocketFactory = (u) => new WebSocket(u) as unknown as WebSocketLike,
): AgentSocket {
  let closedByUs = false;
  let socket: WebSocketLike;
  try {
    socket = create(url);
  } catch {
    // A malformed URL throws synchronously; report it like any failed connection.
    queueMicrotask(() => handlers.onClose({ code: 1006, reason: 'could not open' }));
    return { send() {}, close() {} };
  }
  socket.onmessage = (message) => {
    if (closedByUs) return;
    const event = parseAgentEvent(message.data);
    if (event) handlers.onEvent(event);
  };
  socket.onclose = ({ code, reason }) => {
    if (!closedByUs) handlers.onClose({ code, reason });
  };
  return {
    send(message) {
      // 1 is WebSocket.OPEN; a message before the socket opens or after it closes is simply not sent.
      if (!closedByUs && socket.readyState === 1) socket.send?.(JSON.stringify(message));
    },
    close() {
      if (closedByUs) return;
      closedByUs = true;
      socket.close(1000, 'ui closing');
    },
  };
}

/** Reads one message from the agent; `null` for anything that is not a known, well-formed event. */
export function parseAgentEvent(data: unknown): AgentEvent | null {
  if (typeof data !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  switch (value.type) {
    case 'agent.hello':
      return isRecord(value.status) &&
        isRecord(value.status.kiosk) &&
        isRecord(value.status.hub) &&
        Array.isArray(value.status.devices) &&
        value.status.devices.every(isDeviceStatus)
        ? (value as AgentEvent)
        : null;
    case 'device.status':
      return isDeviceStatus(value.status) ? (value as AgentEvent) : null;
    case 'hub.status':
      return isRecord(value.hub) && typeof value.hub.connected === 'boolean' ? (value as AgentEvent) : null;
    case 'maintenance':
      return isRecord(value.maintenance) && typeof value.maintenance.on === 'boolean'
        ? (value as AgentEvent)
        : null;
    // A scan, a card, the handset: for the running flow, which checks the kind it waits for.
    case 'device.event':
      return isRecord(value.event) &&
        typeof value.event.device === 'string' &&
        typeof value.event.kind === 'string'
        ? (value as AgentEvent)
        : null;
    case 'session.started':
    case 'session.ended':
      return typeof value.sessionId === 'string' ? (value as AgentEvent) : null;
    case 'id.card.read':
      return typeof value.sessionId === 'string' && isRecord(value.card) ? (value as AgentEvent) : null;
    default:
      return null;
  }
}

function isDeviceStatus(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value.device === 'string' &&
    typeof value.state === 'string' &&
    isRecord(value.detail)
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
