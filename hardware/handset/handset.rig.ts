import { z } from 'zod';
import { action, garbageAction, type RigDeviceSpec } from '../rig/rig-device-spec.ts';
import { HandsetSimulator } from './handset.simulator.ts';
import { HANDSET_KEYS, STANDARD_TELEPHONY } from './handset-profiles.ts';

/**
 * The telephone handset's row in the rig: a simulated standard telephony
 * handset on `<runDir>/handset.sock` (driver: `SocketHidTransport` with the
 * `hid-telephony` profile) and the controls the rig page offers.
 */
export const handsetRig: RigDeviceSpec = {
  device: 'handset',
  kind: 'usb-handset',
  transport: 'hid-socket',
  createSimulator({ path, logger }) {
    const sim = new HandsetSimulator({ address: { path }, profile: STANDARD_TELEPHONY, logger });
    return {
      open: () => sim.open(),
      close: () => sim.close(),
      // The runner closes and reopens the socket around these.
      unplug: () => void sim.unplug(),
      replug: () => void sim.replug(),
      state: () => sim.state() as unknown as Record<string, unknown>,
      actions: {
        lift: action(z.object({}).optional(), () => sim.lift()),
        'hang-up': action(z.object({}).optional(), () => sim.hangUp()),
        press: action(z.object({ key: z.enum(HANDSET_KEYS) }), ({ key }) => sim.press(key)),
        pulse: action(z.object({}).optional(), () => sim.pulse()),
        mute: action(z.object({ muted: z.boolean() }), ({ muted }) => sim.setMuted(muted)),
        garbage: garbageAction((bytes) => sim.injectGarbage(bytes)),
      },
    };
  },
};
