import type { Ref } from 'preact';
import './search-box.css';

export interface SearchBoxProps {
  /** The box's accessible name, shown as its placeholder too. */
  label: string;
  value: string;
  /**
   * The text as typed (`typed` is the input event), or '' when Escape clears it (no event: a
   * clear is not a search the reader typed).
   */
  onValue: (value: string, typed?: Event) => void;
  inputRef?: Ref<HTMLInputElement>;
  /** aria-keyshortcuts: the key that brings the keyboard here from anywhere on the page. */
  keyShortcuts?: string;
  /** aria-controls: the id of the results the box filters. */
  controls?: string;
  /** Keys other than Escape: into the results (ArrowDown), open the first (Enter). */
  onKeyDown?: (e: KeyboardEvent) => void;
}

/**
 * The search box of the popup's notes and glossary and of the options page's glossary filter:
 * a labelled `type="search"` input (role searchbox) whose Escape clears a query and goes no
 * further; with nothing to clear, Escape is left to the page.
 */
export function SearchBox({
  label,
  value,
  onValue,
  inputRef,
  keyShortcuts,
  controls,
  onKeyDown,
}: SearchBoxProps) {
  return (
    <input
      ref={inputRef}
      type="search"
      class="search"
      value={value}
      placeholder={label}
      aria-label={label}
      aria-keyshortcuts={keyShortcuts}
      aria-controls={controls}
      autoComplete="off"
      spellcheck={false}
      onInput={(e) => onValue(e.currentTarget.value, e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && value) {
          e.preventDefault();
          e.stopPropagation();
          onValue('');
        } else onKeyDown?.(e);
      }}
    />
  );
}
