import { z } from 'zod';
import { action, garbageAction, type RigDeviceSpec } from '../rig/rig-device-spec.ts';
import { VIRTUAL_CARDS } from './card-reader.cards.ts';
import { CardReaderSimulator } from './card-reader.simulator.ts';

const cardIds = VIRTUAL_CARDS.map((c) => c.id) as [string, ...string[]];

/** The motorised card reader's row in the rig: its simulator and the controls the rig page offers. */
export const cardReaderRig: RigDeviceSpec = {
  device: 'card-reader',
  kind: 'motorised-card-reader',
  baudRate: 9600,
  createSimulator({ path, baudRate, logger }) {
    const sim = new CardReaderSimulator({ path, baudRate, logger, motorMs: 300 });
    return {
      open: () => sim.open(),
      close: () => sim.close(),
      unplug: () => sim.unplug(),
      replug: () => sim.replug(),
      state: () => {
        const { position, cardId, entryEnabled, retained, jammed, plugged } = sim.state();
        return {
          position,
          cardId,
          entry: entryEnabled ? 'enabled' : 'disabled',
          retained,
          jammed,
          plugged,
          cards: VIRTUAL_CARDS.map(({ id, label }) => ({ id, label })),
        };
      },
      actions: {
        // A slot already holding a card, or a jammed reader, ignores the insert: the state shows why.
        insert: action(z.object({ card: z.enum(cardIds) }), ({ card }) => void sim.insert(card)),
        remove: action(z.object({}), () => void sim.remove()),
        jam: action(z.object({ jammed: z.boolean() }), ({ jammed }) => sim.setJammed(jammed)),
        garbage: garbageAction((bytes) => sim.injectGarbage(bytes)),
      },
    };
  },
};
