import { useCallback, useRef, useState } from 'preact/hooks';

/**
 * Roving focus for a list (WAI-ARIA practice): one item is in the tab order; arrow keys, Home,
 * End, PageUp and PageDown move between items. Items carry `data-roving-index`; keys pressed on
 * a control inside an item move from that item. Typing in a field is left alone.
 */
export function useRoving(count: number) {
  const [active, setActive] = useState(0);
  const refs = useRef<(HTMLElement | null)[]>([]);
  const current = Math.min(active, Math.max(0, count - 1));

  const focusAt = useCallback(
    (i: number) => {
      if (count === 0) return;
      const n = Math.max(0, Math.min(count - 1, i));
      setActive(n);
      const el = refs.current[n];
      el?.focus();
      el?.scrollIntoView({ block: 'nearest' });
    },
    [count],
  );

  const onKeyDown = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea, select, [contenteditable]')) return;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const item = target.closest<HTMLElement>('[data-roving-index]');
    const from = item ? Number(item.dataset.rovingIndex) : current;
    const step: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: 10,
      PageUp: -10,
      Home: -Infinity,
      End: Infinity,
    };
    const d = step[e.key];
    if (d === undefined) return;
    e.preventDefault();
    focusAt(d === -Infinity ? 0 : d === Infinity ? count - 1 : from + d);
  };

  const item = (i: number) => ({
    tabIndex: i === current ? 0 : -1,
    'data-roving-index': String(i),
    ref: (el: HTMLElement | null) => {
      refs.current[i] = el;
    },
    onFocus: (e: FocusEvent) => {
      if (e.target === e.currentTarget || i !== current) setActive(i);
    },
  });

  return { active: current, onKeyDown, item, focusAt };
}
