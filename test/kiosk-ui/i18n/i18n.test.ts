import { afterEach, describe, expect, it } from 'vitest';
import {
  defaultLocale,
  formatDate,
  formatLunarDate,
  formatTime,
  getLocale,
  setLocale,
  t,
} from '../../../kiosk-ui/src/i18n/index.ts';
import { en } from '../../../kiosk-ui/src/i18n/messages/en.ts';
import { zhCN } from '../../../kiosk-ui/src/i18n/messages/zh-CN.ts';

// 2026-11-25 14:05 in the machine's zone: formatting uses local time, as the kiosk does.
const afternoon = new Date(2026, 10, 25, 14, 5);

afterEach(() => setLocale(defaultLocale));

describe('i18n', () => {
  it('when nothing is chosen, then the kiosk speaks zh-CN', () => {
    expect(getLocale()).toBe('zh-CN');
    expect(t('hub.connected')).toBe('已连接服务中心');
  });

  it('when params are given, then placeholders are filled and unknown ones are left visible', () => {
    expect(t('home.kioskId', { id: 'GL-001' })).toBe('终端编号 GL-001');
    expect(t('home.kioskId')).toBe('终端编号 {id}');
  });

  it('when the locale is en, then messages are English', () => {
    setLocale('en');
    expect(t('hub.disconnected')).toBe('The service centre cannot be reached right now');
  });

  it('when a message exists in zh-CN, then en has it too, and neither is empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const value of [...Object.values(en), ...Object.values(zhCN)]) expect(value.trim()).not.toBe('');
  });

  it('when formatting the time, then it is 24-hour with two-digit minutes', () => {
    expect(formatTime(afternoon)).toBe('14:05');
  });

  it('when the kiosk is in Asia/Shanghai and the PC runs on UTC, then the clock shows Beijing time', () => {
    const lateUtc = new Date(Date.UTC(2026, 10, 25, 17, 30));
    expect(formatTime(lateUtc, 'Asia/Shanghai')).toBe('01:30');
    expect(formatDate(lateUtc, 'Asia/Shanghai')).toBe('2026年11月26日 星期四');
  });

  it('when formatting the date in zh-CN, then the weekday stands apart from the date', () => {
    expect(formatDate(afternoon)).toBe('2026年11月25日 星期三');
  });

  it('when formatting the lunar date in zh-CN, then the day is named the traditional way', () => {
    expect(formatLunarDate(afternoon)).toBe('农历十月十七');
    expect(formatLunarDate(new Date(2026, 1, 17, 12))).toBe('农历正月初一');
  });

  it('when the locale is en, then no lunar date is shown', () => {
    setLocale('en');
    expect(formatLunarDate(afternoon)).toBeNull();
    expect(formatDate(afternoon)).toContain('2026');
  });
});
