import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import {
  CITATION_FORMAT_LABELS,
  CITATION_FORMATS,
  type CitationFormat,
} from '../../lib/shared/citation/formats';
import { t } from '../../lib/shared/i18n';
import { menuButtonKey, menuKey } from '../../lib/shared/menu-keys';

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
  const button = useRef<HTMLButtonElement>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);
  const timer = useRef(0);

  // Synchronously after the render: the next key may already be on its way.
  useLayoutEffect(() => {
    if (open !== null) items.current[open]?.focus();
  }, [open]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const setMenu = (index: number | null) => {
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
          setMenu(move.open);
        }}
      >
        <span aria-hidden="true">▾</span>
      </button>
      {open !== null ? (
        <ul
          class="cite-menu"
          role="menu"
          aria-label={t('cite_formats')}
          onKeyDown={(e) => {
            if (!trusted(e)) return;
            const move = menuKey(e.key, open, CITATION_FORMATS.length);
            if (!move) return;
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
      <span class={status ? `cite-status ${status}` : 'cite-status'} role="status">
        {status === 'copied' ? t('cite_copied') : status === 'failed' ? t('cite_failed') : ''}
      </span>
    </span>
  );
}
