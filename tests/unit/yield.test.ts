import { describe, expect, it } from 'vitest';
import { makeYield } from '../../lib/page/scan/yield';

describe('makeYield', () => {
  it('does not use scheduler.yield (it holds back frames during long scans)', async () => {
    let calls = 0;
    const fake = { scheduler: { yield: () => (calls++, Promise.resolve()) } };
    const y = makeYield(fake as unknown as typeof globalThis);
    await y();
    expect(calls).toBe(0);
  });

  it('posts to a MessageChannel: resolves in a later task, in order', async () => {
    const y = makeYield({} as typeof globalThis);
    const order: string[] = [];
    const a = y().then(() => order.push('a'));
    const b = y().then(() => order.push('b'));
    await Promise.resolve();
    order.push('microtask');
    await Promise.all([a, b]);
    expect(order).toEqual(['microtask', 'a', 'b']);
  });
});
