import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CompiledGlossary, MatcherData } from '../../lib/shared/glossary/compile';
import { matchFlow } from '../../lib/page/match/flow-matcher';
import { buildMatcher } from '../../lib/page/match/load';
import { pageMatcherData } from '../../lib/shared/glossary/page-matcher';

// The speech's thesis sentences and set phrases are entries that contain shorter entries
// (新质生产力, 高质量发展, 新发展理念 …). Leftmost-longest matching must explain the whole sentence
// where it stands in its quote, hard-wrapped or not, and leave the shorter terms to other text.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = <T>(name: string): T =>
  // Built by `npm run glossary` from the validated glossary/glossary.json.
  JSON.parse(readFileSync(join(ROOT, 'glossary/generated', name), 'utf8')) as T;
const matcherData = read<MatcherData>('matcher.json');
const { entries } = read<CompiledGlossary>('glossary.json');
const matcher = buildMatcher(pageMatcherData(matcherData));

/** Outermost entries whose headword holds another entry's headword, with the ones it holds. */
const longer = entries
  .filter((e) => e.quote && !entries.some((o) => o.id !== e.id && o.zh.includes(e.zh)))
  .map((e) => ({ e, inner: entries.filter((o) => o.id !== e.id && e.zh.includes(o.zh)) }))
  .filter(({ inner }) => inner.length > 0);

const found = (text: string) =>
  matchFlow(matcher, { nodes: [], starts: [], text }).map((m) => ({
    id: matcherData.entryIds[m.term],
    text: text.slice(m.start, m.end),
    start: m.start,
    end: m.end,
  }));

describe('thesis sentences and set phrases of the speech', () => {
  it('include the definition of 新质生产力 and its relations to 高质量发展', () => {
    const ids = longer.map(({ e }) => e.id);
    expect(ids).toEqual(
      expect.arrayContaining(['npf-definition', 'npf-intrinsic-requirement', 'npf-drives-hqd']),
    );
  });

  it.each(longer.map(({ e, inner }) => [e.id, e, inner] as const))(
    '%s wins over the shorter terms inside it, in its quote',
    (_id, e, inner) => {
      const got = found(e.quote!.text);
      const whole = got.find((m) => m.id === e.id);
      expect(whole?.text).toBe(e.zh);
      // Nothing else is painted over the sentence, though the shorter terms are in it.
      expect(inner.length).toBeGreaterThan(0);
      const overlapping = got.filter(
        (m) => m !== whole && m.start < whole!.end && m.end > whole!.start,
      );
      expect(overlapping).toEqual([]);
    },
  );

  it.each(longer.map(({ e }) => [e.id, e] as const))(
    '%s still matches whole when the page breaks its line midway',
    (_id, e) => {
      const chars = [...e.zh];
      const half = Math.floor(chars.length / 2);
      const wrapped = `${chars.slice(0, half).join('')}\n  ${chars.slice(half).join('')}`;
      expect(found(wrapped).map(({ id, text }) => ({ id, text }))).toEqual([
        { id: e.id, text: wrapped },
      ]);
    },
  );
});
