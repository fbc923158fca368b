import type { SessionStore } from './frame-sessions';

/**
 * Which notes from elsewhere each frame was shown (its passage was on the page): the only notes
 * not filed under a page that its content script may open or edit. Keyed by tab and frame, and
 * valid only while the frame is on the same URL. Kept in memory and, where the browser has it,
 * in `storage.session`, so a service worker stopped between showing and editing loses none.
 */

interface Shown {
  url: string;
  ids: string[];
}

const KEY = 'shown-elsewhere:';
/** A page shows at most this many notes from elsewhere (more would be a page made to probe). */
export const MAX_SHOWN = 500;

export class ShownElsewhere {
  private readonly live = new Map<string, Shown>();

  constructor(private readonly store?: SessionStore) {}

  async record(tabId: number, frameId: number, url: string, ids: readonly string[]) {
    const key = `${KEY}${tabId}:${frameId}`;
    const before = await this.read(key);
    const kept = before?.url === url ? before.ids : [];
    const next: Shown = { url, ids: [...new Set([...kept, ...ids])].slice(-MAX_SHOWN) };
    this.live.set(key, next);
    await this.store?.set(key, next).catch(() => {});
  }

  async has(tabId: number, frameId: number, url: string, id: string): Promise<boolean> {
    const s = await this.read(`${KEY}${tabId}:${frameId}`);
    return !!s && s.url === url && s.ids.includes(id);
  }

  private async read(key: string): Promise<Shown | undefined> {
    const have = this.live.get(key);
    if (have || !this.store) return have;
    const raw = await this.store.get(key).catch(() => undefined);
    if (!isShown(raw)) return undefined;
    this.live.set(key, raw);
    return raw;
  }
}

function isShown(x: unknown): x is Shown {
  if (!x || typeof x !== 'object') return false;
  const s = x as Partial<Shown>;
  return (
    typeof s.url === 'string' && Array.isArray(s.ids) && s.ids.every((i) => typeof i === 'string')
  );
}
