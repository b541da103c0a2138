import {
  type BitPosition,
  HANDSET_KEYS,
  type HandsetKey,
  type HandsetProfile,
  PHONE_KEY_0,
} from './handset-profiles.ts';

/**
 * What one input report says. A `level` control always reads as its state; a
 * `toggle` control reads as `'toggle'` in a report with its pulse bit set and
 * is absent otherwise. `keys` are the keys held while the report was sent.
 */
export interface HandsetInput {
  hook?: 'on' | 'off' | 'toggle';
  mute?: boolean | 'toggle';
  flash: boolean;
  keys: HandsetKey[];
}

export type InvalidReason = 'empty' | 'wrong-report-id' | 'short' | 'reserved-bits' | 'bad-key-code';

export type DecodeResult = { ok: true; input: HandsetInput } | { ok: false; reason: InvalidReason };

/** The output report's content: ringer (and Ring LED), Off-Hook LED, Mute LED. */
export interface HandsetOutput {
  ring: boolean;
  offHookLed: boolean;
  muteLed: boolean;
}

/** What the simulator puts in an input report; controls the profile reads as pulses use the `*Pulse` fields. */
export interface HandsetInputState {
  offHook?: boolean;
  hookPulse?: boolean;
  muted?: boolean;
  mutePulse?: boolean;
  flash?: boolean;
  keys?: readonly HandsetKey[];
}

const bitOf = (bytes: Uint8Array, { byte, bit }: BitPosition): boolean =>
  (((bytes[byte] ?? 0) >> bit) & 1) === 1;

function setBit(bytes: Uint8Array, { byte, bit }: BitPosition, on: boolean | undefined): void {
  if (on) bytes[byte] = (bytes[byte] ?? 0) | (1 << bit);
}

/** Decodes one input report as node-hid delivers it; never throws, whatever the bytes. */
export function decodeInput(profile: HandsetProfile, bytes: Uint8Array): DecodeResult {
  const layout = profile.input;
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (bytes[0] !== layout.reportId) return { ok: false, reason: 'wrong-report-id' };
  if (bytes.length < layout.length) return { ok: false, reason: 'short' };
  if (layout.reserved) {
    for (const { byte, mask } of layout.reserved) {
      if ((bytes[byte] ?? 0) & mask) return { ok: false, reason: 'reserved-bits' };
    }
  }
  const keys = readKeys(layout.keypad, bytes);
  if (keys === null) return { ok: false, reason: 'bad-key-code' };
  const input: HandsetInput = { flash: layout.flash ? bitOf(bytes, layout.flash) : false, keys };
  const hook = bitOf(bytes, layout.hook);
  if (layout.hook.mode === 'level') input.hook = hook ? 'off' : 'on';
  else if (hook) input.hook = 'toggle';
  const mute = bitOf(bytes, layout.mute);
  if (layout.mute.mode === 'level') input.mute = mute;
  else if (mute) input.mute = 'toggle';
  return { ok: true, input };
}

function readKeys(keypad: HandsetProfile['input']['keypad'], bytes: Uint8Array): HandsetKey[] | null {
  if (keypad.kind === 'usage-byte') {
    const code = bytes[keypad.byte] ?? 0;
    if (code === 0) return [];
    const key = HANDSET_KEYS[code - PHONE_KEY_0];
    return key === undefined ? null : [key];
  }
  const mask = (bytes[keypad.byte] ?? 0) | ((bytes[keypad.byte + 1] ?? 0) << 8);
  if (mask >> HANDSET_KEYS.length) return null;
  const keys: HandsetKey[] = [];
  for (let i = 0; mask >> i; i++) if ((mask >> i) & 1) keys.push(HANDSET_KEYS[i]!);
  return keys;
}

/** The output report (report id first) that sets the ringer and LEDs, `output.length` bytes long. */
export function encodeOutput(profile: HandsetProfile, output: HandsetOutput): Buffer {
  const layout = profile.output;
  const bytes = Buffer.alloc(layout.length);
  bytes[0] = layout.reportId;
  for (const position of layout.ring) setBit(bytes, position, output.ring);
  setBit(bytes, layout.offHookLed, output.offHookLed);
  setBit(bytes, layout.muteLed, output.muteLed);
  return bytes;
}

/** Reads an output report back (the simulator's side); null when it is not this profile's output report. */
export function decodeOutput(profile: HandsetProfile, bytes: Uint8Array): HandsetOutput | null {
  const layout = profile.output;
  if (bytes.length < layout.length || bytes[0] !== layout.reportId) return null;
  return {
    ring: layout.ring.some((position) => bitOf(bytes, position)),
    offHookLed: bitOf(bytes, layout.offHookLed),
    muteLed: bitOf(bytes, layout.muteLed),
  };
}

/** Builds an input report (the simulator's side). A usage-byte keypad carries only the first key held. */
export function encodeInput(profile: HandsetProfile, state: HandsetInputState): Buffer {
  const layout = profile.input;
  const bytes = Buffer.alloc(layout.length);
  bytes[0] = layout.reportId;
  setBit(bytes, layout.hook, layout.hook.mode === 'level' ? state.offHook : state.hookPulse);
  setBit(bytes, layout.mute, layout.mute.mode === 'level' ? state.muted : state.mutePulse);
  if (layout.flash) setBit(bytes, layout.flash, state.flash);
  const keys = state.keys ?? [];
  if (layout.keypad.kind === 'usage-byte') {
    const first = keys[0];
    if (first !== undefined) bytes[layout.keypad.byte] = PHONE_KEY_0 + HANDSET_KEYS.indexOf(first);
  } else {
    let mask = 0;
    for (const key of keys) mask |= 1 << HANDSET_KEYS.indexOf(key);
    bytes.writeUInt16LE(mask, layout.keypad.byte);
  }
  return bytes;
}
