import type { FrameView } from '../../protocol/to-background';

/**
 * One-time tickets that let the note frame (an extension page inside the page's shadow root)
 * learn what to show, without the page or its content script ever holding note text. The
 * content script asks for a ticket (scoped to its own page by the background); the frame, an
 * extension page in the same tab, redeems it. Tickets are kept in memory and, where the
 * browser has it, in `storage.session`, so a service worker stopped in between loses none.
 */

type FrameOpen =
  | { kind: 'create'; draft: NonNullable<FrameView['draft']> }
  | { kind: 'edit' | 'card'; id: string; from?: string };

export interface FrameSession {
  tabId: number;
  frameId: number;
  open: FrameOpen;
}

interface Stored extends FrameSession {
  expires: number;
}

/** Where tickets survive a worker restart (storage.session); absent in tests and Firefox MV2. */
export interface SessionStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

/** A ticket opens a frame within seconds; an hour covers a tab left with its editor open. */
const TTL_MS = 60 * 60 * 1000;
const MAX_SESSIONS = 200;
const KEY = 'note-frame:';

export class FrameSessions {
  private readonly live = new Map<string, Stored>();

  constructor(
    private readonly deps: {
      uuid: () => string;
      now: () => number;
      store?: SessionStore;
    },
  ) {}

  async open(s: FrameSession): Promise<string> {
    const token = this.deps.uuid();
    const now = this.deps.now();
    // A content script asking without end must not grow the worker's memory, or the session
    // store, without end.
    for (const [k, v] of this.live) if (v.expires < now) this.forget(k);
    while (this.live.size >= MAX_SESSIONS) this.forget(this.live.keys().next().value!);
    const stored: Stored = { ...s, expires: now + TTL_MS };
    this.live.set(token, stored);
    await this.deps.store?.set(KEY + token, stored).catch(() => {});
    return token;
  }

  private forget(token: string): void {
    this.live.delete(token);
    void this.deps.store?.remove(KEY + token).catch(() => {});
  }

  /**
   * The session of `token`, when it is redeemed from the tab it was made for. Redeeming does not
   * use it up: the frame reloads it after an edit, and a card turns into an editor in place.
   */
  async redeem(token: string, tabId: number | undefined): Promise<FrameSession | null> {
    let s = this.live.get(token);
    if (!s && this.deps.store) {
      const raw = await this.deps.store.get(KEY + token).catch(() => undefined);
      if (isStored(raw)) s = raw;
    }
    if (!s || s.expires < this.deps.now() || s.tabId !== tabId) return null;
    this.live.set(token, s);
    return { tabId: s.tabId, frameId: s.frameId, open: s.open };
  }
}

function isStored(x: unknown): x is Stored {
  if (!x || typeof x !== 'object') return false;
  const s = x as Partial<Stored>;
  return (
    typeof s.tabId === 'number' &&
    typeof s.frameId === 'number' &&
    typeof s.expires === 'number' &&
    !!s.open &&
    typeof s.open === 'object'
  );
}
