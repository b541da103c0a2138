/**
 * Turns device and hub status into the plain words a resident reads, with a
 * tone for colour. Words carry the meaning; colour only repeats it.
 */
import type { DeviceStatus } from '../../../kiosk-agent/api/contract.ts';
import type { MessageKey } from '../i18n/index.ts';

export type Tone = 'ok' | 'warn' | 'bad';
export type PaperLevel = 'ok' | 'low' | 'out';

export interface DeviceCondition {
  /** The device's name, or null for a device this UI has no words for (show its raw name). */
  nameKey: MessageKey | null;
  word: MessageKey;
  tone: Tone;
  /** The printer's paper level, when the agent reported one. */
  paper: PaperLevel | null;
}

const deviceNameKeys: Record<string, MessageKey> = {
  printer: 'device.printer',
  'card-reader': 'device.card-reader',
  'id-reader': 'device.id-reader',
  scanner: 'device.scanner',
  handset: 'device.handset',
};

/** The one word that best says how a device is, most serious first. */
export function describeDevice({ device, state, detail }: DeviceStatus): DeviceCondition {
  const paper = readPaper(detail.paper);
  const nameKey = deviceNameKeys[device] ?? null;
  const condition = (word: MessageKey, tone: Tone): DeviceCondition => ({ nameKey, word, tone, paper });
  if (state === 'offline') return condition('deviceState.offline', 'bad');
  if (device === 'printer') {
    if (detail.cover === 'open') return condition('printer.coverOpen', 'bad');
    if (paper === 'out') return condition('printer.paperOut', 'bad');
  }
  if (state === 'fault') return condition('deviceState.fault', 'bad');
  if (device === 'printer' && paper === 'low') return condition('printer.paperLow', 'warn');
  if (state === 'busy') return condition('deviceState.busy', 'ok');
  if (device === 'printer' && paper === 'ok') return condition('printer.paperOk', 'ok');
  return condition('deviceState.online', 'ok');
}

/**
 * The agent's reason is written for a maintainer ("cannot reach the hub
 * (ECONNREFUSED)"); a resident gets the gist in plain words.
 */
export function hubReasonKey(reason: string | undefined): MessageKey {
  const text = (reason ?? '').toLowerCase();
  if (/timeout|timed out|no answer/.test(text)) return 'hub.reason.timeout';
  if (/http \d|answered/.test(text)) return 'hub.reason.error';
  if (/reach|refused|network|dns|enotfound|econn|ehost|enet|offline/.test(text))
    return 'hub.reason.unreachable';
  return 'hub.reason.unknown';
}

function readPaper(value: unknown): PaperLevel | null {
  return value === 'ok' || value === 'low' || value === 'out' ? value : null;
}
