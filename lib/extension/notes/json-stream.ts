/**
 * An incremental JSON checker for notes files: text goes in chunk by chunk and comes out as the
 * raw text of each member of the top-level object and of each element of its `notes` array.
 *
 * Why not JSON.parse on the whole file: an export may be larger than anything the popup can
 * parse in one task without freezing (20,000 ordinary notes are ~15 MB; a note may hold a million
 * characters), and a file the size of the largest export does not fit in one string at all. Here
 * each note is parsed on its own (JSON.parse of a few hundred bytes), the file is read as a
 * stream, and the caller yields to the page between chunks. Only one note's text is held at a
 * time, besides the checked notes.
 *
 * The checker validates the whole grammar itself (RFC 8259), so that a syntax error anywhere in
 * the file is reported with its line and column, engine-independently, exactly as
 * `jsonErrorOffset` in import.ts does for a whole string.
 */

export type RootKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

export interface JsonStreamHandler {
  /** A member of the top-level object other than an array under `notes`; `raw` is undefined past `maxMember`. */
  member(key: string, raw: string | undefined): void;
  /** The top-level `notes` member is an array: called once as it opens. */
  notesArray(): void;
  /** One element of the top-level `notes` array, in order; `raw` is undefined past `maxElement`. */
  element(raw: string | undefined): void;
}

export interface JsonSyntaxError {
  /** 0-based offset in the text (after a leading byte-order mark). */
  offset: number;
  line: number;
  column: number;
  detail: string;
}

// Grammar states.
const VALUE = 0;
const AFTER_VALUE = 1;
const KEY_OR_END = 2;
const KEY = 3;
const COLON = 4;
const VALUE_OR_END = 5;
const STR = 6;
const STR_ESC = 7;
const STR_HEX = 8;
const NUM = 9;
const LIT = 10;
const DONE = 11;

// Number sub-states (RFC 8259 §6).
const N_MINUS = 0;
const N_ZERO = 1;
const N_INT = 2;
const N_DOT = 3;
const N_FRAC = 4;
const N_E = 5;
const N_ESIGN = 6;
const N_EXP = 7;

const MAX_DEPTH = 10_000;
/** Longest top-level key kept (ours are all short; a long one is kept cut, as it cannot matter). */
const MAX_KEY = 200;

type CaptureKind = 'key' | 'member' | 'element';

export class JsonStreamChecker {
  private state = VALUE;
  /** Open containers: 'o' object, 'a' array. */
  private stack: ('o' | 'a')[] = [];
  private inKey = false;
  private numState = N_MINUS;
  private lit = '';
  private litAt = 0;
  private hexLeft = 0;
  /** Offset of the current chunk's first character in the whole text. */
  private base = 0;
  private line = 1;
  private lastNewline = -1;
  private started = false;
  private seenValue = false;

  private rootKind: RootKind | undefined;
  private key = '';
  private inNotes = false;

  private capture: CaptureKind | null = null;
  private captureDepth = 0;
  /** Where the capture starts in the current chunk; 0 when it started in an earlier one. */
  private captureFrom = 0;
  private captureParts: string[] = [];
  private captureLength = 0;
  private captureLimit = 0;
  private captureOver = false;

  error: JsonSyntaxError | null = null;

  constructor(
    private readonly handler: JsonStreamHandler,
    private readonly limits: { maxMember: number; maxElement: number },
  ) {}

  /** The kind of the top-level value (once it has started). */
  get root(): RootKind | undefined {
    return this.rootKind;
  }

  /** True when nothing but white space was seen. */
  get empty(): boolean {
    return !this.seenValue;
  }

  push(chunk: string): void {
    if (this.error) return;
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const n = text.length;
    let i = 0;
    this.captureFrom = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case STR: {
          // Fast path through the body of a string.
          while (i < n) {
            const d = text.charCodeAt(i);
            if (d === 0x22 || d === 0x5c || d < 0x20) break;
            i++;
          }
          if (i >= n) break;
          const d = text.charCodeAt(i);
          if (d === 0x22) {
            i++;
            if (this.inKey) {
              this.inKey = false;
              if (this.capture === 'key') this.endCapture(text, i);
              this.state = COLON;
            } else {
              this.valueEnded(text, i);
            }
          } else if (d === 0x5c) {
            i++;
            this.state = STR_ESC;
          } else {
            return void this.fail(i, 'a control character inside a string');
          }
          break;
        }
        case STR_ESC:
          if (c === 0x75) {
            this.hexLeft = 4;
            this.state = STR_HEX;
          } else if ('"\\/bfnrt'.includes(text[i]!)) this.state = STR;
          else return void this.fail(i, 'a bad escape in a string');
          i++;
          break;
        case STR_HEX:
          if (!isHex(c)) return void this.fail(i, 'a bad \\u escape in a string');
          i++;
          if (--this.hexLeft === 0) this.state = STR;
          break;
        case NUM: {
          const next = numberStep(this.numState, c);
          if (next >= 0) {
            this.numState = next;
            i++;
          } else if (
            this.numState === N_ZERO ||
            this.numState === N_INT ||
            this.numState === N_FRAC ||
            this.numState === N_EXP
          ) {
            this.valueEnded(text, i); // this character belongs to what follows
          } else return void this.fail(i, 'a malformed number');
          break;
        }
        case LIT:
          if (c !== this.lit.charCodeAt(this.litAt)) return void this.fail(i, 'an unknown word');
          i++;
          if (++this.litAt === this.lit.length) this.valueEnded(text, i);
          break;
        default: {
          if (c === 0x20 || c === 0x09 || c === 0x0d) {
            i++;
            break;
          }
          if (c === 0x0a) {
            this.line++;
            this.lastNewline = this.base + i;
            i++;
            break;
          }
          if (!this.structural(text, i, c)) return;
          i++;
        }
      }
    }
    if (this.capture) this.saveCapture(text, n);
    this.base += n;
  }

  /** Call after the last chunk: reports a value cut short. */
  end(): void {
    if (this.error) return;
    if (this.state === NUM && this.stack.length === 0 && numberCanEnd(this.numState)) {
      this.valueEnded('', 0);
    }
    if (this.state !== DONE && this.seenValue) this.fail(0, 'the file ends too early');
  }

  /** A character outside strings, numbers and words, not white space. False on an error. */
  private structural(text: string, i: number, c: number): boolean {
    switch (this.state) {
      case VALUE:
      case VALUE_OR_END:
        if (c === 0x5d && this.state === VALUE_OR_END) {
          this.stack.pop();
          this.valueEnded(text, i + 1);
          return true;
        }
        return this.startValue(i, c);
      case KEY_OR_END:
      case KEY:
        if (c === 0x7d && this.state === KEY_OR_END) {
          this.stack.pop();
          this.valueEnded(text, i + 1);
          return true;
        }
        if (c !== 0x22) return this.fail(i, 'expected a property name in double quotes');
        this.inKey = true;
        this.state = STR;
        if (this.stack.length === 1) this.startCapture('key', i, MAX_KEY);
        return true;
      case COLON:
        if (c !== 0x3a) return this.fail(i, 'expected ":"');
        this.state = VALUE;
        return true;
      case AFTER_VALUE: {
        const top = this.stack[this.stack.length - 1];
        if (c === 0x2c) {
          this.state = top === 'o' ? KEY : VALUE;
          return true;
        }
        if ((c === 0x7d && top === 'o') || (c === 0x5d && top === 'a')) {
          this.stack.pop();
          this.valueEnded(text, i + 1);
          return true;
        }
        return this.fail(i, top === 'o' ? 'expected "," or "}"' : 'expected "," or "]"');
      }
      case DONE:
        return this.fail(i, 'more text after the end');
      default:
        return this.fail(i, 'unexpected character');
    }
  }

  private startValue(i: number, c: number): boolean {
    const depth = this.stack.length;
    this.seenValue = true;
    if (depth === 0) {
      this.rootKind = kindOf(c);
    } else if (depth === 1 && this.stack[0] === 'o') {
      if (this.key === 'notes' && c === 0x5b) {
        this.inNotes = true;
        this.handler.notesArray();
      } else this.startCapture('member', i, this.limits.maxMember);
    } else if (depth === 2 && this.inNotes) {
      this.startCapture('element', i, this.limits.maxElement);
    }
    if (c === 0x7b || c === 0x5b) {
      if (depth >= MAX_DEPTH) return this.fail(i, 'nested too deeply');
      this.stack.push(c === 0x7b ? 'o' : 'a');
      this.state = c === 0x7b ? KEY_OR_END : VALUE_OR_END;
    } else if (c === 0x22) {
      this.state = STR;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      this.state = NUM;
      this.numState = c === 0x2d ? N_MINUS : c === 0x30 ? N_ZERO : N_INT;
    } else if (c === 0x74 || c === 0x66 || c === 0x6e) {
      this.state = LIT;
      this.lit = c === 0x74 ? 'true' : c === 0x66 ? 'false' : 'null';
      this.litAt = 1;
    } else {
      return this.fail(i, 'unexpected character');
    }
    return true;
  }

  /** A value (of any depth) has just ended before position `end` of `text`. */
  private valueEnded(text: string, end: number): void {
    const depth = this.stack.length;
    this.state = depth === 0 ? DONE : AFTER_VALUE;
    if (depth === 1) this.inNotes = false; // the notes array (or any member) has closed
    if (this.capture && this.capture !== 'key' && this.captureDepth === depth) {
      const kind = this.capture;
      const raw = this.endCapture(text, end);
      if (kind === 'member') this.handler.member(this.key, raw);
      else this.handler.element(raw);
    }
  }

  private startCapture(kind: CaptureKind, i: number, limit: number): void {
    this.capture = kind;
    this.captureDepth = this.stack.length;
    this.captureFrom = i;
    this.captureParts = [];
    this.captureLength = 0;
    this.captureLimit = limit;
    this.captureOver = false;
  }

  /** Keeps the captured part of this chunk (called at the chunk's end). */
  private saveCapture(text: string, end: number): void {
    if (this.captureOver) return;
    const part = text.slice(this.captureFrom, end);
    this.captureLength += part.length;
    if (this.captureLength > this.captureLimit) {
      this.captureOver = true;
      this.captureParts = [];
    } else this.captureParts.push(part);
  }

  private endCapture(text: string, end: number): string | undefined {
    this.saveCapture(text, end);
    const kind = this.capture;
    this.capture = null;
    const raw = this.captureOver ? undefined : this.captureParts.join('');
    this.captureParts = [];
    if (kind === 'key') {
      if (raw === undefined) this.key = '';
      else {
        try {
          this.key = JSON.parse(raw) as string;
        } catch {
          this.key = '';
        }
      }
    }
    return raw;
  }

  private fail(i: number, detail: string): false {
    const offset = this.base + i;
    this.error = { offset, line: this.line, column: offset - this.lastNewline, detail };
    return false;
  }
}

function kindOf(c: number): RootKind {
  if (c === 0x7b) return 'object';
  if (c === 0x5b) return 'array';
  if (c === 0x22) return 'string';
  if (c === 0x74 || c === 0x66) return 'boolean';
  if (c === 0x6e) return 'null';
  return 'number';
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function numberCanEnd(s: number): boolean {
  return s === N_ZERO || s === N_INT || s === N_FRAC || s === N_EXP;
}

/** The next number sub-state after character `c`, or -1 when `c` cannot continue the number. */
function numberStep(s: number, c: number): number {
  const digit = c >= 0x30 && c <= 0x39;
  switch (s) {
    case N_MINUS:
      return c === 0x30 ? N_ZERO : digit ? N_INT : -1;
    case N_ZERO:
      return c === 0x2e ? N_DOT : c === 0x65 || c === 0x45 ? N_E : -1;
    case N_INT:
      return digit ? N_INT : c === 0x2e ? N_DOT : c === 0x65 || c === 0x45 ? N_E : -1;
    case N_DOT:
      return digit ? N_FRAC : -1;
    case N_FRAC:
      return digit ? N_FRAC : c === 0x65 || c === 0x45 ? N_E : -1;
    case N_E:
      return digit ? N_EXP : c === 0x2b || c === 0x2d ? N_ESIGN : -1;
    case N_ESIGN:
    case N_EXP:
      return digit ? N_EXP : -1;
    default:
      return -1;
  }
}
