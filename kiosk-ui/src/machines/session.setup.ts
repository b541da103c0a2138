/**
 * The session machine's parts: its types, and the guards, actions, actors and
 * delays its states refer to by name (`session.machine.ts` holds the states).
 */
import { type AnyActorLogic, assign, enqueueActions, fromPromise, setup, stopChild } from 'xstate';
import type { DeviceEvent, SessionEndReason } from '../../../kiosk-agent/api/contract.ts';
import { endAgentSession, SESSION_CALL_TIMEOUT_MS, startAgentSession } from '../agent/session-client.ts';
import type { FlowDefinition, FlowInput, FlowOfferEvent, FlowOutput } from '../flows/flow.ts';
import { deviceOffer, type LinkPicture, serviceOffer } from '../flows/offer.ts';
import { defaultLocale, type Locale } from '../i18n/index.ts';
import { afterNextPaint } from '../lib/after-paint.ts';

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
  /** Touches folded into one a moment after they came: restarts the idle timer, never starts a visit. */
  | { type: 'user.stillActive' }
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

export const defaultPreferences: Preferences = {
  locale: defaultLocale,
  largeText: false,
  highContrast: false,
};

/** A starting or ending call to the agent never holds the screen longer than this. */
const AGENT_CALL_MS = SESSION_CALL_TIMEOUT_MS + 1_000;
export const sessionSetup = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as SessionInput,
  },
  actors: {
    // Each call waits for the frame that shows the tap's answer ("starting", the farewell): the
    // fetch would otherwise cost that frame several milliseconds on a slow kiosk PC.
    startSession: fromPromise<string>(async () => {
      await afterNextPaint();
      return startAgentSession();
    }),
    endSession: fromPromise<void, { sessionId: string | null; reason: SessionEndReason }>(
      async ({ input }) => {
        await afterNextPaint();
        return endAgentSession(input.sessionId, input.reason);
      },
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
    tellFlowTheOffer: enqueueActions(({ context, enqueue }) => {
      if (!context.flowId) return;
      const event: FlowOfferEvent = { type: 'device.offer', offer: deviceOffer(context.link.devices) };
      enqueue.sendTo('flow', event);
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
});
