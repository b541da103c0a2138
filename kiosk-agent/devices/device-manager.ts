import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { type DeviceName, type DeviceStatus, sameCondition } from '../../hardware/common/device-status.ts';

/** What the manager needs of a driver: every driver in `hardware/` offers this. */
export interface ManagedDevice {
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): DeviceStatus;
  on(event: 'status', listener: (status: DeviceStatus) => void): unknown;
}

/**
 * Starts every configured driver, keeps the latest status of each and pushes
 * changes. A driver that fails to start or throws never takes the agent down:
 * it shows as `offline` and its driver keeps reconnecting by itself.
 */
export class DeviceManager extends EventEmitter<{ status: [DeviceStatus] }> {
  private readonly latest = new Map<DeviceName, DeviceStatus>();

  constructor(
    private readonly devices: Map<DeviceName, ManagedDevice>,
    private readonly logger: Logger,
  ) {
    super();
  }

  async start(): Promise<void> {
    await Promise.all(
      [...this.devices].map(async ([name, driver]) => {
        this.latest.set(name, driver.status());
        driver.on('status', (status) => this.record(status));
        try {
          await driver.start();
        } catch (err) {
          this.logger.error({ err, device: name }, 'driver failed to start; it stays offline');
        }
        this.record(driver.status());
      }),
    );
  }

  async stop(): Promise<void> {
    await Promise.all([...this.devices.values()].map((d) => d.stop().catch(() => {})));
  }

  /** The latest status of every configured device, in a stable order. */
  statuses(): DeviceStatus[] {
    return [...this.latest.values()].sort((a, b) => a.device.localeCompare(b.device));
  }

  get(name: DeviceName): ManagedDevice | undefined {
    return this.devices.get(name);
  }

  private record(status: DeviceStatus): void {
    const before = this.latest.get(status.device);
    if (before && sameCondition(before, status)) return;
    this.latest.set(status.device, status);
    this.logger.info({ device: status.device, state: status.state, detail: status.detail }, 'device status');
    this.emit('status', status);
  }
}
