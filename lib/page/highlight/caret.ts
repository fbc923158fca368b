/**
 * Which character is under the pointer. caretPositionFromPoint (Firefox, Chrome 128+) or
 * caretRangeFromPoint gives the nearest caret position, which exists even when the pointer is in
 * a margin far from any text; so the glyph box of the character on either side of the caret
 * must contain the point (10ten-ja-reader learned this the hard way).
 */
export interface CaretHit {
  node: Text;
  /** Index of the character under the point. */
  index: number;
}

type CaretDoc = Document & {
  caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
};

export function caretAt(doc: Document, x: number, y: number): CaretHit | null {
  const d = doc as CaretDoc;
  let node: Node | null = null;
  let offset = 0;
  if (typeof d.caretPositionFromPoint === 'function') {
    const p = d.caretPositionFromPoint(x, y);
    if (p) {
      node = p.offsetNode;
      offset = p.offset;
    }
  } else if (typeof d.caretRangeFromPoint === 'function') {
    const r = d.caretRangeFromPoint(x, y);
    if (r) {
      node = r.startContainer;
      offset = r.startOffset;
    }
  }
  if (!node || node.nodeType !== 3) return null;
  const text = node as Text;
  const range = doc.createRange();
  for (const index of [offset, offset - 1]) {
    if (index < 0 || index >= text.data.length) continue;
    range.setStart(text, index);
    range.setEnd(text, index + 1);
    for (const rect of range.getClientRects()) {
      if (
        x >= rect.left - 0.5 &&
        x <= rect.right + 0.5 &&
        y >= rect.top - 0.5 &&
        y <= rect.bottom + 0.5
      ) {
        return { node: text, index };
      }
    }
  }
  return null;
}
