import { describe, expect, it } from 'vitest';
import glossary from '../../glossary/generated/glossary.json';
import matcher from '../../glossary/generated/matcher.json';
import type { CompiledGlossary } from '../../lib/shared/glossary/compile';
import { groupByPage } from '../../lib/extension/notes/group-by-page';
import { SELECTOR_VERSION } from '../../lib/shared/notes/limits';
import type { Note } from '../../lib/shared/notes/model';
import { makeFolder } from '../../lib/extension/search/fold';
import { GlossaryIndex } from '../../lib/extension/search/glossary-search';
import { NoteIndex } from '../../lib/extension/search/note-index';

const g = glossary as CompiledGlossary;
const gi = new GlossaryIndex(g.entries, makeFolder(matcher.fold));

let seq = 0;
function note(over: Partial<Note> & { quote?: string } = {}): Note {
  const { quote = '发展新质生产力是推动高质量发展的内在要求', ...rest } = over;
  const t = 1_700_000_000_000 + ++seq * 1000;
  return {
    id: `n${seq}`,
    url: 'http://www.people.cn/a.html',
    title: 'A page',
    site: 'people.cn',
    rev: 1,
    selectors: {
      version: SELECTOR_VERSION,
      quote: { type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 0, end: quote.length },
    },
    text: '',
    tags: [],
    termIds: [],
    createdAt: t,
    updatedAt: t,
    ...rest,
  };
}

function indexOf(notes: Note[]): NoteIndex {
  const i = new NoteIndex(gi);
  i.setNotes(notes);
  return i;
}

const ids = (ns: readonly Note[]) => ns.map((n) => n.id);

describe('NoteIndex', () => {
  const a = note({ id: 'a', text: 'Compare with the 2023 wording', tags: ['economy'] });
  const b = note({
    id: 'b',
    title: '绿色发展 report',
    quote: '绿色发展是高质量发展的底色',
    text: '注意这里的提法',
    tags: ['green', '绿色'],
    termIds: ['green-development'],
    url: 'http://www.news.cn/b.html',
    site: 'news.cn',
  });
  const c = note({
    id: 'c',
    text: 'productivity figures',
    termIds: ['new-quality-productive-forces'],
    tags: ['economy'],
  });
  const idx = indexOf([a, b, c]);

  it('lists every note newest first for an empty query', () => {
    expect(ids(idx.search({}))).toEqual(['c', 'b', 'a']);
    expect(ids(idx.search({ text: '  ' }))).toEqual(['c', 'b', 'a']);
  });

  it('finds words in the note text, quote, title, tags and site', () => {
    expect(ids(idx.search({ text: 'wording' }))).toEqual(['a']);
    expect(ids(idx.search({ text: '底色' }))).toEqual(['b']);
    expect(ids(idx.search({ text: 'report' }))).toEqual(['b']);
    expect(ids(idx.search({ text: 'economy' }))).toEqual(['c', 'a']);
    expect(ids(idx.search({ text: 'news.cn' }))).toEqual(['b']);
  });

  it('is case, width and script insensitive', () => {
    expect(ids(idx.search({ text: 'WORDING' }))).toEqual(['a']);
    expect(ids(idx.search({ text: 'ｗｏｒｄｉｎｇ' }))).toEqual(['a']);
    expect(ids(idx.search({ text: '綠色' }))).toEqual(['b']);
  });

  it('finds notes by the headwords of their linked terms: Chinese, pinyin, initials, English', () => {
    for (const q of ['新质生产力', 'xinzhi', 'xīn zhì', 'xzscl', 'new quality productive']) {
      expect(ids(idx.search({ text: q })), q).toContain('c');
    }
    expect(ids(idx.search({ text: 'lvse' }))).toEqual(['b']);
  });

  it('needs every word of the query', () => {
    expect(ids(idx.search({ text: 'economy wording' }))).toEqual(['a']);
    expect(ids(idx.search({ text: 'economy 底色' }))).toEqual([]);
  });

  it('ranks title, tag and term hits before hits in the text', () => {
    const x = note({ id: 'x', text: 'about green things' });
    const y = note({ id: 'y', tags: ['green'] }); // newer, but the tag is the stronger hit anyway
    const z = note({ id: 'z', text: 'green again' });
    expect(ids(indexOf([x, y, z]).search({ text: 'green' }))).toEqual(['y', 'z', 'x']);
  });

  it('filters by term, tag and site, with or without a query', () => {
    expect(ids(idx.search({ term: 'new-quality-productive-forces' }))).toEqual(['c']);
    expect(ids(idx.search({ tag: 'economy' }))).toEqual(['c', 'a']);
    expect(ids(idx.search({ site: 'news.cn' }))).toEqual(['b']);
    expect(ids(idx.search({ tag: 'economy', text: 'wording' }))).toEqual(['a']);
    expect(ids(idx.search({ tag: 'economy', site: 'news.cn' }))).toEqual([]);
  });

  it('falls back to near words (Fuse.js) when no note has the exact word', () => {
    expect(ids(idx.search({ text: 'wordnig' }))).toEqual(['a']);
    expect(ids(idx.search({ text: 'productivty' }))).toEqual(['c']);
    expect(idx.search({ text: 'zzzzqqqq' })).toEqual([]);
  });

  it('counts tags, sites and terms for the filters', () => {
    const f = idx.facets();
    expect(f.tags[0]).toEqual({ value: 'economy', count: 2 });
    expect(f.sites).toEqual([
      { value: 'people.cn', count: 2 },
      { value: 'news.cn', count: 1 },
    ]);
    expect(f.terms.map((x) => x.value).sort()).toEqual([
      'green-development',
      'new-quality-productive-forces',
    ]);
  });

  it('follows changes: an edited note is searched by its new text, a deleted one is gone', () => {
    const i = indexOf([a, b, c]);
    expect(ids(i.search({ text: 'wording' }))).toEqual(['a']);
    i.setNotes([{ ...a, text: 'new words', updatedAt: a.updatedAt + 1 }, c]);
    expect(ids(i.search({ text: 'wording' }))).toEqual([]);
    expect(ids(i.search({ text: 'new words' }))).toEqual(['a']);
    expect(ids(i.search({ text: '底色' }))).toEqual([]);
  });

  it('searches 10,000 notes', () => {
    const many = Array.from({ length: 10_000 }, (_, k) =>
      note({ id: `m${k}`, text: `note number ${k} productivity`, tags: [`t${k % 30}`] }),
    );
    const i = indexOf(many);
    expect(i.search({ text: 'number 9999' }).map((n) => n.id)).toEqual(['m9999']);
    expect(i.search({ tag: 't7' })).toHaveLength(334);
  });
});

describe('groupByPage', () => {
  it('groups in order of first appearance, titled by the newest note', () => {
    const p1a = note({ id: 'p1a', url: 'http://x.cn/1', title: 'Old title' });
    const p2 = note({ id: 'p2', url: 'http://x.cn/2', title: 'Two' });
    const p1b = note({ id: 'p1b', url: 'http://x.cn/1', title: 'New title' });
    const groups = groupByPage([p2, p1b, p1a]);
    expect(groups.map((x) => [x.url, x.title, ids(x.notes)])).toEqual([
      ['http://x.cn/2', 'Two', ['p2']],
      ['http://x.cn/1', 'New title', ['p1b', 'p1a']],
    ]);
  });
});
