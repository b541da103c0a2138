import { EventEmitter } from 'node:events';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * What a maintainer may change on a running kiosk with a `set-config` command, each with its
 * bounds. Anything else is refused by name: a typo never silently does nothing.
 */
export const runtimeSettingsSchema = z
  .object({
    /** How often the agent reports to the hub. */
    heartbeatSeconds: z.number().int().min(1).max(300),
    /** The agent's log level (debug while chasing a fault, info otherwise). */
    logLevel: z.enum(['debug', 'info', 'warn', 'error']),
  })
  .partial()
  .strict();
export type RuntimeSettings = z.infer<typeof runtimeSettingsSchema>;
export type SettingKey = keyof RuntimeSettings;
export const SETTING_KEYS = Object.keys(runtimeSettingsSchema.shape) as SettingKey[];

/** A value that cannot be set; the message names the key and what it must be. */
export class SettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingError';
  }
}

/**
 * The kiosk's runtime settings, over the config file's defaults, kept in
 * `<stateDir>/settings.json` so they survive a restart. `change` fires with the key set.
 */
export class Settings extends EventEmitter<{ change: [SettingKey, RuntimeSettings] }> {
  private values: RuntimeSettings;

  private constructor(
    private readonly file: string,
    values: RuntimeSettings,
  ) {
    super();
    this.values = values;
  }

  static async open(stateDir: string): Promise<Settings> {
    const file = path.join(stateDir, 'settings.json');
    let values: RuntimeSettings = {};
    try {
      const parsed = runtimeSettingsSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (parsed.success) values = parsed.data;
    } catch {
      // None saved yet: the config file's values hold.
    }
    return new Settings(file, values);
  }

  get<K extends SettingKey>(key: K): RuntimeSettings[K] {
    return this.values[key];
  }

  all(): RuntimeSettings {
    return { ...this.values };
  }

  /** Validates and stores one value; throws SettingError naming the key when it cannot be set. */
  async set(key: string, value: unknown): Promise<RuntimeSettings> {
    if (!SETTING_KEYS.includes(key as SettingKey)) {
      throw new SettingError(`${key} cannot be set remotely; settable: ${SETTING_KEYS.join(', ')}`);
    }
    const parsed = runtimeSettingsSchema.safeParse({ [key]: value });
    if (!parsed.success) {
      throw new SettingError(`${key}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    }
    this.values = { ...this.values, ...parsed.data };
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, `${JSON.stringify(this.values)}\n`);
    await rename(tmp, this.file);
    this.emit('change', key as SettingKey, this.all());
    return this.all();
  }
}
