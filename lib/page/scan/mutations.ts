import { blockOf, insideExcluded, isBlockElement, type Region } from '../text/flows';

/** Above this many records a batch is cheaper to handle as one full re-scan (as Dark Reader does). */
export const FULL_RESCAN_RECORDS = 1_000;

export interface MutationPlan {
  regions: Region[];
  /** Nodes were removed: painted matches in detached text must be swept. */
  removals: boolean;
  full: boolean;
}

function isBlockNode(n: Node): boolean {
  return n.nodeType === 1 && isBlockElement(n as Element);
}

/**
 * The inline run that contains `node`: the siblings between the block children of its block,
 * i.e. exactly the flow (or flows, if nested blocks hide inside) a change to `node` affects.
 */
export function regionAround(node: Node): Region | null {
  if (isBlockNode(node)) return { first: node, last: node };
  const block = blockOf(node);
  if (!block) return null;
  let child: Node = node;
  while (child.parentNode && child.parentNode !== block) child = child.parentNode;
  if (child.parentNode !== block) return null;
  let first = child;
  let last = child;
  while (first.previousSibling && !isBlockNode(first.previousSibling))
    first = first.previousSibling;
  while (last.nextSibling && !isBlockNode(last.nextSibling)) last = last.nextSibling;
  return { first, last };
}

/**
 * Turns a batch of mutation records into the regions to re-scan. Records about our own UI
 * (`isOwn`) and about excluded regions (scripts, styles, editable text) are ignored, so neither
 * our tooltip nor a typing user triggers work.
 */
export function planRescan(
  records: readonly MutationRecord[],
  isOwn: (n: Node) => boolean,
): MutationPlan {
  if (records.length > FULL_RESCAN_RECORDS) return { regions: [], removals: true, full: true };
  const regions: Region[] = [];
  const seen = new Set<Node>();
  let removals = false;
  const excludedCache = new Map<Node, boolean>();
  const excluded = (n: Node) => {
    let v = excludedCache.get(n);
    if (v === undefined) {
      v = insideExcluded(n);
      excludedCache.set(n, v);
    }
    return v;
  };
  const add = (node: Node | null) => {
    if (!node || !node.isConnected || isOwn(node)) return;
    const r = regionAround(node);
    if (!r || seen.has(r.first)) return;
    seen.add(r.first);
    regions.push(r);
  };
  for (const rec of records) {
    const target = rec.target;
    if (isOwn(target)) continue;
    if (rec.type === 'attributes') {
      // An element that just became hidden or editable is itself excluded now: re-scan it so its
      // old matches are cleared. Changes inside an excluded region (an editor) are not ours.
      if (!target.parentNode || !excluded(target.parentNode)) add(target);
      continue;
    }
    if (excluded(target)) continue;
    if (rec.type === 'characterData') {
      add(target);
    } else {
      let ours = true;
      for (const n of rec.addedNodes) {
        if (isOwn(n)) continue;
        ours = false;
        add(n);
        if (isBlockNode(n)) {
          // A block dropped into an inline run splits that run's flow.
          if (n.previousSibling && !isBlockNode(n.previousSibling)) add(n.previousSibling);
          if (n.nextSibling && !isBlockNode(n.nextSibling)) add(n.nextSibling);
        }
      }
      if (rec.removedNodes.length > 0) {
        for (const n of rec.removedNodes) if (!isOwn(n)) ours = false;
        if (!ours) {
          removals = true;
          // The flow the removed node sat in is now shorter: re-scan what is left of it.
          const prev = rec.previousSibling;
          const next = rec.nextSibling;
          if (prev && !isBlockNode(prev)) add(prev);
          if (next && !isBlockNode(next)) add(next);
          if (!isBlockNode(target)) add(target);
        }
      }
    }
  }
  return { regions, removals, full: false };
}
