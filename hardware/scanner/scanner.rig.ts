import { z } from 'zod';
import { action, garbageAction, type RigDeviceSpec } from '../rig/rig-device-spec.ts';
import { ScannerSimulator } from './scanner.simulator.ts';

/** The barcode / QR scanner's row in the rig. */
export const scannerRig: RigDeviceSpec = {
  device: 'scanner',
  kind: 'barcode-scanner',
  baudRate: 9600,
  createSimulator({ path, baudRate, logger }) {
    const sim = new ScannerSimulator({ path, baudRate, logger });
    return {
      open: () => sim.open(),
      close: () => sim.close(),
      unplug: () => sim.unplug(),
      replug: () => sim.replug(),
      state: () => ({ ...sim.state() }),
      actions: {
        // A scan while the trigger is off is dropped, as a real scanner in host-trigger mode does.
        scan: action(
          z.object({
            text: z.string().min(1).max(2048),
            encoding: z.enum(['utf8', 'gb18030']).optional(),
          }),
          ({ text, encoding }) => void sim.scan(text, { encoding }),
        ),
        garbage: garbageAction((bytes) => sim.injectGarbage(bytes)),
      },
    };
  },
};
