import { cardReaderRig } from '../card-reader/card-reader.rig.ts';
import { handsetRig } from '../handset/handset.rig.ts';
import { idReaderRig } from '../id-reader/id-reader.rig.ts';
import { printerRig } from '../printer/printer.rig.ts';
import { scannerRig } from '../scanner/scanner.rig.ts';
import type { RigDeviceSpec } from './rig-device-spec.ts';

export type { RigAction, RigDeviceSpec, RigSimulator } from './rig-device-spec.ts';

/**
 * Every serial device the rig simulates. A new device is one more row here;
 * its spec lives beside its simulator as `hardware/<device>/<device>.rig.ts`.
 */
export const RIG_DEVICES: readonly RigDeviceSpec[] = [
  printerRig,
  handsetRig,
  cardReaderRig,
  idReaderRig,
  scannerRig,
];
