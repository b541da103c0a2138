import type { BrowserSupervisor } from '../browser/browser-supervisor.ts';
import type { CommandResult, HubCommand } from '../hub/hub-link.ts';
import type { Maintenance } from '../maintenance.ts';
import { SettingError, type Settings } from '../settings/runtime-settings.ts';

export interface CommandRunnerDeps {
  maintenance: Maintenance;
  /** Absent when the config has no browser (a headless service test): screen commands then fail with a reason. */
  browser?: BrowserSupervisor;
  uploadScreenshot: (
    png: Buffer,
    commandId: string,
  ) => Promise<{ id: string; width: number; height: number }>;
  settings: Settings;
  /** The newest log lines (already masked), for `send-logs`. */
  recentLogs: (n: number) => string[];
  /** Prints the last receipt again when there is one from the last two minutes. */
  reprintLastReceipt?: () => Promise<CommandResult>;
}

/** How many log lines `send-logs` returns at most (and by default). */
export const SEND_LOGS_MAX = 400;

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
      case 'set-config': {
        const { key, value } = command.args;
        if (typeof key !== 'string') return { ok: false, message: 'args.key must name a setting' };
        try {
          const all = await deps.settings.set(key, value);
          return { ok: true, message: `${key} = ${JSON.stringify(value)}`, data: { settings: all } };
        } catch (err) {
          if (err instanceof SettingError) return { ok: false, message: err.message };
          throw err;
        }
      }
      case 'send-logs': {
        const asked = Number(command.args.lines ?? SEND_LOGS_MAX);
        const n = Number.isInteger(asked) && asked > 0 ? Math.min(asked, SEND_LOGS_MAX) : SEND_LOGS_MAX;
        const lines = deps.recentLogs(n);
        return { ok: true, message: `${lines.length} lines`, data: { lines } };
      }
      case 'reprint-last-receipt':
        if (!deps.reprintLastReceipt) return { ok: false, message: 'this kiosk has no receipt printer' };
        return deps.reprintLastReceipt();
      default:
        return { ok: false, message: `this agent does not carry out ${command.kind} yet` };
    }
  };
}
