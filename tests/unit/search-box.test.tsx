import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SearchBox, type SearchBoxProps } from '../../components/shared/SearchBox';

afterEach(cleanup);

/** The box with its value held in state, inside a parent that records the keys reaching it. */
function Harness({
  spy,
  onParentKey,
  value: initial = '',
  ...props
}: Partial<SearchBoxProps> & {
  spy: (value: string, typed?: Event) => void;
  onParentKey?: (e: KeyboardEvent) => void;
}) {
  const [value, setValue] = useState(initial);
  return (
    <div onKeyDown={(e) => onParentKey?.(e)}>
      <SearchBox
        label="Search notes ( / )"
        {...props}
        value={value}
        onValue={(v, typed) => {
          spy(v, typed);
          setValue(v);
        }}
      />
    </div>
  );
}

describe('SearchBox', () => {
  it('is a searchbox named by its label, which is also its placeholder', () => {
    render(<Harness spy={() => {}} keyShortcuts="/" controls="results" />);
    const box = screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search notes ( / )' });
    expect(box.placeholder).toBe('Search notes ( / )');
    expect(box.type).toBe('search');
    expect(box.getAttribute('aria-keyshortcuts')).toBe('/');
    expect(box.getAttribute('aria-controls')).toBe('results');
    expect(box.getAttribute('autocomplete')).toBe('off');
  });

  it('gives the typed text with its input event', () => {
    const spy = vi.fn();
    render(<Harness spy={spy} />);
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'xzscl' } });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]![0]).toBe('xzscl');
    expect(spy.mock.calls[0]![1]).toBeInstanceOf(Event);
  });

  it('Escape clears a query, without an event, and goes no further; with nothing to clear it is left to the page', () => {
    const spy = vi.fn();
    const parent = vi.fn();
    const keys = vi.fn();
    render(<Harness spy={spy} value="green" onParentKey={parent} onKeyDown={keys} />);
    const box = screen.getByRole<HTMLInputElement>('searchbox');
    const cleared = !fireEvent.keyDown(box, { key: 'Escape' });
    expect(cleared).toBe(true); // default prevented
    expect(spy).toHaveBeenCalledWith('', undefined);
    expect(box.value).toBe('');
    expect(parent).not.toHaveBeenCalled();
    expect(keys).not.toHaveBeenCalled();
    spy.mockClear();
    expect(fireEvent.keyDown(box, { key: 'Escape' })).toBe(true); // not prevented
    expect(spy).not.toHaveBeenCalled();
    expect(parent).toHaveBeenCalledTimes(1);
  });

  it('passes other keys on', () => {
    const keys = vi.fn((e: KeyboardEvent) => e.key === 'Enter' && e.preventDefault());
    render(<Harness spy={() => {}} value="x" onKeyDown={keys} />);
    const box = screen.getByRole('searchbox');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(fireEvent.keyDown(box, { key: 'Enter' })).toBe(false);
    expect(keys.mock.calls.map(([e]) => e.key)).toEqual(['ArrowDown', 'Enter']);
  });
});
