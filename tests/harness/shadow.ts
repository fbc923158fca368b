import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import type { Note } from '../../lib/shared/notes/model';

/**
 * Reaching into Policy Lens's CLOSED shadow root from tests, the way a user would: CDP
 * `DOM.getDocument({ pierce: true })` finds the elements, `DOM.getBoxModel` gives a point to
 * click with the real mouse, `DOM.focus` + `Input.insertText` types into a field.
 */

export interface ShadowElement {
  nodeId: number;
  /** Stable across DOM.getDocument calls (nodeIds are not): used for every command. */
  backendNodeId: number;
  nodeName: string;
  attrs: Record<string, string>;
  /** Hidden by its own or an ancestor's `hidden` attribute. */
  hidden: boolean;
  /** Text content (tags stripped, entities decoded). */
  text: string;
}

export interface ShadowQuery {
  /** A class the element has. */
  cls?: string;
  tag?: string;
  role?: string;
  /** Text the element's content contains. */
  text?: string;
  /** Only elements not hidden (default true). */
  visible?: boolean;
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();

export function cdpOf(page: Page): Promise<CDPSession> {
  let s = sessions.get(page);
  if (!s) {
    s = page
      .context()
      .newCDPSession(page)
      .then(async (cdp) => {
        await cdp.send('DOM.enable');
        return cdp;
      });
    sessions.set(page, s);
  }
  return s;
}

interface RawNode {
  nodeId: number;
  backendNodeId: number;
  nodeName: string;
  nodeType: number;
  nodeValue?: string;
  attributes?: string[];
  children?: RawNode[];
  shadowRoots?: RawNode[];
  shadowRootType?: string;
}

/** Our shadow roots, not the browser's own (a textarea's placeholder lives in one). */
const authorRoots = (n: RawNode) =>
  (n.shadowRoots ?? []).filter((r) => r.shadowRootType !== 'user-agent');

function textOf(n: RawNode): string {
  if (n.nodeType === 3) return n.nodeValue ?? '';
  if (n.nodeName === 'STYLE') return '';
  return [...authorRoots(n), ...(n.children ?? [])].map(textOf).join('');
}

/** Elements inside `<policy-lens-ui>`'s shadow root(s) matching `q`, in document order. */
async function queryShadow(page: Page, q: ShadowQuery = {}): Promise<ShadowElement[]> {
  const cdp = await cdpOf(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as {
    root: RawNode;
  };
  const out: ShadowElement[] = [];
  const visit = (n: RawNode, inUi: boolean, hidden: boolean) => {
    const list = n.attributes ?? [];
    const attrs: Record<string, string> = {};
    for (let i = 0; i + 1 < list.length; i += 2) attrs[list[i]!] = list[i + 1]!;
    const isHidden = hidden || 'hidden' in attrs;
    if (inUi && n.nodeType === 1) {
      const el: ShadowElement = {
        nodeId: n.nodeId,
        backendNodeId: n.backendNodeId,
        nodeName: n.nodeName.toLowerCase(),
        attrs,
        hidden: isHidden,
        text: textOf(n),
      };
      const classes = (attrs.class ?? '').split(/\s+/);
      if (
        (!q.cls || classes.includes(q.cls)) &&
        (!q.tag || el.nodeName === q.tag) &&
        (!q.role || attrs.role === q.role) &&
        (q.text === undefined || el.text.includes(q.text)) &&
        (q.visible === false || !el.hidden)
      ) {
        out.push(el);
      }
    }
    for (const s of n.shadowRoots ?? [])
      visit(s, inUi || n.nodeName === 'POLICY-LENS-UI', isHidden);
    for (const c of n.children ?? []) visit(c, inUi, isHidden);
  };
  visit(root, false, false);
  return out;
}

export async function findShadow(page: Page, q: ShadowQuery): Promise<ShadowElement | null> {
  return (await queryShadow(page, q))[0] ?? null;
}

/** The centre of an element's border box, in viewport coordinates. */
export async function boxOf(
  page: Page,
  el: ShadowElement,
): Promise<{ x: number; y: number; width: number; height: number }> {
  const cdp = await cdpOf(page);
  const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: el.backendNodeId });
  const [x1, y1, , , x3, y3] = model.border;
  return { x: x1!, y: y1!, width: x3! - x1!, height: y3! - y1! };
}

/**
 * Clicks the first visible element matching `q` with the mouse, once its box has stopped moving
 * (floating panels are re-placed a frame after their content changes); throws when none.
 */
export async function clickShadow(page: Page, q: ShadowQuery): Promise<void> {
  let last = '';
  for (let i = 0; i < 40; i++) {
    const el = await findShadow(page, q);
    if (!el) throw new Error(`nothing in the shadow root matches ${JSON.stringify(q)}`);
    const b = await boxOf(page, el);
    const key = JSON.stringify(b);
    if (key === last) {
      await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
      return;
    }
    last = key;
    await page.waitForTimeout(50);
  }
  throw new Error(`${JSON.stringify(q)} kept moving`);
}

/** A line box in viewport coordinates. */
export interface LineRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Finds the `nth` occurrence of `text` in the text nodes of element #`id` and either selects it
 * (`select`) or measures it (`rects`: its line boxes, client rects on one line merged, as the note
 * overlay merges them). Null when the text is not there.
 */
export async function atTextIn(
  page: Page,
  id: string,
  text: string,
  opts: { nth?: number; scroll?: boolean; then: 'select' | 'rects' },
): Promise<LineRect[] | null> {
  return page.evaluate(
    ([id, text, nth, scroll, then]) => {
      const root = document.getElementById(id);
      if (!root) return null;
      const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let full = '';
      const nodes: { node: Text; start: number }[] = [];
      for (let n = w.nextNode(); n; n = w.nextNode()) {
        nodes.push({ node: n as Text, start: full.length });
        full += (n as Text).data;
      }
      let at = -1;
      for (let k = 0; k <= nth; k++) at = full.indexOf(text, at + 1);
      if (at < 0) return null;
      // (No named inner functions: tsx's keepNames would reference a helper the page lacks.)
      const points: { n: Text; o: number }[] = [];
      for (const [offset, end] of [
        [at, false],
        [at + text.length, true],
      ] as const) {
        for (let i = nodes.length - 1; i >= 0; i--) {
          const n = nodes[i]!;
          if (end ? n.start < offset : n.start <= offset) {
            points.push({ n: n.node, o: offset - n.start });
            break;
          }
        }
      }
      const [s, e] = points as [{ n: Text; o: number }, { n: Text; o: number }];
      if (scroll) root.scrollIntoView({ block: 'center' });
      if (then === 'select') {
        document.getSelection()!.setBaseAndExtent(s.n, s.o, e.n, e.o);
        return [];
      }
      const range = document.createRange();
      range.setStart(s.n, s.o);
      range.setEnd(e.n, e.o);
      const lines: { left: number; top: number; right: number; bottom: number }[] = [];
      for (const r of range.getClientRects()) {
        if (r.width === 0) continue;
        const same = lines.find(
          (l) => Math.abs(l.top - r.top) < 2 && Math.abs(l.bottom - r.bottom) < 2,
        );
        if (same) {
          same.left = Math.min(same.left, r.left);
          same.right = Math.max(same.right, r.right);
        } else lines.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
      }
      return lines;
    },
    [id, text, opts.nth ?? 0, opts.scroll ?? false, opts.then] as const,
  );
}

/** Selects the `nth` occurrence of `text` inside element #`id` and releases the mouse there. */
export async function selectText(page: Page, id: string, text: string, nth = 0): Promise<void> {
  // The reader selects in the tab in front: a page opened since (storedNotes' reader) took the
  // focus, and a note editor opened in a background tab has no keyboard to take.
  await page.bringToFront();
  const found = await atTextIn(page, id, text, { nth, scroll: true, then: 'select' });
  if (!found) throw new Error(`"${text}" not in #${id}`);
  // The reader's hand on it: a selection made from script alone drives nothing of ours (a page
  // can make one). Extended by a character with the keyboard and taken back, it is the same
  // selection, now followed by trusted key presses.
  await extendAndTakeBack(page);
}

/** The keys extendAndTakeBack presses: the page hears them, as it hears the reader select. */
const SELECTION_KEYS = new Set(['Shift', 'ArrowRight', 'ArrowLeft']);

/** A page spy's `type:key…` entries without those of the reader's selecting keys. */
export function withoutSelectionKeys(seen: string[]): string[] {
  return seen.filter((s) => !SELECTION_KEYS.has(s.split(':')[1] ?? ''));
}

/** Shift+ArrowRight, Shift+ArrowLeft: the selection as it was, after trusted key presses. */
export async function extendAndTakeBack(page: Page): Promise<void> {
  await page.keyboard.down('Shift');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.up('Shift');
}

/** The extension's service worker now (a new one after it was stopped). */
export async function currentWorker(context: BrowserContext): Promise<Worker> {
  const live = context.serviceWorkers().filter((w) => w.url().startsWith('chrome-extension://'));
  return live[live.length - 1] ?? (await context.waitForEvent('serviceworker'));
}

/**
 * Stops every service worker, as Chrome does to an idle MV3 worker, and waits until the
 * extension's worker is reported stopped.
 */
export async function stopServiceWorkers(page: Page, timeoutMs = 10_000): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const status = new Map<string, string>();
    cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
      for (const v of e.versions) {
        if (v.scriptURL.startsWith('chrome-extension://')) status.set(v.versionId, v.runningStatus);
      }
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const start = Date.now();
    while (status.size === 0 || [...status.values()].some((s) => s !== 'stopped')) {
      if (Date.now() - start > timeoutMs) throw new Error('the service worker did not stop');
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await cdp.detach();
  }
}

/** A note as the extension's database holds it: the note model. */
export type StoredNote = Note;

const readers = new WeakMap<BrowserContext, Promise<Page>>();

/**
 * Every note in the extension's database, read from an extension page (the extension's origin,
 * where the database lives), so reading never depends on, or wakes, the service worker.
 */
export async function storedNotes(
  c: { context: BrowserContext; extensionId: string },
  store: 'notes' | 'trash' = 'notes',
): Promise<StoredNote[]> {
  let reader = readers.get(c.context);
  if (!reader) {
    reader = c.context.newPage().then(async (p) => {
      await p.goto(`chrome-extension://${c.extensionId}/manifest.json`);
      return p;
    });
    readers.set(c.context, reader);
  }
  const page = await reader;
  return page.evaluate(async (s) => {
    // Never create the database from here: Dexie must be the one to create it.
    const dbs = await indexedDB.databases();
    if (!dbs.some((d) => d.name === 'policy-lens-notes')) return [];
    return new Promise<StoredNote[]>((resolve, reject) => {
      const req = indexedDB.open('policy-lens-notes');
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(s)) {
          db.close();
          resolve([]);
          return;
        }
        const all = db.transaction(s).objectStore(s).getAll();
        all.onsuccess = () => {
          db.close();
          resolve(all.result as StoredNote[]);
        };
        all.onerror = () => reject(all.error);
      };
    });
  }, store);
}
