import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { CardReaderDriver } from '../../hardware/card-reader/card-reader.driver.ts';
import { CardReaderSimulator } from '../../hardware/card-reader/card-reader.simulator.ts';
import type { DeviceName } from '../../hardware/common/device-status.ts';
import { HandsetDriver } from '../../hardware/handset/handset.driver.ts';
import { HandsetSimulator } from '../../hardware/handset/handset.simulator.ts';
import { STANDARD_TELEPHONY } from '../../hardware/handset/handset-profiles.ts';
import { SocketHidTransport } from '../../hardware/handset/hid-socket.transport.ts';
import { IdReaderDriver } from '../../hardware/id-reader/id-reader.driver.ts';
import { IdReaderSimulator } from '../../hardware/id-reader/id-reader.simulator.ts';
import { PrinterDriver } from '../../hardware/printer/printer.driver.ts';
import { PrinterSimulator } from '../../hardware/printer/printer.simulator.ts';
import { ScannerDriver } from '../../hardware/scanner/scanner.driver.ts';
import { ScannerSimulator } from '../../hardware/scanner/scanner.simulator.ts';
import type { KioskDevices } from '../../kiosk-agent/devices/build-devices.ts';
import { type SerialFixture, serialFixture } from '../support/serial-fixture.ts';

/** The five simulators, each joined to its (not yet started) driver: serial ones over socat ptys, the handset over a Unix socket. */
export interface DeviceRig {
  drivers: Required<KioskDevices>;
  printer: SerialFixture<PrinterSimulator, PrinterDriver>;
  cardReader: SerialFixture<CardReaderSimulator, CardReaderDriver>;
  idReader: SerialFixture<IdReaderSimulator, IdReaderDriver>;
  scanner: SerialFixture<ScannerSimulator, ScannerDriver>;
  handset: HandsetSimulator;
  /** Pulls the device's cable (serial: socat killed, ttys gone; handset: the HID device goes away). */
  unplug(device: DeviceName): Promise<void>;
  replug(device: DeviceName): Promise<void>;
  close(): Promise<void>;
}

/** Builds the rig with short poll and reconnect intervals, the drivers logging to `logger`. */
export async function deviceRig(logger: Logger): Promise<DeviceRig> {
  const silent = pino({ level: 'silent' });
  const fast = { reconnectIntervalMs: 150 };
  const printer = await serialFixture({
    name: 'printer',
    baudRate: 115200,
    logger,
    createSimulator: (path) =>
      new PrinterSimulator({ path, baudRate: 115200, logger: silent, reopenIntervalMs: 50 }),
    createDriver: (transport) => new PrinterDriver({ transport, logger, pollIntervalMs: 50, ...fast }),
  });
  const cardReader = await serialFixture({
    name: 'card-reader',
    baudRate: 9600,
    logger,
    createSimulator: (path) =>
      new CardReaderSimulator({ path, logger: silent, motorMs: 20, reopenIntervalMs: 50 }),
    createDriver: (transport) =>
      new CardReaderDriver({ transport, logger, pollIntervalMs: 40, retainAfterMs: 30_000, ...fast }),
  });
  const idReader = await serialFixture({
    name: 'id-reader',
    baudRate: 115200,
    logger,
    createSimulator: (path) => new IdReaderSimulator({ path, logger: silent, reopenIntervalMs: 50 }),
    createDriver: (transport) => new IdReaderDriver({ transport, logger, pollIntervalMs: 40, ...fast }),
  });
  const scanner = await serialFixture({
    name: 'scanner',
    baudRate: 9600,
    logger,
    createSimulator: (path) => new ScannerSimulator({ path, logger: silent, reopenIntervalMs: 50 }),
    createDriver: (transport) => new ScannerDriver({ transport, logger, ...fast }),
  });
  const handsetDir = await mkdtemp(join(tmpdir(), 'tingzi-handset-'));
  const socket = join(handsetDir, 'handset.sock');
  const handset = new HandsetSimulator({
    address: { path: socket },
    profile: STANDARD_TELEPHONY,
    logger: silent,
  });
  await handset.open();
  const handsetDriver = new HandsetDriver({
    transport: new SocketHidTransport({ address: { path: socket }, logger }),
    profile: STANDARD_TELEPHONY,
    logger,
    ...fast,
  });
  const serial = { printer, 'card-reader': cardReader, 'id-reader': idReader, scanner } as const;
  return {
    drivers: {
      printer: printer.driver,
      'card-reader': cardReader.driver,
      'id-reader': idReader.driver,
      scanner: scanner.driver,
      handset: handsetDriver,
    },
    printer,
    cardReader,
    idReader,
    scanner,
    handset,
    unplug: (device) => (device === 'handset' ? handset.unplug() : serial[device].closePair()),
    replug: (device) => (device === 'handset' ? handset.replug() : serial[device].reopenPair()),
    async close() {
      await handsetDriver.stop();
      await handset.close();
      await rm(handsetDir, { recursive: true, force: true });
      await Promise.all(Object.values(serial).map((fx) => fx.close()));
    },
  };
}
