import { beforeEach, describe, expect, it } from 'vitest';
import {
  FULL_RESCAN_RECORDS,
  planRescan,
  regionAround,
  type MutationPlan,
} from '../../lib/page/scan/mutations';
import { FlowWalker, type Region } from '../../lib/page/text/flows';

const isOwn = (n: Node) => n.nodeName === 'POLICY-LENS-UI';

/** A short, readable name for a node: <p#id>, "text", <!--comment-->. */
function desc(n: Node): string {
  if (n.nodeType === Node.TEXT_NODE) return JSON.stringify((n as Text).data);
  if (n.nodeType === Node.COMMENT_NODE) return `<!--${(n as Comment).data}-->`;
  const el = n as Element;
  return `<${el.localName}${el.id ? '#' + el.id : ''}>`;
}
const regionDesc = (r: Region) => [desc(r.first), desc(r.last)];

/** Runs `mutate` under a real MutationObserver and plans the re-scan of its records. */
function plan(mutate: () => void): MutationPlan & { records: number } {
  const observer = new MutationObserver(() => {});
  observer.observe(document.body, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['hidden', 'class', 'style', 'contenteditable', 'open'],
  });
  mutate();
  const records = observer.takeRecords();
  observer.disconnect();
  return { ...planRescan(records, isOwn), records: records.length };
}

/** The flow texts a region re-scan would see. */
function regionTexts(r: Region): string[] {
  const w = new FlowWalker(document, r);
  const out: string[] = [];
  for (let f = w.next(); f; f = w.next()) out.push(f.text);
  return out;
}

const $ = (sel: string) => document.querySelector(sel)!;

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('planRescan with records from a real MutationObserver', () => {
  type Case = [
    name: string,
    html: string,
    mutate: () => void,
    expected: { regions: string[][]; removals: boolean; texts?: string[][] },
  ];
  const CASES: Case[] = [
    [
      'a paragraph appended to a div: that paragraph',
      '<div id="d"><p>旧</p></div>',
      () => {
        const p = document.createElement('p');
        p.id = 'new';
        p.textContent = '新质生产力';
        $('#d').append(p);
      },
      { regions: [['<p#new>', '<p#new>']], removals: false, texts: [['新质生产力']] },
    ],
    [
      'text changed inside <b>: the whole inline run of the block',
      '<p id="p">加快<b>新质</b>生产力。<span>发展</span></p>',
      () => {
        ($('b').firstChild as Text).data = '发展新质';
      },
      {
        regions: [['"加快"', '<span>']],
        removals: false,
        texts: [['加快发展新质生产力。发展']],
      },
    ],
    [
      'text changed in an inline run between two nested blocks: only that run',
      '<div><p>A</p>一<b>二</b>三<p>B</p>四</div>',
      () => {
        ($('b').firstChild as Text).data = '贰';
      },
      { regions: [['"一"', '"三"']], removals: false, texts: [['一贰三']] },
    ],
    [
      'inline element appended to a paragraph: the run it joined',
      '<p id="p">新质</p>',
      () => {
        const b = document.createElement('b');
        b.textContent = '生产力';
        $('#p').append(b);
      },
      { regions: [['"新质"', '<b>']], removals: false, texts: [['新质生产力']] },
    ],
    [
      'text node appended into a paragraph',
      '<p id="p"><b>新质</b></p>',
      () => {
        $('#p').append(document.createTextNode('生产力'));
      },
      { regions: [['<b>', '"生产力"']], removals: false, texts: [['新质生产力']] },
    ],
    [
      'a block dropped into an inline run: the block and both halves',
      '<div id="d">新质生产力</div>',
      () => {
        const t = $('#d').firstChild as Text;
        const rest = t.splitText(2);
        const p = document.createElement('p');
        p.id = 'mid';
        p.textContent = '和';
        rest.before(p);
      },
      {
        regions: [
          ['"新质"', '"新质"'],
          ['<p#mid>', '<p#mid>'],
          ['"生产力"', '"生产力"'],
        ],
        removals: false,
      },
    ],
    [
      'an inline element removed: what is left of the run, and removals',
      '<p id="p">新质<b>旧</b>生产力</p>',
      () => $('b').remove(),
      { regions: [['"新质"', '"生产力"']], removals: true, texts: [['新质生产力']] },
    ],
    [
      'a block removed between two blocks: nothing to re-scan, only removals',
      '<div id="d"><p>A</p><p id="x">B</p><p>C</p></div>',
      () => $('#x').remove(),
      { regions: [], removals: true },
    ],
    [
      'a block removed between two inline runs: the joined run',
      '<div id="d">新质<p id="x">和</p>生产力</div>',
      () => $('#x').remove(),
      { regions: [['"新质"', '"生产力"']], removals: true, texts: [['新质生产力']] },
    ],
    [
      'hidden removed from a paragraph: that paragraph',
      '<p id="p" hidden>新质生产力</p>',
      () => $('#p').removeAttribute('hidden'),
      { regions: [['<p#p>', '<p#p>']], removals: false, texts: [['新质生产力']] },
    ],
    [
      'hidden added to a paragraph: that paragraph, so its old matches are cleared',
      '<div><p id="p">新质生产力</p></div>',
      () => $('#p').setAttribute('hidden', ''),
      { regions: [['<p#p>', '<p#p>']], removals: false, texts: [[]] },
    ],
    [
      'contenteditable set on an article: the article, so its old matches are cleared',
      '<article id="a"><p>新质生产力</p></article>',
      () => $('#a').setAttribute('contenteditable', 'true'),
      { regions: [['<article#a>', '<article#a>']], removals: false, texts: [[]] },
    ],
    [
      'class changed on an inline element: its run',
      '<p>新质<span id="s">生产力</span></p>',
      () => $('#s').setAttribute('class', 'x'),
      { regions: [['"新质"', '<span#s>']], removals: false },
    ],
    [
      'two changes in one paragraph: one region',
      '<p id="p">新质<b>生产力</b>和<i>高质量</i></p>',
      () => {
        ($('b').firstChild as Text).data = '生产';
        ($('i').firstChild as Text).data = '高质量发展';
      },
      { regions: [['"新质"', '<i>']], removals: false },
    ],
    [
      'textContent replaced: the paragraph’s new run, and removals',
      '<p id="p">旧的</p>',
      () => {
        $('#p').textContent = '新质生产力';
      },
      { regions: [['"新质生产力"', '"新质生产力"']], removals: true },
    ],
    [
      'a node added then removed in the same batch is not re-scanned',
      '<div id="d"></div>',
      () => {
        const p = document.createElement('p');
        $('#d').append(p);
        p.remove();
      },
      { regions: [], removals: true },
    ],
  ];

  it.each(CASES)('%s', (_name, html, mutate, expected) => {
    document.body.innerHTML = html;
    const p = plan(mutate);
    expect(p.full).toBe(false);
    // The order of regions is not a contract; the set of them is.
    const sorted = (rs: string[][]) => rs.map((r) => r.join(' … ')).sort();
    expect(sorted(p.regions.map(regionDesc))).toEqual(sorted(expected.regions));
    expect(p.removals).toBe(expected.removals);
    if (expected.texts) expect(p.regions.map(regionTexts)).toEqual(expected.texts);
  });
});

describe('planRescan ignores our own UI and excluded regions', () => {
  const ignored: [string, string, () => void][] = [
    [
      'the <policy-lens-ui> host added',
      '<p>新质生产力</p>',
      () => document.body.append(document.createElement('policy-lens-ui')),
    ],
    [
      'the host removed',
      '<p>新质生产力</p><policy-lens-ui></policy-lens-ui>',
      () => $('policy-lens-ui').remove(),
    ],
    [
      'an attribute of the host changed',
      '<policy-lens-ui></policy-lens-ui>',
      () => $('policy-lens-ui').setAttribute('style', 'top: 3px'),
    ],
    [
      'a child of the host changed',
      '<policy-lens-ui><div>提示</div></policy-lens-ui>',
      () => $('policy-lens-ui div').append('新质生产力'),
    ],
    [
      'text typed into a textarea (textContent)',
      '<p>x</p><textarea>新</textarea>',
      () => {
        $('textarea').textContent = '新质生产力';
      },
    ],
    [
      'a script’s text changed',
      '<script>var a;</script>',
      () => {
        ($('script').firstChild as Text).data = 'var b;';
      },
    ],
    [
      'a style element added into a style subtree',
      '<style>p{}</style>',
      () => $('style').append(document.createTextNode('b{}')),
    ],
    [
      'text inside a contenteditable region',
      '<div contenteditable><p>新</p></div>',
      () => {
        ($('div p').firstChild as Text).data = '新质生产力';
      },
    ],
    [
      'text inside <code> inside a paragraph',
      '<p>用 <code>x</code></p>',
      () => {
        ($('code').firstChild as Text).data = '新质生产力';
      },
    ],
    [
      'a class changed inside a contenteditable editor',
      '<div contenteditable><p>新<span>质</span></p></div>',
      () => $('span').setAttribute('class', 'bold'),
    ],
    [
      'an attribute changed inside our host',
      '<policy-lens-ui><div>提示</div></policy-lens-ui>',
      () => $('policy-lens-ui div').setAttribute('hidden', ''),
    ],
    [
      'children of a [hidden] element',
      '<div hidden><p>旧</p></div>',
      () => $('div p').append('新质生产力'),
    ],
  ];

  it.each(ignored)('%s', (_name, html, mutate) => {
    document.body.innerHTML = html;
    const p = plan(mutate);
    expect(p.records).toBeGreaterThan(0); // the observer did see it
    expect(p).toMatchObject({ regions: [], removals: false, full: false });
  });

  it('own nodes among other added nodes are skipped, the others kept', () => {
    document.body.innerHTML = '<div id="d"></div>';
    const p = plan(() => {
      const host = document.createElement('policy-lens-ui');
      const para = document.createElement('p');
      para.id = 'x';
      $('#d').append(host, para);
    });
    expect(p.regions.map(regionDesc)).toEqual([['<p#x>', '<p#x>']]);
  });
});

describe('planRescan: too many records', () => {
  it(`more than ${FULL_RESCAN_RECORDS} records: one full re-scan`, () => {
    document.body.innerHTML = '<div id="d"></div>';
    const p = plan(() => {
      const d = $('#d');
      for (let i = 0; i <= FULL_RESCAN_RECORDS; i++) d.append(document.createElement('p'));
    });
    expect(p.records).toBe(FULL_RESCAN_RECORDS + 1);
    expect(p).toMatchObject({ regions: [], full: true, removals: true });
  });

  it(`exactly ${FULL_RESCAN_RECORDS} records: still planned region by region`, () => {
    document.body.innerHTML = '<div id="d"></div>';
    const p = plan(() => {
      const d = $('#d');
      for (let i = 0; i < FULL_RESCAN_RECORDS; i++) d.append(document.createElement('p'));
    });
    expect(p.records).toBe(FULL_RESCAN_RECORDS);
    expect(p.full).toBe(false);
    expect(p.regions).toHaveLength(FULL_RESCAN_RECORDS);
  });
});

describe('planRescan with hand-made records', () => {
  const record = (r: Partial<MutationRecord> & Pick<MutationRecord, 'type' | 'target'>) => ({
    addedNodes: [] as unknown as NodeList,
    removedNodes: [] as unknown as NodeList,
    previousSibling: null,
    nextSibling: null,
    attributeName: null,
    attributeNamespace: null,
    oldValue: null,
    ...r,
  });

  it('records about disconnected nodes give no regions', () => {
    const p = document.createElement('p');
    p.textContent = '新质';
    const plan = planRescan([record({ type: 'characterData', target: p.firstChild! })], isOwn);
    expect(plan.regions).toEqual([]);
  });

  it('a removal of only our own nodes is not a removal', () => {
    document.body.innerHTML = '<p>x</p>';
    const host = document.createElement('policy-lens-ui');
    const plan = planRescan(
      [
        record({
          type: 'childList',
          target: document.body,
          removedNodes: [host] as unknown as NodeList,
          previousSibling: $('p'),
        }),
      ],
      isOwn,
    );
    expect(plan).toEqual({ regions: [], removals: false, full: false });
  });
});

describe('regionAround', () => {
  it.each([
    ['a block element: itself', '<div><p id="t">x</p></div>', '#t', ['<p#t>', '<p#t>']],
    [
      'text in a paragraph: the whole paragraph content',
      '<p id="t">a<b>b</b>c</p>',
      'b',
      ['"a"', '"c"'],
    ],
    [
      'text between nested blocks: the run between them',
      '<div><p>x</p>a<b>b</b>c<p>y</p>d</div>',
      'b',
      ['"a"', '"c"'],
    ],
    [
      'an inline element deep inside: from its top inline ancestor',
      '<p>a<b><i id="t">i</i></b></p>',
      '#t',
      ['"a"', '<b>'],
    ],
  ])('%s', (_name, html, sel, expected) => {
    document.body.innerHTML = html;
    const r = regionAround($(sel))!;
    expect(regionDesc(r)).toEqual(expected);
  });

  it('a detached node has no region', () => {
    expect(regionAround(document.createTextNode('x'))).toBeNull();
  });
});
