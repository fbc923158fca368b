import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../../lib/shared/i18n';
import type { Note } from '../../lib/shared/notes/model';
import { NoteIndex, type NoteFilters } from '../../lib/extension/search/note-index';
import { SearchBox } from '../shared/SearchBox';
import { useLiveQuery } from '../shared/use-live-query';
import { ExportMenu } from './ExportMenu';
import { formatCount } from './format';
import { ImportPanel } from './ImportPanel';
import { TrashView } from './TrashView';
import { NoteList } from './NoteList';
import type { PopupServices } from '../../lib/extension/popup/services';
import { useTermLabels } from './term-labels';
import type { ToastState } from './Toast';
import { noteActions } from './use-note-actions';

/** Notes rendered at first and added per "show more": the list is paged, not virtualised. */
const PAGE_SIZE = 20;

export interface NotesViewProps {
  services: PopupServices;
  filters: NoteFilters;
  onFilters: (f: NoteFilters) => void;
  searchRef: (el: HTMLInputElement | null) => void;
  onToast: (t: ToastState | null) => void;
  startImport?: boolean;
}

/**
 * Every note, newest first, grouped by page; search (lib/extension/search/note-index.ts) and filters by
 * term, tag and site; export and import. The newest page of notes is painted from a small
 * query before the whole list is loaded; the search index is prepared when the browser is idle
 * and kept until the notes change (liveQuery: a note saved in a tab shows up here at once).
 */
export function NotesView({
  services,
  filters,
  onFilters,
  searchRef,
  onToast,
  startImport = false,
}: NotesViewProps) {
  const [query, setQuery] = useState('');
  const [limit, setLimit] = useState(PAGE_SIZE);
  const newest = useLiveQuery<Note[] | null>(() => services.repo.newest(PAGE_SIZE), [], null);
  const all = useLiveQuery<Note[] | null>(() => services.repo.all(), [], null);
  const index = useMemo(() => new NoteIndex(services.glossary), []);
  const indexed = useMemo(() => {
    if (all) index.setNotes(all);
    return all;
  }, [all]);

  // Prepare the search text while the reader looks at the list.
  useEffect(() => {
    if (!indexed) return;
    const run = () => index.warm();
    if ('requestIdleCallback' in window) {
      const id = requestIdleCallback(run, { timeout: 500 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(run, 50);
    return () => clearTimeout(id);
  }, [indexed]);

  const searching = query.trim() !== '' || Boolean(filters.term || filters.tag || filters.site);
  const results = useMemo(
    () => (indexed ? index.search({ text: query, ...filters }) : null),
    [indexed, query, filters.term, filters.tag, filters.site],
  );
  const list: readonly Note[] | null = results ?? (searching ? null : newest);
  const shown = list ? list.slice(0, limit) : [];
  useEffect(() => setLimit(PAGE_SIZE), [query, filters.term, filters.tag, filters.site]);

  // Timings the browser test reads (performance entries; nothing is sent anywhere).
  const inputAt = useRef<number | null>(null);
  const firstList = useRef(false);
  const allLoaded = useRef(false);
  useLayoutEffect(() => {
    const now = performance.now();
    if (!firstList.current && shown.length > 0) {
      firstList.current = true;
      performance.measure('policy-lens:first-list', { start: 0, end: now });
    }
    if (!allLoaded.current && all) {
      allLoaded.current = true;
      performance.measure('policy-lens:all-notes', { start: 0, end: now });
    }
    const start = inputAt.current;
    if (start !== null && results) {
      inputAt.current = null;
      performance.measure('policy-lens:search', { start, end: now });
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () =>
          performance.measure('policy-lens:search-frame', { start, end: performance.now() });
        ch.port2.postMessage(0);
      });
    }
  }, [results, shown.length, all]);

  const facets = indexed ? index.facets() : null;
  const termLabel = useTermLabels(services, facets?.terms.map((f) => f.value) ?? []);
  const label = (id: string) => termLabel(id)?.zh;
  const actions = useMemo(() => noteActions(services, onToast), [services]);

  // Load more when the end of the list scrolls into view.
  const sentinel = useRef<HTMLDivElement>(null);
  const more = list ? list.length - shown.length : 0;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || more <= 0 || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setLimit((l) => l + PAGE_SIZE);
    });
    io.observe(el);
    return () => io.disconnect();
  }, [more, shown.length]);

  const total = all?.length ?? null;
  const [importOpen, setImportOpen] = useState(startImport);
  const [trashOpen, setTrashOpen] = useState(false);
  const trashCount = useLiveQuery<number | null>(() => services.repo.trashCount(), [], null);

  return (
    <div class="notes-view">
      <div class="search-row">
        <SearchBox
          inputRef={searchRef}
          label={t('popup_searchNotes')}
          value={query}
          keyShortcuts="/"
          controls="note-results"
          onValue={(q, typed) => {
            if (typed) inputAt.current = typed.timeStamp || performance.now();
            setQuery(q);
          }}
          onKeyDown={(e) => {
            if (e.key !== 'ArrowDown') return;
            const first = document.querySelector<HTMLElement>('#note-results [data-roving-index]');
            if (first) {
              e.preventDefault();
              first.focus();
            }
          }}
        />
      </div>
      <div class="filter-row">
        <FilterSelect
          label={t('popup_filterTerm')}
          all={t('popup_allTerms')}
          value={filters.term}
          options={(facets?.terms ?? []).map((f) => ({
            value: f.value,
            label: `${label(f.value) ?? f.value} (${f.count})`,
          }))}
          onChange={(term) => onFilters({ ...filters, term })}
        />
        <FilterSelect
          label={t('popup_filterTag')}
          all={t('popup_allTags')}
          value={filters.tag}
          options={(facets?.tags ?? []).map((f) => ({
            value: f.value,
            label: `#${f.value} (${f.count})`,
          }))}
          onChange={(tag) => onFilters({ ...filters, tag })}
        />
        <FilterSelect
          label={t('popup_filterSite')}
          all={t('popup_allSites')}
          value={filters.site}
          options={(facets?.sites ?? []).map((f) => ({
            value: f.value,
            label: `${f.value} (${f.count})`,
          }))}
          onChange={(site) => onFilters({ ...filters, site })}
        />
      </div>
      <div class="tool-row">
        <p class="summary" aria-live="polite">
          {total === null
            ? t('popup_loading')
            : searching && results
              ? t('popup_countOf', [formatCount(results.length), formatCount(total)])
              : t('popup_count', formatCount(total))}
        </p>
        <ExportMenu
          services={services}
          all={all}
          shown={searching ? results : null}
          termLabel={(id) => {
            const l = termLabel(id);
            return l ? (l.en ? `${l.zh} (${l.en})` : l.zh) : undefined;
          }}
          onToast={onToast}
        />
        <button
          type="button"
          class="tool"
          aria-expanded={importOpen}
          onClick={() => {
            if (services.inPopupWindow) services.openInTab('import');
            else setImportOpen(true);
          }}
        >
          {t('popup_import')}
        </button>
        <button
          type="button"
          class="tool"
          aria-expanded={trashOpen}
          onClick={() => setTrashOpen(!trashOpen)}
        >
          {trashCount ? t('popup_trashOpenCount', formatCount(trashCount)) : t('popup_trashOpen')}
        </button>
      </div>
      {importOpen ? (
        <ImportPanel services={services} onClose={() => setImportOpen(false)} onToast={onToast} />
      ) : null}
      {trashOpen ? (
        <TrashView services={services} onClose={() => setTrashOpen(false)} onToast={onToast} />
      ) : null}
      <div id="note-results" class="results" hidden={trashOpen}>
        {list === null ? (
          <p class="empty">{t('popup_loading')}</p>
        ) : list.length === 0 ? (
          <p class="empty">
            {searching
              ? t('popup_noMatches')
              : total === 0 || (total === null && newest?.length === 0)
                ? t('popup_noNotes')
                : t('popup_loading')}
          </p>
        ) : (
          <NoteList
            notes={shown}
            grouped={true}
            termLabel={label}
            label={t('popup_viewNotes')}
            {...actions}
          />
        )}
        {more > 0 ? (
          <div ref={sentinel} class="more">
            <button type="button" class="tool" onClick={() => setLimit((l) => l + PAGE_SIZE)}>
              {t('popup_showMore', formatCount(more))}
            </button>
          </div>
        ) : null}
      </div>
    </div>
  );
}

function FilterSelect({
  label,
  all,
  value,
  options,
  onChange,
}: {
  label: string;
  all: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  onChange: (v: string | undefined) => void;
}) {
  // A filter set from elsewhere (a term's "notes" link) stays selectable before notes load.
  const opts =
    value && !options.some((o) => o.value === value)
      ? [{ value, label: value }, ...options]
      : options;
  return (
    <select
      class={value ? 'filter active' : 'filter'}
      aria-label={label}
      title={label}
      value={value ?? ''}
      onChange={(e) => onChange(e.currentTarget.value || undefined)}
    >
      <option value="">{all}</option>
      {opts.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
