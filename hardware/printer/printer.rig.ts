import { z } from 'zod';
import { action, type RigDeviceSpec } from '../rig/rig-device-spec.ts';
import { PrinterSimulator } from './printer.simulator.ts';

/** The receipt printer's row in the rig: its simulator and the controls the rig page offers. */
export const printerRig: RigDeviceSpec = {
  device: 'printer',
  kind: 'receipt-printer',
  baudRate: 9600,
  createSimulator({ path, baudRate, logger }) {
    const sim = new PrinterSimulator({ path, baudRate, logger });
    return {
      open: () => sim.open(),
      close: () => sim.close(),
      unplug: () => sim.unplug(),
      replug: () => sim.replug(),
      state: () => {
        const { paper, cover, online, plugged, error } = sim.state();
        return { paper, cover, online, plugged, ...(error ? { error } : {}) };
      },
      actions: {
        paper: action(z.object({ level: z.enum(['ok', 'low', 'out']) }), ({ level }) => sim.setPaper(level)),
        cover: action(z.object({ open: z.boolean() }), ({ open }) => sim.setCover(open)),
        online: action(z.object({ online: z.boolean() }), ({ online }) => sim.setOnline(online)),
        error: action(
          z.object({ error: z.enum(['autocutter', 'unrecoverable', 'auto-recoverable']).nullable() }),
          ({ error }) => sim.setError(error),
        ),
        garbage: action(
          z.object({
            hex: z
              .string()
              .regex(/^(?:[0-9a-fA-F]{2})+$/, 'an even number of hex digits')
              .max(512),
          }),
          ({ hex }) => sim.injectGarbage(Buffer.from(hex, 'hex')),
        ),
      },
    };
  },
};
