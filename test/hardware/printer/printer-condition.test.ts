import { describe, expect, it } from 'vitest';
import { conditionFromReplies, type PrinterReplies } from '../../../hardware/printer/printer-condition.ts';
import { decodeStatusByte } from '../../../hardware/printer/printer-status.frame.ts';

/** Replies as the raw bytes a printer sends to DLE EOT 1, 2, 4 (and 3). */
function replies(b1: number, b2: number, b4: number, b3?: number): PrinterReplies {
  return {
    printer: decodeStatusByte(1, b1)!,
    offlineCause: decodeStatusByte(2, b2)!,
    rollPaper: decodeStatusByte(4, b4)!,
    errorCause: b3 === undefined ? undefined : decodeStatusByte(3, b3)!,
  };
}

describe('conditionFromReplies', () => {
  it('when all is well, then it is online with paper ok and cover closed', () => {
    expect(conditionFromReplies(replies(0x12, 0x12, 0x12))).toEqual({
      state: 'online',
      detail: { paper: 'ok', cover: 'closed', online: true },
    });
  });

  it('when paper is near its end, then it stays online with paper low', () => {
    expect(conditionFromReplies(replies(0x12, 0x12, 0x1e))).toEqual({
      state: 'online',
      detail: { paper: 'low', cover: 'closed', online: true },
    });
  });

  it('when the roll is out, then it is a fault with paper out', () => {
    expect(conditionFromReplies(replies(0x1a, 0x32, 0x7e))).toEqual({
      state: 'fault',
      detail: { paper: 'out', cover: 'closed', online: false },
    });
  });

  it('when only the offline cause says paper-end stop, then paper is out too', () => {
    expect(conditionFromReplies(replies(0x1a, 0x32, 0x12)).detail.paper).toBe('out');
  });

  it('when the cover is open, then it is a fault with cover open', () => {
    expect(conditionFromReplies(replies(0x1a, 0x16, 0x12))).toEqual({
      state: 'fault',
      detail: { paper: 'ok', cover: 'open', online: false },
    });
  });

  it.each([
    [0x1a, 'autocutter'],
    [0x32, 'unrecoverable'],
    [0x52, 'auto-recoverable'],
    [0x3a, 'unrecoverable'],
    [0x12, 'unknown'],
  ])('when an error is flagged and DLE EOT 3 answers %i, then the fault names %s', (b3, name) => {
    const { state, detail } = conditionFromReplies(replies(0x1a, 0x52, 0x12, b3));
    expect(state).toBe('fault');
    expect(detail.error).toBe(name);
  });

  it('when the printer is offline without a cause, then it is offline (printer-offline)', () => {
    expect(conditionFromReplies(replies(0x1a, 0x12, 0x12))).toEqual({
      state: 'offline',
      detail: { paper: 'ok', cover: 'closed', online: false, reason: 'printer-offline' },
    });
  });

  it('when the FEED button is feeding, then it is busy', () => {
    const { state, detail } = conditionFromReplies(replies(0x1a, 0x1a, 0x12));
    expect(state).toBe('busy');
    expect(detail.reason).toBe('feeding');
  });
});
