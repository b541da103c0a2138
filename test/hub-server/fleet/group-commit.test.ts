import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../../hub-server/modules/fleet/group-commit.ts';

describe('group commit', () => {
  it('when items arrive together, then they are written in one group, each answered in order', async () => {
    const groups: number[][] = [];
    const gc = new GroupCommit<number, number>(async (items) => {
      groups.push(items);
      return items.map((i) => i * 10);
    });
    const answers = await Promise.all([1, 2, 3].map((i) => gc.add(i)));
    expect(answers).toEqual([10, 20, 30]);
    expect(groups).toEqual([[1, 2, 3]]);
  });

  it('when one item is refused, then only that item rejects and the rest of its group resolves', async () => {
    const gc = new GroupCommit<number, number>(async (items) =>
      items.map((i) => (i === 2 ? new Error('kiosk 2 unknown') : i)),
    );
    const [a, b, c] = await Promise.allSettled([1, 2, 3].map((i) => gc.add(i)));
    expect(a).toEqual({ status: 'fulfilled', value: 1 });
    expect(b).toMatchObject({ status: 'rejected', reason: { message: 'kiosk 2 unknown' } });
    expect(c).toEqual({ status: 'fulfilled', value: 3 });
  });

  it('when a group write throws, then that whole group rejects and the next group is still written', async () => {
    let calls = 0;
    const gc = new GroupCommit<string, string>(async (items) => {
      calls++;
      if (calls === 1) throw new Error('disk full');
      return items;
    });
    const first = await Promise.allSettled([gc.add('a'), gc.add('b')]);
    expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await gc.add('c')).toBe('c');
  });

  it('when a linger is set, then items arriving within it share one write, and maxGroup caps a group', async () => {
    const groups: number[][] = [];
    const gc = new GroupCommit<number, number>(
      async (items) => {
        groups.push(items);
        return items;
      },
      3,
      20,
    );
    const first = gc.add(1);
    await new Promise((r) => setTimeout(r, 5));
    const rest = [2, 3, 4].map((i) => gc.add(i));
    expect(await Promise.all([first, ...rest])).toEqual([1, 2, 3, 4]);
    expect(groups).toEqual([[1, 2, 3], [4]]);
  });
});
