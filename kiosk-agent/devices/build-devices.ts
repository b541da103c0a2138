import type { Logger } from 'pino';
import { CardReaderDriver } from '../../hardware/card-reader/card-reader.driver.ts';
import type { DeviceName } from '../../hardware/common/device-status.ts';
import { NodeHidTransport } from '../../hardware/common/hid-transport.ts';
import { SerialTransport } from '../../hardware/common/serial-transport.ts';
import { HandsetDriver } from '../../hardware/handset/handset.driver.ts';
import { profileByName } from '../../hardware/handset/handset-profiles.ts';
import { SocketHidTransport } from '../../hardware/handset/hid-socket.transport.ts';
import { IdReaderDriver } from '../../hardware/id-reader/id-reader.driver.ts';
import { PrinterDriver } from '../../hardware/printer/printer.driver.ts';
import { ScannerDriver } from '../../hardware/scanner/scanner.driver.ts';
import type { AgentConfig } from '../config/agent-config.ts';
import type { ManagedDevice } from './device-manager.ts';

/** The drivers the agent built, by name and typed, so services can reach each device's own commands. */
export interface KioskDevices {
  printer?: PrinterDriver;
  'card-reader'?: CardReaderDriver;
  'id-reader'?: IdReaderDriver;
  scanner?: ScannerDriver;
  handset?: HandsetDriver;
}

/** Builds one driver per configured device; devices absent from the config are simply not offered. */
export function buildDevices(config: AgentConfig, logger: Logger): KioskDevices {
  const d = config.devices;
  const log = (name: DeviceName) => logger.child({ name: `agent:${name}` });
  const serial = (name: DeviceName, c: { path: string; baudRate: number }) =>
    new SerialTransport({ path: c.path, baudRate: c.baudRate, logger: log(name) });
  const devices: KioskDevices = {};
  if (d.printer)
    devices.printer = new PrinterDriver({ transport: serial('printer', d.printer), logger: log('printer') });
  if (d['card-reader']) {
    devices['card-reader'] = new CardReaderDriver({
      transport: serial('card-reader', d['card-reader']),
      logger: log('card-reader'),
    });
  }
  if (d['id-reader']) {
    devices['id-reader'] = new IdReaderDriver({
      transport: serial('id-reader', d['id-reader']),
      logger: log('id-reader'),
    });
  }
  if (d.scanner)
    devices.scanner = new ScannerDriver({ transport: serial('scanner', d.scanner), logger: log('scanner') });
  if (d.handset) {
    const h = d.handset;
    // The schema has checked the profile name.
    const profile = profileByName(h.profile)!;
    const transport =
      h.transport === 'hid-socket'
        ? new SocketHidTransport({ address: { path: h.socket }, logger: log('handset') })
        : new NodeHidTransport({
            target: h.path ? { path: h.path } : { vendorId: h.vendorId!, productId: h.productId! },
            logger: log('handset'),
          });
    devices.handset = new HandsetDriver({ transport, profile, logger: log('handset') });
  }
  return devices;
}

/** The same drivers as the device manager sees them. */
export function managedDevices(devices: KioskDevices): Map<DeviceName, ManagedDevice> {
  return new Map(Object.entries(devices) as [DeviceName, ManagedDevice][]);
}
