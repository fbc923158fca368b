import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../../lib/shared/i18n';
import { preferredRendering } from '../../lib/shared/glossary/renderings';
import type { PageReport } from '../../lib/protocol/to-content';
import { TermCard } from '../terms/TermCard';
import { CiteMenu } from '../terms/CiteMenu';
import { copyCitationHere } from '../../lib/extension/citation/copy-here';
import { SearchBox } from '../shared/SearchBox';
import { useLiveQuery } from '../shared/use-live-query';
import { formatCount } from './format';
import type { PopupServices } from '../../lib/extension/popup/services';
import { useRoving } from './use-roving';
import { SeenOnPages } from './SeenOnPages';

export interface GlossaryViewProps {
  services: PopupServices;
  report: PageReport | null;
  tabId: number | null;
  selected: string | null;
  onSelect: (id: string | null) => void;
  onShowNotes: (termId: string) => void;
  /** Opens the reading log's trends for a term (optional: where there is no log view). */
  onShowTrends?: (termId: string) => void;
  searchRef: (el: HTMLInputElement | null) => void;
}

/**
 * Every glossary entry, searchable by Chinese, pinyin (with or without tones, or initials:
 * xzscl → 新质生产力) and English. An entry shows what the tooltip shows (TermCard) and where it
 * appears on the current page.
 */
export function GlossaryView(props: GlossaryViewProps) {
  const { services, selected } = props;
  // The query and the entry last opened outlive the detail view: Back returns to the same list,
  // with the keyboard on the entry that was opened.
  const [query, setQuery] = useState('');
  const last = useRef<string | null>(null);
  const entry = selected ? services.glossary.get(selected) : undefined;
  if (entry) last.current = entry.id;
  return entry ? (
    <EntryDetail {...props} id={entry.id} />
  ) : (
    <EntryList {...props} query={query} setQuery={setQuery} returnTo={last.current} />
  );
}

function EntryList({
  services,
  report,
  onSelect,
  searchRef,
  query,
  setQuery,
  returnTo,
}: GlossaryViewProps & {
  query: string;
  setQuery: (q: string) => void;
  returnTo: string | null;
}) {
  const hits = useMemo(() => services.glossary.search(query), [query]);
  const counts = useMemo(
    () => new Map((report?.terms ?? []).map((x) => [x.termId, x.count])),
    [report],
  );
  const roving = useRoving(hits.length);
  useEffect(() => {
    const i = returnTo ? hits.findIndex((h) => h.entry.id === returnTo) : -1;
    if (i >= 0) roving.focusAt(i);
  }, []);
  return (
    <div class="glossary-view">
      <div class="search-row">
        <SearchBox
          inputRef={searchRef}
          label={t('popup_searchGlossary')}
          value={query}
          keyShortcuts="/"
          onValue={setQuery}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || (e.key === 'Enter' && hits.length > 0)) {
              e.preventDefault();
              if (e.key === 'Enter') onSelect(hits[0]!.entry.id);
              else roving.focusAt(0);
            }
          }}
        />
      </div>
      <p class="summary" aria-live="polite">
        {query
          ? t('popup_glossaryMatches', formatCount(hits.length))
          : t('popup_glossaryCount', formatCount(hits.length))}
      </p>
      {hits.length === 0 ? (
        <p class="empty">{t('popup_noMatches')}</p>
      ) : (
        <ul class="entries" onKeyDown={roving.onKeyDown} aria-label={t('popup_viewGlossary')}>
          {hits.map((h, i) => {
            const e = h.entry;
            const n = counts.get(e.id);
            return (
              <li key={e.id}>
                <button
                  type="button"
                  class={returnTo === e.id ? 'entry current' : 'entry'}
                  {...roving.item(i)}
                  onClick={() => onSelect(e.id)}
                >
                  <span class="zh" lang="zh-CN">
                    {e.zh}
                  </span>
                  <span class="py" lang="zh-Latn-pinyin">
                    {e.pinyin}
                  </span>
                  {n ? (
                    <span class="count">
                      <span aria-hidden="true">×{n}</span>
                      <span class="sr-only">{t('popup_onThisPageCount', String(n))}</span>
                    </span>
                  ) : null}
                  <span class="en" lang="en">
                    {preferredRendering(e).text}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function EntryDetail({
  services,
  report,
  tabId,
  id,
  onSelect,
  onShowNotes,
  onShowTrends,
}: GlossaryViewProps & { id: string }) {
  const details = services.lookup(id);
  const count = report?.terms.find((x) => x.termId === id)?.count ?? 0;
  const notes = useLiveQuery(() => services.repo.countWithTerm(id), [id], 0);
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => back.current?.focus(), [id]);
  if (!details) return null;
  return (
    <div
      class="entry-detail"
      onKeyDown={(e) => {
        if (
          e.key === 'Escape' ||
          (e.key === 'Backspace' && !(e.target as Element).closest('input'))
        ) {
          e.preventDefault();
          e.stopPropagation();
          onSelect(null);
        }
      }}
    >
      <button ref={back} type="button" class="back" onClick={() => onSelect(null)}>
        ← {t('popup_allEntries')}
      </button>
      <div class="term-card">
        <TermCard
          entry={details.entry}
          source={details.source}
          related={details.related}
          onRelated={(rid) => onSelect(rid)}
          actions={
            <div class="tip-actions">
              <CiteMenu
                trustedOnly={false}
                onCite={(format) => copyCitationHere({ term: details }, format)}
              />
            </div>
          }
        />
      </div>
      <section class="entry-where" aria-label={t('popup_whereOnPage')}>
        <p>
          {report === null
            ? t('popup_pageUnknown')
            : count > 0
              ? t('popup_onThisPageCount', formatCount(count))
              : t('popup_notOnThisPage')}
        </p>
        {count > 0 && tabId !== null ? (
          <button type="button" class="primary" onClick={() => void services.revealTerm(tabId, id)}>
            {t('popup_showNext')}
          </button>
        ) : null}
      </section>
      <section class="entry-where">
        <p>{t('popup_notesWithTerm', formatCount(notes))}</p>
        {notes > 0 ? (
          <button type="button" class="tool" onClick={() => onShowNotes(id)}>
            {t('popup_showNotes')}
          </button>
        ) : null}
      </section>
      {onShowTrends ? (
        <SeenOnPages services={services} termId={id} onTrends={onShowTrends} />
      ) : null}
    </div>
  );
}
