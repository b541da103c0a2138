import type { Logger } from 'pino';
import type { DeviceName } from '../../hardware/common/device-status.ts';
import { SerialTransport } from '../../hardware/common/serial-transport.ts';
import { PrinterDriver } from '../../hardware/printer/printer.driver.ts';
import type { AgentConfig } from '../config/agent-config.ts';
import type { ManagedDevice } from './device-manager.ts';

/** Builds one driver per configured device; devices absent from the config are simply not offered. */
export function buildDevices(config: AgentConfig, logger: Logger): Map<DeviceName, ManagedDevice> {
  const devices = new Map<DeviceName, ManagedDevice>();
  const printer = config.devices.printer;
  if (printer) {
    const log = logger.child({ name: 'agent:printer' });
    const transport = new SerialTransport({ path: printer.path, baudRate: printer.baudRate, logger: log });
    devices.set('printer', new PrinterDriver({ transport, logger: log }));
  }
  return devices;
}
