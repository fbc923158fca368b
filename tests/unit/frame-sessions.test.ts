import { describe, expect, it } from 'vitest';
import { FrameSessions, type SessionStore } from '../../lib/extension/notes/frame-sessions';

function memoryStore(): SessionStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (k) => data.get(k),
    set: async (k, v) => void data.set(k, structuredClone(v)),
    remove: async (k) => void data.delete(k),
  };
}

const open = { tabId: 3, frameId: 0, open: { kind: 'card' as const, id: 'n1' } };

describe('FrameSessions', () => {
  it('a ticket outlives a stopped worker (the session store), only in its own tab, and expires', async () => {
    const store = memoryStore();
    let now = 0;
    let seq = 0;
    const deps = { uuid: () => `t${++seq}`, now: () => now, store };
    const token = await new FrameSessions(deps).open(open);
    const restarted = new FrameSessions(deps);
    expect(await restarted.redeem(token, 3)).toEqual(open);
    expect(await restarted.redeem(token, 4)).toBeNull();
    now = 2 * 60 * 60 * 1000;
    expect(await restarted.redeem(token, 3)).toBeNull();
  });

  it('expired and surplus tickets are dropped from memory and from the store', async () => {
    const store = memoryStore();
    let now = 0;
    let seq = 0;
    const sessions = new FrameSessions({ uuid: () => `t${++seq}`, now: () => now, store });
    await sessions.open(open);
    now = 2 * 60 * 60 * 1000;
    for (let i = 0; i < 250; i++) await sessions.open(open);
    await Promise.resolve();
    expect(store.data.has('note-frame:t1')).toBe(false);
    expect(store.data.size).toBeLessThanOrEqual(200);
    expect(await sessions.redeem('t251', 3)).toEqual(open);
  });
});
