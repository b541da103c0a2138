import type { Logger } from 'pino';
import type { KioskDevices } from '../devices/build-devices.ts';

/** What happens to a card still inside the reader when a session ends. */
export type CardLeftPolicy = 'eject' | 'retain';

/**
 * Puts every device back for the next resident: a card still inside is
 * ejected (the reader's own timer retains it if nobody takes it) or retained,
 * card entry refused, ID reader and scanner off, ringer off. A device that is
 * away or fails is logged and skipped: ending a session never fails.
 */
export async function resetDevices(
  devices: KioskDevices,
  logger: Logger,
  cardLeft: CardLeftPolicy = 'eject',
): Promise<void> {
  const step = async (what: string, run: () => Promise<void> | void): Promise<void> => {
    try {
      await run();
    } catch (err) {
      logger.warn({ err, step: what }, 'session end: device step failed');
    }
  };
  const reader = devices['card-reader'];
  await Promise.all([
    reader &&
      step('card', async () => {
        if (reader.status().state === 'offline') return;
        await reader.disableEntry();
        // Ask the reader now: a card the motor pulled in since the last poll must not be left behind.
        const now = await reader.refresh();
        if (now.detail.card === 'inside') {
          if (cardLeft === 'retain') await reader.retain();
          else await reader.eject();
        }
      }),
    devices.scanner && step('scanner', () => devices.scanner!.disable()),
    devices['id-reader'] && step('id-reader', () => devices['id-reader']!.disable()),
    devices.handset && step('handset', () => devices.handset!.ring(false)),
  ]);
}
