import { describe, expect, it } from 'vitest';
import { oneAtATime } from '@/utils/one-at-a-time';

describe('oneAtATime', () => {
  it('runs tasks one after another in call order, and a failure does not stop the next', async () => {
    const inTurn = oneAtATime();
    const log: string[] = [];
    const task =
      (name: string, ms: number, fail = false) =>
      async () => {
        log.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      inTurn(task('a', 10)),
      inTurn(task('b', 1, true)),
      inTurn(task('c', 1)),
    ]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : String(r.reason)))).toEqual([
      'a',
      'Error: b',
      'c',
    ]);
  });
});
