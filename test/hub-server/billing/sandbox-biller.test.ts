import { describe, expect, it } from 'vitest';
import {
  BillerRejectedError,
  BillerTimeoutError,
  BillerUnavailableError,
} from '../../../hub-server/modules/billing/biller-adapter.ts';
import { accountMatches, BILLERS } from '../../../hub-server/modules/billing/billers.ts';
import { encodeBillBarcode } from '../../../hub-server/modules/billing/domain.ts';
import { SandboxBiller } from '../../../hub-server/modules/billing/sandbox/sandbox-biller.ts';
import { SANDBOX_ACCOUNTS } from '../../../hub-server/seed/billing-sandbox.ts';

const now = () => new Date('2026-11-25T02:00:00Z');

async function water() {
  const biller = new SandboxBiller({ now });
  const account = (await biller.findBills('fz-water', '3501234567'))!;
  return { biller, account };
}

describe('sandbox biller (issue 7)', () => {
  it('when the seeded water account is looked up, then three months are due, the two oldest overdue with a late fee', async () => {
    const { account } = await water();
    expect(account.bills.map((b) => b.period)).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(account.bills.map((b) => b.lateFeeFen)).toEqual([152, 93, 0]);
    expect(account.bills[0]).toMatchObject({ amountFen: 4620 + 152, dueDate: '2026-09-20' });
    expect(account.bills[2]!.dueDate).toBe('2026-12-05');
  });

  it('when every seeded account is checked, then each biller has one, in its own format, and one has nothing due', async () => {
    for (const b of BILLERS)
      expect(
        SANDBOX_ACCOUNTS.some((a) => a.billerId === b.id),
        b.id,
      ).toBe(true);
    for (const a of SANDBOX_ACCOUNTS) {
      const biller = BILLERS.find((b) => b.id === a.billerId)!;
      expect(accountMatches(biller, a.account), a.account).toBe(true);
    }
    const biller = new SandboxBiller({ now });
    expect((await biller.findBills('fz-water', '3500000000'))!.bills).toEqual([]);
    expect(await biller.findBills('fz-water', '3501111111')).toBeNull();
  });

  it('when a paper bill barcode is scanned, then it finds the account it encodes', async () => {
    const biller = new SandboxBiller({ now });
    const found = await biller.findByBarcode(encodeBillBarcode('031', '20261234'));
    expect(found).toMatchObject({ billerId: 'crgas-fz', account: '20261234' });
    expect(await biller.findByBarcode('98031202612349')).toBeNull();
  });

  it('when a posting arrives twice with one serial, then the bills are paid once and the same reference comes back', async () => {
    const { biller, account } = await water();
    const [b1] = account.bills;
    const req = {
      serial: 'pay-1',
      billerId: 'fz-water',
      account: '3501234567',
      billIds: [b1!.id],
      amountFen: b1!.amountFen,
    };
    biller.faults.next('post', { kind: 'duplicate' });
    const first = await biller.post(req);
    const again = await biller.post(req);
    expect(again).toEqual(first);
    expect(biller.appliedPostings).toBe(1);
    expect((await biller.findBills('fz-water', '3501234567'))!.bills).toHaveLength(2);
    expect(await biller.queryPosting('pay-1')).toEqual({ state: 'posted', postingRef: first.postingRef });
  });

  it('when a posting times out after the biller applied it, then the query finds it; a failure applies nothing', async () => {
    const { biller, account } = await water();
    const [b1, b2] = account.bills;
    const req = (serial: string, b: typeof b1) => ({
      serial,
      billerId: 'fz-water',
      account: '3501234567',
      billIds: [b!.id],
      amountFen: b!.amountFen,
    });
    biller.faults.next('post', { kind: 'timeout', applied: true }).next('post', { kind: 'fail' });
    await expect(biller.post(req('pay-1', b1))).rejects.toBeInstanceOf(BillerTimeoutError);
    expect((await biller.queryPosting('pay-1')).state).toBe('posted');
    await expect(biller.post(req('pay-2', b2))).rejects.toBeInstanceOf(BillerUnavailableError);
    expect(await biller.queryPosting('pay-2')).toEqual({ state: 'none' });
  });

  it('when the amount does not match or the account refuses postings, then the biller rejects for good', async () => {
    const { biller, account } = await water();
    const b = account.bills[0]!;
    const bad = {
      serial: 'pay-x',
      billerId: 'fz-water',
      account: '3501234567',
      billIds: [b.id],
      amountFen: 1,
    };
    await expect(biller.post(bad)).rejects.toBeInstanceOf(BillerRejectedError);
    const closed = (await biller.findBills('fz-water', '3509999999'))!;
    const err = await biller
      .post({
        serial: 'pay-y',
        billerId: 'fz-water',
        account: '3509999999',
        billIds: [closed.bills[0]!.id],
        amountFen: closed.bills[0]!.amountFen,
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ reason: 'account-closed' });
  });

  it('when a posting is reversed, then its bills fall due again', async () => {
    const { biller, account } = await water();
    const b = account.bills[0]!;
    await biller.post({
      serial: 'pay-r',
      billerId: 'fz-water',
      account: '3501234567',
      billIds: [b.id],
      amountFen: b.amountFen,
    });
    expect(await biller.reverse('pay-r')).toEqual({ reversed: true });
    expect((await biller.findBills('fz-water', '3501234567'))!.bills).toHaveLength(3);
    expect(await biller.queryPosting('pay-r')).toEqual({ state: 'none' });
  });
});
