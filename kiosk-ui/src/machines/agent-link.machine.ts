/**
 * The kiosk screen's link to its agent: open the event stream, take the
 * agent's hello as the whole picture, follow device and hub changes, and when
 * the stream drops, forget the live status and reconnect with backoff.
 *
 *   open.connecting ──agent.hello──► open.connected
 *        │  (after connectTimeout)        │ socket.closed
 *        ▼                                ▼
 *   reconnecting ──(after reconnectDelay)──► open.connecting
 */
import { assign, emit, fromCallback, type SnapshotFrom, sendTo, setup } from 'xstate';
import type {
  AgentEvent,
  AgentStatus,
  DeviceStatus,
  HubConnectivity,
  KioskIdentity,
  MaintenanceState,
} from '../../../kiosk-agent/api/contract.ts';
import { openAgentSocket } from '../agent/agent-socket.ts';

export interface AgentLinkInput {
  /** `ws://<the page's host>/agent/events` */
  url: string;
}

export interface AgentLinkContext {
  url: string;
  /** Which kiosk this is; kept across reconnects, as it is configuration, not live status. */
  kiosk: KioskIdentity | null;
  kioskId: string | null;
  agentVersion: string | null;
  /** Live status: null / empty whenever the agent is not connected, so nothing stale is shown as fact. */
  hub: HubConnectivity | null;
  devices: DeviceStatus[];
  /** Out of service; kept across reconnects (the agent says it again in its hello). */
  maintenance: MaintenanceState | null;
  /** Connection attempts that failed in a row; drives the backoff. */
  attempt: number;
}

export type SocketClosedEvent = { type: 'socket.closed'; code: number; reason: string };
/** The screen tells the agent what it shows (for the heartbeat the maintainers see). */
export type ScreenReportEvent = { type: 'screen.report'; screen: string };
/** The screen's resident session, so that a reconnected socket gets that session's events again. */
export type SessionJoinEvent = { type: 'session.join'; sessionId: string };
export type AgentLinkEvent = AgentEvent | SocketClosedEvent | ScreenReportEvent | SessionJoinEvent;

/** How long to wait for the agent's hello once the socket is asked to open. */
export const CONNECT_TIMEOUT_MS = 10_000;
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

/** 0.5 s, 1 s, 2 s, 4 s, 8 s, then every 10 s: the agent is local, so it is usually back quickly. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1), MAX_RETRY_MS);
}

/** The WebSocket, as an actor: agent events and the close are sent back to the machine. */
export const agentSocketActor = fromCallback<AgentLinkEvent, AgentLinkInput>(
  ({ sendBack, receive, input }) => {
    const socket = openAgentSocket(input.url, {
      onEvent: (event) => sendBack(event),
      onClose: ({ code, reason }) => sendBack({ type: 'socket.closed', code, reason }),
    });
    receive((event) => {
      if (event.type === 'screen.report') socket.send({ type: 'ui.screen', screen: event.screen });
      if (event.type === 'session.join') socket.send({ type: 'ui.session', sessionId: event.sessionId });
    });
    return () => socket.close();
  },
);

/** What the link passes on to whoever listens (`actor.on(...)`): device happenings, for the running flow. */
export type AgentLinkEmitted =
  | Extract<AgentEvent, { type: 'device.event' }>
  | Extract<AgentEvent, { type: 'session.ended' }>;

export const agentLinkMachine = setup({
  types: {
    context: {} as AgentLinkContext,
    events: {} as AgentLinkEvent,
    input: {} as AgentLinkInput,
    emitted: {} as AgentLinkEmitted,
  },
  actors: { agentSocket: agentSocketActor },
  actions: {
    rememberHello: assign((_, { status }: { status: AgentStatus }) => ({
      kiosk: status.kiosk,
      kioskId: status.kioskId,
      agentVersion: status.version,
      hub: status.hub,
      devices: status.devices,
      maintenance: status.maintenance ?? null,
      attempt: 0,
    })),
    updateMaintenance: assign((_, { maintenance }: { maintenance: MaintenanceState }) => ({ maintenance })),
    updateDevice: assign(({ context }, { status }: { status: DeviceStatus }) => ({
      devices: context.devices.some((d) => d.device === status.device)
        ? context.devices.map((d) => (d.device === status.device ? status : d))
        : [...context.devices, status],
    })),
    updateHub: assign((_, { hub }: { hub: HubConnectivity }) => ({ hub })),
    forgetLiveStatus: assign({ hub: null, devices: [] }),
    countAttempt: assign(({ context }) => ({ attempt: context.attempt + 1 })),
  },
  delays: {
    connectTimeout: CONNECT_TIMEOUT_MS,
    reconnectDelay: ({ context }) => reconnectDelayMs(context.attempt),
  },
}).createMachine({
  id: 'agentLink',
  context: ({ input }) => ({
    url: input.url,
    kiosk: null,
    kioskId: null,
    agentVersion: null,
    hub: null,
    devices: [],
    maintenance: null,
    attempt: 0,
  }),
  initial: 'open',
  states: {
    open: {
      invoke: {
        id: 'socket',
        src: 'agentSocket',
        input: ({ context }) => ({ url: context.url }),
        onError: { target: 'reconnecting' },
      },
      on: { 'socket.closed': { target: 'reconnecting' } },
      initial: 'connecting',
      states: {
        connecting: {
          on: {
            'agent.hello': {
              target: 'connected',
              actions: { type: 'rememberHello', params: ({ event }) => ({ status: event.status }) },
            },
          },
          // A socket that opens but never says hello is as good as closed.
          after: { connectTimeout: { target: '#agentLink.reconnecting' } },
        },
        // Not a waiting state: it rests here as long as the agent talks; the socket's close is the way out.
        connected: {
          on: {
            'agent.hello': {
              actions: { type: 'rememberHello', params: ({ event }) => ({ status: event.status }) },
            },
            'device.status': {
              actions: { type: 'updateDevice', params: ({ event }) => ({ status: event.status }) },
            },
            'hub.status': { actions: { type: 'updateHub', params: ({ event }) => ({ hub: event.hub }) } },
            maintenance: {
              actions: {
                type: 'updateMaintenance',
                params: ({ event }) => ({ maintenance: event.maintenance }),
              },
            },
            'screen.report': { actions: sendTo('socket', ({ event }) => event) },
            'session.join': { actions: sendTo('socket', ({ event }) => event) },
            // Scans, cards and the handset belong to the flow on screen; the link only passes them on.
            'device.event': { actions: emit(({ event }) => event) },
            'session.ended': { actions: emit(({ event }) => event) },
          },
        },
      },
    },
    reconnecting: {
      entry: ['forgetLiveStatus', 'countAttempt'],
      after: { reconnectDelay: { target: 'open' } },
    },
  },
});

export type AgentLinkSnapshot = SnapshotFrom<typeof agentLinkMachine>;

/** What a screen needs from the link: whether live status can be trusted, and that status. */
export interface AgentLinkView {
  connected: boolean;
  kiosk: KioskIdentity | null;
  kioskId: string | null;
  hub: HubConnectivity | null;
  devices: DeviceStatus[];
  /** The kiosk is out of service for maintenance (as last said by the agent). */
  outOfService: boolean;
}

export function selectAgentLinkView(snapshot: AgentLinkSnapshot): AgentLinkView {
  const { kiosk, kioskId, hub, devices, maintenance } = snapshot.context;
  return {
    connected: snapshot.matches({ open: 'connected' }),
    kiosk,
    kioskId,
    hub,
    devices,
    outOfService: maintenance?.on === true,
  };
}
