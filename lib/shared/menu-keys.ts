/** What a key does in a menu of `count` items with item `index` focused (WAI-ARIA menu). */
export type MenuMove = { focus: number } | { close: true; returnFocus: boolean } | null;

export function menuKey(key: string, index: number, count: number): MenuMove {
  if (count === 0) return key === 'Escape' ? { close: true, returnFocus: true } : null;
  switch (key) {
    case 'ArrowDown':
      return { focus: (index + 1) % count };
    case 'ArrowUp':
      return { focus: (index - 1 + count) % count };
    case 'Home':
      return { focus: 0 };
    case 'End':
      return { focus: count - 1 };
    case 'Escape':
      return { close: true, returnFocus: true };
    case 'Tab':
      return { close: true, returnFocus: false };
    default:
      return null;
  }
}

/** The menu button's keys: ArrowDown/Enter/Space open on the first item, ArrowUp on the last. */
export function menuButtonKey(key: string, count: number): { open: number } | null {
  if (key === 'ArrowDown' || key === 'Enter' || key === ' ') return { open: 0 };
  if (key === 'ArrowUp') return { open: Math.max(0, count - 1) };
  return null;
}
