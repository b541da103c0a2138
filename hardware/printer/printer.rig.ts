import { z } from 'zod';
import { action, garbageAction, type RigDeviceSpec } from '../rig/rig-device-spec.ts';
import { PrinterSimulator } from './printer.simulator.ts';
import { receiptsHtml } from './receipt-html.ts';

/**
 * The receipt printer's row in the rig: its simulator, the controls the rig
 * page offers (`POST /rig/api/printer/<action>`) and what it printed
 * (`GET /rig/api/printer/output`: PrintedDocument[] newest first;
 * `GET /rig/api/printer/receipts`: `{ count, html }`, the same as pictures).
 */
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
        garbage: garbageAction((bytes) => sim.injectGarbage(bytes)),
        /** The next receipt jams after `afterLines` lines (2 by default); "Clear error" clears it. */
        jam: action(
          z.strictObject({ afterLines: z.number().int().min(0).max(100).optional() }),
          ({ afterLines }) => sim.jamNextJob(afterLines),
        ),
        paperLeft: action(z.strictObject({ mm: z.number().min(0).max(100_000) }), ({ mm }) =>
          sim.setPaperLeft(mm),
        ),
      },
      views: {
        output: () => sim.printed().reverse(),
        receipts: () => {
          const printed = sim.printed();
          return { count: printed.length, html: receiptsHtml(printed) };
        },
      },
    };
  },
};
