import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import * as OpenCC from 'opencc-js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  blockHashes,
  isKeyUnit,
  keyString,
  keyText,
  WINDOW,
  windowHashes,
} from '../../lib/shared/notes/passage-keys';
import {
  MAX_KEY,
  MIN_KEY_CJK,
  MIN_KEY_OTHER,
  FRESH_MS,
  PassageBook,
  PassageIndex,
  travels,
} from '../../lib/extension/notes/passage-index';
import { findPassages } from '../../lib/page/anchoring/passage-find';
import { squeeze } from '../../lib/page/anchoring/anchor';
import { ShownElsewhere } from '../../lib/extension/notes/shown-elsewhere';
import { notesByPassage, passageCandidates } from '../../lib/extension/notes/reprints';
import { windowsAround } from '../../lib/page/content/passage-probe';
import { contentNoteRequest } from '../../lib/extension/notes/service';
import { FrameSessions } from '../../lib/extension/notes/frame-sessions';
import { NotesDb } from '../../lib/extension/notes/db';
import { NotesRepository } from '../../lib/extension/notes/repository';
import { SELECTOR_VERSION } from '../../lib/shared/notes/limits';
import type { Note } from '../../lib/shared/notes/model';
import type { Sender } from '../../lib/protocol/senders';

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

/** A verbatim sentence of the speech (seed/speech-2024-01-31-peoples-daily.txt). */
const PASSAGE = '科技创新能够催生新产业、新模式、新动能，是发展新质生产力的核心要素。';
const OTHER =
  '要大力发展数字经济，促进数字经济和实体经济深度融合，打造具有国际竞争力的数字产业集群。';

const key = keyString;

/** Every window fingerprint of a page's key text. */
const pageWindows = (page: string) => new Set(windowHashes(keyString(page)));
/** What page-core sends first: the blocks of its page. */
const pageBlocks = (page: string) => blockHashes(keyString(page));

/** A deterministic pseudo-random sequence (no flaky property tests). */
function random(seed: number): () => number {
  return () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed;
  };
}

function note(id: string, url: string, exact: string): Note {
  return {
    id,
    url,
    site: new URL(url).hostname.replace(/^www\./, ''),
    title: 't',
    text: `secret ${id}`,
    tags: [],
    termIds: [],
    createdAt: 1,
    updatedAt: 1,
    rev: 1,
    selectors: {
      version: SELECTOR_VERSION,
      quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 0, end: exact.length },
    },
  };
}

describe('key text: what survives a reprint', () => {
  it.each([
    ['full- and half-width punctuation', '新产业、新模式，新动能。', '新产业,新模式,新动能.'],
    ['line breaks and spaces', '新产业新模式', '新产\n业 新\u3000模式'],
    ['quotes of either kind', '“新质生产力”', '「新质生产力」'],
    ['full-width Latin and case', 'ＡＩ＋', 'ai'],
    ['zero-width characters', '新质\u200b生产力', '新质生产力'],
  ])('%s fold alike', (_, a, b) => {
    expect(key(a)).toBe(key(b));
  });

  it.each([
    [0x65b0, true], // 新
    [0x61, true],
    [0x39, true],
    [0x3001, false], // 、
    [0xff0c, false], // ，
    [0x20, false],
    [0xd7, false], // ×
  ])('unit %i is a key unit: %s', (c, yes) => {
    expect(isKeyUnit(c)).toBe(yes);
  });

  it('maps each key unit back to where it came from', () => {
    const { units, from } = keyText('新，质 Ｓ𠀀x');
    expect(units).toBe('新质s𠀀x');
    expect([...from]).toEqual([0, 2, 4, 5, 5, 7]);
  });

  it.each([
    ['ASCII and full-width case', 'Ａb ＣD ｅF 09 ０９'],
    ['Latin letters with accents, and signs that lower-case to them', 'ÀÉÎ Øö ß Ǆ İ K Å ×÷'],
    ['astral letters that have a lower case', '𐐀𐐁 𝐀 𠀀'],
    ['Greek and Cyrillic (not key units)', 'ΣΑΣ Жж'],
    ['combining marks after a letter', 'e\u0301 A\u030a'],
    ['lone surrogates', '\ud800x\udc00'],
  ])('%s: the page (at once) and the finder (by character) agree', (_, s) => {
    expect(keyText(s).units).toBe(keyString(s));
  });

  it('the page and the finder agree on random text', () => {
    const next = random(11);
    const pool = [
      [0x20, 0x7f],
      [0xc0, 0x250],
      [0x370, 0x400],
      [0x3000, 0x3020],
      [0x4e00, 0x4e80],
      [0xff00, 0xff70],
      [0xd800, 0xdc00],
      [0xdc00, 0xe000],
      [0x2100, 0x2140],
    ] as const;
    for (let t = 0; t < 300; t++) {
      let s = '';
      for (let i = 0; i < 40; i++) {
        const [lo, hi] = pool[next() % pool.length]!;
        s += String.fromCharCode(lo + (next() % (hi - lo)));
      }
      expect(keyText(s).units).toBe(keyString(s));
    }
  });
});

describe('window fingerprints', () => {
  it('rolling equals hashing every window afresh', () => {
    const units = keyString(PASSAGE + OTHER);
    const rolled = windowHashes(units);
    expect(rolled.length).toBe(units.length - WINDOW + 1);
    for (let i = 0; i < rolled.length; i += 7) {
      expect(rolled[i]).toBe(windowHashes(units.slice(i, i + WINDOW))[0]);
    }
  });

  it('a text shorter than a window has none', () => {
    expect(windowHashes(keyString('新质生产力')).length).toBe(0);
  });
});

describe('blocks: what a page sends first', () => {
  it('block k is the window at unit k · WINDOW', () => {
    const units = keyString(PASSAGE + OTHER);
    const windows = windowHashes(units);
    const blocks = blockHashes(units);
    expect(blocks.length).toBe(Math.floor(units.length / WINDOW));
    blocks.forEach((h, k) => expect(h).toBe(windows[k * WINDOW]));
  });

  it('a passage of 2·WINDOW − 1 units or more holds a block whole wherever it stands', () => {
    const next = random(7);
    const text = (n: number) =>
      Array.from({ length: n }, () => String.fromCharCode(0x4e00 + (next() % 3000))).join('');
    for (let trial = 0; trial < 200; trial++) {
      const passage = text(2 * WINDOW - 1 + (trial % 30));
      const own = new Set(windowHashes(keyString(passage)));
      const page = pageBlocks(text(next() % 40) + passage + text(next() % 40));
      expect(page.some((h) => own.has(h))).toBe(true);
    }
  });
});

describe('which passages travel', () => {
  it.each([
    ['a glossary phrase', '新质生产力', false],
    ['the longest set phrase', '高质量发展是新时代的硬道理', false],
    ['15 ideographs', '一二三四五六七八九十一二三四五', false],
    [`${MIN_KEY_CJK} ideographs`, '一二三四五六七八九十一二三四五六', true],
    ['a sentence that is also a glossary phrase', PASSAGE, true],
    ['English under the Latin minimum', 'new quality productive', false],
    ['an English sentence', 'new quality productive forces are advanced productivity', true],
    ['punctuation does not count', '新质生产力，新质生产力。新质', false],
    ['a whole section', '新'.repeat(MAX_KEY + 1), false],
  ])('%s: %s', (_, s, yes) => {
    expect(travels(keyString(s))).toBe(yes);
  });
  it('the minimums are what the design says', () => {
    expect([MIN_KEY_CJK, MIN_KEY_OTHER]).toEqual([16, 30]);
  });
});

describe('matching a page by its fingerprints', () => {
  const index = PassageIndex.build([
    note('n1', 'http://www.people.cn/a.html', PASSAGE),
    note('short', 'http://www.people.cn/a.html', '新质生产力'),
    note('n2', 'http://www.news.cn/b.html', OTHER),
  ]);
  /** What the page and the background do: blocks, then the windows around the hits. */
  const ids = (page: string, own: string[] = []) => {
    const c = index.candidates(pageBlocks(page), own);
    return index
      .match(new Set(windowsAround(keyString(page), c.hits, c.reach)), own)
      .map((m) => m.id)
      .sort();
  };

  it.each([
    ['a reprint with other surroundings', `<p>前文。</p>${PASSAGE}后文`, ['n1']],
    [
      'half-width punctuation',
      PASSAGE.replace(/，/g, ',').replace(/、/g, ',').replace('。', '.'),
      ['n1'],
    ],
    ['hard line breaks', PASSAGE.replace(/(.{7})/g, '$1\n'), ['n1']],
    ['traditional characters (Taiwan)', toTraditional(PASSAGE), ['n1']],
    ['both passages', OTHER + PASSAGE, ['n1', 'n2']],
    ['a page without the passage', '新质生产力是创新起主导作用。科技创新能够催生新产业', []],
    ['the passage cut short', PASSAGE.slice(0, -6), []],
  ])('%s', (_, page, expected) => {
    expect(ids(page)).toEqual(expected);
  });

  it('the page a note was made on gets it by URL, not as a note from elsewhere', () => {
    expect(ids(PASSAGE, ['http://www.people.cn/a.html'])).toEqual([]);
  });

  it('forged fingerprints (the first windows only) get nothing', () => {
    const all = [...pageWindows(PASSAGE)];
    expect(index.match(new Set(all.slice(0, WINDOW + 1)), []).length).toBe(0);
    expect(index.match(new Set(all.filter((_, i) => i !== 5)), []).length).toBe(0);
  });

  it.each([
    ['the passage', PASSAGE, 1],
    ['its traditional reprint', toTraditional(PASSAGE), 1],
    ['both passages', `${OTHER}。${PASSAGE}`, 2],
    ['half of it', PASSAGE.slice(0, 18), 0],
    ['all of it but a few characters in the middle', PASSAGE.replace('能够催生', '可以'), 0],
    ['another page', '新质生产力是创新起主导作用，摆脱传统经济增长方式、生产力发展路径。', 0],
  ])('candidates on %s: %i', (_, page, n) => {
    const c = index.candidates(pageBlocks(page), []);
    expect(c.hits.length).toBe(n);
    if (n > 0) expect(c.reach).toBeGreaterThanOrEqual(key(PASSAGE).length - WINDOW + 1);
  });

  it('the windows sent around a hit are the passage and no more than its reach', () => {
    const page = `${'前文'.repeat(200)}${PASSAGE}${'后文'.repeat(200)}`;
    const c = index.candidates(pageBlocks(page), []);
    const sent = windowsAround(keyString(page), c.hits, c.reach);
    for (const h of pageWindows(PASSAGE)) expect(sent).toContain(h);
    // Each hit block sends at most 2·reach windows (repeated text sends fewer distinct ones).
    expect(sent.length).toBeLessThanOrEqual(2 * c.reach * c.hits.length);
  });

  it('no passage travels: nothing is indexed', () => {
    expect(PassageIndex.build([note('s', 'http://a.cn/', '新质生产力')]).size).toBe(0);
  });

  it('a flood of one window many passages share stops the search (a compromised content script)', () => {
    // Forty notes whose passages all start with the same eight characters.
    const shared = '发展新质生产力是';
    const flooded = PassageIndex.build([
      note('n1', 'http://www.people.cn/a.html', PASSAGE),
      ...Array.from({ length: 40 }, (_, i) =>
        note(
          `s${i}`,
          'http://www.people.cn/s.html',
          `${shared}${'一二三四五六七八九十'[i % 10]}${OTHER}`,
        ),
      ),
    ]);
    const sharedBlock = blockHashes(keyString(shared))[0]!;
    const genuine = pageBlocks(PASSAGE);
    expect(flooded.candidates(genuine, []).hits.length).toBe(1);
    // 100,000 copies of the shared window first: the search gives up before the passage.
    const flood = [
      ...Array.from({ length: 100_000 - genuine.length }, () => sharedBlock),
      ...genuine,
    ];
    expect(flooded.candidates(flood, [])).toEqual({ hits: [], reach: 0 });
  });
});

describe('findPassages: where on the page', () => {
  it.each([
    ['plain', `前文。${PASSAGE}后文。`],
    ['traditional', `前文。${toTraditional(PASSAGE)}後文。`],
    [
      'half-width, broken lines',
      `前文. ${PASSAGE.replace(/，/g, ', ').replace(/(.{9})/g, '$1\n')}后文`,
    ],
  ])('%s: the range starts and ends at the passage', (_, page) => {
    const text = squeeze(page);
    const windows = index2windows(page);
    const [at] = findPassages(text, [windows]);
    expect(at).not.toBeNull();
    expect(text.slice(at!.start, at!.start + 2)).toMatch(/^科技/);
    expect(key(text.slice(at!.start, at!.end))).toBe(key(page).slice(2, -2));
  });

  it('windows that are not in order on the page are not found', () => {
    const w = index2windows(PASSAGE);
    expect(findPassages(PASSAGE, [[...w].reverse()])).toEqual([null]);
  });

  /** The passage's windows as the background returns them for this page. */
  function index2windows(page: string): number[] {
    const idx = PassageIndex.build([note('x', 'http://www.people.cn/a.html', PASSAGE)]);
    return idx.match(pageWindows(page), [])[0]!.windows;
  }
});

describe('sender scoping: a frame opens only notes from elsewhere it was shown', () => {
  let db: NotesDb;
  let repo: NotesRepository;
  const name = `reprint-${Math.random().toString(36).slice(2)}`;
  let seq = 0;
  const sessions = new FrameSessions({
    uuid: () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
    now: () => 0,
  });
  const from = (url: string, tabId = 3): Extract<Sender, { kind: 'content' }> => ({
    kind: 'content',
    tabId,
    frameId: 0,
    url,
    incognito: false,
  });
  let id = '';
  beforeEach(async () => {
    db = new NotesDb(name);
    repo = new NotesRepository(db);
    const n = await repo.add({
      url: 'http://www.people.cn/a.html',
      title: 'A',
      selectors: note('x', 'http://www.people.cn/a.html', PASSAGE).selectors,
      text: 'secret',
    });
    id = n.id;
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(name);
  });

  it('shown for its passage: may open the card; other tabs and pages may not', async () => {
    const book = new PassageBook({
      stamp: () => repo.stamp(),
      all: () => repo.all(),
      now: () => 0,
    });
    const shown = new ShownElsewhere();
    const reprint = 'http://www.gov.cn/r.html';
    const open = (url: string, tabId = 3) =>
      contentNoteRequest(
        repo,
        sessions,
        { type: 'note-frame-open', canonical: null, open: { kind: 'edit', id } },
        from(url, tabId),
        shown,
      );
    expect((await open(reprint)).ok).toBe(false); // not shown yet
    // First the blocks: they name no note, and showing nothing, grant nothing.
    const anchors = (page: string, url = reprint) =>
      passageCandidates(
        book,
        { type: 'passage-blocks', canonical: null, blocks: pageBlocks(page) },
        from(url),
      );
    const hit = await anchors(toTraditional(PASSAGE));
    expect(hit.ok && hit.candidates?.hits.length).toBe(1);
    expect(JSON.stringify(hit)).not.toMatch(/people|secret|科技|"id"/);
    expect((await open(reprint)).ok).toBe(false);
    expect(await anchors(OTHER)).toEqual({ ok: true, candidates: { hits: [], reach: 0 } });
    expect(await anchors(PASSAGE, 'http://www.people.cn/a.html')).toEqual({
      ok: true,
      candidates: { hits: [], reach: 0 },
    });
    expect((await anchors(PASSAGE, 'file:///a.html')).ok).toBe(false);
    // Forged: fingerprints of another passage.
    const forged = await notesByPassage(
      book,
      shown,
      { type: 'notes-by-passage', canonical: null, windows: [...pageWindows(OTHER)] },
      from(reprint),
    );
    expect(forged).toEqual({ ok: true, passages: [] });
    expect((await open(reprint)).ok).toBe(false);
    const r = await notesByPassage(
      book,
      shown,
      {
        type: 'notes-by-passage',
        canonical: null,
        windows: [...pageWindows(toTraditional(PASSAGE))],
      },
      from(reprint),
    );
    expect(r.ok && r.passages?.map((p) => p.id)).toEqual([id]);
    expect(JSON.stringify(r)).not.toContain('people.cn');
    expect(JSON.stringify(r)).not.toContain('secret');
    expect(JSON.stringify(r)).not.toContain('科技');
    expect((await open(reprint)).ok).toBe(true);
    expect((await open(reprint, 4)).ok).toBe(false); // another tab
    expect((await open('http://www.gov.cn/other.html')).ok).toBe(false); // navigated on
  });

  it('the index follows the notes: at once after a write it is told of, else within FRESH_MS', async () => {
    let now = 0;
    let stamps = 0;
    const book = new PassageBook({
      stamp: () => {
        stamps++;
        return repo.stamp();
      },
      all: () => repo.all(),
      now: () => now,
    });
    expect((await book.current()).size).toBe(1);
    const add = (id: string, url: string, exact: string) =>
      repo.add({ url, title: id, selectors: note(id, url, exact).selectors, text: '' });
    await add('y', 'http://www.news.cn/b.html', OTHER);
    // Written elsewhere (the popup): the index stands until FRESH_MS have passed.
    now = FRESH_MS - 1;
    expect((await book.current()).size).toBe(1);
    expect((await book.current()).size).toBe(1);
    expect(stamps).toBe(1); // one read for three requests
    now = FRESH_MS;
    expect((await book.current()).size).toBe(2);
    // Written through the background: the next request sees it.
    await add('z', 'http://www.news.cn/c.html', PASSAGE.replace('科技', '技术'));
    book.changed();
    expect((await book.current()).size).toBe(3);
  });
});
