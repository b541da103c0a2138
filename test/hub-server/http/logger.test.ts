import { describe, expect, it } from 'vitest';
import {
  createLogger,
  maskCard,
  maskIdNumber,
  maskName,
  maskPhone,
} from '../../../hub-server/http/logger.ts';
import { captureLines } from './serve.ts';

const ID = '350102199001011234';
const PHONE = '13812345678';
const CARD = '6222021234567890123';

describe('mask helpers', () => {
  it('when an ID number is masked, then only the region prefix and the last four remain', () => {
    expect(maskIdNumber(ID)).toBe('3501**********1234');
  });

  it('when a phone number is masked, then only the carrier prefix and the last four remain', () => {
    expect(maskPhone(PHONE)).toBe('138****5678');
    expect(maskPhone('138 1234 5678')).toBe('138****5678');
  });

  it('when a name is masked, then only the family name remains', () => {
    expect(maskName('林小明')).toBe('林**');
    expect(maskName('欧阳')).toBe('欧*');
    expect(maskName('林')).toBe('*');
  });

  it('when a card number is masked, then it reads like a receipt with the last four', () => {
    expect(maskCard(CARD)).toBe('6222 **** **** 0123');
    expect(maskCard('6222 0212 3456 7890 123')).toBe('6222 **** **** 0123');
  });

  it('when a value is too short to keep both ends, then all of it is hidden', () => {
    expect(maskIdNumber('1234567')).toBe('*******');
    expect(maskPhone('12345')).toBe('*****');
    expect(maskCard('1234')).toBe('****');
  });
});

describe('createLogger', () => {
  it('when a resident is logged as fields, then the written line holds no clear ID number, phone, name or card', () => {
    const out = captureLines();
    const log = createLogger({ destination: out });
    log.info(
      {
        resident: { name: '林小明', idNumber: ID, phone: PHONE },
        payment: { cardNumber: CARD, pan: CARD },
        mobile: PHONE,
      },
      'bill paid',
    );
    const raw = out.raw.join('');
    for (const clear of [ID, PHONE, CARD, '林小明', '小明']) expect(raw).not.toContain(clear);
    expect(out.lines[0]).toMatchObject({
      resident: { name: '林**', idNumber: '3501**********1234', phone: '138****5678' },
      payment: { cardNumber: '6222 **** **** 0123', pan: '6222 **** **** 0123' },
      mobile: '138****5678',
      msg: 'bill paid',
    });
  });

  it('when secrets are logged, then they are replaced whole, however deep', () => {
    const out = captureLines();
    const log = createLogger({ destination: out });
    log.info({ password: 'hunter22', req: { headers: { authorization: 'Bearer abc', cookie: 's=xyz' } } });
    log.info({ enrollment: { token: 'tok-123' }, kiosk: { credential: 'cred-9' } });
    const raw = out.raw.join('');
    for (const secret of ['hunter22', 'Bearer abc', 's=xyz', 'tok-123', 'cred-9'])
      expect(raw).not.toContain(secret);
    expect(out.lines[0]).toMatchObject({ password: '[Redacted]' });
  });

  it('when a kiosk is logged with its name, then the name stays readable (only a person’s name is masked)', () => {
    const out = captureLines();
    const log = createLogger({ destination: out });
    log.info({ kiosk: { name: 'Gulou Street 1' } });
    expect(out.lines[0]).toMatchObject({ kiosk: { name: 'Gulou Street 1' } });
  });

  it('when a child logger adds personal fields, then they are masked as well', () => {
    const out = captureLines();
    const log = createLogger({ destination: out }).child({ resident: { idNumber: ID } });
    log.warn('lookup failed');
    expect(out.raw.join('')).not.toContain(ID);
    expect(out.lines[0]).toMatchObject({ name: 'hub', resident: { idNumber: '3501**********1234' } });
  });
});
