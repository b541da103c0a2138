/**
 * One resident's visit, from the first touch to the wipe.
 *
 *   attract ──touch──► starting ──agent answers──► active (home ⇄ a service flow)
 *      ▲                                             │ done · finish · idle (after the countdown)
 *      └──────── ending: agent session ended, page storage cleared, farewell ◄─┘
 *
 *   maintenance on, from anywhere ──► outOfService (any session is ended first)
 *
 * While active, an attention region watches for a resident who walked away:
 * after the screen's idle time (60 s unless the screen says otherwise) it
 * asks "are you still there?" for 20 s, then ends the session. Language, large
 * text and high contrast live in the context for this session only. The flow
 * a resident picks is spawned as child `flow` and stopped when it is left,
 * so its context (everything typed) goes with it.
 */
import {
  type ActorRefFrom,
  type AnyActorLogic,
  assign,
  enqueueActions,
  fromPromise,
  type SnapshotFrom,
  sendTo,
  setup,
  stopChild,
} from 'xstate';
import type { DeviceEvent, SessionEndReason } from '../../../kiosk-agent/api/contract.ts';
import { endAgentSession, SESSION_CALL_TIMEOUT_MS, startAgentSession } from '../agent/session-client.ts';
import type { FlowDefinition, FlowInput, FlowOutput } from '../flows/flow.ts';
import { deviceOffer, type LinkPicture, serviceOffer } from '../flows/offer.ts';
import { defaultLocale, type Locale } from '../i18n/index.ts';

/** The parts of a flow the session needs (its screens are the app's business). */
export type SessionFlow = Pick<FlowDefinition, 'id' | 'needs' | 'uses' | 'machine'>;

export interface SessionInput {
  flows: readonly SessionFlow[];
  /** Idle time on a screen that does not set its own; 60 s. */
  idleSeconds?: number;
  /** The "are you still there?" countdown; 20 s. */
  countdownSeconds?: number;
  /** How long the farewell shows before the attract loop; 5 s. */
  farewellSeconds?: number;
}

export interface SessionLink extends LinkPicture {
  outOfService: boolean;
}

export interface Preferences {
  locale: Locale;
  largeText: boolean;
  highContrast: boolean;
}

export interface SessionContext extends Preferences {
  flows: readonly SessionFlow[];
  defaultIdleMs: number;
  countdownMs: number;
  farewellMs: number;
  /** The current screen's idle time. */
  idleMs: number;
  screen: string;
  link: SessionLink;
  sessionId: string | null;
  flowId: string | null;
  helpOpen: boolean;
  endReason: SessionEndReason | null;
  /** Start again was tapped while the last session was still being closed. */
  startAgain: boolean;
  /** The flow's screen says money is moving: no leaving, no idle question (FlowStateMeta.locked). */
  locked: boolean;
}

export type SessionEvent =
  | { type: 'user.start' }
  | { type: 'user.activity' }
  | { type: 'user.continue' }
  | { type: 'user.finish' }
  | { type: 'user.home' }
  | { type: 'user.chooseService'; flowId: string }
  | { type: 'user.setLocale'; locale: Locale }
  | { type: 'user.toggleLargeText' }
  | { type: 'user.toggleContrast' }
  | { type: 'user.openHelp' }
  | { type: 'user.closeHelp' }
  | { type: 'screen.shown'; screen: string; idleSeconds?: number; locked?: boolean }
  | { type: 'link.changed'; link: SessionLink }
  /** A device happening from the agent (a scan, a card, the handset): passed to the running flow. */
  | { type: 'device.event'; event: DeviceEvent }
  /** The agent ended the session itself (e.g. it restarted): the visit ends too. */
  | { type: 'agent.sessionEnded'; sessionId: string }
  | { type: 'xstate.done.actor.flow'; output: FlowOutput };

const defaultPreferences: Preferences = { locale: defaultLocale, largeText: false, highContrast: false };

/** A starting or ending call to the agent never holds the screen longer than this. */
const AGENT_CALL_MS = SESSION_CALL_TIMEOUT_MS + 1_000;

export const sessionMachine = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as SessionInput,
  },
  actors: {
    startSession: fromPromise<string>(() => startAgentSession()),
    endSession: fromPromise<void, { sessionId: string | null; reason: SessionEndReason }>(({ input }) =>
      endAgentSession(input.sessionId, input.reason),
    ),
  },
  guards: {
    isOutOfService: ({ event }) => event.type === 'link.changed' && event.link.outOfService,
    isBackInService: ({ event }) => event.type === 'link.changed' && !event.link.outOfService,
    canOfferService: ({ context, event }) => {
      if (event.type !== 'user.chooseService') return false;
      const flow = context.flows.find((f) => f.id === event.flowId);
      return flow !== undefined && serviceOffer(flow, context.link).available;
    },
    isOurSession: ({ context, event }) =>
      event.type === 'agent.sessionEnded' &&
      context.sessionId !== null &&
      event.sessionId === context.sessionId,
    wantsAgain: ({ context }) => context.startAgain,
    isFree: ({ context }) => !context.locked,
    isFlowDone: ({ event }) => event.type === 'xstate.done.actor.flow' && event.output?.outcome === 'done',
  },
  actions: {
    rememberLink: assign((_, link: SessionLink) => ({ link })),
    rememberSession: assign((_, sessionId: string) => ({ sessionId })),
    setLocale: assign((_, locale: Locale) => ({ locale })),
    toggleLargeText: assign(({ context }) => ({ largeText: !context.largeText })),
    toggleContrast: assign(({ context }) => ({ highContrast: !context.highContrast })),
    openHelp: assign({ helpOpen: true }),
    closeHelp: assign({ helpOpen: false }),
    showScreen: assign(
      (
        { context },
        { screen, idleSeconds, locked }: { screen: string; idleSeconds?: number; locked?: boolean },
      ) => ({
        locked: locked === true,
        screen,
        idleMs: idleSeconds !== undefined && idleSeconds > 0 ? idleSeconds * 1000 : context.defaultIdleMs,
      }),
    ),
    endBecause: assign((_, reason: SessionEndReason) => ({ endReason: reason })),
    startFlow: enqueueActions(({ context, enqueue }, flowId: string) => {
      const flow = context.flows.find((f) => f.id === flowId);
      if (!flow) return;
      const input: FlowInput = { offer: deviceOffer(context.link.devices), sessionId: context.sessionId };
      enqueue.assign({ flowId, helpOpen: false });
      // Flows are registered at run time, so the setup's typed actor list cannot name them.
      const spawnFlow = enqueue.spawnChild as unknown as (
        src: AnyActorLogic,
        options: { id: 'flow'; input: FlowInput },
      ) => void;
      spawnFlow(flow.machine, { id: 'flow', input });
    }),
    stopFlow: stopChild('flow'),
    forgetFlow: assign({ flowId: null, screen: 'home', locked: false }),
    /** Everything of the visit goes: preferences, the session id, what was open. Flows are stopped already. */
    wipe: assign(({ context }) => ({
      ...defaultPreferences,
      sessionId: null,
      flowId: null,
      helpOpen: false,
      endReason: null,
      startAgain: false,
      locked: false,
      screen: 'attract',
      idleMs: context.defaultIdleMs,
    })),
  },
  delays: {
    idle: ({ context }) => context.idleMs,
    countdown: ({ context }) => context.countdownMs,
    farewell: ({ context }) => context.farewellMs,
    agentCall: AGENT_CALL_MS,
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => ({
    ...defaultPreferences,
    flows: input.flows,
    defaultIdleMs: (input.idleSeconds ?? 60) * 1000,
    countdownMs: (input.countdownSeconds ?? 20) * 1000,
    farewellMs: (input.farewellSeconds ?? 5) * 1000,
    idleMs: (input.idleSeconds ?? 60) * 1000,
    screen: 'attract',
    link: { hub: null, devices: [], outOfService: false },
    sessionId: null,
    flowId: null,
    helpOpen: false,
    endReason: null,
    startAgain: false,
    locked: false,
  }),
  initial: 'inService',
  states: {
    inService: {
      initial: 'attract',
      on: {
        'link.changed': [
          {
            guard: 'isOutOfService',
            target: 'outOfService',
            actions: { type: 'rememberLink', params: ({ event }) => event.link },
          },
          { actions: { type: 'rememberLink', params: ({ event }) => event.link } },
        ],
      },
      states: {
        attract: {
          // Any touch starts a visit; a language or text-size choice made here carries into it.
          on: {
            'user.start': 'starting',
            'user.activity': 'starting',
            'user.setLocale': {
              target: 'starting',
              actions: { type: 'setLocale', params: ({ event }) => event.locale },
            },
            'user.toggleLargeText': { target: 'starting', actions: 'toggleLargeText' },
            'user.toggleContrast': { target: 'starting', actions: 'toggleContrast' },
            'user.openHelp': { target: 'starting', actions: 'openHelp' },
          },
        },
        starting: {
          invoke: {
            src: 'startSession',
            onDone: {
              target: 'active',
              actions: { type: 'rememberSession', params: ({ event }) => event.output },
            },
            // Without the agent's session no device answers; the home screen still shows, with help.
            onError: 'active',
          },
          after: { agentCall: 'active' },
          on: {
            'user.setLocale': { actions: { type: 'setLocale', params: ({ event }) => event.locale } },
            'user.toggleLargeText': { actions: 'toggleLargeText' },
            'user.toggleContrast': { actions: 'toggleContrast' },
          },
        },
        active: {
          type: 'parallel',
          on: {
            'user.finish': {
              guard: 'isFree',
              target: 'ending',
              actions: { type: 'endBecause', params: 'cancelled' },
            },
            // Its devices were reset and its data forgotten by the agent: the screen must not go on as if not.
            'agent.sessionEnded': {
              guard: 'isOurSession',
              target: 'ending',
              actions: { type: 'endBecause', params: 'cancelled' },
            },
            'user.setLocale': { actions: { type: 'setLocale', params: ({ event }) => event.locale } },
            'user.toggleLargeText': { actions: 'toggleLargeText' },
            'user.toggleContrast': { actions: 'toggleContrast' },
            'user.openHelp': { actions: 'openHelp' },
            'user.closeHelp': { actions: 'closeHelp' },
          },
          states: {
            screen: {
              initial: 'home',
              states: {
                home: {
                  on: {
                    'user.chooseService': {
                      guard: 'canOfferService',
                      target: 'flow',
                      actions: { type: 'startFlow', params: ({ event }) => event.flowId },
                    },
                  },
                },
                flow: {
                  exit: ['stopFlow', 'forgetFlow'],
                  on: {
                    'xstate.done.actor.flow': [
                      {
                        guard: 'isFlowDone',
                        target: '#session.inService.ending',
                        actions: { type: 'endBecause', params: 'done' },
                      },
                      { target: 'home' },
                    ],
                    'user.home': { guard: 'isFree', target: 'home' },
                    'device.event': { actions: sendTo('flow', ({ event }) => event) },
                    'user.chooseService': {
                      guard: 'canOfferService',
                      target: 'flow',
                      reenter: true,
                      actions: { type: 'startFlow', params: ({ event }) => event.flowId },
                    },
                  },
                },
              },
            },
            attention: {
              initial: 'engaged',
              states: {
                engaged: {
                  // While money moves the resident is waiting on us, not gone: no question then.
                  after: { idle: { guard: 'isFree', target: 'stillThere' } },
                  on: {
                    // Each touch or key restarts the idle timer.
                    'user.activity': { target: 'engaged', reenter: true },
                    'screen.shown': {
                      target: 'engaged',
                      reenter: true,
                      actions: { type: 'showScreen', params: ({ event }) => event },
                    },
                  },
                },
                stillThere: {
                  after: {
                    countdown: {
                      target: '#session.inService.ending',
                      actions: { type: 'endBecause', params: 'idle' },
                    },
                  },
                  // Only Continue (or Escape) answers: a touch that closed the dialog on pointerdown
                  // would lose its click, e.g. on Finish.
                  on: {
                    'user.continue': 'engaged',
                    'screen.shown': {
                      target: 'engaged',
                      actions: { type: 'showScreen', params: ({ event }) => event },
                    },
                  },
                },
              },
            },
          },
        },
        ending: {
          initial: 'closing',
          states: {
            closing: {
              invoke: {
                src: 'endSession',
                input: ({ context }) => ({
                  sessionId: context.sessionId,
                  reason: context.endReason ?? 'cancelled',
                }),
                onDone: [
                  { guard: 'wantsAgain', target: '#session.inService.starting' },
                  { target: 'farewell' },
                ],
                onError: [
                  { guard: 'wantsAgain', target: '#session.inService.starting' },
                  { target: 'farewell' },
                ],
              },
              after: {
                agentCall: [
                  { guard: 'wantsAgain', target: '#session.inService.starting' },
                  { target: 'farewell' },
                ],
              },
              // The farewell (and its Start again) shows while the agent still ends the old session:
              // a tap now is kept and honoured as soon as the old session is closed.
              on: { 'user.start': { actions: assign({ startAgain: true }) } },
            },
            farewell: {
              after: { farewell: '#session.inService.attract' },
              on: { 'user.start': '#session.inService.starting' },
            },
          },
          exit: 'wipe',
        },
      },
    },
    outOfService: {
      initial: 'closing',
      on: {
        'link.changed': [
          {
            guard: 'isBackInService',
            target: 'inService',
            actions: { type: 'rememberLink', params: ({ event }) => event.link },
          },
          { actions: { type: 'rememberLink', params: ({ event }) => event.link } },
        ],
      },
      states: {
        closing: {
          invoke: {
            src: 'endSession',
            input: ({ context }) => ({ sessionId: context.sessionId, reason: 'cancelled' }),
            onDone: 'resting',
            onError: 'resting',
          },
          after: { agentCall: 'resting' },
          exit: 'wipe',
        },
        // A visitor may switch the language or text size to read the notice; left alone, it resets.
        resting: {
          after: { idle: { target: 'resting', reenter: true, actions: 'wipe' } },
          on: {
            'user.setLocale': { actions: { type: 'setLocale', params: ({ event }) => event.locale } },
            'user.toggleLargeText': { actions: 'toggleLargeText' },
            'user.toggleContrast': { actions: 'toggleContrast' },
            'user.openHelp': { actions: 'openHelp' },
            'user.closeHelp': { actions: 'closeHelp' },
          },
        },
      },
      exit: 'wipe',
    },
  },
});

export type SessionActor = ActorRefFrom<typeof sessionMachine>;
export type SessionSnapshot = SnapshotFrom<typeof sessionMachine>;

/** The screen the shell shows for a snapshot (a flow's own screens are under `flow`). */
export type ShellScreen = 'attract' | 'starting' | 'home' | 'flow' | 'farewell' | 'out-of-service';

export function shellScreen(snapshot: SessionSnapshot): ShellScreen {
  if (snapshot.matches('outOfService')) return 'out-of-service';
  if (snapshot.matches({ inService: 'attract' })) return 'attract';
  if (snapshot.matches({ inService: 'starting' })) return 'starting';
  if (snapshot.matches({ inService: 'ending' })) return 'farewell';
  if (snapshot.matches({ inService: { active: { screen: 'flow' } } })) return 'flow';
  return 'home';
}

/** Whether the "are you still there?" countdown is showing. */
export function isAskingStillThere(snapshot: SessionSnapshot): boolean {
  return snapshot.matches({ inService: { active: { attention: 'stillThere' } } });
}
