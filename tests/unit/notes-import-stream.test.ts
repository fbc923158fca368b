import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toJson } from '../../lib/extension/notes/export';
import {
  crossCheck,
  EARLIEST_DATE,
  jsonErrorOffset,
  MAX_IMPORT_NOTES,
  MAX_NOTE_JSON,
  NotesFileReader,
  parseNotesFile,
  readNotesFile,
  type ParsedFile,
} from '../../lib/extension/notes/import';
import { JsonStreamChecker } from '../../lib/extension/notes/json-stream';
import type { Note } from '../../lib/shared/notes/model';
import { sampleNote } from './note-fixture';

const NOW = Date.UTC(2026, 10, 25, 12);
const DAY = 24 * 60 * 60 * 1000;

function note(i: number, over: Partial<Note> = {}): Note {
  return sampleNote(i, {
    url: `http://www.people.cn/n1/2024/0202/c${1000 + Math.floor(i / 10)}-40000.html`,
    text: `Compare the 2023 wording of this passage with the new one, note ${i}. 注意提法的变化。`,
    ...over,
  });
}

function ok(p: ParsedFile) {
  if (!p.ok) throw new Error(`expected a good file, got ${JSON.stringify(p.error)}`);
  return p;
}

/** Validity and error offset of `text` as the streaming checker sees it, fed in `cuts` pieces. */
function streamCheck(text: string, cuts: number[]): { valid: boolean; offset?: number } {
  const c = new JsonStreamChecker(
    { member: () => {}, notesArray: () => {}, element: () => {} },
    { maxMember: 1e9, maxElement: 1e9 },
  );
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    c.push(text.slice(at, cut));
    at = Math.max(at, cut);
  }
  c.push(text.slice(at));
  c.end();
  if (c.error) return { valid: false, offset: c.error.offset };
  return { valid: !c.empty };
}

describe('the streaming JSON checker', () => {
  it('agrees with JSON.parse on any text, cut anywhere, and on where it breaks', () => {
    const jsonish = fc.oneof(
      fc.json(),
      fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1))),
      fc.tuple(fc.json(), fc.string({ maxLength: 3 }), fc.nat()).map(([j, junk, at]) => {
        const i = at % (j.length + 1);
        return j.slice(0, i) + junk + j.slice(i);
      }),
      fc.string({ unit: fc.constantFrom(...'{}[]",:0-1.eE+ \ntrufalsn\\u'.split('')) }),
    );
    fc.assert(
      fc.property(jsonish, fc.array(fc.nat(), { maxLength: 4 }), (text, rawCuts) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const cuts = rawCuts.map((n) => n % (text.length + 1));
        const got = streamCheck(text, cuts);
        if (text.trim() === '') {
          expect(got.valid).toBe(false);
          return;
        }
        expect(got.valid).toBe(valid);
        if (!valid) {
          // Where it breaks: the same offset whatever the cuts; the text up to it parses as a
          // prefix (nothing before it was wrong).
          expect(got.offset).toBe(jsonErrorOffset(text));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same result whatever the chunk boundaries', () => {
    const text = toJson([note(1), note(2, { text: 'a "quoted" \\ line\nbreak \u2028 😀' })]);
    const whole = parseNotesFile(text, { now: NOW });
    for (let cut = 0; cut <= text.length; cut++) {
      const r = new NotesFileReader({ now: NOW });
      r.push(text.slice(0, cut));
      r.push(text.slice(cut));
      expect(r.finish()).toEqual(whole);
    }
    // And one character at a time.
    const r = new NotesFileReader({ now: NOW });
    for (const ch of text) r.push(ch);
    expect(r.finish()).toEqual(whole);
  });
});

describe('an import file of any size an export can write', () => {
  it('reads 20,000 notes (a file over 10 MB) as a stream, giving the page a turn', async () => {
    const notes = Array.from({ length: 20_000 }, (_, i) => note(i));
    const text = toJson(notes);
    const blob = new Blob([text]);
    expect(blob.size).toBeGreaterThan(10 * 1024 * 1024);
    let turns = 0;
    const p = ok(
      await readNotesFile(blob, {
        now: NOW,
        yieldNow: async () => {
          turns++;
        },
      }),
    );
    expect(p.total).toBe(20_000);
    expect(p.notes).toEqual(notes);
    expect(turns).toBeGreaterThan(0);
  }, 60_000);

  it('reads a note at the repository limits back (a million characters of text and quote)', () => {
    const big = note(1, { text: '长'.repeat(1_000_000) });
    big.selectors.quote.exact = '"'.repeat(1_000_000); // escaped: two characters each in JSON
    expect(ok(parseNotesFile(toJson([big]), { now: NOW })).notes).toEqual([big]);
  });

  it('rejects a note longer than any the repository accepts without keeping it', () => {
    const text = `{"format":"policy-lens-notes","version":2,"notes":[{"id":"a","text":"${'x'.repeat(MAX_NOTE_JSON)}"}]}`;
    const p = ok(parseNotesFile(text));
    expect(p.rejected).toEqual([
      { index: 0, problems: [{ code: 'too-long', path: '(note)', detail: String(MAX_NOTE_JSON) }] },
    ]);
  });

  it('refuses more notes than the limit', () => {
    const r = new NotesFileReader();
    r.push('{"format":"policy-lens-notes","version":2,"notes":[');
    for (let i = 0; i <= MAX_IMPORT_NOTES; i++) r.push(i ? ',{}' : '{}');
    r.push(']}');
    const p = r.finish();
    expect(p.ok ? null : p.error).toMatchObject({ code: 'too-many', where: 'notes' });
  });
});

describe('import cross-checks', () => {
  const base = { url: 'https://www.people.cn/a.html', createdAt: NOW - DAY, updatedAt: NOW - DAY };
  it.each<[string, Partial<typeof base> & { site?: string }, string[]]>([
    ['a good note', {}, []],
    ['the site of its URL', { site: 'people.cn' }, []],
    ['no site (filled from the URL)', { site: '' }, []],
    ['m. and wap. hosts', { url: 'https://wap.people.cn/x', site: 'people.cn' }, []],
    ['another site', { site: 'gov.cn' }, ['site-mismatch site people.cn']],
    ['the host with www.', { site: 'www.people.cn' }, ['site-mismatch site people.cn']],
    ['a date before 2000', { createdAt: EARLIEST_DATE - 1 }, ['too-early createdAt 2000-01-01']],
    ['2000-01-01 exactly', { createdAt: EARLIEST_DATE }, []],
    ['a day ahead (clock skew)', { updatedAt: NOW + DAY }, []],
    [
      'more than a day ahead',
      { updatedAt: NOW + DAY + 1 },
      [`in-future updatedAt ${new Date(NOW + DAY + 1).toISOString().slice(0, 10)}`],
    ],
    [
      'created after its last edit',
      { createdAt: NOW - 1, updatedAt: NOW - 2 },
      ['date-order updatedAt'],
    ],
  ])('%s', (_name, over, problems) => {
    const got = crossCheck({ ...base, ...over }, NOW);
    expect(got.map((p) => [p.code, p.path, p.detail].filter(Boolean).join(' '))).toEqual(problems);
  });

  it('rejects such a note in a file, with its problem, and keeps the others', () => {
    const notes = [note(1), note(2, { site: 'gov.cn' }), note(3, { updatedAt: NOW + 2 * DAY })];
    const p = ok(parseNotesFile(toJson(notes), { now: NOW }));
    expect(p.notes.map((n) => n.id)).toEqual([notes[0]!.id]);
    expect(p.rejected.map((r) => [r.index, r.problems[0]!.code])).toEqual([
      [1, 'site-mismatch'],
      [2, 'in-future'],
    ]);
  });
});
