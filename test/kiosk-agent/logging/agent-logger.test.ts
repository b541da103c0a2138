import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createAgentLogger } from '../../../kiosk-agent/logging/agent-logger.ts';
import { isChineseIdNumber, maskText } from '../../../kiosk-agent/logging/mask-personal-data.ts';

/** A logger whose JSON lines are collected for reading. */
function capture() {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = createAgentLogger({ level: 'debug', destination });
  const raw = () => chunks.join('');
  const lines = () =>
    raw()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, lines, raw };
}

const ID = '350102199003071234'.slice(0, 17); // 17 digits; its check digit computed below
const CHECK = '10X98765432'[
  [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2].reduce((a, w, i) => a + w * Number(ID[i]), 0) % 11
];
const ID_NUMBER = `${ID}${CHECK}`;

describe('agent logging masks personal data', () => {
  it('when an ID number, card number, phone and names are logged in fields, then only masked forms reach the output', () => {
    const { logger, lines, raw } = capture();
    logger.info(
      {
        idNumber: ID_NUMBER,
        card: { pan: '6222021234567891234', holder: '张三' },
        payer: '欧阳娜娜',
        name: '李四',
        phone: '13812345678',
        contacts: ['+86 139 1234 5678'],
      },
      'payment',
    );
    const [line] = lines();
    expect(line).toMatchObject({
      idNumber: `3501**********${ID_NUMBER.slice(-4)}`,
      card: { pan: '6222 **** **** 1234', holder: '张*' },
      payer: '欧***',
      name: '李*',
      phone: '138****5678',
      contacts: ['+86 139****5678'],
    });
    for (const clear of [
      ID_NUMBER,
      '6222021234567891234',
      '张三',
      '欧阳娜娜',
      '李四',
      '13812345678',
      '1234 5678',
    ]) {
      expect(raw()).not.toContain(clear);
    }
  });

  it('when personal data is inside a message, an error or a child binding, then it is masked there too', () => {
    const { logger, lines, raw } = capture();
    logger
      .child({ resident: '王小明', card: '6222 0212 3456 7890' })
      .warn(`card 6222021234567890 of ${ID_NUMBER} refused`);
    logger.error({ err: new Error(`no account for 13912345678`) }, 'hub refused');
    const [first, second] = lines();
    expect(first?.msg).toBe(`card 6222 **** **** 7890 of 3501**********${ID_NUMBER.slice(-4)} refused`);
    expect(first).toMatchObject({ resident: '王**', card: '6222 **** **** 7890' });
    expect((second as { err: { message: string } }).err.message).toBe('no account for 139****5678');
    expect(raw()).not.toMatch(/13912345678|6222021234567890|王小明/);
  });

  it('when logs carry device names, timestamps and counts, then they are left as they are', () => {
    const { logger, lines } = capture();
    logger
      .child({ name: 'agent:printer' })
      .info({ at: '1732545600000', name: 'printer', jobs: 12 }, 'printed 3 lines');
    expect(lines()[0]).toMatchObject({
      name: 'printer',
      at: '1732545600000',
      jobs: 12,
      msg: 'printed 3 lines',
    });
  });

  it('when given an ID number, then the GB 11643 check character decides whether it is one', () => {
    expect(isChineseIdNumber(ID_NUMBER)).toBe(true);
    const wrong = `${ID}${CHECK === '0' ? '1' : '0'}`;
    expect(isChineseIdNumber(wrong)).toBe(false);
    // An 18-digit number that is not an ID is still masked, as a card number.
    expect(maskText(wrong)).toBe(`${wrong.slice(0, 4)} **** **** ${wrong.slice(-4)}`);
  });
});
