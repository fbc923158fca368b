import { withStarts } from '../../lib/shared/match/match-starts';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { HighlightLayer, type Hit } from '../../lib/page/highlight/layer';
import { matchFlow, matchText, WINDOW } from '../../lib/page/match/flow-matcher';
import { buildMatcher } from '../../lib/page/match/load';
import { planRescan } from '../../lib/page/scan/mutations';
import { Scanner, type ScannerOptions } from '../../lib/page/scan/scanner';
import { FlowWalker } from '../../lib/page/text/flows';
import { pageMatcherData } from '../../lib/shared/glossary/page-matcher';

const ENTRY_IDS = ['nqpf', 'hqd', 'hqd-slogan', 'industry', 'nqpf-en'];
const matcher = buildMatcher(
  pageMatcherData(
    withStarts({
      fold: '質质產产',
      patterns: [
        ['新质生产力', 0],
        ['高质量发展', 1],
        ['高质量发展是新时代的硬道理', 2],
        ['产业', 3],
        ['new productive forces', 4],
      ],
    }),
  ),
);

interface PlainRange {
  startContainer: Text;
  startOffset: number;
  endContainer: Text;
  endOffset: number;
}

/** A clock that advances `step` ms every time it is read. */
function clock(step: number) {
  let t = 0;
  const now = () => {
    const v = t;
    t += step;
    return v;
  };
  return now;
}

function setup(opts: Partial<ScannerOptions> = {}) {
  const ranges = new Set<AbstractRange>();
  const layer = new HighlightLayer(ranges);
  let yields = 0;
  const scanner = new Scanner(document, matcher, layer, {
    yieldToPage: () => {
      yields++;
      return Promise.resolve();
    },
    now: clock(0),
    makeRange: (startContainer, startOffset, endContainer, endOffset) =>
      ({
        startContainer,
        startOffset,
        endContainer,
        endOffset,
      }) as unknown as AbstractRange,
    ...opts,
  });
  return { scanner, layer, ranges, yields: () => yields };
}

/** The text a range covers, walking the hit's nodes. */
function textOf(hit: Hit): string {
  const r = hit.range as unknown as PlainRange;
  const nodes = hit.nodes ?? [r.startContainer];
  return nodes
    .map((n, i) => {
      const from = i === 0 ? r.startOffset : 0;
      const to = i === nodes.length - 1 ? r.endOffset : n.data.length;
      return n.data.slice(from, to);
    })
    .join('');
}

/** Painted matches as [covered text, entry id], in document order of their first node. */
function painted(layer: HighlightLayer): [string, string][] {
  const hits = [...layer.hits()];
  hits.sort((a, b) => {
    const ra = a.range as unknown as PlainRange;
    const rb = b.range as unknown as PlainRange;
    if (ra.startContainer === rb.startContainer) return ra.startOffset - rb.startOffset;
    return ra.startContainer.compareDocumentPosition(rb.startContainer) &
      Node.DOCUMENT_POSITION_FOLLOWING
      ? -1
      : 1;
  });
  return hits.map((h) => [textOf(h), ENTRY_IDS[h.term]!]);
}

/** Every range in the set belongs to exactly one hit of the layer, and vice versa. */
function expectConsistent(layer: HighlightLayer, ranges: Set<AbstractRange>) {
  const hitRanges = [...layer.hits()].map((h) => h.range);
  expect(new Set(hitRanges).size).toBe(hitRanges.length);
  expect(ranges.size).toBe(layer.size);
  expect(new Set(hitRanges)).toEqual(ranges);
}

/** Mutates the page, then plans and runs the re-scan the way the content script does. */
async function mutateAndRescan(
  s: ReturnType<typeof setup>,
  mutate: () => void,
): Promise<ReturnType<typeof planRescan>> {
  const observer = new MutationObserver(() => {});
  observer.observe(document.body, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['hidden', 'class', 'style', 'contenteditable', 'open'],
  });
  mutate();
  const plan = planRescan(observer.takeRecords(), (n) => n.nodeName === 'POLICY-LENS-UI');
  observer.disconnect();
  if (plan.removals) s.layer.sweepDisconnected();
  if (plan.full) await s.scanner.scanDocument();
  else await s.scanner.enqueue(plan.regions);
  return plan;
}

const PAGE = [
  '<h1>加快发展新质生产力</h1>',
  '<p id="p1">发展<b>新质</b>生产力是推动<a href="#">高质量发展</a>的内在要求。</p>',
  '<p id="p2">高质量发展是新时代的硬道理。</p>',
  '<p id="p3">推动产\n业深度转型升级，發展新質生產力。</p>',
  '<p>The new\n<i>productive</i> forces; renew productive forces.</p>',
  '<textarea>新质生产力</textarea><script>"新质生产力"</script><pre>高质量发展</pre>',
  '<div hidden><p>新质生产力</p></div><policy-lens-ui>新质生产力</policy-lens-ui>',
].join('');

const PAGE_EXPECTED: [string, string][] = [
  ['新质生产力', 'nqpf'],
  ['新质生产力', 'nqpf'],
  ['高质量发展', 'hqd'],
  ['高质量发展是新时代的硬道理', 'hqd-slogan'],
  ['产\n业', 'industry'],
  ['新質生產力', 'nqpf'],
  ['new\nproductive forces', 'nqpf-en'],
];

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('Scanner.scanDocument', () => {
  it('finds the expected ranges, each covering exactly the matched characters', async () => {
    document.body.innerHTML = PAGE;
    const s = setup();
    await s.scanner.scanDocument();
    expect(painted(s.layer)).toEqual(PAGE_EXPECTED);
    expectConsistent(s.layer, s.ranges);
    expect(s.scanner.busy).toBe(false);
  });

  it('with the text matched ahead, finds the same ranges, even where the page changed since', async () => {
    const pages = [
      PAGE,
      // Paragraphs in source indentation, as articles are: their flows read the matches ahead.
      ['<p>发展新质生产力是推动高质量发展的内在要求。</p>', '<p>高质量发展是新时代的硬道理。</p>']
        .map((p) => `\n      ${p}`)
        .join(''),
      // Terms across blocks, a letter beside an English flow, zero-width units.
      '<p>新质</p><p>生产力</p><div>a<p>new productive forces</p>\u200b</div><p>x\u200bnew productive forces</p>',
    ];
    for (const html of pages) {
      document.body.innerHTML = html;
      const plain = setup();
      await plain.scanner.scanDocument();
      const want = painted(plain.layer);
      const changes = [
        () => {},
        () => document.body.insertAdjacentHTML('afterbegin', '<p>新质生产力</p>'),
        () => document.querySelector('p')?.append('生产力'),
      ];
      for (const [i, change] of changes.entries()) {
        document.body.innerHTML = html;
        const ahead = matchText(matcher, document.body.textContent ?? '');
        expect(ahead).not.toBeNull();
        change();
        const fresh = setup();
        await fresh.scanner.scanDocument(true, ahead);
        const again = setup();
        await again.scanner.scanDocument();
        expect(painted(fresh.layer)).toEqual(painted(again.layer));
        expectConsistent(fresh.layer, fresh.ranges);
        if (i === 0) expect(painted(fresh.layer)).toEqual(want);
      }
    }
  });

  it('a match across inline tags spans their text nodes', async () => {
    document.body.innerHTML = '<p>发展<b>新质</b>生产力</p>';
    const s = setup();
    await s.scanner.scanDocument();
    const [hit] = [...s.layer.hits()];
    const r = hit!.range as unknown as PlainRange;
    const p = document.querySelector('p')!;
    expect(hit!.nodes).toEqual([p.querySelector('b')!.firstChild, p.lastChild]);
    expect(r).toEqual({
      startContainer: p.querySelector('b')!.firstChild,
      startOffset: 0,
      endContainer: p.lastChild,
      endOffset: 3,
    });
  });

  it('fills the scan stats of the first full scan', async () => {
    document.body.innerHTML = '<p>新质<b>生产力</b></p><p>ab</p><script>x</script>';
    const s = setup({ now: clock(1) });
    await s.scanner.scanDocument();
    expect(s.scanner.stats).toMatchObject({ chars: 7, textNodes: 3 });
    expect(s.scanner.stats.slices).toBeGreaterThanOrEqual(1);
    expect(s.scanner.stats.ms).toBeGreaterThan(0);
    expect(s.scanner.stats.busyMs).toBeGreaterThan(0);
  });

  it('does not paint text whose element is not visible', async () => {
    document.body.innerHTML = '<p class="off">新质生产力</p><p>高质量发展</p>';
    const s = setup({ isVisible: (el) => !el.classList.contains('off') });
    await s.scanner.scanDocument();
    expect(painted(s.layer)).toEqual([['高质量发展', 'hqd']]);
  });

  it('a second scanDocument gives the same ranges, no duplicates', async () => {
    document.body.innerHTML = PAGE;
    const s = setup();
    await s.scanner.scanDocument();
    await s.scanner.scanDocument();
    expect(painted(s.layer)).toEqual(PAGE_EXPECTED);
    expectConsistent(s.layer, s.ranges);
  });

  it('terms switched off are not painted but still shadow the shorter terms inside them', async () => {
    document.body.innerHTML = '<p>高质量发展是新时代的硬道理，推动高质量发展。</p>';
    const s = setup({ acceptTerm: (t) => ENTRY_IDS[t] !== 'hqd-slogan' });
    await s.scanner.scanDocument();
    const hits = [...s.layer.hits()].map((h) => (h.range as unknown as PlainRange).startOffset);
    expect(painted(s.layer)).toEqual([['高质量发展', 'hqd']]);
    expect(hits).toEqual([16]);
  });

  it('calls onIdle when the queue is drained', async () => {
    document.body.innerHTML = '<p>新质生产力</p>';
    let idle = 0;
    const s = setup({ onIdle: () => idle++ });
    await s.scanner.scanDocument();
    expect(idle).toBe(1);
    await s.scanner.idle();
    expect(idle).toBe(1);
  });

  it('matches flows longer than WINDOW, including across window edges', async () => {
    const filler = (n: number) => '的'.repeat(n);
    const text =
      filler(WINDOW - 2) + '新质生产力' + filler(WINDOW - 5) + '高质量发展' + filler(100);
    document.body.innerHTML = '<p></p>';
    document.querySelector('p')!.textContent = text;
    const s = setup();
    await s.scanner.scanDocument();
    const ranges = [...s.layer.hits()].map((h) => h.range as unknown as PlainRange);
    expect(ranges.map((r) => [r.startOffset, r.endOffset])).toEqual([
      [WINDOW - 2, WINDOW + 3],
      [2 * WINDOW - 2, 2 * WINDOW + 3],
    ]);
  });
});

describe('Scanner: a page without terms is not walked', () => {
  it.each([
    ['no term at all', '<p>今天天气很好。</p><p>明天<b>也</b>好。</p>', 0, true],
    ['a term', '<p>今天</p><p>发展<b>新质</b>生产力</p>', 1, false],
    ['a term split by an excluded inline element', '<p>新质<kbd>x</kbd>生产力</p>', 1, false],
    ['a term across two paragraphs: walked, not found', '<p>新质</p><p>生产力</p>', 0, false],
    [
      'English after a letter of the previous paragraph',
      '<p>2A</p><p>new productive forces</p>',
      1,
      false,
    ],
  ] as const)('%s', async (_name, html, found, skipped) => {
    document.body.innerHTML = html;
    const s = setup();
    await s.scanner.scanDocument();
    expect(s.layer.size).toBe(found);
    expect(s.scanner.stats.walkSkipped).toBe(skipped);
  });

  it('walks at once when the caller already found that a term may occur', async () => {
    document.body.innerHTML = '<p>今天天气很好。</p><p>发展新质生产力</p>';
    const s = setup();
    await s.scanner.scanDocument(true);
    expect(s.scanner.stats).toMatchObject({ walkSkipped: false, textNodes: 2 });
    expect(s.layer.size).toBe(1);
  });

  it('reports the characters it read, and no text nodes', async () => {
    document.body.innerHTML = '<p>今天天气很好。</p><script>x</script>';
    const s = setup();
    await s.scanner.scanDocument();
    expect(s.scanner.stats).toMatchObject({ walkSkipped: true, chars: 8, textNodes: 0 });
  });

  it('a page that had no terms gets its later terms (mutations are walked)', async () => {
    document.body.innerHTML = '<p>今天天气很好。</p>';
    const s = setup();
    await s.scanner.scanDocument();
    await mutateAndRescan(s, () => {
      document.body.insertAdjacentHTML('beforeend', '<p>高质量发展</p>');
    });
    expect(painted(s.layer)).toEqual([['高质量发展', 'hqd']]);
  });

  // Random pages: the scan finds exactly what walking every flow finds.
  const PIECES = [
    '新质',
    '生产力',
    '新质生产力',
    '高质量',
    '发展',
    'new',
    'productive forces',
    'x',
    ' ',
  ];
  const TAGS = ['p', 'div', 'b', 'span', 'kbd', 'script', 'span hidden', 'div hidden', 'br'];
  const html = fc
    .array(
      fc.oneof(
        fc.constantFrom(...PIECES),
        fc
          .tuple(fc.constantFrom(...TAGS), fc.array(fc.constantFrom(...PIECES), { maxLength: 3 }))
          .map(([tag, inner]) => {
            const [name, attr] = tag.split(' ');
            return `<${name}${attr ? ' ' + attr : ''}>${inner.join('')}</${name}>`;
          }),
      ),
      { maxLength: 8 },
    )
    .map((parts) => parts.join(''));

  it('finds what walking every flow finds (random pages)', async () => {
    await fc.assert(
      fc.asyncProperty(html, async (page) => {
        document.body.innerHTML = page;
        const expected: string[] = [];
        const w = new FlowWalker(document, { first: document.body, last: document.body });
        for (let f = w.next(); f; f = w.next()) {
          for (const m of matchFlow(matcher, f)) expected.push(f.text.slice(m.start, m.end));
        }
        const s = setup();
        await s.scanner.scanDocument();
        expect(painted(s.layer).map(([text]) => text)).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });
});

describe('Scanner in slices', () => {
  it('a small sliceMs with a clock that advances per call finishes with the same result', async () => {
    document.body.innerHTML = PAGE.repeat(5);
    const once = setup();
    await once.scanner.scanDocument();
    const expected = painted(once.layer);

    document.body.innerHTML = PAGE.repeat(5);
    const sliced = setup({ sliceMs: 2, now: clock(1) });
    await sliced.scanner.scanDocument();

    expect(painted(sliced.layer)).toEqual(expected);
    expect(painted(sliced.layer)).toHaveLength(PAGE_EXPECTED.length * 5);
    expectConsistent(sliced.layer, sliced.ranges);
    expect(sliced.scanner.stats.slices).toBeGreaterThan(5);
    expect(sliced.yields()).toBeGreaterThanOrEqual(sliced.scanner.stats.slices - 1);
    expect(once.yields()).toBe(0);
    expect(once.scanner.stats.slices).toBe(1);
  });

  it('a long flow is matched window by window across slices', async () => {
    const text = ('新质生产力' + '的'.repeat(997)).repeat(100);
    document.body.innerHTML = '<p></p>';
    document.querySelector('p')!.textContent = text;
    const s = setup({ sliceMs: 1, now: clock(1) });
    await s.scanner.scanDocument();
    expect(s.layer.size).toBe(100);
    expect(s.scanner.stats.slices).toBeGreaterThan(1);
  });

  it('busy while running, idle() resolves when done', async () => {
    document.body.innerHTML = PAGE.repeat(3);
    const s = setup({ sliceMs: 1, now: clock(1) });
    const done = s.scanner.scanDocument();
    expect(s.scanner.busy).toBe(true);
    const idle = s.scanner.idle();
    await done;
    await idle;
    expect(s.scanner.busy).toBe(false);
    expect(s.layer.size).toBe(PAGE_EXPECTED.length * 3);
  });

  it('regions enqueued while a scan runs are done in the same run', async () => {
    document.body.innerHTML = PAGE + '<div id="late"></div>';
    const s = setup({ sliceMs: 1, now: clock(1) });
    const first = s.scanner.scanDocument();
    const late = document.getElementById('late')!;
    late.innerHTML = '<p>产业</p>';
    const second = s.scanner.enqueue([{ first: late, last: late }]);
    expect(second).toBe(first);
    await second;
    // The full scan may also have reached #late: either way, one range for 产业.
    expect(painted(s.layer).filter(([t]) => t === '产业')).toHaveLength(1);
    expectConsistent(s.layer, s.ranges);
  });
});

describe('Scanner slice lengths', () => {
  /** Slice lengths in clock ticks: the clock advances 1 ms per read. */
  async function sliceCount(opts: Partial<ScannerOptions>) {
    document.body.innerHTML = PAGE.repeat(40);
    const ends: boolean[] = [];
    const s = setup({ now: clock(1), afterSlice: (more) => ends.push(more), ...opts });
    await s.scanner.scanDocument();
    expect(s.layer.size).toBe(PAGE_EXPECTED.length * 40);
    // afterSlice runs once per slice, and says `false` only after the last one.
    expect(ends).toHaveLength(s.scanner.stats.slices);
    expect(ends.indexOf(false)).toBe(ends.length - 1);
    return s.scanner.stats.slices;
  }

  it('goes on to longSliceMs while no input is pending, and stops at sliceMs when some is', async () => {
    const short = await sliceCount({ sliceMs: 4, longSliceMs: 40, inputPending: () => true });
    const long = await sliceCount({ sliceMs: 4, longSliceMs: 40, inputPending: () => false });
    const none = await sliceCount({ sliceMs: 4, longSliceMs: 40 });
    expect(long).toBeLessThan(short);
    // Without isInputPending there is no way to know: slices stay short.
    expect(none).toBe(short);
  });

  it('the first slice of a run may be longer (firstSliceMs)', async () => {
    const plain = await sliceCount({ sliceMs: 4 });
    const first = await sliceCount({ sliceMs: 4, firstSliceMs: 400 });
    expect(first).toBe(1);
    expect(plain).toBeGreaterThan(1);
  });
});

describe('Scanner re-scans', () => {
  it('a changed paragraph: its ranges are replaced, no duplicates', async () => {
    document.body.innerHTML = PAGE;
    const s = setup();
    await s.scanner.scanDocument();
    const p2 = document.getElementById('p2')!;
    const plan = await mutateAndRescan(s, () => {
      p2.textContent = '新质生产力和高质量发展';
    });
    expect(plan.regions.length).toBe(1);
    const expected = [...PAGE_EXPECTED];
    expected.splice(3, 1, ['新质生产力', 'nqpf'], ['高质量发展', 'hqd']);
    expect(painted(s.layer)).toEqual(expected);
    expectConsistent(s.layer, s.ranges);
  });

  it('text changed inside an inline element: the flow is re-matched as a whole', async () => {
    document.body.innerHTML = '<p>发展<b>新质</b>生产力</p>';
    const s = setup();
    await s.scanner.scanDocument();
    expect(painted(s.layer)).toEqual([['新质生产力', 'nqpf']]);
    const b = document.querySelector('b')!;
    await mutateAndRescan(s, () => {
      (b.firstChild as Text).data = '新';
    });
    expect(painted(s.layer)).toEqual([]);
    await mutateAndRescan(s, () => {
      (b.firstChild as Text).data = '高质量发展和新质';
    });
    expect(painted(s.layer)).toEqual([
      ['高质量发展', 'hqd'],
      ['新质生产力', 'nqpf'],
    ]);
    expectConsistent(s.layer, s.ranges);
  });

  it('re-scanning an unchanged region does not add duplicates', async () => {
    document.body.innerHTML = PAGE;
    const s = setup();
    await s.scanner.scanDocument();
    const p1 = document.getElementById('p1')!;
    await s.scanner.enqueue([{ first: p1, last: p1 }]);
    await s.scanner.enqueue([{ first: p1, last: p1 }]);
    expect(painted(s.layer)).toEqual(PAGE_EXPECTED);
    expectConsistent(s.layer, s.ranges);
  });

  it('an inline element that becomes hidden splits the match', async () => {
    document.body.innerHTML = '<p>发展<span>新质</span>生产力</p>';
    const s = setup();
    await s.scanner.scanDocument();
    await mutateAndRescan(s, () => document.querySelector('span')!.setAttribute('hidden', ''));
    expect(painted(s.layer)).toEqual([]);
    expectConsistent(s.layer, s.ranges);
  });

  it('an article that becomes contenteditable loses its ranges', async () => {
    // An in-page editor switching on: editable text is never scanned, nor left painted.
    document.body.innerHTML = '<article><p>新质生产力</p></article><p>高质量发展</p>';
    const s = setup();
    await s.scanner.scanDocument();
    await mutateAndRescan(s, () => {
      document.querySelector('article')!.setAttribute('contenteditable', 'true');
    });
    expect(painted(s.layer)).toEqual([['高质量发展', 'hqd']]);
    expectConsistent(s.layer, s.ranges);
  });

  it('a matched text node whose text becomes only spaces loses its range', async () => {
    document.body.innerHTML = '<p id="p">新质生产力</p><p>高质量发展</p>';
    const s = setup();
    await s.scanner.scanDocument();
    await mutateAndRescan(s, () => {
      (document.getElementById('p')!.firstChild as Text).data = '  ';
    });
    expect(painted(s.layer)).toEqual([['高质量发展', 'hqd']]);
    expectConsistent(s.layer, s.ranges);
  });

  it('a removed paragraph: its ranges are swept', async () => {
    document.body.innerHTML = PAGE;
    const s = setup();
    await s.scanner.scanDocument();
    const plan = await mutateAndRescan(s, () => document.getElementById('p1')!.remove());
    expect(plan.removals).toBe(true);
    expect(painted(s.layer)).toEqual([PAGE_EXPECTED[0], ...PAGE_EXPECTED.slice(3)]);
    expectConsistent(s.layer, s.ranges);
  });

  it('an inline element removed from a match: the rest is re-matched', async () => {
    document.body.innerHTML = '<p>新质<b>生产力</b>和高<i>质量</i>发展</p>';
    const s = setup();
    await s.scanner.scanDocument();
    expect(painted(s.layer)).toEqual([
      ['新质生产力', 'nqpf'],
      ['高质量发展', 'hqd'],
    ]);
    await mutateAndRescan(s, () => document.querySelector('b')!.remove());
    expect(painted(s.layer)).toEqual([['高质量发展', 'hqd']]);
    expectConsistent(s.layer, s.ranges);
  });

  it('a paragraph appended later is scanned', async () => {
    document.body.innerHTML = PAGE;
    const s = setup();
    await s.scanner.scanDocument();
    await mutateAndRescan(s, () => {
      const p = document.createElement('p');
      p.innerHTML = '推动<em>产业</em>升级';
      document.body.append(p);
    });
    expect(painted(s.layer)).toEqual([...PAGE_EXPECTED, ['产业', 'industry']]);
    expectConsistent(s.layer, s.ranges);
  });

  it('a re-scan does not paint the text of an HTML comment (framework anchors)', async () => {
    document.body.innerHTML = '<p><!--新质生产力-->加快<b>发展</b></p>';
    const s = setup();
    await s.scanner.scanDocument();
    expect(painted(s.layer)).toEqual([]);
    await mutateAndRescan(s, () => {
      (document.querySelector('b')!.firstChild as Text).data = '推动';
    });
    expect(painted(s.layer)).toEqual([]);
    for (const h of s.layer.hits()) for (const n of h.nodes ?? []) expect(n.nodeType).toBe(3);
  });

  it('a disconnected region is skipped', async () => {
    document.body.innerHTML = '<p id="x">新质生产力</p>';
    const s = setup();
    const p = document.getElementById('x')!;
    p.remove();
    await s.scanner.enqueue([{ first: p, last: p }]);
    expect(s.layer.size).toBe(0);
  });

  it('more than 1000 records: a full re-scan with the same result', async () => {
    document.body.innerHTML = PAGE + '<div id="d"></div>';
    const s = setup();
    await s.scanner.scanDocument();
    const plan = await mutateAndRescan(s, () => {
      const d = document.getElementById('d')!;
      for (let i = 0; i < 1001; i++) d.append(document.createElement('span'));
      d.append('新质生产力');
    });
    expect(plan.full).toBe(true);
    expect(painted(s.layer)).toEqual([...PAGE_EXPECTED, ['新质生产力', 'nqpf']]);
    expectConsistent(s.layer, s.ranges);
  });
});
