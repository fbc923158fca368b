import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  blockOf,
  FlowWalker,
  flowsInTextContent,
  insideExcluded,
  isBlockElement,
  isExcludedElement,
  locate,
  type Flow,
  type Region,
} from '../../lib/page/text/flows';

function setBody(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

function flowsOf(region: Region, onSkip?: (el: Element) => void): Flow[] {
  const w = new FlowWalker(document, region, onSkip);
  const out: Flow[] = [];
  for (let f = w.next(); f; f = w.next()) out.push(f);
  expect(w.done).toBe(true);
  expect(w.next()).toBeNull();
  return out;
}

const texts = (region: Region) => flowsOf(region).map((f) => f.text);
const whole = (): Region => ({ first: document.body, last: document.body });

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('FlowWalker: flows cross inline tags and split at blocks', () => {
  it.each([
    ['inline tag inside a paragraph', '<p>新质<b>生产力</b></p>', ['新质生产力']],
    [
      'nested inline tags',
      '<p><a href="#">新<span>质<em>生</em></span>产</a>力</p>',
      ['新质生产力'],
    ],
    ['line break element', '<p>新质<br>生产力</p>', ['新质生产力']],
    ['source line break in text', '<p>产\n业深度转型升级</p>', ['产\n业深度转型升级']],
    ['two paragraphs', '<p>新质</p><p>生产力</p>', ['新质', '生产力']],
    [
      'indentation between blocks starts no flow',
      '<div>\n  <p>新质</p>\n  <p>生产力</p>\n</div>',
      ['新质', '生产力'],
    ],
    ['indentation before inline text is left out', '<p>\n  <b>新质</b>生产力</p>', ['新质生产力']],
    ['whitespace inside a flow is kept', '<p>high<b> </b>\nquality \n</p>', ['high \nquality \n']],
    ['text around a nested block', '<div>A<p>B</p>C</div>', ['A', 'B', 'C']],
    [
      'inline text around a nested block inside a span',
      '<div>A<span>B<p>C</p>D</span>E</div>',
      ['AB', 'C', 'DE'],
    ],
    [
      'headings and list items',
      '<h1>T</h1><ul><li>A</li><li>B<b>b</b></li></ul>',
      ['T', 'A', 'Bb'],
    ],
    [
      'table cells',
      '<table><tbody><tr><td>A</td><td>B</td></tr><tr><th>C</th></tr></tbody></table>',
      ['A', 'B', 'C'],
    ],
    ['unknown tags are blocks', '<p>A<x-card>B</x-card>C</p>', ['A', 'B', 'C']],
    ['comments are skipped', '<p>新质<!--注释-->生产力</p>', ['新质生产力']],
    [
      'empty text nodes and elements do not split',
      '<p>新质<i></i><b></b>生产力</p>',
      ['新质生产力'],
    ],
    ['no text at all', '<div><p></p></div>', []],
    ['deeply nested blocks', '<div><div><p>A</p></div>B</div>', ['A', 'B']],
    [
      'runs between sibling and nested blocks',
      '<div>A<p>B</p><p>C</p>D<section><p>E</p>F</section>G</div>',
      ['A', 'B', 'C', 'D', 'E', 'F', 'G'],
    ],
    [
      'inline elements wrapping blocks',
      '<div><span>A<div>B</div><b>C<p>D</p></b>E</span></div>',
      ['A', 'B', 'C', 'D', 'E'],
    ],
    [
      'an excluded block splits, an excluded inline does not',
      '<p>A<kbd>k</kbd>B<pre>c</pre>C</p>',
      ['AB', 'C'],
    ],
  ])('%s', (_name, html, expected) => {
    setBody(html);
    expect(texts(whole())).toEqual(expected);
  });

  it('flow nodes and starts describe the text', () => {
    setBody('<p>新质<b>生产</b><i></i>力</p>');
    const [flow] = flowsOf(whole());
    expect(flow!.nodes.map((n) => n.data)).toEqual(['新质', '生产', '力']);
    expect(flow!.starts).toEqual([0, 2, 4]);
    expect(flow!.text).toBe('新质生产力');
  });

  it('counts text nodes and characters', () => {
    setBody('<p>新质<b>生产力</b></p><p>ab</p><script>var x;</script>');
    const w = new FlowWalker(document, whole());
    while (w.next());
    expect([w.textNodes, w.chars]).toEqual([3, 7]);
  });

  it('hands out flows one at a time and can be resumed', () => {
    setBody('<p>A</p><p>B</p><p>C</p>');
    const w = new FlowWalker(document, whole());
    expect(w.next()?.text).toBe('A');
    expect(w.done).toBe(false);
    expect(w.next()?.text).toBe('B');
    expect(w.next()?.text).toBe('C');
    expect(w.next()).toBeNull();
    expect(w.done).toBe(true);
  });
});

describe('FlowWalker: excluded elements contribute no text', () => {
  it.each([
    ['script', '<script>秘密</script>'],
    ['style', '<style>秘密{}</style>'],
    ['textarea', '<textarea>秘密</textarea>'],
    ['input', '<input value="秘密">'],
    ['code', '<code>秘密</code>'],
    ['pre', '<pre>秘密</pre>'],
    ['noscript', '<noscript>秘密</noscript>'],
    ['template', '<template>秘密</template>'],
    ['select', '<select><option>秘密</option></select>'],
    ['button', '<button>秘密</button>'],
    ['[hidden] span', '<span hidden>秘密</span>'],
    ['[hidden] div', '<div hidden><p>秘密</p></div>'],
    ['contenteditable', '<div contenteditable>秘密</div>'],
    ['contenteditable=true', '<span contenteditable="true">秘密</span>'],
    ['contenteditable=plaintext-only', '<div contenteditable="plaintext-only">秘密</div>'],
    ['policy-lens-ui', '<policy-lens-ui>秘密</policy-lens-ui>'],
    ['svg', '<svg><text>秘密</text></svg>'],
    ['ruby annotation', '<ruby>前<rt>秘密</rt></ruby>'],
  ])('%s', (_name, inner) => {
    setBody(`<p>前${inner}后</p><div>${inner}</div>`);
    const skipped: string[] = [];
    const flows = flowsOf(whole(), (el) => skipped.push(el.localName));
    const all = flows.map((f) => f.text).join('|');
    expect(all).not.toContain('秘密');
    expect(all.replace(/\|/g, '')).toMatch(/^前[前后]*后[前后]*$/);
    expect(skipped.length).toBeGreaterThanOrEqual(2);
    for (const f of flows) for (const n of f.nodes) expect(insideExcluded(n)).toBe(false);
  });

  it('contenteditable="false" is scanned', () => {
    setBody('<div contenteditable="false">新质生产力</div>');
    expect(texts(whole())).toEqual(['新质生产力']);
  });

  it('inline excluded elements do not split the flow around them', () => {
    setBody('<p>新质<span hidden>隐藏</span>生产力</p>');
    expect(texts(whole())).toEqual(['新质生产力']);
  });

  it('text inside an open shadow root of the page is not walked from the light tree', () => {
    setBody('<p>新质</p><div id="host"></div>');
    const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<p>秘密</p>';
    expect(texts(whole())).toEqual(['新质']);
    expect(insideExcluded(root.firstChild!.firstChild!)).toBe(true);
  });

  it('a region that is itself excluded gives no flows and reports the skip', () => {
    setBody('<textarea>新质生产力</textarea>');
    const ta = document.querySelector('textarea')!;
    const skipped: Element[] = [];
    expect(flowsOf({ first: ta, last: ta }, (el) => skipped.push(el))).toEqual([]);
    expect(skipped).toEqual([ta]);
  });
});

describe('FlowWalker over a region', () => {
  it('a single block element: only its subtree', () => {
    setBody('<p>A</p><p id="x">新质<b>生产力</b></p><p>C</p>');
    const p = document.getElementById('x')!;
    expect(texts({ first: p, last: p })).toEqual(['新质生产力']);
  });

  it('a run of siblings: from first to last only', () => {
    setBody('<div><p>A</p>新质<b>生产力</b>。<p>C</p></div>');
    const div = document.querySelector('div')!;
    const nodes = [...div.childNodes];
    expect(texts({ first: nodes[1]!, last: nodes[3]! })).toEqual(['新质生产力。']);
    expect(texts({ first: nodes[1]!, last: nodes[2]! })).toEqual(['新质生产力']);
  });

  it('a single text node', () => {
    setBody('<p>新质<b>生产力</b></p>');
    const t = document.querySelector('p')!.firstChild!;
    expect(texts({ first: t, last: t })).toEqual(['新质']);
  });

  it('a run that starts with a comment node gives only the text of the run', () => {
    // Frameworks leave comment anchors (<!--v-if-->, <!-- react-text -->) in paragraphs; the
    // inline run of regionAround() starts at such a comment when it is the first child.
    setBody('<p><!--注释-->新质<b>生产力</b></p>');
    const p = document.querySelector('p')!;
    const nodes = [...p.childNodes];
    const flows = flowsOf({ first: nodes[0]!, last: nodes[2]! });
    expect(flows.map((f) => f.text)).toEqual(['新质生产力']);
    for (const f of flows) for (const n of f.nodes) expect(n.nodeType).toBe(Node.TEXT_NODE);
  });
});

describe('FlowWalker: property against a reference over random trees', () => {
  // Trees built with the DOM API (no parser fix-ups): blocks, inline elements, excluded blocks
  // and inlines, comments, text (including empty text).
  type Tree =
    | { kind: 'text'; data: string }
    | { kind: 'comment' }
    | { kind: 'el'; tag: string; children: Tree[] };
  const TAGS = [
    'p',
    'div',
    'li',
    'b',
    'span',
    'a',
    'script',
    'kbd',
    'span hidden',
    'i contenteditable',
  ];
  const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({
        kind: fc.constant('text' as const),
        data: fc.constantFrom('a', 'bc', '', '新', ' ', '\n  '),
      }),
      fc.constant({ kind: 'comment' as const }),
      fc.record({
        kind: fc.constant('el' as const),
        tag: fc.constantFrom(...TAGS),
        children: fc.array(tie('tree'), { maxLength: 4 }),
      }),
    ),
  }));

  function build(t: Tree, parent: Node): void {
    if (t.kind === 'text') parent.appendChild(document.createTextNode(t.data));
    else if (t.kind === 'comment') parent.appendChild(document.createComment('c'));
    else {
      const [tag, attr] = t.tag.split(' ');
      const el = document.createElement(tag!);
      if (attr) el.setAttribute(attr, '');
      parent.appendChild(el);
      for (const c of t.children) build(c, el);
    }
  }

  /** Document order tokens: text nodes, and a break at every block boundary. */
  function reference(root: Node): string[][] {
    const groups: Text[][] = [[]];
    const brk = () => groups.push([]);
    const visit = (n: Node) => {
      if (n.nodeType === Node.TEXT_NODE) groups[groups.length - 1]!.push(n as Text);
      if (n.nodeType !== Node.ELEMENT_NODE) return;
      const el = n as Element;
      const block = isBlockElement(el);
      if (isExcludedElement(el)) {
        if (block) brk();
        return;
      }
      if (block) brk();
      el.childNodes.forEach(visit);
      if (block) brk();
    };
    root.childNodes.forEach(visit);
    // A flow does not start with indentation (nor an empty node).
    const indent = (t: Text) => /^[ \n\t\r]*$/.test(t.data);
    return groups
      .map((g) =>
        g.slice(
          Math.max(
            0,
            g.findIndex((t) => !indent(t)),
          ),
        ),
      )
      .filter((g) => g.length > 0 && !g.every(indent))
      .map((g) => g.map((t) => t.data));
  }

  it('flows are the runs of text between block boundaries, excluded subtrees left out', () => {
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 5 }), (trees) => {
        document.body.innerHTML = '';
        for (const t of trees) build(t, document.body);
        const got = flowsOf(whole()).map((f) => {
          expect(f.text).toBe(f.nodes.map((n) => n.data).join(''));
          return f.nodes.map((n) => n.data);
        });
        expect(got).toEqual(reference(document.body));
      }),
      { numRuns: 500 },
    );
  });

  it('where flowsInTextContent says so, every flow is a substring of textContent', () => {
    let said = 0;
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 5 }), (trees) => {
        document.body.innerHTML = '';
        for (const t of trees) build(t, document.body);
        if (!flowsInTextContent(document.body)) return;
        said++;
        const all = document.body.textContent ?? '';
        for (const f of flowsOf(whole())) expect(all).toContain(f.text);
      }),
      { numRuns: 500 },
    );
    expect(said).toBeGreaterThan(100);
  });

  it('a region from regionAround-like runs gives the same flows as the whole walk', () => {
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 5 }), fc.nat(), (trees, pick) => {
        document.body.innerHTML = '<div id="r"></div>';
        const r = document.getElementById('r')!;
        for (const t of trees) build(t, r);
        // Every child of #r as a one-node region, then the run of all of them.
        const kids = [...r.childNodes];
        const k = kids[pick % kids.length]!;
        const whole = reference(r);
        const single = flowsOf({ first: k, last: k }).map((f) => f.nodes.map((n) => n.data));
        const container = document.createElement('div');
        const clone = k.cloneNode(true);
        container.appendChild(clone);
        expect(single).toEqual(
          k.nodeType === Node.ELEMENT_NODE && isExcludedElement(k as Element)
            ? []
            : reference(container),
        );
        expect(
          flowsOf({ first: kids[0]!, last: kids[kids.length - 1]! }).map((f) =>
            f.nodes.map((n) => n.data),
          ),
        ).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });
});

describe('flowsInTextContent', () => {
  it.each([
    ['blocks and inline elements', '<p>新质<b>生产力</b></p><div>a<span>b</span></div>', true],
    [
      'excluded blocks (their text lies between flows)',
      '<p>a</p><script>x</script><pre>y</pre>',
      true,
    ],
    ['a hidden or editable block', '<div hidden><p>x</p></div><div contenteditable>y</div>', true],
    ['an excluded inline element inside a flow', '<p>新质<kbd>x</kbd>生产力</p>', false],
    ['a hidden inline element', '<p>新质<span hidden>x</span>生产力</p>', false],
    ['an editable inline element', '<p>新质<b contenteditable="true">x</b>生产力</p>', false],
  ] as const)('%s', (_name, html, expected) => {
    expect(flowsInTextContent(setBody(html))).toBe(expected);
  });
});

describe('blockOf / isBlockElement / isExcludedElement', () => {
  it.each([
    ['<p id="t">x<b>y</b></p>', 'b', 'P'],
    ['<div><span><a id="t">x</a></span></div>', 'a', 'DIV'],
    ['<ul><li><em id="t">x</em></li></ul>', 'em', 'LI'],
    ['<span id="t">x</span>', 'span', 'BODY'],
  ])('blockOf in %s', (html, _tag, block) => {
    setBody(html);
    const t = document.getElementById('t')!;
    expect(blockOf(t.firstChild!)?.nodeName).toBe(block);
    expect(blockOf(t)?.nodeName).toBe(block);
  });

  it('blockOf of a block element is itself, of a detached text null', () => {
    setBody('<p>x</p>');
    const p = document.querySelector('p')!;
    expect(blockOf(p)).toBe(p);
    expect(blockOf(document.createTextNode('x'))).toBeNull();
  });

  it.each([
    ['b', false],
    ['span', false],
    ['a', false],
    ['br', false],
    ['p', true],
    ['div', true],
    ['li', true],
    ['td', true],
    ['section', true],
    ['x-widget', true],
  ])('isBlockElement(<%s>) = %s', (tag, expected) => {
    expect(isBlockElement(document.createElement(tag))).toBe(expected);
  });

  it.each([
    ['<p>', false],
    ['<span>', false],
    ['<script>', true],
    ['<pre>', true],
    ['<policy-lens-ui>', true],
    ['<p hidden>', true],
    ['<p contenteditable>', true],
    ['<p contenteditable="false">', false],
  ])('isExcludedElement(%s) = %s', (html, expected) => {
    setBody(html);
    expect(isExcludedElement(document.body.firstElementChild!)).toBe(expected);
  });
});

describe('locate', () => {
  const t = (s: string) => document.createTextNode(s);
  const flow = (...parts: string[]): Flow => {
    const nodes = parts.map(t);
    const starts: number[] = [];
    let n = 0;
    for (const p of parts) {
      starts.push(n);
      n += p.length;
    }
    return { nodes, starts, text: parts.join('') };
  };

  type Case = [
    name: string,
    parts: string[],
    offset: number,
    isEnd: boolean,
    node: number,
    at: number,
  ];
  const CASES: Case[] = [
    ['start of the flow', ['新质', '生产力'], 0, false, 0, 0],
    ['inside the first node', ['新质', '生产力'], 1, false, 0, 1],
    ['a start on a node boundary goes to the next node', ['新质', '生产力'], 2, false, 1, 0],
    ['an end on a node boundary stays in the previous node', ['新质', '生产力'], 2, true, 0, 2],
    ['inside the last node', ['新质', '生产力'], 3, false, 1, 1],
    ['end of the flow', ['新质', '生产力'], 5, true, 1, 3],
    ['a start skips an empty node on the boundary', ['新质', '', '生产力'], 2, false, 2, 0],
    ['an end before an empty node', ['新质', '', '生产力'], 2, true, 0, 2],
    ['a start skips several empty nodes', ['新质', '', '', '生产力'], 2, false, 3, 0],
    ['a leading empty node', ['', '新质'], 0, false, 1, 0],
    ['an end in a flow with a leading empty node', ['', '新质'], 2, true, 1, 2],
    ['a trailing empty node: end stays in text', ['新质', ''], 2, true, 0, 2],
    ['single node', ['新质生产力'], 3, false, 0, 3],
    ['single node end', ['新质生产力'], 5, true, 0, 5],
    ['one-character nodes, start', ['a', 'b', 'c'], 1, false, 1, 0],
    ['one-character nodes, end', ['a', 'b', 'c'], 1, true, 0, 1],
  ];

  it.each(CASES)('%s', (_name, parts, offset, isEnd, node, at) => {
    const f = flow(...parts);
    const r = locate(f, offset, isEnd);
    expect([r.index, r.offset]).toEqual([node, at]);
    expect(r.node).toBe(f.nodes[node]);
  });

  it('maps every offset of a DOM flow back to the character it came from', () => {
    setBody('<p>新<b>质</b><i></i>生<span>产<em>力</em></span>和<a>高质量</a>发展</p>');
    const b = document.querySelector('b')!;
    b.before(document.createTextNode(''));
    b.after(document.createTextNode(''));
    document.querySelector('em')!.append(document.createTextNode(''));
    const [f] = flowsOf(whole());
    expect(f!.nodes.some((n) => n.data === '')).toBe(true);
    expect(f!.text).toBe('新质生产力和高质量发展');
    for (let o = 0; o < f!.text.length; o++) {
      const s = locate(f!, o, false);
      expect(s.node.data[s.offset]).toBe(f!.text[o]);
      const e = locate(f!, o + 1, true);
      expect(e.offset).toBeGreaterThan(0);
      expect(e.node.data[e.offset - 1]).toBe(f!.text[o]);
    }
  });
});
