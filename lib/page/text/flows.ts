/**
 * Text flows: the runs of text a reader sees as continuous. A flow crosses inline elements
 * (新质<b>生产力</b>, links, spans, <br>) and ends at every block boundary (paragraph, heading,
 * list item, table cell …). Excluded regions — editable, code, scripts, hidden, our own UI — are
 * never part of a flow. A flow starts at its first text node that is not only spaces and line
 * breaks (source indentation), which cannot matter to a match.
 */

/** Elements that do not break a flow. Anything else (including unknown tags) is a block. */
const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'big',
  'br',
  'cite',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'label',
  'mark',
  'q',
  'ruby',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
  'nobr',
  'acronym',
  'rb',
]);

/**
 * Attributes whose change can put text into a flow or take it out (isExcludedElement reads
 * hidden and contenteditable; class, style and open change what is rendered): the re-scans
 * watch them.
 */
export const FLOW_ATTRIBUTES = ['hidden', 'class', 'style', 'contenteditable', 'open'];

/** Elements whose subtree is never scanned. */
export const EXCLUDED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'code',
  'pre',
  'textarea',
  'input',
  'select',
  'option',
  'button',
  'iframe',
  'frame',
  'object',
  'embed',
  'canvas',
  'svg',
  'math',
  'video',
  'audio',
  'head',
  'title',
  'rt',
  'rp',
  'kbd',
  'samp',
  'policy-lens-ui',
]);

export function isExcludedElement(el: Element, localName = el.localName): boolean {
  if (EXCLUDED_TAGS.has(localName)) return true;
  // Most elements of a long page carry no attribute at all: one DOM call instead of two.
  if (!el.hasAttributes()) return false;
  if (el.hasAttribute('hidden')) return true;
  const editable = el.getAttribute('contenteditable');
  return editable !== null && editable !== 'false';
}

/**
 * Elements that may be excluded from a flow that goes on past them (when they are inline):
 * their text is in `textContent` but not in the flow.
 */
const MAYBE_EXCLUDED = [
  ...[...EXCLUDED_TAGS].filter((t) => INLINE_TAGS.has(t)),
  '[hidden]',
  '[contenteditable]',
].join(',');

/**
 * Whether every flow of `root` is a substring of `root.textContent` (text nodes concatenated in
 * document order): then, when no term occurs in that one native string, none occurs in any
 * flow, and the walk can be skipped. Not so when an excluded inline element (<kbd>, a hidden
 * <span>) sits inside a flow, nor in XML documents, whose CDATA sections are in textContent
 * and never in a flow.
 */
export function flowsInTextContent(root: Element): boolean {
  if (root.ownerDocument.contentType !== 'text/html') return false;
  // Few elements match (a hidden dialog, an editor): a block among them splits flows anyway.
  for (const el of root.querySelectorAll(MAYBE_EXCLUDED)) {
    if (INLINE_TAGS.has(el.localName)) return false;
  }
  return true;
}

export function isBlockElement(el: Element): boolean {
  return !INLINE_TAGS.has(el.localName);
}

export interface Flow {
  nodes: Text[];
  /** starts[i] is the offset of nodes[i] in `text`. */
  starts: number[];
  text: string;
}

/** Nearest block ancestor (or the node itself when it is a block element). */
export function blockOf(node: Node): Element | null {
  let n: Node | null = node.nodeType === 1 ? node : node.parentNode;
  while (n && n.nodeType === 1) {
    if (isBlockElement(n as Element)) return n as Element;
    n = n.parentNode;
  }
  return n && n.nodeType === 9 ? (n as Document).documentElement : null;
}

/** True when `node` is inside an excluded element (checked up to the document). */
export function insideExcluded(node: Node): boolean {
  for (let n: Node | null = node.nodeType === 1 ? node : node.parentNode; n; n = n.parentNode) {
    if (n.nodeType !== 1) return n.nodeType === 11; // in a shadow root: not ours to scan
    if (isExcludedElement(n as Element)) return true;
  }
  return false;
}

/** A region to walk: `first` to `last`, siblings under one parent, with their subtrees. */
export interface Region {
  first: Node;
  last: Node;
}

/**
 * Walks a region and hands out its flows one at a time, so a caller can stop between flows
 * and resume later (long pages are scanned in slices).
 */
export class FlowWalker {
  textNodes = 0;
  chars = 0;
  private readonly walker: TreeWalker;
  private readonly stop: Node | null;
  private node: Node | null;
  /**
   * Blocks entered so far that may still contain the walk's position (innermost last). A text
   * node's block is the innermost one that contains it: one native `contains` per text node,
   * instead of climbing parents, which would create a JS wrapper for every inline element.
   */
  private readonly blocks: Element[];
  private readonly onSkip: ((el: Element) => void) | undefined;
  private readonly onIndent: ((t: Text) => void) | undefined;

  /** `onIndent`: a text node of only spaces and line breaks that starts no flow (see next). */
  constructor(
    doc: Document,
    region: Region,
    onSkip?: (el: Element) => void,
    onIndent?: (t: Text) => void,
  ) {
    const root = region.first === region.last ? region.first : region.first.parentNode!;
    // 1 = SHOW_ELEMENT, 4 = SHOW_TEXT
    this.walker = doc.createTreeWalker(root, 1 | 4);
    this.walker.currentNode = region.first;
    this.stop = region.first === region.last ? null : region.last.nextSibling;
    this.node = region.first;
    this.onSkip = onSkip;
    this.onIndent = onIndent;
    const outer = blockOf(
      region.first.nodeType === 1 ? (region.first.parentNode ?? region.first) : region.first,
    );
    this.blocks = outer ? [outer] : [];
  }

  get done(): boolean {
    return this.node === null;
  }

  next(): Flow | null {
    let nodes: Text[] | null = null;
    const starts: number[] = [];
    let text = '';
    let flowBlock: Element | null = null;
    while (this.node) {
      const n = this.node;
      if (n === this.stop) {
        this.node = null;
        break;
      }
      if (n.nodeType === 1) {
        const el = n as Element;
        // Read once: every DOM call counts on a page of 200,000 elements.
        const name = el.localName;
        const block = !INLINE_TAGS.has(name);
        if (isExcludedElement(el, name)) {
          this.onSkip?.(el);
          this.node = this.afterSubtree(el);
          if (nodes && block) break;
          continue;
        }
        this.node = this.walker.nextNode();
        if (block) {
          this.blocks.push(el);
          if (nodes) break;
        }
        continue;
      }
      if (n.nodeType !== 3) {
        // Comments and processing instructions: not text, and not a boundary either.
        this.node = this.walker.nextNode();
        continue;
      }
      const t = n as Text;
      if (!nodes && isIndent(t.data)) {
        // Source indentation between blocks (most text nodes of an article page): no match can
        // start in it, so it starts no flow — and costs no flow of its own.
        this.textNodes++;
        this.chars += t.data.length;
        this.onIndent?.(t);
        this.node = this.walker.nextNode();
        continue;
      }
      const block = this.blockOfText(t);
      if (nodes && block !== flowBlock) break; // left a nested block: the flow ends here
      const data = t.data;
      this.textNodes++;
      if (!nodes) {
        nodes = [];
        flowBlock = block;
      }
      nodes.push(t);
      starts.push(text.length);
      text += data;
      this.node = this.walker.nextNode();
    }
    if (!nodes) return null;
    this.chars += text.length;
    return { nodes, starts, text };
  }

  private blockOfText(t: Text): Element | null {
    const b = this.blocks;
    while (b.length > 1 && !b[b.length - 1]!.contains(t)) b.pop();
    return b[b.length - 1] ?? null;
  }

  private afterSubtree(el: Element): Node | null {
    const w = this.walker;
    w.currentNode = el;
    for (;;) {
      if (w.nextSibling()) return w.currentNode;
      if (!w.parentNode()) return null;
    }
  }
}

/** Only spaces, tabs and line breaks (what HTML source indentation is made of). */
function isIndent(data: string): boolean {
  for (let i = 0; i < data.length; i++) {
    const c = data.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

/** The position of flow offset `offset` as (text node, offset in it). */
export function locate(
  flow: Flow,
  offset: number,
  isEnd: boolean,
): { node: Text; offset: number; index: number } {
  const { starts, nodes } = flow;
  // Binary search: last node whose start is <= offset (for an end, < offset).
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const s = starts[mid]!;
    if (isEnd ? s < offset : s <= offset) lo = mid;
    else hi = mid - 1;
  }
  // Skip empty nodes so a start never sits at the very end of a node.
  while (!isEnd && lo < nodes.length - 1 && offset - starts[lo]! >= nodes[lo]!.data.length) lo++;
  return { node: nodes[lo]!, offset: offset - starts[lo]!, index: lo };
}
