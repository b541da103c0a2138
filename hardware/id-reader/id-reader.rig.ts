import { z } from 'zod';
import { action, garbageAction, type RigDeviceSpec } from '../rig/rig-device-spec.ts';
import { IdReaderSimulator } from './id-reader.simulator.ts';
import { VIRTUAL_ID_CARD_IDS } from './id-reader-cards.ts';

/** The resident ID card reader's row in the rig: its simulator and the controls the rig page offers. */
export const idReaderRig: RigDeviceSpec = {
  device: 'id-reader',
  kind: 'resident-id-reader',
  baudRate: 115200,
  createSimulator({ path, baudRate, logger }) {
    const sim = new IdReaderSimulator({ path, baudRate, logger });
    return {
      open: () => sim.open(),
      close: () => sim.close(),
      unplug: () => sim.unplug(),
      replug: () => sim.replug(),
      state: () => ({ ...sim.state() }),
      actions: {
        present: action(z.object({ card: z.enum(VIRTUAL_ID_CARD_IDS) }), ({ card }) => sim.present(card)),
        withdraw: action(z.object({}), () => sim.withdraw()),
        sam: action(z.object({ fault: z.boolean() }), ({ fault }) => sim.setSamFault(fault)),
        garbage: garbageAction((bytes) => sim.injectGarbage(bytes)),
      },
    };
  },
};
