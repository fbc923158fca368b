/**
 * Draws note highlights as translucent boxes inside our closed shadow root.
 *
 * Why not `CSS.highlights`: that registry is shared with the page's main world (GUIDE §2), so a
 * page could list exactly which passages the reader annotated. Boxes in a closed shadow root are
 * out of the page's reach, provided they leave no trace it can measure:
 * - `pointer-events: none` everywhere: `elementFromPoint` and clicks go through to the page;
 * - every box is clamped to the document's scrollable area measured without our boxes, so notes
 *   never change `scrollWidth`/`scrollHeight`;
 * - boxes carry no id, text or note-derived attribute: only a class naming their kind.
 *
 * Boxes sit in document coordinates inside a layer at the container's origin. When the
 * container scrolls with the document (host `position: absolute`), a document scroll costs
 * nothing; when it does not (host `position: fixed`, as tooltip.css has it), the layer is
 * shifted by the scroll delta on each document scroll — one style write, but it can trail
 * Chromium's compositor-driven scroll by a frame. Inner scrollers move text without moving
 * the document, so their scroll events redraw (coalesced into one frame).
 */

export type OverlayKind = 'note' | 'draft' | 'flash';

export interface OverlayItem {
  readonly range: AbstractRange;
  readonly kind: OverlayKind;
}

export interface NoteOverlayDeps {
  win: Window;
  /** An element inside the closed shadow root; the overlay styles it and fills it. Put it
   * before the tooltip and note panels in the root so they paint above the boxes. */
  container: HTMLElement;
}

/** Where and how thick highlights.css's note underline (`underline 2.5px`, offset 6px) comes
 * out in Chromium 156 with a CJK font: measured at 3× zoom, it starts right at the bottom of
 * the text rect and is 3 CSS px thick. */
const UNDERLINE_GAP = 0;
const UNDERLINE_WIDTH = 3;

/** Rects on one line closer than this (px) are drawn as one box. */
const EPS = 0.5;

const CONTAINER_CLASS = 'pl-note-overlay';

/**
 * The look of highlights.css's `::highlight(policy-lens-note)` and `…-note-draft`; on dark
 * pages (`data-theme="dark"` on the container) the dark accent of notes.css.
 *
 * No `mix-blend-mode`: the host (position: fixed, z-index) is a stacking context, which
 * isolates blending, so `multiply` would blend with nothing and only cost compositing. Plain
 * translucency gives the same tint over the page's background as the Highlight API (measured:
 * identical pixels); unlike it, the tint also lies over the glyphs (#1d1b16 text shows as
 * #433036 under a note), which keeps far above 7:1 contrast.
 */
const NOTE_OVERLAY_CSS = `
.${CONTAINER_CLASS}, .${CONTAINER_CLASS} > div {
  position: absolute; left: 0; top: 0; width: 0; height: 0;
  margin: 0; padding: 0; border: 0; overflow: visible; pointer-events: none;
}
.${CONTAINER_CLASS} > div > span {
  position: absolute; display: block; margin: 0; padding: 0; border: 0;
  box-sizing: border-box; pointer-events: none;
}
.${CONTAINER_CLASS} span.n { background: rgb(204 121 167 / 0.22); }
.${CONTAINER_CLASS} span.u { background: rgb(160 50 120); }
.${CONTAINER_CLASS} span.d, .${CONTAINER_CLASS} span.f { background: rgb(204 121 167 / 0.4); }
.${CONTAINER_CLASS}[data-theme='dark'] span.n { background: rgb(229 143 196 / 0.22); }
.${CONTAINER_CLASS}[data-theme='dark'] span.u { background: rgb(229 143 196); }
.${CONTAINER_CLASS}[data-theme='dark'] span.d,
.${CONTAINER_CLASS}[data-theme='dark'] span.f { background: rgb(229 143 196 / 0.4); }
`;

// Named values rather than "not visible"/"not static": a value we do not know (or an
// unimplemented property's empty string) must not clip or re-parent anything.
const CLIPPING = new Set(['hidden', 'auto', 'scroll', 'clip']);
const POSITIONED = new Set(['relative', 'absolute', 'fixed', 'sticky']);

const CLASS_OF: Record<OverlayKind, string> = { note: 'n', draft: 'd', flash: 'f' };

/** left, top, right, bottom in viewport coordinates. */
type Edges = [number, number, number, number];

const EVERYWHERE: Edges = [-Infinity, -Infinity, Infinity, Infinity];

/** What a text node's parent element tells us about drawing its text. */
interface TextContext {
  visible: boolean;
  /** The overflow clips of its scrollers, intersected. */
  clip: Edges;
  /** Fixed or sticky: its text moves when the document scrolls. */
  moves: boolean;
}

interface ElementFacts {
  position: string;
  visible: boolean;
  /** Its own overflow clip (padding box minus scrollbars), if it has one. */
  clip: Edges | null;
}

/** What one draw has learnt of the page; thrown away after it (styles change between draws). */
interface Pass {
  facts: Map<Element, ElementFacts>;
  contexts: Map<Element, TextContext>;
  /** The root element's overflow is visible, so the body's overflow is the viewport's. */
  bodyIsViewport: boolean;
  /** Two live Ranges reused for every item of the draw (a StaticRange's points, a text node's
   * part): the document updates every live Range on each mutation, so not one per item, and
   * none kept between draws to hold the page's nodes. */
  scratch: Range | null;
  piece: Range | null;
}

interface PieceRect {
  edges: Edges;
  clip: Edges;
}

export class NoteOverlay {
  private readonly win: Window;
  private readonly doc: Document;
  private readonly container: HTMLElement;
  private readonly style: HTMLStyleElement;
  private readonly layer: HTMLDivElement;
  private readonly pool: HTMLSpanElement[] = [];
  /** Per pooled element, the class and inline style last written (skip unchanged writes). */
  private readonly written: { cls: string; css: string }[] = [];
  /** Pooled elements [0, shown) are in the layer. */
  private shown = 0;
  private items: OverlayItem[] = [];
  private visible = true;
  private destroyed = false;
  private frame = 0;
  private readonly resize: ResizeObserver | null;
  private observedBody: HTMLElement | null = null;
  /** Whether the layer stays put when the document scrolls (a fixed host), and the scroll
   * offset its boxes were drawn at. */
  private pinned = false;
  private drawnScroll = { x: 0, y: 0 };
  /** How far the shown boxes reach (right, bottom; container coordinates), if any are shown. */
  private extent: [number, number] | null = null;
  /** Some drawn text is in fixed or sticky content: a document scroll moves it. */
  private moving = false;

  constructor(deps: NoteOverlayDeps) {
    this.win = deps.win;
    this.doc = deps.win.document;
    this.container = deps.container;
    this.container.classList.add(CONTAINER_CLASS);
    this.style = this.doc.createElement('style');
    this.style.textContent = NOTE_OVERLAY_CSS;
    this.layer = this.doc.createElement('div');
    this.layer.setAttribute('aria-hidden', 'true');
    this.container.append(this.style, this.layer);

    this.win.addEventListener('scroll', this.onScroll, { capture: true, passive: true });
    this.win.addEventListener('resize', this.onEvent, { passive: true });
    if ('fonts' in this.doc) this.doc.fonts.addEventListener('loadingdone', this.onEvent);
    // The realm's own constructor: `win` may not be the global this module was loaded in.
    const RO = this.doc.defaultView?.ResizeObserver;
    this.resize = typeof RO === 'function' ? new RO(() => this.scheduleRedraw()) : null;
    this.resize?.observe(this.doc.documentElement);
    this.observeBody();
  }

  /** Draws these ranges now, replacing what was drawn. */
  set(items: readonly OverlayItem[]): void {
    this.items = items.slice();
    this.cancelFrame();
    this.draw();
  }

  clear(): void {
    this.set([]);
  }

  setVisible(visible: boolean): void {
    if (this.destroyed || visible === this.visible) return;
    this.visible = visible;
    if (visible) {
      this.layer.style.display = '';
      this.draw();
    } else {
      this.cancelFrame();
      this.layer.style.display = 'none';
    }
  }

  /** Redraws at the next frame; several calls in one frame draw once (after DOM mutations). */
  scheduleRedraw(): void {
    if (this.destroyed || !this.visible || this.frame) return;
    this.frame = this.win.requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.cancelFrame();
    this.win.removeEventListener('scroll', this.onScroll, { capture: true });
    this.win.removeEventListener('resize', this.onEvent);
    if ('fonts' in this.doc) this.doc.fonts.removeEventListener('loadingdone', this.onEvent);
    this.resize?.disconnect();
    this.style.remove();
    this.layer.remove();
    this.container.classList.remove(CONTAINER_CLASS);
    this.items = [];
    this.pool.length = 0;
    this.written.length = 0;
    this.shown = 0;
    this.extent = null;
  }

  // Synthetic events are the page's to send: they never drive our drawing (GUIDE §1).
  private readonly onEvent = (e: Event): void => {
    if (e.isTrusted) this.scheduleRedraw();
  };

  private readonly onScroll = (e: Event): void => {
    if (!e.isTrusted) return;
    if (e.target !== this.doc) {
      this.scheduleRedraw();
      return;
    }
    if (this.pinned && this.shown > 0) {
      const dx = this.drawnScroll.x - this.win.scrollX;
      const dy = this.drawnScroll.y - this.win.scrollY;
      this.layer.style.transform = `translate(${dx}px,${dy}px)`;
    }
    if (this.moving) this.scheduleRedraw();
  };

  private cancelFrame(): void {
    if (this.frame) this.win.cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private observeBody(): void {
    const body = this.doc.body;
    if (!this.resize || body === this.observedBody) return;
    if (this.observedBody) this.resize.unobserve(this.observedBody);
    if (body) this.resize.observe(body);
    this.observedBody = body;
  }

  private draw(): void {
    if (this.destroyed || !this.visible) return;
    this.observeBody();
    if (this.items.length === 0) {
      this.moving = false;
      this.show([], []);
      return;
    }
    this.pinned = this.inFixedContext(this.container);
    this.layer.style.transform = '';
    const boxes: number[] = []; // x, y, w, h per box, relative to the container
    const classes: string[] = [];
    try {
      if (!this.measure(boxes, classes)) {
        // Our own boxes must not count in the scrollable area we clamp them to: were they
        // counted, a page that shrank would keep its old size while a note sat at its end.
        // Hiding them costs a second layout (and re-laying out every box), so only when a box
        // reaches the area's edge, that is when it may be what defines the area.
        boxes.length = classes.length = 0;
        this.layer.style.display = 'none';
        this.measure(boxes, classes);
      }
    } finally {
      // Even a failed measure shows what it got: a hidden layer would hide every note.
      this.show(boxes, classes);
    }
  }

  /**
   * Read phase: every layout read of a draw happens here, before any write in `show`. False,
   * having read nothing else, when boxes now shown may count in the document's scrollable area
   * (they reach its edge and do not sit under a fixed host, which keeps them out of it).
   */
  private measure(boxes: number[], classes: string[]): boolean {
    const root = this.doc.documentElement;
    const origin = this.container.getBoundingClientRect();
    const scrollX = this.win.scrollX;
    const scrollY = this.win.scrollY;
    const width = root.scrollWidth;
    const height = root.scrollHeight;
    const reach = this.extent;
    if (
      reach &&
      !this.pinned &&
      this.layer.style.display !== 'none' &&
      // scrollWidth/Height are rounded: 1px of slack
      (reach[0] + origin.left + scrollX >= width - 1 ||
        reach[1] + origin.top + scrollY >= height - 1)
    ) {
      return false;
    }
    this.drawnScroll = { x: scrollX, y: scrollY };
    // The scrollable area in viewport coordinates (left-to-right, top-to-bottom pages).
    const area: Edges = [-scrollX, -scrollY, width - scrollX, height - scrollY];
    const rootStyle = this.win.getComputedStyle(root);
    const pass: Pass = {
      facts: new Map(),
      contexts: new Map(),
      bodyIsViewport: !CLIPPING.has(rootStyle.overflowX) && !CLIPPING.has(rootStyle.overflowY),
      scratch: null,
      piece: null,
    };
    this.moving = false;

    const emit = (e: Edges, clip: Edges, cls: string): void => {
      const l = Math.max(e[0], clip[0], area[0]);
      const t = Math.max(e[1], clip[1], area[1]);
      const r = Math.min(e[2], clip[2], area[2]);
      const b = Math.min(e[3], clip[3], area[3]);
      if (r - l < EPS || b - t < EPS) return;
      boxes.push(l - origin.left, t - origin.top, r - l, b - t);
      classes.push(cls);
    };
    for (const item of this.items) {
      const cls = CLASS_OF[item.kind];
      for (const { edges, clip } of this.rectsOf(item.range, pass)) {
        emit(edges, clip, cls);
        if (item.kind === 'note') {
          const top = edges[3] + UNDERLINE_GAP;
          emit([edges[0], top, edges[2], top + UNDERLINE_WIDTH], clip, 'u');
        }
      }
    }
    return true;
  }

  /** Write phase: pooled elements take the new boxes; the rest leave the layer. */
  private show(boxes: readonly number[], classes: readonly string[]): void {
    const n = classes.length;
    for (let i = 0; i < n; i++) {
      let el = this.pool[i];
      if (!el) {
        el = this.doc.createElement('span');
        this.pool.push(el);
        this.written.push({ cls: '', css: '' });
      }
      const w = this.written[i]!;
      const cls = classes[i]!;
      const css =
        `left:${round(boxes[4 * i]!)}px;top:${round(boxes[4 * i + 1]!)}px;` +
        `width:${round(boxes[4 * i + 2]!)}px;height:${round(boxes[4 * i + 3]!)}px`;
      if (w.cls !== cls) el.className = w.cls = cls;
      if (w.css !== css) el.style.cssText = w.css = css;
      if (i >= this.shown) this.layer.append(el);
    }
    for (let i = n; i < this.shown; i++) this.pool[i]!.remove();
    this.shown = n;
    let right = -Infinity;
    let bottom = -Infinity;
    for (let i = 0; i < n; i++) {
      right = Math.max(right, boxes[4 * i]! + boxes[4 * i + 2]!);
      bottom = Math.max(bottom, boxes[4 * i + 1]! + boxes[4 * i + 3]!);
    }
    this.extent = n > 0 ? [right, bottom] : null;
    // Keep a spare pool for the next draw, not every element a once-huge draw needed.
    const keep = 2 * n + 64;
    if (this.pool.length > keep) {
      this.pool.length = keep;
      this.written.length = keep;
    }
    this.layer.style.display = '';
  }

  /** The client rects of the range's rendered text, each with the clip of its scrollers;
   * rects on one line that touch are merged. Element boxes are left out: Range.getClientRects
   * would add the border box of every element the range wholly contains (a whole <p>). */
  private rectsOf(range: AbstractRange, pass: Pass): PieceRect[] {
    const live = this.liveRange(range, pass);
    if (!live) return [];
    const out: PieceRect[] = [];
    const add = (text: Text, part: Range) => {
      const parent = text.parentElement;
      if (!parent) return;
      const ctx = this.contextOf(parent, pass);
      if (!ctx.visible) return;
      if (ctx.moves) this.moving = true;
      const list = part.getClientRects();
      for (let i = 0; i < list.length; i++) {
        const r = list[i];
        // Collapsed whitespace and line-break positions give empty rects: nothing to draw.
        if (!r || r.width <= 0 || r.height <= 0) continue;
        const edges: Edges = [r.left, r.top, r.right, r.bottom];
        const last = out[out.length - 1];
        if (
          last &&
          last.clip === ctx.clip &&
          Math.abs(last.edges[1] - edges[1]) < EPS &&
          Math.abs(last.edges[3] - edges[3]) < EPS &&
          edges[0] >= last.edges[0] - EPS &&
          edges[0] <= last.edges[2] + EPS
        ) {
          last.edges[2] = Math.max(last.edges[2], edges[2]);
        } else {
          out.push({ edges, clip: ctx.clip });
        }
      }
    };

    const { startContainer: sc, startOffset: so, endContainer: ec, endOffset: eo } = live;
    if (sc === ec && isText(sc)) {
      add(sc, live);
      return out;
    }
    const piece = (pass.piece ??= this.doc.createRange());
    const walker = this.doc.createTreeWalker(live.commonAncestorContainer, NodeFilter.SHOW_TEXT);
    walker.currentNode = sc;
    for (let n: Node | null = isText(sc) ? sc : walker.nextNode(); n; n = walker.nextNode()) {
      if (!isText(n)) continue;
      const len = n.length;
      // Text of the start container's children before startOffset lies before the range.
      if (live.comparePoint(n, len) < 0) continue;
      if (live.comparePoint(n, 0) > 0) break;
      try {
        piece.setStart(n, n === sc ? so : 0);
        piece.setEnd(n, n === ec ? eo : len);
      } catch {
        continue;
      }
      add(n, piece);
    }
    return out;
  }

  /** The range itself if it is live; a StaticRange's points copied into the scratch Range,
   * or null when they no longer fit the DOM (a StaticRange does not follow mutations). */
  private liveRange(range: AbstractRange, pass: Pass): Range | null {
    if (isLiveRange(range)) return range;
    const live = (pass.scratch ??= this.doc.createRange());
    try {
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
    } catch {
      return null;
    }
    return live;
  }

  /** Visibility, scroller clips and movement of text inside `el`, by walking its ancestors.
   * An absolutely positioned element escapes the clips of ancestors below its containing
   * block, a fixed one escapes them all. */
  private contextOf(el: Element, pass: Pass): TextContext {
    const known = pass.contexts.get(el);
    if (known) return known;
    const root = this.doc.documentElement;
    let clip: Edges = EVERYWHERE;
    let moves = false;
    let escaping: 'none' | 'absolute' = 'none';
    const own = this.factsOf(el, pass);
    for (let a: Element | null = el; a && a !== root; a = composedParent(a)) {
      const f = a === el ? own : this.factsOf(a, pass);
      if (escaping === 'absolute' && POSITIONED.has(f.position)) escaping = 'none';
      if (escaping === 'none' && f.clip) {
        clip = [
          Math.max(clip[0], f.clip[0]),
          Math.max(clip[1], f.clip[1]),
          Math.min(clip[2], f.clip[2]),
          Math.min(clip[3], f.clip[3]),
        ];
      }
      if (f.position === 'fixed') {
        moves = true;
        break;
      }
      if (f.position === 'sticky') moves = true;
      else if (f.position === 'absolute' && escaping === 'none') escaping = 'absolute';
    }
    const ctx: TextContext = { visible: own.visible, clip, moves };
    pass.contexts.set(el, ctx);
    return ctx;
  }

  private factsOf(el: Element, pass: Pass): ElementFacts {
    const known = pass.facts.get(el);
    if (known) return known;
    const s = this.win.getComputedStyle(el);
    let clip: Edges | null = null;
    const paint = /paint|strict|content/.test(s.contain);
    const cx = paint || CLIPPING.has(s.overflowX);
    const cy = paint || CLIPPING.has(s.overflowY);
    // The body's overflow belongs to the viewport unless the root element has its own.
    const propagated = el === this.doc.body && pass.bodyIsViewport;
    if ((cx || cy) && !propagated && s.display !== 'inline' && s.display !== 'contents') {
      const r = el.getBoundingClientRect();
      const left = r.left + el.clientLeft;
      const top = r.top + el.clientTop;
      clip = [
        cx ? left : -Infinity,
        cy ? top : -Infinity,
        cx ? left + el.clientWidth : Infinity,
        cy ? top + el.clientHeight : Infinity,
      ];
    }
    const f: ElementFacts = {
      position: s.position,
      visible: s.visibility !== 'hidden' && s.visibility !== 'collapse',
      clip,
    };
    pass.facts.set(el, f);
    return f;
  }

  /** Whether `el` (across shadow boundaries) sits in a fixed box: then it does not scroll
   * with the document. */
  private inFixedContext(el: Element): boolean {
    for (let a: Element | null = el; a; a = composedParent(a)) {
      if (this.win.getComputedStyle(a).position === 'fixed') return true;
    }
    return false;
  }
}

/** The parent element, or past a shadow root its host (text in a page's web component). */
function composedParent(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const parent = el.parentNode;
  return parent && 'host' in parent && isElement(parent.host) ? parent.host : null;
}

/** By node type, not `instanceof`: the host may come from another realm. */
function isElement(n: unknown): n is Element {
  return typeof n === 'object' && n !== null && 'nodeType' in n && n.nodeType === 1;
}

function isText(n: Node): n is Text {
  return n.nodeType === 3; // Node.TEXT_NODE
}

/** StaticRange has no getClientRects. Checked by shape, not `instanceof`: a Range from another
 * realm (a frame, the page's world) is not an instance of this realm's Range. */
function isLiveRange(r: AbstractRange): r is Range {
  return 'getClientRects' in r;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
