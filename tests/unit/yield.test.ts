import { describe, expect, it } from 'vitest';
import { makeYield } from '../../lib/scan/yield';

describe('makeYield', () => {
  it('uses scheduler.yield when the global has it', async () => {
    let calls = 0;
    const fake = { scheduler: { yield: () => (calls++, Promise.resolve()) } };
    const y = makeYield(fake as unknown as typeof globalThis);
    await y();
    await y();
    expect(calls).toBe(2);
  });

  it('falls back to a MessageChannel post that resolves in a later task, in order', async () => {
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
