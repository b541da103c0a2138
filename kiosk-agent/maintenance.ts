import { EventEmitter } from 'node:events';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MaintenanceState } from './api/contract.ts';

/**
 * Whether the kiosk is out of service for maintenance. Kept in `<stateDir>/maintenance.json`,
 * so a kiosk switched off for repair stays out of service across a restart until a maintainer
 * switches it back on (the hub's own flag is applied again when the link comes up).
 */
export class Maintenance extends EventEmitter<{ change: [MaintenanceState] }> {
  private state: MaintenanceState;
  private readonly file: string;

  private constructor(stateDir: string, initial: MaintenanceState) {
    super();
    this.file = path.join(stateDir, 'maintenance.json');
    this.state = initial;
  }

  static async open(stateDir: string, now: () => Date = () => new Date()): Promise<Maintenance> {
    const file = path.join(stateDir, 'maintenance.json');
    let initial: MaintenanceState = { on: false, since: now().toISOString() };
    try {
      const saved = JSON.parse(await readFile(file, 'utf8')) as Partial<MaintenanceState>;
      if (typeof saved.on === 'boolean' && typeof saved.since === 'string') {
        initial = { on: saved.on, since: saved.since };
      }
    } catch {
      // No file yet (or unreadable): in service.
    }
    const m = new Maintenance(stateDir, initial);
    m.now = now;
    return m;
  }

  private now: () => Date = () => new Date();

  current(): MaintenanceState {
    return this.state;
  }

  /** Switches maintenance on or off; a no-op (no event, no write) when it already is. */
  async set(on: boolean): Promise<MaintenanceState> {
    if (on === this.state.on) return this.state;
    this.state = { on, since: this.now().toISOString() };
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, `${JSON.stringify(this.state)}\n`);
    await rename(tmp, this.file);
    this.emit('change', this.state);
    return this.state;
  }
}
