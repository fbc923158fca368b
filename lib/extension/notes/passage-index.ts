import { anchorsOf, keyString, windowHashes } from '../../shared/notes/passage-keys';
import type { Note } from '../../shared/notes/model';
import type { PassageCandidates, PassageMatch } from '../../protocol/to-background';
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
 * not. Latin text needs more: a letter carries less than an ideograph. It is also the shortest
 * passage whose anchors do not depend on the text around it (passage-keys.ts: ANCHOR_SPAN).
 * Passages over MAX_KEY units (a whole section) do not travel: a page would have to send that
 * many fingerprints around every candidate.
 */
export const MIN_KEY_CJK = 16;
export const MIN_KEY_OTHER = 30;
export const MAX_KEY = 2_000;

export function travels(key: string): boolean {
  const n = key.length;
  if (n > MAX_KEY) return false;
  let ideographs = 0;
  for (let i = 0; i < n; i++) if (key.charCodeAt(i) >= 0x3400) ideographs++;
  return n >= (ideographs * 2 >= n ? MIN_KEY_CJK : MIN_KEY_OTHER);
}

/** One script form of a travelling passage. */
interface Form {
  /** Every window's fingerprint, in order. */
  windows: Uint32Array;
  /** Its anchors (passage-keys.ts): all are among a page's anchors when it holds the passage. */
  anchors: number[];
}

interface Entry {
  id: string;
  rev: number;
  url: string;
  forms: Form[];
}

/** How many candidate passages one page is told of at most (and may then be shown). */
const MAX_CANDIDATES = 200;

export class PassageIndex {
  /** Each anchor of each form → the forms having it (one list: a form is usually alone). */
  private readonly byAnchor = new Map<number, [Entry, Form][]>();
  private readonly byFirst = new Map<number, [Entry, Form][]>();

  private constructor(private readonly entries: Entry[]) {
    for (const e of entries) {
      for (const f of e.forms) {
        for (const a of new Set(f.anchors)) push(this.byAnchor, a, [e, f]);
        push(this.byFirst, f.windows[0]!, [e, f]);
      }
    }
  }

  static build(notes: readonly Note[]): PassageIndex {
    const entries: Entry[] = [];
    for (const n of notes) {
      const forms: Form[] = [];
      const seen = new Set<string>();
      for (const form of scriptVariants(n.selectors.quote.exact)) {
        const key = keyString(form);
        if (!travels(key) || seen.has(key)) continue;
        seen.add(key);
        const windows = windowHashes(key);
        forms.push({ windows, anchors: anchorsOf(windows) });
      }
      if (forms.length > 0) entries.push({ id: n.id, rev: n.rev, url: n.url, forms });
    }
    return new PassageIndex(entries);
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Where a page that sent these anchors may hold passages made elsewhere (not filed under
   * `own`: the page's own notes come by URL): one anchor of each form whose every anchor was
   * sent, and the longest such form in windows.
   */
  candidates(sent: ReadonlySet<number>, own: readonly string[]): PassageCandidates {
    const hits = new Set<number>();
    const done = new Set<Form>();
    let reach = 0;
    for (const a of sent) {
      for (const [e, f] of this.byAnchor.get(a) ?? []) {
        if (done.has(f) || own.includes(e.url)) continue;
        done.add(f);
        if (!f.anchors.every((x) => sent.has(x))) continue;
        hits.add(a);
        reach = Math.max(reach, f.windows.length);
        if (hits.size >= MAX_CANDIDATES) return { hits: [...hits], reach };
      }
    }
    return { hits: [...hits], reach };
  }

  /**
   * The notes whose every window is among `sent` (in one script form), except those filed under
   * `own`. A page can send only fingerprints of text it has, so it learns of a note only when
   * the whole passage is on it.
   */
  match(sent: ReadonlySet<number>, own: readonly string[]): PassageMatch[] {
    const out: PassageMatch[] = [];
    const done = new Set<string>();
    for (const first of sent) {
      for (const [e, f] of this.byFirst.get(first) ?? []) {
        if (done.has(e.id) || own.includes(e.url)) continue;
        if (!f.windows.every((h) => sent.has(h))) continue;
        done.add(e.id);
        out.push({ id: e.id, rev: e.rev, windows: [...f.windows] });
      }
    }
    return out;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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
    },
  ) {}

  async current(): Promise<PassageIndex> {
    const stamp = await this.d.stamp();
    if (this.index && stamp === this.stamp) return this.index;
    this.building ??= this.d
      .all()
      .then((notes) => {
        this.index = PassageIndex.build(notes);
        this.stamp = stamp;
        return this.index;
      })
      .finally(() => {
        this.building = null;
      });
    return this.building;
  }
}
