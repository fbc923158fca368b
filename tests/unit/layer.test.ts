import { beforeEach, describe, expect, it } from 'vitest';
import { HighlightLayer, type Hit } from '../../lib/page/highlight/layer';

/** A range as a plain object: the layer only reads containers and offsets. */
function hit(term: number, nodes: Text[], startOffset: number, endOffset: number): Hit {
  const range = {
    startContainer: nodes[0]!,
    startOffset,
    endContainer: nodes[nodes.length - 1]!,
    endOffset,
  } as unknown as AbstractRange;
  // As the scanner makes them: a one-node match carries no node list.
  return nodes.length > 1 ? { term, range, nodes } : { term, range };
}

let a: Text, b: Text, c: Text;
let ranges: Set<AbstractRange>;
let layer: HighlightLayer;

beforeEach(() => {
  // <p>发展新质|生产|力和高质量发展</p>: three text nodes
  document.body.innerHTML = '<p>发展新质<b>生产</b>力和高质量发展</p>';
  const p = document.querySelector('p')!;
  a = p.firstChild as Text;
  b = p.querySelector('b')!.firstChild as Text;
  c = p.lastChild as Text;
  ranges = new Set();
  layer = new HighlightLayer(ranges);
});

describe('HighlightLayer', () => {
  it('a one-node match (no node list) is found, owned and cleared by its start node', () => {
    const h = hit(1, [c], 2, 7);
    expect(h.nodes).toBeUndefined();
    layer.add(h);
    expect(layer.hitAt(c, 3)).toBe(h);
    expect(layer.hitAt(c, 1)).toBeUndefined();
    expect([...layer.hits()]).toEqual([h]);
    layer.clearOwnedBy(b);
    expect(layer.size).toBe(1);
    layer.clearOwnedBy(c);
    expect(layer.size).toBe(0);
    expect(ranges.size).toBe(0);
  });

  it('add registers the range and counts it', () => {
    const h = hit(0, [a, b, c], 2, 1);
    layer.add(h);
    expect(layer.size).toBe(1);
    expect([...ranges]).toEqual([h.range]);
    expect([...layer.hits()]).toEqual([h]);
  });

  describe('hitAt', () => {
    // 新质生产力: a[2..4) + b[0..2) + c[0..1); 高质量发展: c[2..7)
    const setup = () => {
      const nqpf = hit(0, [a, b, c], 2, 1);
      const hqd = hit(1, [c], 2, 7);
      layer.add(nqpf);
      layer.add(hqd);
      return { nqpf, hqd };
    };
    it.each([
      ['before the match in the first node', 'a', 1, null],
      ['first character of the match', 'a', 2, 0],
      ['last character in the first node', 'a', 3, 0],
      ['a middle node: any index', 'b', 0, 0],
      ['a middle node: last index', 'b', 1, 0],
      ['last character of the match', 'c', 0, 0],
      ['end offset is exclusive', 'c', 1, null],
      ['second match, first character', 'c', 2, 1],
      ['second match, last character', 'c', 6, 1],
      ['past the second match', 'c', 7, null],
    ] as const)('%s', (_name, node, index, term) => {
      setup();
      const n = { a, b, c }[node];
      expect(layer.hitAt(n, index)?.term ?? null).toBe(term);
    });

    it('a node without matches', () => {
      setup();
      expect(layer.hitAt(document.createTextNode('x'), 0)).toBeUndefined();
    });
  });

  it('clearOwnedBy removes only the matches that start in the node', () => {
    const nqpf = hit(0, [a, b, c], 2, 1);
    const hqd = hit(1, [c], 2, 7);
    layer.add(nqpf);
    layer.add(hqd);

    layer.clearOwnedBy(c); // owns 高质量发展 only
    expect(layer.size).toBe(1);
    expect([...ranges]).toEqual([nqpf.range]);
    expect(layer.hitAt(c, 0)).toBe(nqpf);
    expect(layer.hitAt(c, 3)).toBeUndefined();

    layer.clearOwnedBy(b); // owns nothing
    expect(layer.size).toBe(1);

    layer.clearOwnedBy(a); // owns 新质生产力: unlinked from b and c too
    expect(layer.size).toBe(0);
    expect(ranges.size).toBe(0);
    expect(layer.hitAt(a, 2)).toBeUndefined();
    expect(layer.hitAt(b, 0)).toBeUndefined();
    expect(layer.hitAt(c, 0)).toBeUndefined();
    expect([...layer.hits()]).toEqual([]);
  });

  it('clearOwnedBy on a node with nothing is a no-op', () => {
    layer.add(hit(1, [c], 2, 7));
    layer.clearOwnedBy(a);
    expect(layer.size).toBe(1);
  });

  it('a match can be added again after its owner was cleared', () => {
    layer.add(hit(0, [a, b, c], 2, 1));
    layer.clearOwnedBy(a);
    const again = hit(0, [a, b, c], 2, 1);
    layer.add(again);
    expect(layer.size).toBe(1);
    expect(layer.hitAt(b, 1)).toBe(again);
    expect([...ranges]).toEqual([again.range]);
  });

  it('hits yields every match once, even when it spans several nodes', () => {
    const hs = [hit(0, [a, b, c], 2, 1), hit(1, [c], 2, 7), hit(2, [a], 0, 2)];
    for (const h of hs) layer.add(h);
    const got = [...layer.hits()];
    expect(got).toHaveLength(3);
    expect(new Set(got)).toEqual(new Set(hs));
  });

  it('sweepDisconnected drops matches whose text left the document', () => {
    document.body.insertAdjacentHTML('beforeend', '<p>新质生产力</p>');
    const d = document.body.lastChild!.firstChild as Text;
    const kept = hit(1, [c], 2, 7);
    const gone = hit(0, [d], 0, 5);
    const spanning = hit(0, [a, b, c], 2, 1);
    layer.add(kept);
    layer.add(gone);
    layer.add(spanning);

    document.body.lastChild!.remove();
    layer.sweepDisconnected();
    expect(layer.size).toBe(2);
    expect(new Set(ranges)).toEqual(new Set([kept.range, spanning.range]));
    expect(layer.hitAt(d, 0)).toBeUndefined();

    // The match owned by a removed first node goes, wherever it ends.
    a.remove();
    layer.sweepDisconnected();
    expect([...layer.hits()]).toEqual([kept]);
    expect(layer.hitAt(b, 0)).toBeUndefined();
    expect(ranges.size).toBe(1);
  });

  it('sweepDisconnected keeps everything when all is connected', () => {
    layer.add(hit(0, [a, b, c], 2, 1));
    layer.add(hit(1, [c], 2, 7));
    layer.sweepDisconnected();
    expect(layer.size).toBe(2);
  });

  it('clear empties the layer and the range set', () => {
    layer.add(hit(0, [a, b, c], 2, 1));
    layer.add(hit(1, [c], 2, 7));
    layer.clear();
    expect(layer.size).toBe(0);
    expect(ranges.size).toBe(0);
    expect(layer.hitAt(c, 3)).toBeUndefined();
    expect([...layer.hits()]).toEqual([]);
  });

  it('size and the range set agree through a mixed sequence', () => {
    const all: Hit[] = [];
    for (let i = 0; i < 5; i++) {
      const h = hit(i, [i % 2 ? b : c], 0, 1);
      all.push(h);
      layer.add(h);
    }
    expect(layer.size).toBe(5);
    layer.clearOwnedBy(b);
    expect(layer.size).toBe(3);
    expect(ranges.size).toBe(3);
    expect([...layer.hits()].map((h) => h.term).sort()).toEqual([0, 2, 4]);
  });
});
