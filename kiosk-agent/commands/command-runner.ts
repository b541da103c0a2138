import type { BrowserSupervisor } from '../browser/browser-supervisor.ts';
import type { CommandResult, HubCommand } from '../hub/hub-link.ts';
import type { Maintenance } from '../maintenance.ts';

export interface CommandRunnerDeps {
  maintenance: Maintenance;
  /** Absent when the config has no browser (a headless service test): screen commands then fail with a reason. */
  browser?: BrowserSupervisor;
  uploadScreenshot: (
    png: Buffer,
    commandId: string,
  ) => Promise<{ id: string; width: number; height: number }>;
}

/**
 * Runs one remote command from the hub and says how it went. Commands whose
 * service is not built yet answer `ok: false` with that reason, never a silent success.
 */
export function createCommandRunner(
  deps: CommandRunnerDeps,
): (command: HubCommand) => Promise<CommandResult> {
  const screen = () => {
    if (!deps.browser) throw new Error('this kiosk runs without a supervised browser');
    return deps.browser;
  };
  return async (command) => {
    switch (command.kind) {
      case 'set-maintenance': {
        const on = command.args.on;
        if (typeof on !== 'boolean') return { ok: false, message: 'args.on must be true or false' };
        const state = await deps.maintenance.set(on);
        return { ok: true, message: on ? 'out of service' : 'back in service', data: { ...state } };
      }
      case 'take-screenshot': {
        const png = await screen().screenshot();
        const stored = await deps.uploadScreenshot(png, command.id);
        return { ok: true, message: `${stored.width}×${stored.height}`, data: { screenshotId: stored.id } };
      }
      case 'reload-ui':
        await screen().reload();
        return { ok: true, message: 'reloaded' };
      case 'restart-browser':
        await screen().restart();
        return { ok: screen().state() === 'running', message: `browser ${screen().state()}` };
      default:
        return { ok: false, message: `this agent does not carry out ${command.kind} yet` };
    }
  };
}
