import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  NoteOverlay,
  type OverlayItem,
  type OverlayKind,
} from '../../lib/page/highlight/note-overlay';

/**
 * happy-dom lays nothing out, so the tests give text a layout of their own: each laid-out text
 * node starts at (x, y), its characters are 10px wide and 20px tall, `perLine` characters to a
 * line, lines 30px apart. Text without a layout (display: none) has no rects, as in a browser.
 * Painting and real geometry are checked in headless Chromium (.tmp/overlay-check.ts).
 */
interface TextLayout {
  x: number;
  y: number;
  perLine: number;
}
const layout = new Map<Text, TextLayout>();
const CHAR = 10;
const LINE = 20;
const PITCH = 30;
/** Border box of "an element wholly inside the range": Range.getClientRects would include it,
 * the overlay must never draw it. */
const ELEMENT_BOX = new DOMRect(0, 0, 1000, 1000);

function rectList(rects: DOMRect[]): DOMRectList {
  const list = Object.assign([...rects], { item: (i: number) => rects[i] ?? null });
  // happy-dom's DOMRectList cannot be constructed; an array with item() has its whole shape.
  return list;
}

function textRects(this: Range): DOMRectList {
  const node = this.startContainer;
  if (node !== this.endContainer || !(node instanceof Text)) return rectList([ELEMENT_BOX]);
  const l = layout.get(node);
  if (!l) return rectList([]);
  const rects: DOMRect[] = [];
  for (let i = this.startOffset; i < this.endOffset;) {
    const line = Math.floor(i / l.perLine);
    const end = Math.min(this.endOffset, (line + 1) * l.perLine);
    const col = i - line * l.perLine;
    rects.push(new DOMRect(l.x + col * CHAR, l.y + line * PITCH, (end - i) * CHAR, LINE));
    i = end;
  }
  // A browser also reports the empty rect of a collapsed range or a line break: never drawn.
  if (rects.length === 0) rects.push(new DOMRect(l.x + this.startOffset * CHAR, l.y, 0, LINE));
  return rectList(rects);
}

/** A StaticRange: happy-dom has none, and the overlay only reads the boundary points. */
class FakeStaticRange implements AbstractRange {
  readonly collapsed: boolean;
  constructor(
    readonly startContainer: Node,
    readonly startOffset: number,
    readonly endContainer: Node,
    readonly endOffset: number,
  ) {
    this.collapsed = startContainer === endContainer && startOffset === endOffset;
  }
}

function text(selector: string, nth = 0): Text {
  const el = document.querySelector(selector);
  const t = [...(el?.childNodes ?? [])].filter((n): n is Text => n instanceof Text)[nth];
  if (!t) throw new Error(`no text ${nth} in ${selector}`);
  return t;
}

function staticRange(t: Text, start: number, end: number, endText: Text = t): FakeStaticRange {
  return new FakeStaticRange(t, start, endText, end);
}

function setSize(el: Element, name: string, value: number) {
  Object.defineProperty(el, name, { configurable: true, get: () => value });
}

function trusted<E extends Event>(e: E): E {
  // Browser-made events are trusted; happy-dom leaves isTrusted unset.
  Object.defineProperty(e, 'isTrusted', { value: true });
  return e;
}

let host: HTMLElement;
let container: HTMLElement;
let overlay: NoteOverlay;
let frames: FrameRequestCallback[];
let origin: DOMRect;

function layer(): HTMLElement {
  const el = container.querySelector('div');
  if (!el) throw new Error('no layer');
  return el;
}

/** Drawn boxes as [class, left, top, width, height]. */
function boxes(): [string, number, number, number, number][] {
  return [...layer().children].map((el) => {
    const s = (el as HTMLElement).style;
    return [
      el.className,
      parseFloat(s.left),
      parseFloat(s.top),
      parseFloat(s.width),
      parseFloat(s.height),
    ];
  });
}

function runFrames(): void {
  const due = frames;
  frames = [];
  for (const cb of due) cb(0);
}

beforeEach(() => {
  document.body.innerHTML = `
    <p id="a">发展新质<b>生产</b>力和高质量发展</p>
    <p id="b">习近平在中共中央政治局第十一次集体学习时强调</p>
    <div id="scroller" style="overflow-x: hidden; overflow-y: auto"><p id="c">加快发展新质生产力扎实推进高质量发展</p></div>
    <p id="hidden" style="display: none">高质量发展</p>
    <p id="invisible" style="visibility: hidden">新发展格局</p>`;
  layout.clear();
  layout.set(text('#a'), { x: 100, y: 100, perLine: 40 }); // 发展新质
  layout.set(text('#a b'), { x: 140, y: 100, perLine: 40 }); // 生产
  layout.set(text('#a', 1), { x: 160, y: 100, perLine: 40 }); // 力和高质量发展
  layout.set(text('#b'), { x: 100, y: 200, perLine: 10 }); // wraps every 10 characters
  layout.set(text('#c'), { x: 100, y: 400, perLine: 40 });
  layout.set(text('#invisible'), { x: 100, y: 500, perLine: 40 });
  vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(textRects);

  setSize(document.documentElement, 'scrollWidth', 1200);
  setSize(document.documentElement, 'scrollHeight', 2000);
  frames = [];
  vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => frames.push(cb));
  vi.spyOn(window, 'cancelAnimationFrame').mockImplementation((id) => {
    frames.splice(id - 1, 1, () => {});
  });

  host = document.createElement('policy-lens-ui');
  const root = host.attachShadow({ mode: 'closed' });
  container = document.createElement('div');
  root.append(container);
  document.documentElement.append(host);
  origin = new DOMRect(0, 0, 0, 0);
  vi.spyOn(container, 'getBoundingClientRect').mockImplementation(() => origin);
  overlay = new NoteOverlay({ win: window, container });
});

afterEach(() => {
  overlay.destroy();
  host.remove();
  vi.restoreAllMocks();
});

describe('NoteOverlay: boxes per rect', () => {
  const cases: {
    name: string;
    kind: OverlayKind;
    range: () => AbstractRange;
    want: [string, number, number, number, number][];
  }[] = [
    {
      name: 'a note in one text node: tint, and the underline right under it',
      kind: 'note',
      range: () => staticRange(text('#a', 1), 2, 5), // 高质量
      want: [
        ['n', 180, 100, 30, 20],
        ['u', 180, 120, 30, 3],
      ],
    },
    {
      name: 'a draft: tint only',
      kind: 'draft',
      range: () => staticRange(text('#a', 1), 2, 5),
      want: [['d', 180, 100, 30, 20]],
    },
    {
      name: 'a flash: tint only',
      kind: 'flash',
      range: () => staticRange(text('#a', 1), 2, 5),
      want: [['f', 180, 100, 30, 20]],
    },
    {
      name: 'across inline elements (新质<b>生产</b>力): one box per line, no element box',
      kind: 'note',
      range: () => staticRange(text('#a'), 2, 1, text('#a', 1)),
      want: [
        ['n', 120, 100, 50, 20],
        ['u', 120, 120, 50, 3],
      ],
    },
    {
      name: 'a passage that wraps: one box per line',
      kind: 'draft',
      range: () => staticRange(text('#b'), 5, 21),
      want: [
        ['d', 150, 200, 50, 20],
        ['d', 100, 230, 100, 20],
        ['d', 100, 260, 10, 20],
      ],
    },
    {
      name: 'a live Range is drawn as it is',
      kind: 'draft',
      range: () => {
        const r = document.createRange();
        r.setStart(text('#b'), 0);
        r.setEnd(text('#b'), 3);
        return r;
      },
      want: [['d', 100, 200, 30, 20]],
    },
    {
      name: 'a live Range across elements: text rects only',
      kind: 'draft',
      range: () => {
        const r = document.createRange();
        r.setStart(document.getElementById('a')!, 0);
        r.setEnd(text('#a', 1), 1);
        return r;
      },
      want: [['d', 100, 100, 70, 20]],
    },
    {
      name: 'a collapsed range (a zero-width rect): nothing',
      kind: 'note',
      range: () => staticRange(text('#b'), 4, 4),
      want: [],
    },
    {
      name: 'text that is not rendered (display: none): nothing',
      kind: 'note',
      range: () => staticRange(text('#hidden'), 0, 3),
      want: [],
    },
    {
      name: 'text under visibility: hidden: nothing',
      kind: 'note',
      range: () => staticRange(text('#invisible'), 0, 3),
      want: [],
    },
    {
      name: 'a StaticRange left stale by a mutation (offset past the end): nothing, no throw',
      kind: 'note',
      range: () => staticRange(text('#a', 1), 2, 99),
      want: [],
    },
  ];
  it.each(cases)('$name', ({ kind, range, want }) => {
    overlay.set([{ range: range(), kind }]);
    expect(boxes()).toEqual(want);
  });

  it('boxes sit at the container origin: a page offset (html margin, positioned root) is subtracted', () => {
    origin = new DOMRect(40, 30, 0, 0);
    overlay.set([{ range: staticRange(text('#a', 1), 2, 5), kind: 'draft' }]);
    expect(boxes()).toEqual([['d', 140, 70, 30, 20]]);
  });

  it('boxes are in document coordinates: drawn after a scroll, they carry the scroll offset', () => {
    // The page is scrolled by 500: the text is at viewport y -400, the container at -500.
    vi.spyOn(window, 'scrollY', 'get').mockReturnValue(500);
    layout.set(text('#b'), { x: 100, y: -400, perLine: 40 });
    origin = new DOMRect(0, -500, 0, 0);
    overlay.set([{ range: staticRange(text('#b'), 0, 2), kind: 'draft' }]);
    expect(boxes()).toEqual([['d', 100, 100, 20, 20]]);
  });
});

describe('NoteOverlay: clamping to the document', () => {
  const cases: {
    name: string;
    size: [number, number];
    scroll: number;
    want: [string, number, number, number, number][];
  }[] = [
    {
      name: 'inside the document: untouched',
      size: [1200, 2000],
      scroll: 0,
      want: [
        ['n', 180, 100, 30, 20],
        ['u', 180, 120, 30, 3],
      ],
    },
    {
      name: 'the underline would pass the end: cut at the end',
      size: [1200, 121],
      scroll: 0,
      want: [
        ['n', 180, 100, 30, 20],
        ['u', 180, 120, 30, 1],
      ],
    },
    {
      name: 'the document ends at the text bottom: the underline is dropped',
      size: [1200, 120],
      scroll: 0,
      want: [['n', 180, 100, 30, 20]],
    },
    {
      name: 'the text passes the right edge: cut there',
      size: [195, 2000],
      scroll: 0,
      want: [
        ['n', 180, 100, 15, 20],
        ['u', 180, 120, 15, 3],
      ],
    },
    {
      name: 'scrolled: the area is measured in document coordinates',
      size: [1200, 121],
      scroll: 50,
      want: [
        ['n', 180, 100, 30, 20],
        ['u', 180, 120, 30, 1],
      ],
    },
  ];
  it.each(cases)('$name', ({ size, scroll, want }) => {
    setSize(document.documentElement, 'scrollWidth', size[0]);
    setSize(document.documentElement, 'scrollHeight', size[1]);
    vi.spyOn(window, 'scrollY', 'get').mockReturnValue(scroll);
    layout.set(text('#a', 1), { x: 160, y: 100 - scroll, perLine: 40 });
    origin = new DOMRect(0, -scroll, 0, 0);
    overlay.set([{ range: staticRange(text('#a', 1), 2, 5), kind: 'note' }]);
    expect(boxes()).toEqual(want);
  });

  it('measures the document without our boxes when one reaches its edge', () => {
    setSize(document.documentElement, 'scrollHeight', 121);
    overlay.set([{ range: staticRange(text('#a', 1), 2, 5), kind: 'note' }]);
    // Our underline now ends at the document's end: it may be what makes the document that tall.
    const seen: string[] = [];
    Object.defineProperty(document.documentElement, 'scrollHeight', {
      configurable: true,
      get: () => {
        seen.push(layer().style.display);
        return 121;
      },
    });
    overlay.set([{ range: staticRange(text('#a', 1), 2, 5), kind: 'note' }]);
    expect(seen).toEqual(['', 'none']);
    expect(layer().style.display).toBe('');
    seen.length = 0;
    // Boxes well inside the document: one measure, boxes left where they are.
    setSize(document.documentElement, 'scrollHeight', 2000);
    overlay.set([{ range: staticRange(text('#a', 1), 2, 5), kind: 'note' }]);
    Object.defineProperty(document.documentElement, 'scrollHeight', {
      configurable: true,
      get: () => {
        seen.push(layer().style.display);
        return 2000;
      },
    });
    overlay.set([{ range: staticRange(text('#a', 1), 2, 5), kind: 'note' }]);
    expect(seen).toEqual(['']);
  });

  it('clips text in an inner scroller to its client area', () => {
    const scroller = document.getElementById('scroller')!;
    vi.spyOn(scroller, 'getBoundingClientRect').mockReturnValue(new DOMRect(90, 380, 200, 32));
    setSize(scroller, 'clientLeft', 1);
    setSize(scroller, 'clientTop', 1);
    setSize(scroller, 'clientWidth', 150);
    setSize(scroller, 'clientHeight', 30); // visible: y 381..411, x 91..241
    overlay.set([{ range: staticRange(text('#c'), 10, 18), kind: 'note' }]);
    expect(boxes()).toEqual([
      ['n', 200, 400, 41, 11],
      // the underline (y 420..423) is below the scroller's visible area: dropped
    ]);
  });
});

describe('NoteOverlay: the pool', () => {
  it('reuses box elements across draws and detaches the ones not needed', () => {
    const b = text('#b');
    overlay.set([{ range: staticRange(b, 0, 22), kind: 'draft' }]); // 3 lines
    const first = [...layer().children];
    expect(first).toHaveLength(3);
    overlay.set([{ range: staticRange(b, 0, 5), kind: 'draft' }]);
    expect([...layer().children]).toEqual([first[0]]);
    expect(first[1]!.isConnected).toBe(false);
    overlay.set([{ range: staticRange(b, 0, 22), kind: 'note' }]); // 3 tints + 3 underlines
    const again = [...layer().children];
    expect(again).toHaveLength(6);
    expect(again.slice(0, 3)).toEqual(first);
  });

  it('leaves unchanged boxes unwritten', () => {
    overlay.set([{ range: staticRange(text('#b'), 0, 5), kind: 'draft' }]);
    const el = layer().children[0] as HTMLElement;
    const cssText = vi.spyOn(el.style, 'cssText', 'set');
    overlay.scheduleRedraw();
    runFrames();
    expect(cssText).not.toHaveBeenCalled();
  });

  it('boxes say nothing of the note: no id, no text, only class and style', () => {
    overlay.set([
      { range: staticRange(text('#b'), 0, 22), kind: 'note' },
      { range: staticRange(text('#a', 1), 0, 2), kind: 'draft' },
    ]);
    for (const el of layer().children) {
      expect(el.getAttributeNames().sort()).toEqual(['class', 'style']);
      expect(el.childNodes).toHaveLength(0);
    }
    expect(container.textContent).not.toContain('习近平');
  });
});

describe('NoteOverlay: clear, setVisible, destroy', () => {
  const items = (): OverlayItem[] => [{ range: staticRange(text('#b'), 0, 5), kind: 'note' }];

  it('clear removes every box', () => {
    overlay.set(items());
    expect(boxes()).toHaveLength(2);
    overlay.clear();
    expect(boxes()).toEqual([]);
  });

  it('setVisible(false) hides the boxes; ranges set meanwhile are drawn when shown again', () => {
    overlay.set(items());
    overlay.setVisible(false);
    expect(layer().style.display).toBe('none');
    overlay.set([{ range: staticRange(text('#a', 1), 2, 5), kind: 'draft' }]);
    overlay.scheduleRedraw();
    expect(frames).toHaveLength(0);
    overlay.setVisible(true);
    expect(layer().style.display).toBe('');
    expect(boxes()).toEqual([['d', 180, 100, 30, 20]]);
  });

  it('destroy removes what it added and stops listening', () => {
    overlay.set(items());
    overlay.destroy();
    expect(container.children).toHaveLength(0);
    expect(container.className).toBe('');
    document.getElementById('scroller')!.dispatchEvent(trusted(new Event('scroll')));
    expect(frames).toHaveLength(0);
  });
});

describe('NoteOverlay: redraws', () => {
  beforeEach(() => {
    overlay.set([{ range: staticRange(text('#b'), 0, 4), kind: 'draft' }]);
    expect(boxes()).toEqual([['d', 100, 200, 40, 20]]);
  });

  it.each([
    ['a trusted scroll of an inner element', () => scrollOf('#scroller', true), 1],
    ['a document scroll (the boxes scroll with it)', () => scrollOf(document, true), 0],
    [
      'a synthetic scroll of an inner element (the page sent it)',
      () => scrollOf('#scroller', false),
      0,
    ],
    ['a window resize', () => window.dispatchEvent(trusted(new Event('resize'))), 1],
    ['a synthetic resize', () => window.dispatchEvent(new Event('resize')), 0],
    ['scheduleRedraw (after DOM mutations)', () => overlay.scheduleRedraw(), 1],
  ] as const)('%s: %i frame(s) scheduled', (_name, act, want) => {
    act();
    expect(frames).toHaveLength(want);
  });

  it('many events in one frame draw once, with the rects of that moment', () => {
    for (let i = 0; i < 5; i++) scrollOf('#scroller', true);
    overlay.scheduleRedraw();
    expect(frames).toHaveLength(1);
    layout.set(text('#b'), { x: 100, y: 140, perLine: 10 }); // the scroller moved its text up
    runFrames();
    expect(boxes()).toEqual([['d', 100, 140, 40, 20]]);
  });

  it('set() draws at once and drops a pending frame', () => {
    overlay.scheduleRedraw();
    overlay.set([]);
    expect(boxes()).toEqual([]);
    expect(() => runFrames()).not.toThrow();
    expect(boxes()).toEqual([]);
  });

  it('a ResizeObserver on the root and body schedules a redraw', () => {
    overlay.destroy();
    const observed: Element[] = [];
    let notify = () => {};
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(cb: () => void) {
          notify = cb;
        }
        observe(el: Element) {
          observed.push(el);
        }
        unobserve() {}
        disconnect() {}
      },
    );
    overlay = new NoteOverlay({ win: window, container });
    expect(observed).toEqual([document.documentElement, document.body]);
    notify();
    expect(frames).toHaveLength(1);
    vi.unstubAllGlobals();
  });
});

describe('NoteOverlay: under a fixed host', () => {
  it('a document scroll shifts the layer by the scroll since the draw', () => {
    host.style.position = 'fixed';
    overlay.set([{ range: staticRange(text('#b'), 0, 3), kind: 'draft' }]);
    const y = vi.spyOn(window, 'scrollY', 'get').mockReturnValue(120);
    scrollOf(document, true);
    expect(layer().style.transform).toBe('translate(0px,-120px)');
    expect(frames).toHaveLength(0);
    // The next draw measures afresh and drops the shift.
    y.mockReturnValue(120);
    layout.set(text('#b'), { x: 100, y: 80, perLine: 10 });
    overlay.scheduleRedraw();
    runFrames();
    expect(layer().style.transform).toBe('');
    expect(boxes()).toEqual([['d', 100, 80, 30, 20]]);
  });

  it('under an absolute host a document scroll writes nothing', () => {
    overlay.set([{ range: staticRange(text('#b'), 0, 3), kind: 'draft' }]);
    vi.spyOn(window, 'scrollY', 'get').mockReturnValue(120);
    scrollOf(document, true);
    expect(layer().style.transform).toBe('');
  });
});

function scrollOf(target: string | Document, isTrusted: boolean): void {
  const el = typeof target === 'string' ? document.querySelector(target)! : target;
  const e = new Event('scroll');
  el.dispatchEvent(isTrusted ? trusted(e) : e);
}
