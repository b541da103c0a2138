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
import { type ActorRefFrom, assign, type SnapshotFrom, sendTo } from 'xstate';
import { defaultPreferences, sessionSetup } from './session.setup.ts';

export type {
  Preferences,
  SessionContext,
  SessionEvent,
  SessionFlow,
  SessionInput,
  SessionLink,
} from './session.setup.ts';

export const sessionMachine = sessionSetup.createMachine({
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
          {
            actions: [
              { type: 'rememberLink', params: ({ event }) => event.link },
              // A running flow hears what the devices now allow (e.g. the printer ran out of paper).
              'tellFlowTheOffer',
            ],
          },
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
          // The control bar shows while the agent opens the session: every button of it works.
          on: {
            'user.setLocale': { actions: { type: 'setLocale', params: ({ event }) => event.locale } },
            'user.toggleLargeText': { actions: 'toggleLargeText' },
            'user.toggleContrast': { actions: 'toggleContrast' },
            'user.openHelp': { actions: 'openHelp' },
            'user.closeHelp': { actions: 'closeHelp' },
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
                    'user.stillActive': { target: 'engaged', reenter: true },
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
          {
            actions: [
              { type: 'rememberLink', params: ({ event }) => event.link },
              // A running flow hears what the devices now allow (e.g. the printer ran out of paper).
              'tellFlowTheOffer',
            ],
          },
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
