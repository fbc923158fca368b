import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Dexie from 'dexie';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CSV_COLUMNS,
  EXPORT_FORMAT,
  exportFilename,
  toCsv,
  toJson,
  toMarkdown,
} from '../../lib/extension/notes/export';
import {
  applyImport,
  jsonErrorOffset,
  MAX_IMPORT_BYTES,
  parseNotesFile,
  planImport,
  type ParsedFile,
} from '../../lib/extension/notes/import';
import { NotesRepository } from '../../lib/extension/notes/repository';
import { NotesDb } from '../../lib/extension/notes/db';
import type { Note } from '../../lib/shared/notes/model';
import { sampleNote } from './note-fixture';

const fixture = (name: string) => readFileSync(resolve('tests/fixtures/import', name), 'utf8');

let seq = 0;
function note(over: Partial<Note> = {}): Note {
  return sampleNote(++seq, over);
}

function ok(p: ParsedFile) {
  if (!p.ok) throw new Error(`expected a good file, got ${JSON.stringify(p.error)}`);
  return p;
}
function bad(p: ParsedFile) {
  if (p.ok) throw new Error('expected the file to be refused');
  return p.error;
}

describe('JSON export', () => {
  it('is the versioned format, oldest first, every field, and reads back to the same notes', () => {
    const a = note();
    const b = note({ url: 'http://www.news.cn/b.html', site: 'news.cn', tags: [], text: '' });
    const json = toJson([b, a], new Date('2024-02-03T00:00:00Z'));
    const data = parseExport(json);
    expect(data).toMatchObject({
      format: EXPORT_FORMAT,
      version: 2,
      exportedAt: '2024-02-03T00:00:00.000Z',
      count: 2,
    });
    expect(data.notes).toEqual([a, b]);
    expect(ok(parseNotesFile(json)).notes).toEqual([a, b]);
  });

  it('writes an empty export that imports as nothing', () => {
    const p = ok(parseNotesFile(toJson([])));
    expect(p.notes).toEqual([]);
    expect(p.total).toBe(0);
  });

  it('keeps text that looks like markup as text', () => {
    const n = note({ text: '<script>alert(1)</script>', title: '<img src=x onerror=alert(1)>' });
    expect(ok(parseNotesFile(toJson([n]))).notes[0]).toEqual(n);
  });

  it('names files by the local date', () => {
    expect(exportFilename('json', new Date(2024, 1, 2, 23, 59))).toBe(
      'policy-lens-notes-2024-02-02.json',
    );
    expect(exportFilename('md', new Date(2024, 0, 9))).toBe('policy-lens-notes-2024-01-09.md');
  });
});

describe('Markdown export', () => {
  it('groups by page with a citation (title, site, URL, dates) and quotes each passage', () => {
    const a1 = note({ text: 'First thought.' });
    const a2 = note({ text: 'Second\n\nparagraph.' });
    const b = note({
      url: 'http://www.news.cn/b.html',
      site: 'news.cn',
      title: 'B [page] *bold*',
      selectors: { ...a1.selectors, quote: { ...a1.selectors.quote, exact: 'line one\nline two' } },
      tags: [],
    });
    const md = toMarkdown([a1, b, a2], {
      now: new Date(2024, 1, 5),
      termLabel: (id) => (id === 'new-quality-productive-forces' ? '新质生产力' : undefined),
    });
    expect(md.startsWith('# Policy Lens notes\n\n3 notes from 2 pages, exported 2024-02-05.')).toBe(
      true,
    );
    // Newest page first; its notes oldest first.
    expect(md.indexOf('## B \\[page\\] \\*bold\\*')).toBeLessThan(md.indexOf('## 加快发展'));
    expect(md).toContain('news.cn · <http://www.news.cn/b.html> · 2024-02-02');
    expect(md).toContain('> line one\n> line two');
    expect(md.indexOf('First thought.')).toBeLessThan(md.indexOf('Second\n\nparagraph.'));
    expect(md).toContain('*Noted 2024-02-02 · Tags: economy, 经济 · Terms: 新质生产力*');
  });
});

describe('CSV export', () => {
  it('has a header, one row per note, survives commas, quotes and new lines, and escapes formulas', () => {
    const n = note({
      text: '=HYPERLINK("http://evil")',
      title: 'Title, with "quotes"\nand a line',
    });
    const csv = toCsv([n]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1).trim(), { header: false });
    expect(parsed.data[0]).toEqual([...CSV_COLUMNS]);
    const row = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, parsed.data[1]![i]]));
    expect(row.title).toBe('Title, with "quotes"\nand a line');
    expect(row.note).toBe(`'=HYPERLINK("http://evil")`);
    expect(row.quote).toBe('发展新质生产力是推动高质量发展的内在要求');
    expect(row.tags).toBe('economy; 经济');
    expect(row.termIds).toBe('new-quality-productive-forces');
    expect(row.created).toBe(new Date(n.createdAt).toISOString());
  });
});

describe('checking an import file', () => {
  it('accepts a good file', () => {
    const p = ok(parseNotesFile(fixture('valid-two.json')));
    expect(p.notes).toHaveLength(2);
    expect(p.rejected).toEqual([]);
  });

  it('accepts a byte-order mark', () => {
    expect(ok(parseNotesFile(`\uFEFF${fixture('valid-two.json')}`)).notes).toHaveLength(2);
  });

  it.each([
    ['empty', '', 'empty'],
    ['white space', '  \n', 'empty'],
    ['not JSON', fixture('not-json.txt'), 'not-json'],
    ['CSV', fixture('not-json-csv.txt'), 'not-json'],
    ['a JSON array', fixture('top-level-array.json'), 'not-object'],
    ['a JSON string', '"policy-lens-notes"', 'not-object'],
    ['another format', fixture('wrong-format.json'), 'wrong-format'],
    ['a version of the wrong type', fixture('wrong-version.json'), 'wrong-version'],
    ['a newer version', fixture('newer-version.json'), 'newer-version'],
    ['no notes list', fixture('no-notes.json'), 'no-notes'],
    ['duplicate ids', fixture('duplicate-ids.json'), 'duplicate-id'],
  ])('refuses %s', (_name, text, code) => {
    expect(bad(parseNotesFile(text)).code).toBe(code);
  });

  it('says where the JSON is broken (line and column)', () => {
    const e = bad(parseNotesFile(fixture('not-json.txt')));
    expect(e).toMatchObject({ code: 'not-json', line: 5, column: 18 });
    expect(jsonErrorOffset('{"a": [1, 2,, 3]}')).toBe(12);
    expect(jsonErrorOffset('{"a": 1')).toBe(7);
    expect(jsonErrorOffset('[1] x')).toBe(4);
  });

  it('names the duplicate notes', () => {
    expect(bad(parseNotesFile(fixture('duplicate-ids.json')))).toMatchObject({
      where: 'notes[0], notes[2]',
    });
  });

  it('refuses a file over the size limit without parsing it', () => {
    const spy = vi.spyOn(JSON, 'parse');
    expect(bad(parseNotesFile('{}', MAX_IMPORT_BYTES + 1)).code).toBe('too-large');
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('rejects notes with missing fields, saying which and where', () => {
    const p = ok(parseNotesFile(fixture('missing-fields.json')));
    expect(p.notes).toEqual([]);
    expect(p.rejectedCount).toBe(2);
    expect(p.rejected[0]).toMatchObject({ index: 0, id: '11111111-1111-4111-8111-000000000002' });
    expect(p.rejected[0]!.problems).toEqual(
      expect.arrayContaining([
        { code: 'missing', path: 'selectors' },
        { code: 'missing', path: 'createdAt' },
      ]),
    );
    expect(p.rejected[1]!.problems).toEqual([{ code: 'type', path: 'text', detail: 'string' }]);
  });

  it('rejects script URLs and unknown keys such as __proto__', () => {
    const p = ok(parseNotesFile(fixture('script-payloads.json')));
    expect(p.notes).toEqual([]);
    expect(p.rejected.map((r) => r.problems.map((x) => `${x.code} ${x.path}`))).toEqual([
      ['bad-url url'],
      ['bad-url url'],
      ['unknown-field __proto__'],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each<[string, (n: Record<string, unknown>) => void, string]>([
    ['a text over the limit', (n) => (n.text = 'x'.repeat(1_000_001)), 'too-long text'],
    ['a bad id', (n) => (n.id = '../../etc'), 'bad-id id'],
    ['a negative date', (n) => (n.createdAt = -1), 'bad-number createdAt'],
    ['a float date', (n) => (n.updatedAt = 1.5), 'bad-number updatedAt'],
    [
      'an empty position',
      (n) => ((n.selectors as Note['selectors']).position.end = 10),
      'bad-position selectors.position',
    ],
    [
      'a future selector version',
      (n) => ((n.selectors as Note['selectors']).version = 99),
      'bad-version selectors.version',
    ],
    ['tags that are not strings', (n) => (n.tags = [1]), 'type tags[0]'],
  ])('rejects %s', (_name, change, problem) => {
    const raw = parseExport(toJson([note()]));
    change(raw.notes[0]!);
    const p = ok(parseNotesFile(JSON.stringify(raw)));
    expect(p.notes).toEqual([]);
    expect(p.rejected[0]!.problems.map((x) => `${x.code} ${x.path}`)).toEqual([problem]);
  });

  it('cleans tags and term ids and fills a missing site from the URL', () => {
    const raw = parseExport(toJson([note()]));
    raw.notes[0]!.tags = [' a ', 'A', 'b'];
    raw.notes[0]!.termIds = ['x', 'x'];
    delete raw.notes[0]!.site;
    const n = ok(parseNotesFile(JSON.stringify(raw))).notes[0]!;
    expect(n.tags).toEqual(['a', 'b']);
    expect(n.termIds).toEqual(['x']);
    expect(n.site).toBe('people.cn');
  });
});

describe('applying an import', () => {
  let db: NotesDb;
  let name: string;
  beforeEach(() => {
    name = `import-${Math.random().toString(36).slice(2)}`;
    db = new NotesDb(name);
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(name);
  });

  it('round-trips: export from one database, import into an empty one, same notes', async () => {
    const notes = [
      note(),
      note({ tags: [] }),
      note({ url: 'https://www.gov.cn/x', site: 'gov.cn' }),
    ];
    await db.notes.bulkAdd(notes);
    const json = toJson(await db.notes.toArray());
    const other = new NotesDb(`${name}-2`);
    const p = ok(parseNotesFile(json));
    expect(await planImport(new NotesRepository(other), p.notes)).toMatchObject({
      newer: [],
      older: [],
    });
    expect(await applyImport(new NotesRepository(other), p.notes, 'keep-newer')).toEqual({
      added: 3,
      replaced: 0,
      skipped: 0,
    });
    const sort = (ns: Note[]) => ns.sort((x, y) => (x.id < y.id ? -1 : 1));
    expect(sort(await other.notes.toArray())).toEqual(sort(await db.notes.toArray()));
    other.close();
    await Dexie.delete(`${name}-2`);
  });

  it('plans and applies duplicates: keep the newer copy, or skip', async () => {
    const same = note();
    const older = note();
    const newer = note();
    await db.notes.bulkAdd([same, { ...older, updatedAt: older.updatedAt + 10 }, newer]);
    const incoming = [
      same,
      older,
      { ...newer, text: 'edited elsewhere', updatedAt: newer.updatedAt + 5 },
      note(),
    ];
    const repo = new NotesRepository(db);
    const plan = await planImport(repo, incoming);
    expect([plan.added.length, plan.newer.length, plan.older.length]).toEqual([1, 1, 2]);

    expect(await applyImport(repo, incoming, 'skip')).toEqual({
      added: 1,
      replaced: 0,
      skipped: 3,
    });
    expect((await db.notes.get(newer.id))!.text).toBe(newer.text);
    expect(await applyImport(repo, incoming, 'keep-newer')).toEqual({
      added: 0,
      replaced: 1,
      skipped: 3,
    });
    expect((await db.notes.get(newer.id))!.text).toBe('edited elsewhere');
    expect((await db.notes.get(older.id))!.updatedAt).toBe(older.updatedAt + 10);
  });

  it('is one transaction: a failure part-way writes nothing', async () => {
    const before = note();
    await db.notes.add(before);
    const spy = vi.spyOn(db.trash, 'bulkDelete').mockRejectedValue(new Error('disk full'));
    await expect(
      applyImport(new NotesRepository(db), [note(), note()], 'keep-newer'),
    ).rejects.toThrow('disk full');
    spy.mockRestore();
    expect(await db.notes.toArray()).toEqual([before]);
  });

  it('takes an imported note out of the trash, so an old undo cannot overwrite it', async () => {
    const n = note();
    await db.trash.add({ ...n, deletedAt: 1 });
    await applyImport(new NotesRepository(db), [n], 'keep-newer');
    expect(await db.trash.count()).toBe(0);
    // Past the trashed copy's revision: an editor opened before the delete gets a conflict.
    expect(await db.notes.get(n.id)).toEqual({ ...n, rev: n.rev + 1 });
  });
});

/** Our own export, read back as plain data to tamper with. */
function parseExport(json: string): { notes: Record<string, unknown>[] } & Record<string, unknown> {
  // The test reads what toJson just wrote: an object with a `notes` array of note objects.
  return JSON.parse(json) as { notes: Record<string, unknown>[] } & Record<string, unknown>;
}
