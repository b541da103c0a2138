/**
 * Handset report layouts as data. Usage ids come from the USB HID Usage Tables
 * (HUT 1.12): §14 Telephony Device Page 0x0B — Hook Switch 0x20, Flash 0x21,
 * Phone Mute 0x2F, Ringer 0x9E, Phone Key 0–9 0xB0–0xB9, Phone Key Star 0xBA,
 * Phone Key Pound 0xBB; §11 LED Page 0x08 — Mute 0x09, Off-Hook 0x17, Ring 0x18.
 * (Checked against usbd-human-interface-device's `page::Telephony`, which cites
 * HUT 1.12 §14, and windows-sys `HID_USAGE_LED_OFF_HOOK = 23`.)
 *
 * Byte indexes count from the start of the report as node-hid delivers it:
 * byte 0 is the report id.
 */

/** The twelve keys, in usage order: index i is usage 0xB0 + i (HUT §14, Phone Key 0 … Phone Key Pound). */
export const HANDSET_KEYS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'] as const;
export type HandsetKey = (typeof HANDSET_KEYS)[number];

/** Telephony page 0x0B, Phone Key 0 (HUT §14); Phone Key Pound is this + 11. */
export const PHONE_KEY_0 = 0xb0;

/** One bit of a report. */
export interface BitPosition {
  byte: number;
  bit: number;
}

/**
 * An on/off control. `level`: the bit is the state (an OOC usage, Input Abs:
 * 1 = off hook / muted). `toggle`: the bit is set in one report per change
 * (Input Rel), so the host keeps the state and each set bit flips it.
 */
export interface SwitchControl extends BitPosition {
  mode: 'level' | 'toggle';
}

/**
 * The keypad. `usage-byte`: one byte holds the usage id of the key held
 * (an Input Array over 0xB0–0xBB; 0x00, outside the logical range, is no key).
 * `bitmask`: a little-endian 16-bit field, bit i set while key HANDSET_KEYS[i] is held.
 */
export type KeypadLayout = { kind: 'usage-byte'; byte: number } | { kind: 'bitmask'; byte: number };

export interface HandsetProfile {
  name: string;
  /** How to recognise the device in `HID.devicesAsync()`: every given field must match. */
  match: { vendorId?: number; productId?: number; usagePage?: number };
  input: {
    reportId: number;
    /** Bytes including the report id. Longer reports are accepted: Windows pads to the longest report. */
    length: number;
    hook: SwitchControl;
    mute: SwitchControl;
    flash?: BitPosition;
    keypad: KeypadLayout;
    /** Bits that must be zero (constant padding), per byte; a report with one set is invalid. */
    reserved?: readonly { byte: number; mask: number }[];
  };
  output: {
    reportId: number;
    length: number;
    /** Every bit set while ringing (a standard handset has both a Ring LED and a Ringer). */
    ring: readonly BitPosition[];
    offHookLed: BitPosition;
    muteLed: BitPosition;
  };
}

/**
 * A handset on the standard Telephony page, laid out like a common USB
 * headset/handset descriptor (the widely posted "Usage Page (Telephony),
 * Usage (Headset), Report ID (2)" descriptor), with the keypad widened to a byte:
 *
 * Input report 0x02, 3 bytes:
 *   byte 1: bit 0 Hook Switch (0x0B:0x20, Abs), bit 1 Line Busy Tone (0x0B:0x97, not used here),
 *           bit 2 Phone Mute (0x0B:0x2F, Abs), bit 3 Flash (0x0B:0x21), bits 4–7 Redial, Speed Dial,
 *           Programmable Button (not used here)
 *   byte 2: keypad, Usage Min 0xB0 … Usage Max 0xBB, Logical Min 0xB0 … Max 0xBB, Input (Array)
 * Output report 0x02, 3 bytes:
 *   byte 1: bit 0 Off-Hook LED (0x08:0x17), bit 1 Mute LED (0x08:0x09), bit 2 Ring LED (0x08:0x18),
 *           bit 3 Hold LED, bit 4 Microphone LED (not used here), bit 5 Ringer (0x0B:0x9E)
 *   byte 2: constant padding
 */
export const STANDARD_TELEPHONY: HandsetProfile = {
  name: 'hid-telephony',
  match: { usagePage: 0x0b },
  input: {
    reportId: 0x02,
    length: 3,
    hook: { mode: 'level', byte: 1, bit: 0 },
    mute: { mode: 'level', byte: 1, bit: 2 },
    flash: { byte: 1, bit: 3 },
    keypad: { kind: 'usage-byte', byte: 2 },
  },
  output: {
    reportId: 0x02,
    length: 3,
    ring: [
      { byte: 1, bit: 2 },
      { byte: 1, bit: 5 },
    ],
    offHookLed: { byte: 1, bit: 0 },
    muteLed: { byte: 1, bit: 1 },
  },
};

/**
 * A vendor-defined kiosk handset (Usage Page 0xFF00; pid.codes test VID
 * 0x1209). Its hook switch is a reed contact read by a microcontroller that
 * reports each change as a one-report pulse, not the level, so the host must
 * count pulses from a known start (hung up at power-on).
 *
 * Input report 0x05, 4 bytes:
 *   byte 1: bit 0 mute level (1 = muted), bit 7 hook-change pulse; bits 1–6 constant 0
 *   bytes 2–3: keypad bitmask, little-endian, bit i = HANDSET_KEYS[i]; bits 12–15 constant 0
 * Output report 0x06, 3 bytes:
 *   byte 1: bit 0 ringer on
 *   byte 2: bit 4 off-hook LED, bit 5 mute LED
 */
export const VENDOR_PULSE_HOOK: HandsetProfile = {
  name: 'vendor-pulse-hook',
  match: { vendorId: 0x1209, productId: 0x7e1a },
  input: {
    reportId: 0x05,
    length: 4,
    hook: { mode: 'toggle', byte: 1, bit: 7 },
    mute: { mode: 'level', byte: 1, bit: 0 },
    keypad: { kind: 'bitmask', byte: 2 },
    reserved: [
      { byte: 1, mask: 0b0111_1110 },
      { byte: 3, mask: 0b1111_0000 },
    ],
  },
  output: {
    reportId: 0x06,
    length: 3,
    ring: [{ byte: 1, bit: 0 }],
    offHookLed: { byte: 2, bit: 4 },
    muteLed: { byte: 2, bit: 5 },
  },
};

export const HANDSET_PROFILES: readonly HandsetProfile[] = [STANDARD_TELEPHONY, VENDOR_PULSE_HOOK];

/** The profile with this name, or undefined. */
export function profileByName(name: string): HandsetProfile | undefined {
  return HANDSET_PROFILES.find((p) => p.name === name);
}

/** The first profile whose `match` fits a device as `HID.devicesAsync()` lists it (vendor-specific ones first). */
export function matchProfile(device: {
  vendorId: number;
  productId: number;
  usagePage?: number;
}): HandsetProfile | undefined {
  const byVendor = [...HANDSET_PROFILES].sort(
    (a, b) => Number(b.match.vendorId !== undefined) - Number(a.match.vendorId !== undefined),
  );
  return byVendor.find(({ match }) =>
    (['vendorId', 'productId', 'usagePage'] as const).every(
      (field) => match[field] === undefined || match[field] === device[field],
    ),
  );
}
