import type { SessionStore } from './frame-sessions';

/**
 * Which notes from elsewhere each frame was shown (its passage was on the page): the only notes
 * not filed under a page that its content script may open or edit. Kept per tab (its frames,
 * each valid only while it is on the same URL), in memory and, where the browser has it, in
 * `storage.session`, so a service worker stopped between showing and editing loses none; a
 * closed tab's entry goes with it (`forgetTab`), so a long session does not fill the store.
 */

interface Shown {
  frame: number;
  url: string;
  ids: string[];
}

const KEY = 'shown-elsewhere:';
/** A page shows at most this many notes from elsewhere (more would be a page made to probe). */
export const MAX_SHOWN = 500;
/** Frames of one tab kept, the most recently shown: a page of many frames cannot grow it. */
export const MAX_FRAMES = 32;

export class ShownElsewhere {
  /** By tab: its frames' entries, least recently shown first. */
  private readonly live = new Map<string, Shown[]>();

  constructor(private readonly store?: SessionStore) {}

  async record(tabId: number, frameId: number, url: string, ids: readonly string[]) {
    const key = `${KEY}${tabId}`;
    const loaded = await this.read(key);
    // Read again after the wait: another frame of the tab may have recorded meanwhile.
    const frames = this.live.get(key) ?? loaded ?? [];
    const before = frames.find((s) => s.frame === frameId);
    const kept = before?.url === url ? before.ids : [];
    const ownIds = [...new Set([...kept, ...ids])].slice(-MAX_SHOWN);
    const next = [
      ...frames.filter((s) => s.frame !== frameId),
      { frame: frameId, url, ids: ownIds },
    ].slice(-MAX_FRAMES);
    this.live.set(key, next);
    await this.store?.set(key, next).catch(() => {});
  }

  async has(tabId: number, frameId: number, url: string, id: string): Promise<boolean> {
    const frames = await this.read(`${KEY}${tabId}`);
    const s = frames?.find((f) => f.frame === frameId);
    return !!s && s.url === url && s.ids.includes(id);
  }

  /** The tab was closed: what its frames were shown goes. */
  async forgetTab(tabId: number): Promise<void> {
    const key = `${KEY}${tabId}`;
    this.live.delete(key);
    await this.store?.remove(key).catch(() => {});
  }

  private async read(key: string): Promise<Shown[] | undefined> {
    const have = this.live.get(key);
    if (have || !this.store) return have;
    const raw = await this.store.get(key).catch(() => undefined);
    if (!Array.isArray(raw) || !raw.every(isShown)) return undefined;
    // Another call may have filled it while the store answered: that one is newer.
    const now = this.live.get(key) ?? raw;
    this.live.set(key, now);
    return now;
  }
}

function isShown(x: unknown): x is Shown {
  if (!x || typeof x !== 'object') return false;
  const s = x as Partial<Shown>;
  return (
    typeof s.frame === 'number' &&
    typeof s.url === 'string' &&
    Array.isArray(s.ids) &&
    s.ids.every((i) => typeof i === 'string')
  );
}
