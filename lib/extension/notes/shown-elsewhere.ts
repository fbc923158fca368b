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
/** Frames of one tab kept: the top frame and the subframes shown most recently. */
export const MAX_FRAMES = 32;
/**
 * Longer page addresses are not recorded (the page chooses its URL, up to megabytes, and the
 * session store holds 10 MB for everything): there, a note from elsewhere opens from the popup.
 */
export const MAX_URL = 8192;

export class ShownElsewhere {
  /** By tab: its frames' entries, least recently shown first. */
  private readonly live = new Map<string, Shown[]>();
  /** Tabs closed since this worker started: a call still on its way for one records nothing. */
  private readonly gone = new Set<number>();

  constructor(private readonly store?: SessionStore) {}

  async record(tabId: number, frameId: number, url: string, ids: readonly string[]) {
    if (url.length > MAX_URL) return;
    const key = `${KEY}${tabId}`;
    const loaded = await this.read(tabId);
    if (this.gone.has(tabId)) return;
    // Read again after the wait: another frame of the tab may have recorded meanwhile.
    const frames = this.live.get(key) ?? loaded ?? [];
    const before = frames.find((s) => s.frame === frameId);
    const kept = before?.url === url ? before.ids : [];
    const entry = { frame: frameId, url, ids: [...new Set([...kept, ...ids])].slice(-MAX_SHOWN) };
    const others = frames.filter((s) => s.frame !== frameId);
    // The top frame is never pushed out by subframes.
    const top = others.filter((s) => s.frame === 0);
    const sub = [...others.filter((s) => s.frame !== 0), entry];
    const next = [...top, ...sub.slice(-(MAX_FRAMES - top.length))];
    this.live.set(key, next);
    await this.store?.set(key, next).catch(() => {});
  }

  async has(tabId: number, frameId: number, url: string, id: string): Promise<boolean> {
    const frames = await this.read(tabId);
    const s = frames?.find((f) => f.frame === frameId);
    return !!s && s.url === url && s.ids.includes(id);
  }

  /** The tab was closed (or replaced): what its frames were shown goes. */
  async forgetTab(tabId: number): Promise<void> {
    const key = `${KEY}${tabId}`;
    this.gone.add(tabId);
    this.live.delete(key);
    await this.store?.remove(key).catch(() => {});
  }

  private async read(tabId: number): Promise<Shown[] | undefined> {
    const key = `${KEY}${tabId}`;
    const have = this.live.get(key);
    if (have || !this.store) return have;
    const raw = await this.store.get(key).catch(() => undefined);
    if (this.gone.has(tabId) || !Array.isArray(raw) || !raw.every(isShown)) return undefined;
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
