import { afterEach, describe, expect, it, vi } from 'vitest';
import { TermsController, type TermsDeps, type TermsModule } from '../../lib/page/content/terms';
import type { TermsEngine, TermsEngineDeps } from '../../lib/page/content/terms-engine';
import type { MatcherData } from '../../lib/shared/glossary/compile';
import { pageMatcherData } from '../../lib/shared/glossary/page-matcher';
import { withStarts } from '../../lib/shared/match/match-starts';
import { DEFAULT_SETTINGS } from '../../lib/shared/settings/settings';
import type { Matcher } from '../../lib/page/match/flow-matcher';

// What every page runs (terms.ts): the check of the page's text, and the engine (page-terms.js)
// loaded only where a term may occur — at once, or when content that may hold one arrives.

const BUNDLED: MatcherData = withStarts({
  fold: '質质',
  entryIds: ['nqpf', 'hqd'],
  categories: ['economy', 'economy'],
  patterns: [
    ['新质生产力', 0],
    ['高质量发展', 1],
  ],
});
const TERMS = pageMatcherData(BUNDLED);
/** The bundled terms and one of the reader's own, merged as the background merges them. */
const CUSTOM: MatcherData = withStarts({
  ...BUNDLED,
  entryIds: [...BUNDLED.entryIds, 'custom-1'],
  categories: [...BUNDLED.categories, 'custom'],
  patterns: [...BUNDLED.patterns, ['数字乡村', 2]],
});

interface Fake {
  deps: TermsEngineDeps;
  applied: number;
  hidden: boolean;
  /** The matchers setTerms was given. */
  matchers: Matcher[];
}

function setup(html: string, host = 'www.people.cn') {
  document.body.innerHTML = html;
  const engines: Fake[] = [];
  const loads = vi.fn((): Promise<TermsModule> =>
    Promise.resolve({
      create: (deps) => {
        const fake: Fake = { deps, applied: 0, hidden: deps.hidden, matchers: [] };
        engines.push(fake);
        // The controller reaches only these members of the engine.
        return {
          apply: () => (fake.applied++, true),
          firstScan: Promise.resolve(),
          layer: { size: 3, hits: () => [] },
          setHidden: (h: boolean) => (fake.hidden = h),
          setTerms: (_data: unknown, m: Matcher) => fake.matchers.push(m),
          idle: () => Promise.resolve(),
          keepHighlight: () => {},
          onScanned: () => {},
        } as unknown as TermsEngine;
      },
    }),
  );
  const terms = controller({ loadEngine: loads }, host);
  return { terms, loads, engines };
}

/** A controller on happy-dom's document, in a window whose location is a page of `host`. */
function controller(
  d: Pick<TermsDeps, 'loadEngine'> & Partial<Pick<TermsDeps, 'isOwn'>>,
  host = 'www.people.cn',
) {
  const win = {
    document,
    location: { hostname: host, href: `http://${host}/a.html` },
  } as unknown as Window & typeof globalThis; // the controller reads only these
  return new TermsController({ win, matcher: TERMS, isOwn: () => false, ...d });
}

const para = (d: Document) => d.querySelector('p')!;
const settle = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the terms on every page', () => {
  it.each([
    ['a page with a term', 1, '<p>发展新质生产力</p>'],
    ['a term across an inline tag', 1, '<p>新质<b>生产力</b></p>'],
    ['a traditional form (folded)', 1, '<p>新質生产力</p>'],
    ['no term', 0, '<p>今天天气很好，我们去公园散步。</p>'],
    ['a near miss (first characters only)', 0, '<p>新质材料与高质量</p>'],
    [
      'an inline element that may hide text (walked to be sure)',
      1,
      '<p>新质<span hidden>x</span>生产</p>',
    ],
  ])('%s: engine loaded %i times', async (_name, loaded, html) => {
    const { terms, loads, engines } = setup(html);
    expect(terms.apply(DEFAULT_SETTINGS)).toBe(true);
    await terms.firstScan;
    await settle();
    expect(loads).toHaveBeenCalledTimes(loaded);
    expect(engines.length).toBe(loaded);
    if (loaded) {
      expect(engines[0]!.applied).toBe(1);
      expect(terms.layer.size).toBe(3);
    } else {
      const r = terms.report();
      expect(r.scan).toMatchObject({ walkSkipped: true, textNodes: 0 });
      expect(r.scan.chars).toBeGreaterThan(0);
      expect(r).toMatchObject({ terms: [], highlights: 0, active: true });
      expect(terms.layer.size).toBe(0);
      expect([...terms.layer.hits()]).toEqual([]);
    }
  });

  it('says the engine is wanted once, before it is loaded (our host goes in before any paint)', async () => {
    const order: string[] = [];
    const { terms, loads } = setup('<p>今天下雨了</p>');
    loads.mockImplementationOnce(() => (order.push('load'), new Promise(() => {})));
    terms.onEngineWanted = () => order.push('wanted');
    terms.apply(DEFAULT_SETTINGS);
    await terms.firstScan;
    expect(order).toEqual([]);
    document.body.append('新质生产力', '高质量发展');
    await settle();
    terms.apply(DEFAULT_SETTINGS);
    document.body.append('新质生产力');
    await settle();
    expect(order).toEqual(['wanted', 'load']);
  });

  it('the engine still comes when what wanted it fails (no host in an XML document)', async () => {
    const { terms, loads, engines } = setup('<p>发展新质生产力</p>');
    terms.onEngineWanted = () => {
      throw new TypeError('no style on an XML element');
    };
    expect(terms.apply(DEFAULT_SETTINGS)).toBe(true);
    await terms.firstScan;
    expect(loads).toHaveBeenCalledTimes(1);
    expect(engines.length).toBe(1);
  });

  it('a site switched off loads nothing and finishes its first scan', async () => {
    const { terms, loads } = setup('<p>新质生产力</p>');
    expect(terms.apply({ ...DEFAULT_SETTINGS, disabledSites: ['people.cn'] })).toBe(false);
    await terms.firstScan;
    expect(loads).not.toHaveBeenCalled();
  });

  it.each([
    [
      'text with a term arrives',
      1,
      (d: Document) => d.body.append(d.createElement('p'), '高质量发展'),
    ],
    ['text without one arrives', 0, (d: Document) => d.body.append('今天下雨了')],
    [
      'a text node changes to hold one',
      1,
      (d: Document) => (d.querySelector('p')!.firstChild!.textContent = '推动高质量发展'),
    ],
    ['an attribute changes', 0, (d: Document) => d.querySelector('p')!.setAttribute('class', 'x')],
    ['text completing a term in its block arrives', 1, (d: Document) => para(d).append('生产力')],
    [
      'an inline element completing one arrives',
      1,
      (d: Document) =>
        para(d).append(Object.assign(d.createElement('b'), { textContent: '生产力' })),
    ],
    [
      'a text node changes to complete one with its neighbour',
      1,
      (d: Document) => (para(d).firstChild!.textContent = '新质生产力之后，还有'),
    ],
    [
      'an inline element between two halves is removed',
      1,
      (d: Document) => d.querySelector('#gap')!.remove(),
    ],
    [
      'an inline element between two halves is hidden',
      1,
      (d: Document) => d.querySelector('#gap')!.setAttribute('hidden', ''),
    ],
    [
      'an inline element between two halves becomes editable',
      1,
      (d: Document) => d.querySelector('#gap')!.setAttribute('contenteditable', 'true'),
    ],
    [
      'a data attribute changes',
      0,
      (d: Document) => d.querySelector('#gap')!.setAttribute('data-x', '1'),
    ],
    [
      'a block whose text only neighbours one arrives',
      0,
      (d: Document) =>
        d.body.append(Object.assign(d.createElement('p'), { textContent: '生产力' })),
    ],
  ])('after a page without terms: %s → engine loaded %i times', async (_name, loaded, change) => {
    // No term; one begun at the end of the first paragraph; halves apart in the second.
    const { terms, loads } = setup(
      '<p>今天天气很好，发展新质</p><div>推动高质量<span id="gap">的</span>发展</div>',
    );
    terms.apply(DEFAULT_SETTINGS);
    await terms.firstScan;
    expect(loads).not.toHaveBeenCalled();
    change(document);
    await settle();
    expect(loads).toHaveBeenCalledTimes(loaded);
  });

  it('many changes at once are checked as one document', async () => {
    const { terms, loads } = setup('<div id="feed"></div>');
    terms.apply(DEFAULT_SETTINGS);
    await terms.firstScan;
    const feed = document.querySelector('#feed')!;
    for (let i = 0; i < 300; i++)
      feed.append(Object.assign(document.createElement('span'), { textContent: `第${i}条` }));
    await settle();
    expect(loads).not.toHaveBeenCalled();
    for (let i = 0; i < 300; i++) feed.append(i === 150 ? '新质生产力' : `第${i}条`);
    await settle();
    expect(loads).toHaveBeenCalledTimes(1);
  });

  it('settings that change while the engine comes reach it; the report waits for its scan', async () => {
    document.body.innerHTML = '<p>新质生产力</p>';
    let arrive: (m: TermsModule) => void = () => {};
    const applied: boolean[] = [];
    const terms = controller({ loadEngine: () => new Promise((r) => (arrive = r)) });
    terms.apply(DEFAULT_SETTINGS);
    terms.apply({ ...DEFAULT_SETTINGS, termStyle: 'underline' });
    let idle = false;
    void terms.idle().then(() => (idle = true));
    await settle();
    expect(idle).toBe(false);
    arrive({
      create: () =>
        // The controller reaches only these members of the engine.
        ({
          apply: (s: typeof DEFAULT_SETTINGS) => applied.push(s.termStyle === 'underline'),
          firstScan: Promise.resolve(),
          idle: () => Promise.resolve(),
        }) as unknown as TermsEngine,
    });
    await settle();
    expect(applied).toEqual([true]);
    expect(idle).toBe(true);
  });

  it('our own nodes never load it', async () => {
    document.body.innerHTML = '<p>今天天气很好</p>';
    const loads = vi.fn(() => Promise.reject(new Error('not expected')));
    const own = document.createElement('div');
    const terms = controller({ isOwn: (n) => n === own, loadEngine: loads });
    terms.apply(DEFAULT_SETTINGS);
    await terms.firstScan;
    own.textContent = '新质生产力';
    document.body.append(own);
    await settle();
    expect(loads).not.toHaveBeenCalled();
  });

  it('the reader’s own terms are checked for too, and the engine gets them', async () => {
    const { terms, loads, engines } = setup('<p>建设数字乡村</p>');
    terms.apply(DEFAULT_SETTINGS);
    await terms.firstScan;
    expect(loads).not.toHaveBeenCalled();
    const changed = vi.fn();
    terms.onTermsChanged = changed;
    terms.setCustomTerms(CUSTOM);
    await settle();
    expect(changed).toHaveBeenCalledTimes(1);
    expect(loads).toHaveBeenCalledTimes(1);
    expect(engines[0]!.deps.data.entryIds).toEqual(['nqpf', 'hqd', 'custom-1']);
    expect(terms.termIndex('custom-1')).toBe(2);
    // The engine matches with the controller's matcher (built once), the reader's term in it.
    const m = engines[0]!.deps.matcher;
    expect(m.trie.longestAt('数字乡村', 0, m.fold)).toBeGreaterThanOrEqual(0);
    terms.setCustomTerms(null);
    expect(engines[0]!.matchers).toHaveLength(1);
    const bundled = engines[0]!.matchers[0]!;
    expect(bundled.trie.longestAt('数字乡村', 0, bundled.fold)).toBe(-1);
    expect(bundled.trie.longestAt('新质生产力', 0, bundled.fold)).toBeGreaterThanOrEqual(0);
  });

  it('highlights hidden before the engine came start hidden', async () => {
    const { terms, engines } = setup('<p>今天天气很好</p>');
    terms.apply(DEFAULT_SETTINGS);
    await terms.firstScan;
    expect(terms.toggle()).toBe(false);
    document.body.append('新质生产力');
    await settle();
    expect(engines[0]!.hidden).toBe(true);
    expect(terms.toggle()).toBe(true);
    expect(engines[0]!.hidden).toBe(false);
  });

  it('an engine that cannot load still ends the first scan', async () => {
    document.body.innerHTML = '<p>新质生产力</p>';
    const terms = controller({
      loadEngine: () => Promise.reject(new Error('Extension context invalidated')),
    });
    terms.apply(DEFAULT_SETTINGS);
    await expect(terms.firstScan).resolves.toBeUndefined();
    expect(terms.report().highlights).toBe(0);
  });
});
