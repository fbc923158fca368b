import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { preferredRendering, renderingsOf } from '../../lib/shared/glossary/renderings';
import type { GlossaryFile } from '../../lib/shared/glossary/schema';

// The bundled glossary's English renderings, checked without the schema: if the schema is ever
// loosened, these still hold (issue 18 §3: dated, linked renderings; no invented source).

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// Read as JSON and typed by the file's schema, which the glossary build validates in full.
const file = JSON.parse(readFileSync(join(ROOT, 'glossary/glossary.json'), 'utf8')) as GlossaryFile;
const entries = file.entries;
const DATE = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;
const linked = entries.filter((e) => renderingsOf(e).some((r) => r.url && r.date));
const all = entries.flatMap((e) => renderingsOf(e).map((r) => [e.id, r] as const));

describe('glossary renderings', () => {
  it('at least three quarters of entries carry a dated, linked rendering', () => {
    expect(linked.length / entries.length).toBeGreaterThanOrEqual(0.75);
  });

  it.each(entries.map((e) => [e.id, e] as const))('%s has a rendering', (_id, e) => {
    expect(renderingsOf(e).length).toBeGreaterThan(0);
    expect(preferredRendering(e).text.length).toBeGreaterThan(0);
  });

  it.each(all.filter(([, r]) => r.url !== undefined || r.date !== undefined))(
    '%s: "%s" has a well-formed url and date',
    (_id, r) => {
      expect(r.date).toMatch(DATE);
      const url = new URL(r.url ?? '');
      expect(['http:', 'https:']).toContain(url.protocol);
      expect(file.renderingSources[r.url ?? '']?.date).toBe(r.date);
    },
  );

  it.each(all.filter(([, r]) => r.url === undefined))(
    '%s: "%s" without a link is marked ours, not official',
    (_id, r) => {
      expect(r).toMatchObject({ ours: true });
      expect(r.official).toBeFalsy();
    },
  );

  it.each(entries.map((e) => [e.id, e] as const))(
    '%s: ours only where no official rendering exists, and official first',
    (_id, e) => {
      const rs = renderingsOf(e);
      const official = rs.some((r) => r.official);
      if (official) expect(rs.some((r) => r.ours)).toBe(false);
      if (official) expect(rs[0]?.official).toBe(true);
    },
  );
});
