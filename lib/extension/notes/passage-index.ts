import { keyString, WINDOW, windowHashes } from '../../shared/notes/passage-keys';
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
 * not. Latin text needs more: a letter carries less than an ideograph. Both are at least
 * 2·WINDOW − 1, so a passage holds one of the page's blocks whole (passage-keys.ts).
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
  entry: Entry;
  /** Every window's fingerprint, in order. */
  windows: Uint32Array;
}

interface Entry {
  id: string;
  rev: number;
  url: string;
}

/** How many candidate passages one page is told of at most (and may then be shown). */
const MAX_CANDIDATES = 200;
/**
 * How many stored windows one request may look at: a window many passages share (a set phrase
 * quoted in thousands of notes), sent 100,000 times by a compromised content script, would
 * otherwise hold the background for seconds. An honest page looks at a few thousand.
 */
const MAX_LOOKS = 2_000_000;
/** A window's offset in its passage takes the low bits of a reference (MAX_KEY < 2^11). */
const OFFSET_BITS = 11;
const OFFSET_MASK = (1 << OFFSET_BITS) - 1;

export class PassageIndex {
  /**
   * Every window of every form, grouped by the top 16 bits of its fingerprint (`start`: where
   * each group begins in `keys` and `refs`), with what it is (`refs`: the form's index and the
   * window's offset): 10,000 notes make about a million windows, which typed arrays hold in a
   * few megabytes where a Map would take tens. A group holds a few dozen windows at most.
   */
  private readonly start = new Uint32Array(0x10001);
  private readonly keys: Uint32Array;
  private readonly refs: Uint32Array;

  /** `size`: how many notes travel. */
  private constructor(
    private readonly forms: Form[],
    readonly size: number,
  ) {
    let total = 0;
    for (const f of forms) {
      total += f.windows.length;
      for (const h of f.windows) this.start[(h >>> 16) + 1]!++;
    }
    for (let g = 1; g <= 0x10000; g++) this.start[g]! += this.start[g - 1]!;
    this.keys = new Uint32Array(total);
    this.refs = new Uint32Array(total);
    const next = this.start.slice(0, 0x10000);
    forms.forEach((f, i) => {
      f.windows.forEach((h, o) => {
        const at = next[h >>> 16]!++;
        this.keys[at] = h;
        this.refs[at] = ((i << OFFSET_BITS) | o) >>> 0;
      });
    });
  }

  static build(notes: readonly Note[]): PassageIndex {
    const forms: Form[] = [];
    const entries = new Set<Entry>();
    for (const n of notes) {
      const entry: Entry = { id: n.id, rev: n.rev, url: n.url };
      const seen = new Set<string>();
      for (const form of scriptVariants(n.selectors.quote.exact)) {
        const key = keyString(form);
        if (!travels(key) || seen.has(key)) continue;
        seen.add(key);
        forms.push({ entry, windows: windowHashes(key) });
        entries.add(entry);
      }
    }
    return new PassageIndex(forms, entries.size);
  }

  /**
   * Where a page whose consecutive blocks are `blocks` (passage-keys.ts: blockHashes) may hold
   * passages made elsewhere (not filed under `own`: the page's own notes come by URL): a block
   * is a candidate when it is a window of some passage and every block around it that the
   * passage covers whole is that passage's window there too — the page has all of the passage
   * but its ends. `reach`: the longest such passage, in windows.
   */
  candidates(blocks: readonly number[], own: readonly string[]): PassageCandidates {
    const hits: number[] = [];
    const done = new Set<Form>();
    let reach = 0;
    let looks = 0;
    for (let b = 0; b < blocks.length && hits.length < MAX_CANDIDATES; b++) {
      const h = blocks[b]!;
      const [from, to] = [this.start[h >>> 16]!, this.start[(h >>> 16) + 1]!];
      if ((looks += to - from) > MAX_LOOKS) break;
      for (let j = from; j < to; j++) {
        if (this.keys[j] !== h) continue;
        const f = this.forms[this.refs[j]! >>> OFFSET_BITS]!;
        const o = this.refs[j]! & OFFSET_MASK;
        if (done.has(f) || own.includes(f.entry.url) || !covers(f.windows, o, blocks, b)) continue;
        done.add(f);
        if (hits.at(-1) !== b) hits.push(b);
        reach = Math.max(reach, f.windows.length);
      }
    }
    return { hits, reach };
  }

  /**
   * The notes whose every window is among `sent` (in one script form), except those filed under
   * `own`. A page can send only fingerprints of text it has, so it learns of a note only when
   * the whole passage is on it.
   */
  match(sent: ReadonlySet<number>, own: readonly string[]): PassageMatch[] {
    const out: PassageMatch[] = [];
    const done = new Set<string>();
    for (const h of sent) {
      // The forms whose first window this is: offset 0 among the windows with this fingerprint.
      for (let j = this.start[h >>> 16]!; j < this.start[(h >>> 16) + 1]!; j++) {
        if (this.keys[j] !== h || (this.refs[j]! & OFFSET_MASK) !== 0) continue;
        const f = this.forms[this.refs[j]! >>> OFFSET_BITS]!;
        const e = f.entry;
        if (done.has(e.id) || own.includes(e.url)) continue;
        if (!f.windows.every((w) => sent.has(w))) continue;
        done.add(e.id);
        out.push({ id: e.id, rev: e.rev, windows: [...f.windows] });
      }
    }
    return out;
  }
}

/**
 * Whether the blocks around `b` match the passage's windows WINDOW apart around offset `o`, as
 * far as the passage covers a block whole.
 */
function covers(windows: Uint32Array, o: number, blocks: readonly number[], b: number): boolean {
  for (let k = 1; o - k * WINDOW >= 0; k++) {
    if (blocks[b - k] !== windows[o - k * WINDOW]) return false;
  }
  for (let k = 1; o + k * WINDOW < windows.length; k++) {
    if (blocks[b + k] !== windows[o + k * WINDOW]) return false;
  }
  return true;
}

/**
 * How long an index is taken as current without reading the stamp again: a page asks up to
 * three times within a few dozen milliseconds (passage-probe.ts), and each read of the stamp
 * is two IndexedDB requests. Writes through the background say so at once (`changed`); one made
 * in the popup (an import) is seen within this time.
 */
export const FRESH_MS = 1_000;

/** The index, rebuilt when the notes change (checked by the repository's stamp). */
export class PassageBook {
  private index: PassageIndex | null = null;
  private stamp = '';
  private checkedAt = -Infinity;
  private building: Promise<PassageIndex> | null = null;

  constructor(
    private readonly d: {
      stamp: () => Promise<string>;
      all: () => Promise<Note[]>;
      now: () => number;
    },
  ) {}

  /** A note was written through the background: the next request reads the stamp. */
  changed(): void {
    this.checkedAt = -Infinity;
  }

  async current(): Promise<PassageIndex> {
    const t = this.d.now();
    if (this.index && !this.building && t - this.checkedAt < FRESH_MS) return this.index;
    const stamp = await this.d.stamp();
    this.checkedAt = t;
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
