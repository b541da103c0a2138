import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HANDSET_KEYS,
  matchProfile,
  profileByName,
  STANDARD_TELEPHONY,
  VENDOR_PULSE_HOOK,
} from '../../../hardware/handset/handset-profiles.ts';
import {
  decodeInput,
  decodeOutput,
  encodeInput,
  encodeOutput,
} from '../../../hardware/handset/hid-report.frame.ts';

const bytes = (...values: number[]) => Uint8Array.of(...values);

describe('standard telephony profile (report 0x02)', () => {
  const p = STANDARD_TELEPHONY;

  it.each([
    [
      'nothing set: on hook, not muted, no key',
      [0x02, 0x00, 0x00],
      { hook: 'on', mute: false, flash: false, keys: [] },
    ],
    [
      'byte 1 bit 0, Hook Switch 0x0B:0x20',
      [0x02, 0x01, 0x00],
      { hook: 'off', mute: false, flash: false, keys: [] },
    ],
    [
      'byte 1 bit 2, Phone Mute 0x0B:0x2F',
      [0x02, 0x04, 0x00],
      { hook: 'on', mute: true, flash: false, keys: [] },
    ],
    ['byte 1 bit 3, Flash 0x0B:0x21', [0x02, 0x08, 0x00], { hook: 'on', mute: false, flash: true, keys: [] }],
    [
      'byte 1 bits 1, 4–7 (Line Busy, Redial, …) are not ours',
      [0x02, 0xf2, 0x00],
      { hook: 'on', mute: false, flash: false, keys: [] },
    ],
    ['all three at once', [0x02, 0x0d, 0x00], { hook: 'off', mute: true, flash: true, keys: [] }],
  ])('when the input report has %s, then it decodes so', (_name, report, input) => {
    expect(decodeInput(p, Uint8Array.from(report))).toEqual({ ok: true, input });
  });

  it.each(HANDSET_KEYS.map((key, i) => [key, 0xb0 + i] as const))(
    'when byte 2 is the usage of key %s (0x%s), then that key is held',
    (key, code) => {
      const decoded = decodeInput(p, bytes(0x02, 0x00, code));
      expect(decoded).toEqual({ ok: true, input: { hook: 'on', mute: false, flash: false, keys: [key] } });
    },
  );

  it.each([0x01, 0xaf, 0xbc, 0xbf, 0xff])(
    'when byte 2 is 0x%s, outside 0xB0–0xBB, then it is invalid',
    (code) => {
      expect(decodeInput(p, bytes(0x02, 0x00, code))).toEqual({ ok: false, reason: 'bad-key-code' });
    },
  );

  it.each([
    ['empty', [], 'empty'],
    ['another report id (0x01, e.g. consumer control)', [0x01, 0x01, 0x00], 'wrong-report-id'],
    ['the vendor report id', [0x05, 0x80, 0x00, 0x00], 'wrong-report-id'],
    ['the id alone', [0x02], 'short'],
    ['one byte short', [0x02, 0x01], 'short'],
  ])('when the report is %s, then it is invalid (%s)', (_name, report, reason) => {
    expect(decodeInput(p, Uint8Array.from(report))).toEqual({ ok: false, reason });
  });

  it('when the report is padded beyond its length (as Windows delivers it), then it still decodes', () => {
    expect(decodeInput(p, bytes(0x02, 0x01, 0xb5, 0, 0, 0, 0, 0))).toMatchObject({
      ok: true,
      input: { hook: 'off', keys: ['5'] },
    });
  });

  it.each([
    [{ ring: false, offHookLed: false, muteLed: false }, [0x02, 0x00, 0x00]],
    // Off-Hook LED 0x08:0x17 at byte 1 bit 0
    [{ ring: false, offHookLed: true, muteLed: false }, [0x02, 0x01, 0x00]],
    // Mute LED 0x08:0x09 at byte 1 bit 1
    [{ ring: false, offHookLed: false, muteLed: true }, [0x02, 0x02, 0x00]],
    // Ring LED 0x08:0x18 (bit 2) and Ringer 0x0B:0x9E (bit 5)
    [{ ring: true, offHookLed: false, muteLed: false }, [0x02, 0x24, 0x00]],
    [{ ring: true, offHookLed: true, muteLed: true }, [0x02, 0x27, 0x00]],
  ])('when the output is %o, then the output report is %o', (output, report) => {
    const encoded = encodeOutput(p, output);
    expect([...encoded]).toEqual(report);
    expect(decodeOutput(p, encoded)).toEqual(output);
  });
});

describe('vendor pulse-hook profile (report 0x05 in, 0x06 out)', () => {
  const p = VENDOR_PULSE_HOOK;

  it.each([
    [
      'nothing set: no change, not muted, no key',
      [0x05, 0x00, 0x00, 0x00],
      { mute: false, flash: false, keys: [] },
    ],
    [
      'byte 1 bit 7, a hook-change pulse',
      [0x05, 0x80, 0x00, 0x00],
      { hook: 'toggle', mute: false, flash: false, keys: [] },
    ],
    ['byte 1 bit 0, mute level', [0x05, 0x01, 0x00, 0x00], { mute: true, flash: false, keys: [] }],
    [
      'two keys held (bits 0 and 11: 0 and #)',
      [0x05, 0x00, 0x01, 0x08],
      { mute: false, flash: false, keys: ['0', '#'] },
    ],
  ])('when the input report has %s, then it decodes so', (_name, report, input) => {
    expect(decodeInput(p, Uint8Array.from(report))).toEqual({ ok: true, input });
  });

  it.each(HANDSET_KEYS.map((key, i) => [key, i] as const))(
    'when only keypad bit for key %s (bit %i) is set, then that key is held',
    (key, bit) => {
      const mask = 1 << bit;
      const decoded = decodeInput(p, bytes(0x05, 0x00, mask & 0xff, mask >> 8));
      expect(decoded).toEqual({ ok: true, input: { mute: false, flash: false, keys: [key] } });
    },
  );

  it.each([1, 2, 3, 4, 5, 6])('when reserved byte 1 bit %i is set, then it is invalid', (bit) => {
    expect(decodeInput(p, bytes(0x05, 1 << bit, 0, 0))).toEqual({ ok: false, reason: 'reserved-bits' });
  });

  it.each([4, 5, 6, 7])('when keypad byte 3 bit %i (beyond #) is set, then it is invalid', (bit) => {
    expect(decodeInput(p, bytes(0x05, 0, 0, 1 << bit))).toEqual({ ok: false, reason: 'reserved-bits' });
  });

  it('when the report is the standard id or 3 bytes long, then it is invalid', () => {
    expect(decodeInput(p, bytes(0x02, 0x01, 0x00, 0x00))).toEqual({ ok: false, reason: 'wrong-report-id' });
    expect(decodeInput(p, bytes(0x05, 0x80, 0x00))).toEqual({ ok: false, reason: 'short' });
  });

  it.each([
    [{ ring: false, offHookLed: false, muteLed: false }, [0x06, 0x00, 0x00]],
    // ringer: byte 1 bit 0
    [{ ring: true, offHookLed: false, muteLed: false }, [0x06, 0x01, 0x00]],
    // off-hook LED: byte 2 bit 4
    [{ ring: false, offHookLed: true, muteLed: false }, [0x06, 0x00, 0x10]],
    // mute LED: byte 2 bit 5
    [{ ring: false, offHookLed: false, muteLed: true }, [0x06, 0x00, 0x20]],
  ])('when the output is %o, then the output report is %o', (output, report) => {
    const encoded = encodeOutput(p, output);
    expect([...encoded]).toEqual(report);
    expect(decodeOutput(p, encoded)).toEqual(output);
  });

  it('when an output report is another profile’s, then decodeOutput says null', () => {
    expect(decodeOutput(p, bytes(0x02, 0x24, 0x00))).toBeNull();
    expect(decodeOutput(p, bytes(0x06, 0x01))).toBeNull();
  });
});

describe('profiles', () => {
  it('when a device is listed, then the vendor ids win over the usage page', () => {
    expect(matchProfile({ vendorId: 0x1209, productId: 0x7e1a, usagePage: 0x0b })).toBe(VENDOR_PULSE_HOOK);
    expect(matchProfile({ vendorId: 0x0b0e, productId: 0x0001, usagePage: 0x0b })).toBe(STANDARD_TELEPHONY);
    expect(matchProfile({ vendorId: 0x046d, productId: 0xc31c, usagePage: 0x01 })).toBeUndefined();
    expect(profileByName('vendor-pulse-hook')).toBe(VENDOR_PULSE_HOOK);
  });
});

const keysArb = fc.uniqueArray(fc.constantFrom(...HANDSET_KEYS), { maxLength: 3 });

describe.each([STANDARD_TELEPHONY, VENDOR_PULSE_HOOK])('fuzz: $name', (profile) => {
  it('when any bytes arrive, then decodeInput never throws and answers ok or a reason', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (report) => {
        const decoded = decodeInput(profile, report);
        expect(typeof decoded.ok).toBe('boolean');
        if (decoded.ok) expect(report[0]).toBe(profile.input.reportId);
      }),
      { numRuns: 3000 },
    );
  });

  it('when a report with this id and length carries random bytes, then it never throws', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: profile.input.length - 1, maxLength: profile.input.length - 1 }),
        (body) => {
          const report = Uint8Array.of(profile.input.reportId, ...body);
          const decoded = decodeInput(profile, report);
          if (decoded.ok) for (const key of decoded.input.keys) expect(HANDSET_KEYS).toContain(key);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('when the simulator encodes a state, then decodeInput reads the same state back', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), keysArb, (level, pulse, muted, keys) => {
        const state = { offHook: level, hookPulse: pulse, muted, keys };
        const decoded = decodeInput(profile, encodeInput(profile, state));
        expect(decoded.ok).toBe(true);
        if (!decoded.ok) return;
        if (profile.input.hook.mode === 'level') expect(decoded.input.hook).toBe(level ? 'off' : 'on');
        else expect(decoded.input.hook).toBe(pulse ? 'toggle' : undefined);
        expect(decoded.input.mute).toBe(muted);
        const expected = profile.input.keypad.kind === 'usage-byte' ? keys.slice(0, 1) : keys;
        expect([...decoded.input.keys].sort()).toEqual([...expected].sort());
      }),
      { numRuns: 1000 },
    );
  });
});
