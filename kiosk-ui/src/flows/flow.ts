/**
 * What a service flow (pay a bill, book a doctor, …) gives the kiosk shell.
 * A flow is registered in `flows/registry.ts`; its tile appears on the home
 * screen only then, never as a placeholder. The session machine spawns the
 * flow's machine when the resident picks it and stops it (and with it every
 * typed value) when the flow ends or the session does.
 */
import type { ComponentType } from 'preact';
import type { AnyActorRef, AnyStateMachine } from 'xstate';
import type { DeviceName } from '../../../hardware/common/device-status.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { DeviceOffer } from './offer.ts';

/** What a flow's machine is given when it starts. */
export interface FlowInput {
  /** What the kiosk's devices can do right now (receipt on paper or as a QR code, card payment or not). */
  offer: DeviceOffer;
  /** The agent's session for this resident; device commands must name it. Null when the agent did not answer. */
  sessionId: string | null;
}

/**
 * What the session sends a running flow whenever the devices' status changes, so that what it
 * offers (a paper receipt, card payment) follows the devices during the flow, not only at its start.
 */
export interface FlowOfferEvent {
  type: 'device.offer';
  offer: DeviceOffer;
}

/**
 * How a flow's machine ends (its final state's `output`): `done` ends the
 * session with a farewell; `home` goes back to the service tiles.
 */
export interface FlowOutput {
  outcome: 'done' | 'home';
}

/** The state meta a flow's states may carry: the screen name (for the heartbeat) and its idle timeout. */
export interface FlowStateMeta {
  screen?: string;
  idleSeconds?: number;
  /**
   * Money (or a booking) is moving: the resident cannot leave (Home and Finish are hidden and
   * refused) and the idle question is not asked until the flow leaves this state.
   */
  locked?: boolean;
}

export interface FlowDefinition {
  /** kebab-case, e.g. `bill-payment`. */
  id: string;
  titleKey: MessageKey;
  /** One short line under the title on the tile. */
  noteKey: MessageKey;
  /** The tile's pictogram (decorative; the title names the service). */
  Icon: ComponentType;
  /** Without the hub the flow cannot work; these devices it cannot do without. */
  needs: { hub: boolean; devices?: DeviceName[] };
  /** Devices the flow uses when they work (the tile says what changes when they do not). */
  uses?: { printer?: boolean; cardReader?: boolean };
  /** Its journey; it must reach a final state with a `FlowOutput`. */
  machine: AnyStateMachine;
  /** Renders the flow's current state and sends the resident's events to it. */
  View: ComponentType<{ actor: AnyActorRef }>;
}
