import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { HANDSET_PROFILES, profileByName } from '../../hardware/handset/handset-profiles.ts';

/** A serial device: its tty and baud rate (the device's usual rate when absent). */
function serialDevice(defaultBaud: number) {
  return z
    .object({
      transport: z.literal('serial'),
      /** The tty the driver opens: `/dev/ttyUSB0` on a kiosk, the rig's pseudo-terminal in a demo. */
      path: z.string().min(1),
      baudRate: z.number().int().positive().default(defaultBaud),
    })
    .strict();
}

const usbId = z.number().int().min(0).max(0xffff);

const handsetProfile = z
  .string()
  .refine((name) => profileByName(name) !== undefined, {
    message: `one of ${HANDSET_PROFILES.map((p) => p.name).join(', ')}`,
  })
  .default('hid-telephony');

/** The handset: node-hid on a real kiosk; the rig's socket carrying the same report bytes in a demo. */
const handsetDevice = z.discriminatedUnion('transport', [
  z
    .object({
      transport: z.literal('hid'),
      /** A hidraw path, or the USB vendor and product ids to find it by. */
      path: z.string().min(1).optional(),
      vendorId: usbId.optional(),
      productId: usbId.optional(),
      profile: handsetProfile,
    })
    .strict()
    .refine((d) => d.path !== undefined || (d.vendorId !== undefined && d.productId !== undefined), {
      message: 'give either path or both vendorId and productId',
    }),
  z
    .object({
      transport: z.literal('hid-socket'),
      /** The Unix socket the rig's handset simulator listens on. */
      socket: z.string().min(1),
      profile: handsetProfile,
    })
    .strict(),
]);

/** One validated file per kiosk. Unknown keys are refused so a typo is never silently ignored. */
export const agentConfigSchema = z
  .object({
    kiosk: z
      .object({
        id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lowercase letters, digits and dashes'),
        name: z.string().min(1),
        address: z.string().min(1),
        district: z.string().min(1),
        /** The clock on the kiosk screen shows this zone, whatever the PC is set to. */
        timeZone: z
          .string()
          .refine((tz) => {
            try {
              new Intl.DateTimeFormat('en', { timeZone: tz });
              return true;
            } catch {
              return false;
            }
          }, 'an IANA time zone such as Asia/Shanghai')
          .default('Asia/Shanghai'),
        coordinates: z
          .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) })
          .strict(),
      })
      .strict(),
    hub: z
      .object({
        url: z.url({ protocol: /^https?$/ }),
        /** How often the agent reports to the hub; the hub counts a kiosk offline after 3 missed. */
        heartbeatSeconds: z.number().int().min(1).max(300).default(5),
      })
      .strict(),
    /** Where the agent keeps its credential and state; the config file's folder when absent. */
    stateDir: z.string().min(1).optional(),
    /** The kiosk screen: Chromium, started and watched by the agent. */
    browser: z
      .object({
        enabled: z.boolean().default(true),
        executablePath: z.string().min(1).default('/usr/bin/chromium'),
        /** Headless in tests and demos on a machine without a display; false on a kiosk. */
        headless: z.boolean().default(false),
        width: z.number().int().min(320).max(7680).default(1920),
        height: z.number().int().min(320).max(7680).default(1080),
      })
      .strict()
      .default({
        enabled: false,
        executablePath: '/usr/bin/chromium',
        headless: false,
        width: 1920,
        height: 1080,
      }),
    devices: z
      .object({
        printer: serialDevice(9600)
          .extend({ model: z.literal('escpos').default('escpos') })
          .optional(),
        'card-reader': serialDevice(9600).optional(),
        'id-reader': serialDevice(115200).optional(),
        scanner: serialDevice(9600).optional(),
        handset: handsetDevice.optional(),
      })
      .strict(),
  })
  .strict();

export type AgentConfig = z.infer<typeof agentConfigSchema>;

/** A config that cannot be used; the message names the field. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validates a parsed config; every problem is reported with its field path. */
export function parseAgentConfig(raw: unknown, source = 'config'): AgentConfig {
  const result = agentConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new ConfigError(`The agent config ${source} is not valid:\n${problems.join('\n')}`);
}

/** Reads and validates the config file at `file`. */
export async function loadAgentConfig(file: string): Promise<AgentConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`Cannot read the agent config ${file}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`The agent config ${file} is not valid JSON: ${(err as Error).message}`);
  }
  return parseAgentConfig(raw, file);
}
