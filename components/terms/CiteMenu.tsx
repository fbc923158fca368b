import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import {
  CITATION_FORMAT_LABELS,
  CITATION_FORMATS,
  type CitationFormat,
} from '../../lib/shared/citation/formats';
import { t } from '../../lib/shared/i18n';
import { menuButtonKey, menuKey } from '../../lib/shared/menu-keys';

/** Room the menu needs below its button, else it opens above (px). */
const MENU_HEIGHT = 140;

export interface CiteMenuProps {
  /** Copies the citation (no format: the reader's default); resolves to whether it was copied. */
  onCite: (format?: CitationFormat) => Promise<boolean>;
  /** The menu opened or closed (the tooltip lets Escape close the menu, not itself). */
  onMenu?: (open: boolean) => void;
  /** Clicks a page could fake are ignored on pages; extension pages pass false. */
  trustedOnly?: boolean;
}

/**
 * "Cite": one click copies the default format; the button beside it opens a menu of the others
 * (WAI-ARIA menu button: arrows, Home/End, Escape back to the button). "Copied" is announced.
 */
export function CiteMenu({ onCite, onMenu, trustedOnly = true }: CiteMenuProps) {
  const [open, setOpen] = useState<number | null>(null);
  const [status, setStatus] = useState<'copied' | 'failed' | null>(null);
  const [place, setPlace] = useState<Record<string, string>>({});
  const group = useRef<HTMLSpanElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);
  const timer = useRef(0);

  // Synchronously after the render: the next key may already be on its way.
  useLayoutEffect(() => {
    if (open !== null) items.current[open]?.focus();
  }, [open]);
  useEffect(() => () => clearTimeout(timer.current), []);
  // The menu is fixed where it opened: when the page scrolls under it, it closes.
  useEffect(() => {
    const win = group.current?.ownerDocument.defaultView;
    if (open === null || !win) return;
    const close = () => setMenu(null);
    win.addEventListener('scroll', close, { capture: true, passive: true });
    return () => win.removeEventListener('scroll', close, { capture: true });
  }, [open !== null]);

  const setMenu = (index: number | null) => {
    // Fixed to the viewport, beside the buttons: the tooltip clips what overflows it.
    const g = group.current;
    const win = g?.ownerDocument.defaultView;
    if (index !== null && g && win) {
      const r = g.getBoundingClientRect();
      const below = r.bottom + 4 + MENU_HEIGHT <= win.innerHeight;
      setPlace(
        below
          ? { top: `${r.bottom + 4}px`, left: `${r.left}px` }
          : { bottom: `${win.innerHeight - r.top + 4}px`, left: `${r.left}px` },
      );
    }
    setOpen(index);
    onMenu?.(index !== null);
  };
  const copy = (format?: CitationFormat) => {
    // From the menu, the keyboard goes back to its button (the item it was on is gone).
    if (open !== null) button.current?.focus();
    setMenu(null);
    void onCite(format).then((ok) => {
      setStatus(ok ? 'copied' : 'failed');
      clearTimeout(timer.current);
      timer.current = window.setTimeout(() => setStatus(null), 2500);
    });
  };
  const trusted = (e: Event) => !trustedOnly || e.isTrusted;

  return (
    <span
      ref={group}
      class="cite-group"
      onFocusOut={(e) => {
        const to = e.relatedTarget;
        if (open !== null && !(to instanceof Node && e.currentTarget.contains(to))) setMenu(null);
      }}
    >
      <button
        type="button"
        class="cite"
        onClick={(e) => {
          if (trusted(e)) copy();
        }}
      >
        {t('cite')}
      </button>
      <button
        ref={button}
        type="button"
        class="cite-more"
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-label={t('cite_formats')}
        title={t('cite_formats')}
        onClick={(e) => {
          if (trusted(e)) setMenu(open === null ? 0 : null);
        }}
        onKeyDown={(e) => {
          const move = menuButtonKey(e.key, CITATION_FORMATS.length);
          if (!move || !trusted(e) || e.key === 'Enter' || e.key === ' ') return;
          e.preventDefault();
          e.stopPropagation(); // a list around us (the popup's notes) moves on arrows too
          setMenu(move.open);
        }}
      >
        <span aria-hidden="true">▾</span>
      </button>
      {open !== null ? (
        <ul
          class="cite-menu"
          style={place}
          role="menu"
          aria-label={t('cite_formats')}
          onKeyDown={(e) => {
            if (!trusted(e)) return;
            const move = menuKey(e.key, open, CITATION_FORMATS.length);
            if (!move) return;
            e.stopPropagation();
            if ('focus' in move) {
              e.preventDefault();
              setOpen(move.focus);
              return;
            }
            if (move.returnFocus) e.preventDefault();
            setMenu(null);
            if (move.returnFocus) button.current?.focus();
          }}
        >
          {CITATION_FORMATS.map((f, i) => (
            <li key={f} role="none">
              <button
                ref={(el) => {
                  items.current[i] = el;
                }}
                type="button"
                role="menuitem"
                tabIndex={i === open ? 0 : -1}
                onClick={(e) => {
                  if (trusted(e)) copy(f);
                }}
              >
                {t(CITATION_FORMAT_LABELS[f])}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <span class={status ? `cite-status ${status}` : 'cite-status'} aria-live="polite">
        {status === 'copied' ? t('cite_copied') : status === 'failed' ? t('cite_failed') : ''}
      </span>
    </span>
  );
}
