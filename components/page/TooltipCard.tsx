import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TermDetailsData } from '../../lib/shared/glossary/lookup';
import type { TooltipView } from '../../lib/page/content/ports';
import { t } from '../../lib/shared/i18n';
import { CiteMenu } from '../terms/CiteMenu';
import { TermCard } from '../terms/TermCard';

const DETAILS_ID = 'policy-lens-tooltip-more';

export interface TooltipCardProps {
  details: TermDetailsData;
  display: TooltipView['display'];
  /** "Add note" for the phrase on the page (only for the term the card was opened on). */
  addNote: { label: string; onClick: () => void } | null;
  cite: TooltipView['cite'];
  fetchTerm: TooltipView['fetchTerm'];
  onMenu: (open: boolean) => void;
}

/**
 * The tooltip's card in two levels: the first (headword, pinyin, English, gloss, actions) is
 * all a glance needs; "More" (a disclosure button) opens the second. A related term opens in the
 * same card, with a way back.
 */
export function TooltipCard({
  details,
  display,
  addNote,
  cite,
  fetchTerm,
  onMenu,
}: TooltipCardProps) {
  const [trail, setTrail] = useState<TermDetailsData[]>([details]);
  const [expanded, setExpanded] = useState(false);
  const back = useRef<HTMLButtonElement>(null);
  const current = trail[trail.length - 1]!;
  const previous = trail.length > 1 ? trail[trail.length - 2]! : null;
  const moved = useRef(false);
  useLayoutEffect(() => {
    // After following a related term (or going back), the keyboard lands on "Back" or "More",
    // not on the body: the button it was on is gone.
    if (!moved.current) return;
    moved.current = false;
    back.current?.focus();
  }, [trail]);

  const follow = (id: string, e: MouseEvent) => {
    if (!e.isTrusted || !fetchTerm) return;
    void fetchTerm(id).then((d) => {
      if (!d) return;
      moved.current = true;
      setExpanded(false);
      setTrail((tr) => [...tr, d]);
    });
  };

  return (
    <>
      {previous ? (
        <button
          ref={back}
          type="button"
          class="tip-back"
          onClick={(e) => {
            if (!e.isTrusted) return;
            moved.current = true;
            setExpanded(false);
            setTrail((tr) => tr.slice(0, -1));
          }}
        >
          ← {t('term_back', previous.entry.zh)}
        </button>
      ) : null}
      <TermCard
        key={current.entry.id}
        entry={current.entry}
        source={current.source}
        related={current.related}
        language={display.language}
        showPinyin={display.showPinyin}
        expanded={expanded}
        detailsId={DETAILS_ID}
        onRelated={follow}
        actions={
          <div class="tip-actions">
            {addNote && !previous ? (
              <button
                type="button"
                class="tip-add-note"
                onClick={(e) => {
                  if (e.isTrusted) addNote.onClick();
                }}
              >
                {addNote.label}
              </button>
            ) : null}
            {cite ? (
              <CiteMenu onCite={(format) => cite(current.entry.id, format)} onMenu={onMenu} />
            ) : null}
            <button
              ref={previous ? undefined : back}
              type="button"
              class="tip-more"
              aria-expanded={expanded}
              aria-controls={DETAILS_ID}
              onClick={(e) => {
                if (e.isTrusted) setExpanded((x) => !x);
              }}
            >
              {t('term_more')}
              <span class="chev" aria-hidden="true" />
            </button>
          </div>
        }
      />
    </>
  );
}
