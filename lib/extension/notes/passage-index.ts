import {
  bloomAdd,
  keyText,
  WINDOW,
  windowHashes,
  type BloomBits,
} from '../../shared/notes/passage-keys';
import type { Note } from '../../shared/notes/model';
import type { FoldTable } from '../../shared/text/normalize';
import type { PassageFilter, PassageMatch } from '../../protocol/to-background';
import { scriptVariants } from './script-variants';

/**
 * Which notes travel to reprints, and their fingerprints: built in the background's memory from
 * the notes (nothing is stored; rebuilt when the notes change).
 *
 * A passage travels when its key text (passage-keys.ts: letters, digits, ideographs) has at
 * least MIN_KEY_CJK units (MIN_KEY_OTHER for mostly Latin text): 16 ideographs is longer than
 * the glossary's longest set phrases (高质量发展是新时代的硬道理 is 13) and than page
 * boilerplate (责任编辑、来源：人民网 …), and about half of one of the speech's sentences, so a
 * sentence travels even when it is also a glossary phrase, while a phrase or a name alone does
 * not. Latin text needs more: a letter carries less than an ideograph. Passages over MAX_KEY
 * units (a whole section) do not travel: a page would have to send that many fingerprints
 * around every candidate.
 */
export const MIN_KEY_CJK = 16;
export const MIN_KEY_OTHER = 30;
export const MAX_KEY = 2_000;
/**
 * Bloom filter sizing: a page tests two windows WINDOW apart at each position, so a false
 * candidate needs two false positives: (0.5^8)² ≈ 1.5e-5 per position at 12 bits and 8 probes
 * a window — about 0.15 on a 10,000-character page with the filter full.
 */
const BITS_PER_KEY = 12;
const PROBES = 8;

export function travels(units: ArrayLike<number>): boolean {
  const n = units.length;
  if (n > MAX_KEY) return false;
  let ideographs = 0;
  for (let i = 0; i < n; i++) if (units[i]! >= 0x3400) ideographs++;
  return n >= (ideographs * 2 >= n ? MIN_KEY_CJK : MIN_KEY_OTHER);
}

interface Entry {
  id: string;
  rev: number;
  url: string;
  /** The fingerprints of every window, one list per script form of the passage. */
  forms: Uint32Array[];
}

export class PassageIndex {
  private readonly byFirst = new Map<number, Entry[]>();
  private wire: PassageFilter | null = null;

  private constructor(private readonly entries: Entry[]) {
    let span = 0;
    for (const e of entries) {
      for (const f of e.forms) {
        const list = this.byFirst.get(f[0]!) ?? [];
        list.push(e);
        this.byFirst.set(f[0]!, list);
        span = Math.max(span, f.length + WINDOW - 1);
      }
    }
    const keys = entries.reduce((s, e) => s + e.forms.length * 2, 0);
    if (keys === 0) return;
    const m = Math.max(64, keys * BITS_PER_KEY);
    const bloom: BloomBits = { bits: new Uint8Array(Math.ceil(m / 8)), m, k: PROBES };
    for (const e of entries) {
      for (const f of e.forms) {
        bloomAdd(bloom, f[0]!);
        bloomAdd(bloom, f[WINDOW]!);
      }
    }
    this.wire = { bits: toBase64(bloom.bits), m, k: PROBES, span };
  }

  static build(notes: readonly Note[], fold: FoldTable): PassageIndex {
    const entries: Entry[] = [];
    for (const n of notes) {
      const forms: Uint32Array[] = [];
      const seen = new Set<string>();
      for (const form of scriptVariants(n.selectors.quote.exact)) {
        const { units } = keyText(form, fold);
        if (!travels(units)) continue;
        const key = String.fromCharCode(...units);
        if (seen.has(key)) continue;
        seen.add(key);
        forms.push(windowHashes(units));
      }
      if (forms.length > 0) entries.push({ id: n.id, rev: n.rev, url: n.url, forms });
    }
    return new PassageIndex(entries);
  }

  get size(): number {
    return this.entries.length;
  }

  /** What every page gets with its notes: null when no note travels. */
  filter(): PassageFilter | null {
    return this.wire;
  }

  /**
   * The notes whose every window is among `sent` (in one script form), except those filed under
   * `own` (the page's own notes come by URL). A page can send only fingerprints of text it has,
   * so it learns of a note only when the whole passage is on it.
   */
  match(sent: ReadonlySet<number>, own: readonly string[]): PassageMatch[] {
    const out: PassageMatch[] = [];
    const done = new Set<string>();
    for (const first of sent) {
      for (const e of this.byFirst.get(first) ?? []) {
        if (done.has(e.id) || own.includes(e.url)) continue;
        const form = e.forms.find((f) => f[0] === first && f.every((h) => sent.has(h)));
        if (!form) continue;
        done.add(e.id);
        out.push({ id: e.id, rev: e.rev, windows: [...form] });
      }
    }
    return out;
  }
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return btoa(s);
}

/** The index, rebuilt when the notes change (checked by the repository's stamp). */
export class PassageBook {
  private index: PassageIndex | null = null;
  private stamp = '';
  private building: Promise<PassageIndex> | null = null;

  constructor(
    private readonly d: {
      stamp: () => Promise<string>;
      all: () => Promise<Note[]>;
      fold: () => FoldTable;
    },
  ) {}

  async current(): Promise<PassageIndex> {
    const stamp = await this.d.stamp();
    if (this.index && stamp === this.stamp) return this.index;
    this.building ??= this.d
      .all()
      .then((notes) => {
        this.index = PassageIndex.build(notes, this.d.fold());
        this.stamp = stamp;
        return this.index;
      })
      .finally(() => {
        this.building = null;
      });
    return this.building;
  }
}
