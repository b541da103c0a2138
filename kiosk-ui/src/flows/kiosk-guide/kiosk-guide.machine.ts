/**
 * "How to use this kiosk": four short pages for someone who has never used
 * a touch screen, with one practice tap. It needs neither the hub nor a device,
 * so it works whenever the kiosk is on. It ends by going back to the services.
 *
 *   touch ──next──► controls ──next──► privacy ──next──► help ──done──► (home)
 *     ◄────back──────   ◄────back─────   ◄────back────
 */
import { assign, setup } from 'xstate';
import type { FlowInput, FlowOutput } from '../flow.ts';

export interface GuideContext {
  /** Whether the practice button on the first page was pressed. */
  practised: boolean;
}

export type GuideEvent =
  | { type: 'user.next' }
  | { type: 'user.back' }
  | { type: 'user.practise' }
  | { type: 'user.close' };

/** The pages in order; the view numbers its step indicator from this. */
export const GUIDE_PAGES = ['touch', 'controls', 'privacy', 'help'] as const;
export type GuidePage = (typeof GUIDE_PAGES)[number];

const home: FlowOutput = { outcome: 'home' };

export const kioskGuideMachine = setup({
  types: {
    context: {} as GuideContext,
    events: {} as GuideEvent,
    input: {} as FlowInput,
    output: {} as FlowOutput,
  },
  actions: {
    notePractice: assign({ practised: true }),
  },
}).createMachine({
  id: 'kioskGuide',
  context: { practised: false },
  initial: 'touch',
  // Leaving the guide from any page is going back to the services: nothing to lose.
  on: { 'user.close': '.closed' },
  states: {
    touch: {
      meta: { screen: 'touch' },
      on: { 'user.practise': { actions: 'notePractice' }, 'user.next': 'controls' },
    },
    controls: {
      meta: { screen: 'controls' },
      on: { 'user.next': 'privacy', 'user.back': 'touch' },
    },
    privacy: {
      meta: { screen: 'privacy' },
      on: { 'user.next': 'help', 'user.back': 'controls' },
    },
    help: {
      meta: { screen: 'help' },
      on: { 'user.next': 'closed', 'user.back': 'privacy' },
    },
    closed: { type: 'final' },
  },
  output: () => home,
});
