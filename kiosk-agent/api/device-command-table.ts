import { z } from 'zod';
import { maskPan } from '../../hardware/card-reader/track2.ts';
import { DeviceNotReadyError } from '../../hardware/common/errors.ts';
import type { IdCard } from '../../hardware/id-reader/id-reader.driver.ts';
import { printDocumentSchema } from '../../hardware/printer/print-document.ts';
import type { KioskDevices } from '../devices/build-devices.ts';
import type { ReceiptMemory } from '../session/receipt-memory.ts';
import type { ResidentSession } from '../session/resident-session.ts';
import type { CommandResult, IdCardForScreen } from './contract.ts';

/** What a command runs with: the device's driver, its parsed body, and the session it runs in. */
export interface CommandContext<D, B> {
  driver: D;
  body: B;
  sessionId: string;
  requestId: string;
  session: ResidentSession;
  receipts: ReceiptMemory;
}

/** One `POST /agent/devices/<device>/<command>`: its body schema and what it does. */
export interface DeviceCommand {
  device: keyof KioskDevices;
  body: z.ZodType;
  /** Resolves with what the success answer carries besides requestId and completionCode. */
  run(ctx: CommandContext<never, never>): Promise<Omit<CommandResult, 'requestId' | 'completionCode'>>;
}

/** A body with nothing but the optional request id; anything else is invalidData naming the field. */
const empty = z.strictObject({ requestId: z.string().optional() });

function command<K extends keyof KioskDevices, S extends z.ZodType>(
  device: K,
  body: S,
  run: (
    ctx: CommandContext<NonNullable<KioskDevices[K]>, z.infer<S>>,
  ) => Promise<Omit<CommandResult, 'requestId' | 'completionCode'>>,
): DeviceCommand {
  return { device, body, run: run as DeviceCommand['run'] };
}

/** The resident's ID card as the screen may see it (no photo, no address). */
export function idCardForScreen(card: IdCard): IdCardForScreen {
  return {
    name: card.name,
    idNumber: card.idNumber,
    sex: card.sex,
    birthDate: card.birthDate,
    validUntil: card.validUntil,
    expired: card.expired,
    checkDigitValid: card.checkDigitValid,
  };
}

/** Every device command by `<device>/<command>`. */
export const DEVICE_COMMANDS: Record<string, DeviceCommand> = {
  'card-reader/enable': command('card-reader', empty, async ({ driver }) => {
    await driver.enableEntry();
    return {};
  }),
  'card-reader/disable': command('card-reader', empty, async ({ driver }) => {
    await driver.disableEntry();
    return {};
  }),
  /** Reads the card inside: track 2 by default (PAN kept by the agent), or the social-security chip. */
  'card-reader/read': command(
    'card-reader',
    empty.extend({ source: z.enum(['track2', 'social-security']).optional() }),
    async ({ driver, body, session, sessionId }) => {
      if (body.source === 'social-security') {
        const holder = await driver.readSocialSecurityCard();
        return { card: { source: 'social-security', name: holder.name, idNumber: holder.number } };
      }
      const track = await driver.readTrack2();
      const token = session.keepCard(sessionId, track);
      if (!token) throw new DeviceNotReadyError('the session ended while the card was read');
      return { card: { source: 'track2', maskedPan: maskPan(track.pan), expiry: track.expiry, token } };
    },
  ),
  'card-reader/eject': command('card-reader', empty, async ({ driver }) => {
    await driver.eject();
    return {};
  }),
  'card-reader/retain': command('card-reader', empty, async ({ driver }) => {
    await driver.retain();
    return {};
  }),
  /** Starts looking for ID cards: reads arrive as `id.card.read` events. */
  'id-reader/enable': command('id-reader', empty, async ({ driver }) => {
    driver.enable();
    return {};
  }),
  'id-reader/disable': command('id-reader', empty, async ({ driver }) => {
    driver.disable();
    return {};
  }),
  /** One read now, outside the polling. */
  'id-reader/read': command('id-reader', empty, async ({ driver, session }) => {
    const card = await driver.readOnce();
    const idCard = card ? idCardForScreen(card) : null;
    if (idCard) session.keepIdCard(idCard);
    return { idCard };
  }),
  'scanner/enable': command('scanner', empty, async ({ driver }) => {
    await driver.enable();
    return {};
  }),
  'scanner/disable': command('scanner', empty, async ({ driver }) => {
    await driver.disable();
    return {};
  }),
  /** The body is the printer's document (print-document.ts); answered once the printer confirms. */
  'printer/print': command('printer', printDocumentSchema, async ({ driver, body, requestId, receipts }) => {
    const receipt = await driver.print(body, { jobId: requestId });
    receipts.remember(body, receipt.printedAt);
    return { printedAt: receipt.printedAt };
  }),
  'handset/ring': command('handset', empty, async ({ driver }) => {
    await driver.ring(true);
    return {};
  }),
  'handset/stop-ringing': command('handset', empty, async ({ driver }) => {
    await driver.ring(false);
    return {};
  }),
};
