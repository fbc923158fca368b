import type { Registry } from './viewport-ranges';

/**
 * A Highlight made when its first range comes. A page without terms then never touches the
 * Highlight API: its interfaces cost an isolated world their bindings (bench, page E's heap).
 */
export class LazyHighlight implements Registry {
  private h: Highlight | null = null;

  /** `make` creates the Highlight and registers it where it belongs. */
  constructor(private readonly make: () => Highlight) {}

  /** The Highlight, if a range has come. */
  get made(): Highlight | null {
    return this.h;
  }

  add(range: AbstractRange): this {
    (this.h ??= this.make()).add(range);
    return this;
  }

  delete(range: AbstractRange): boolean {
    return this.h?.delete(range) ?? false;
  }

  has(range: AbstractRange): boolean {
    return this.h?.has(range) ?? false;
  }

  clear(): void {
    this.h?.clear();
  }

  get size(): number {
    return this.h?.size ?? 0;
  }
}
