import { GroupCommit } from '../../../src/server/store/group-commit';

describe('group commit', () => {
  test('concurrent rows share one commit, and each caller resolves after it', async () => {
    const commits: number[][] = [];
    const group = new GroupCommit<number>(async (rows) => {
      commits.push([...rows]);
    });
    await Promise.all([1, 2, 3, 4, 5].map((n) => group.add(n)));
    expect(commits.flat().sort()).toEqual([1, 2, 3, 4, 5]);
    expect(commits.length).toBeLessThan(5);
  });

  test('a failing row is retried alone so only its caller sees the error', async () => {
    const committed: number[] = [];
    const group = new GroupCommit<number>(async (rows) => {
      if (rows.includes(3)) throw new Error('unique violation on 3');
      committed.push(...rows);
    });
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map((n) => group.add(n)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(committed.sort()).toEqual([1, 2, 4]);
  });

  test('batches never exceed the maximum', async () => {
    const sizes: number[] = [];
    const group = new GroupCommit<number>(async (rows) => {
      sizes.push(rows.length);
    }, { maxRows: 2 });
    await Promise.all([1, 2, 3, 4, 5].map((n) => group.add(n)));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(5);
  });

  test('batches never carry more than the maximum size, but a larger row still goes alone', async () => {
    const batches: number[][] = [];
    const group = new GroupCommit<number>(async (rows) => {
      batches.push([...rows]);
    }, { maxRows: 100, sizeOf: (n) => n, maxSize: 10 });
    await Promise.all([4, 4, 4, 25, 3, 3].map((n) => group.add(n)));
    expect(batches).toEqual([[4, 4], [4], [25], [3, 3]]);
  });
});
