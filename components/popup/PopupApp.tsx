import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../lib/shared/i18n';
import type { NoteFilters } from '../../lib/extension/search/note-index';
import { purgeExpiredTrash } from '../../lib/extension/notes/trash';
import { GlossaryView } from './GlossaryView';
import { NotesView } from './NotesView';
import type { PageState, PopupServices, TabInfo } from '../../lib/extension/popup/services';
import { ThisPageView } from './ThisPageView';
import { TrendsView } from './TrendsView';
import { Toast, type ToastState } from './Toast';

export type View = 'page' | 'notes' | 'glossary' | 'log';
const VIEWS: View[] = ['page', 'notes', 'glossary', 'log'];

export interface PopupAppProps {
  services: PopupServices;
  initialView?: View;
  /** Open the import panel at once (the popup page opened in a tab for the file chooser). */
  startImport?: boolean;
}

/** The state of the tab the popup is about, as the content script reports it. */
/**
 * The toolbar popup: three views in tabs. "/" focuses the current view's search (This page has
 * none: it goes to Notes), arrow keys move between tabs and along lists.
 */
export function PopupApp({ services, initialView = 'page', startImport = false }: PopupAppProps) {
  const [view, setView] = useState<View>(initialView);
  // Views are mounted on first visit and then kept (hidden): the notes' search index, a query
  // typed and a scroll position survive a look at another view.
  const [visited, setVisited] = useState<ReadonlySet<View>>(() => new Set([initialView]));
  useEffect(() => {
    if (!visited.has(view)) setVisited(new Set([...visited, view]));
  }, [view]);
  const [page, setPage] = useState<PageState>({ tab: null, report: undefined });
  const [filters, setFilters] = useState<NoteFilters>({});
  const [glossaryEntry, setGlossaryEntry] = useState<string | null>(null);
  const [trendTerm, setTrendTerm] = useState<string | null>(null);
  const [toast, setToast] = useState<ToastState | null>(null);
  const searchRefs = useRef<Partial<Record<View, HTMLInputElement | null>>>({});
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  // The side panel asks again as the reader moves between tabs: only the last answer counts.
  const asked = useRef(0);
  const refreshReport = async (tab: TabInfo | null) => {
    const n = ++asked.current;
    if (!tab) {
      setPage({ tab, report: null });
      return;
    }
    const report = await services.pageReport(tab.id).catch(() => null);
    if (n === asked.current) setPage({ tab, report });
  };

  // Deleted notes past the retention setting go for good whenever the popup opens.
  useEffect(() => {
    void services
      .loadSettings()
      .then((s) => purgeExpiredTrash(services.repo, s, Date.now()))
      .catch(() => {}); // retried at the next opening; nothing shown depends on it
  }, []);

  useEffect(() => {
    let live = true;
    void services.currentTab().then((tab) => {
      if (!live) return;
      setPage({ tab, report: undefined });
      void refreshReport(tab);
    });
    return () => {
      live = false;
    };
  }, []);

  // The side panel: the tab the reader looks at now (another tab, or this one after it navigated).
  useEffect(
    () =>
      services.followTab?.((tab) => {
        setPage({ tab, report: undefined });
        void refreshReport(tab);
      }),
    [],
  );

  // "/" focuses search from anywhere but a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const el = e.target as HTMLElement | null;
      if (el?.closest('input, textarea, select, [contenteditable]')) return;
      e.preventDefault();
      const target: View = view === 'page' ? 'notes' : view;
      if (target !== view) setView(target);
      if (target === 'glossary') setGlossaryEntry(null);
      requestAnimationFrame(() => searchRefs.current[target]?.focus());
      setTimeout(() => searchRefs.current[target]?.focus(), 0);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [view]);

  const select = (v: View, focus = false) => {
    setView(v);
    if (focus) tabRefs.current[VIEWS.indexOf(v)]?.focus();
  };

  const onTabKey = (e: KeyboardEvent) => {
    const i = VIEWS.indexOf(view);
    const next =
      e.key === 'ArrowRight'
        ? (i + 1) % VIEWS.length
        : e.key === 'ArrowLeft'
          ? (i + VIEWS.length - 1) % VIEWS.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? VIEWS.length - 1
              : -1;
    if (next < 0) return;
    e.preventDefault();
    select(VIEWS[next]!, true);
  };

  const showNotesFor = (f: NoteFilters) => {
    setFilters(f);
    setView('notes');
  };
  const showTrends = (id: string) => {
    setTrendTerm(id);
    setView('log');
  };
  const showTerm = (id: string) => {
    setGlossaryEntry(id);
    setView('glossary');
  };

  const labels: Record<View, string> = {
    page: t('popup_viewPage'),
    notes: t('popup_viewNotes'),
    glossary: t('popup_viewGlossary'),
    log: t('log_view'),
  };

  return (
    <div class="popup">
      <header class="bar">
        <h1 class="brand">
          <span aria-hidden="true" class="logo">
            透
          </span>
          <span>Policy Lens</span>
        </h1>
        {services.openSidePanel && (
          <button
            type="button"
            class="open-panel"
            title={t('popup_openSidePanel')}
            aria-label={t('popup_openSidePanel')}
            onClick={services.openSidePanel}
          >
            <span aria-hidden="true">◧</span>
          </button>
        )}
        <div class="tabs" role="tablist" aria-label={t('popup_views')} onKeyDown={onTabKey}>
          {VIEWS.map((v, i) => (
            <button
              key={v}
              ref={(el) => {
                tabRefs.current[i] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${v}`}
              aria-selected={view === v}
              aria-controls={`panel-${v}`}
              tabIndex={view === v ? 0 : -1}
              class="tab"
              onClick={() => select(v)}
            >
              {labels[v]}
            </button>
          ))}
        </div>
      </header>
      <main class="views">
        {VIEWS.filter((v) => visited.has(v)).map((v) => (
          <div
            key={v}
            class="panel"
            role="tabpanel"
            id={`panel-${v}`}
            aria-labelledby={`tab-${v}`}
            hidden={v !== view}
          >
            {v === 'page' ? (
              <ThisPageView
                services={services}
                page={page}
                onRefresh={() => refreshReport(page.tab)}
                onShowTerm={showTerm}
                onToast={setToast}
              />
            ) : v === 'notes' ? (
              <NotesView
                services={services}
                filters={filters}
                onFilters={setFilters}
                searchRef={(el) => (searchRefs.current.notes = el)}
                onToast={setToast}
                startImport={startImport}
              />
            ) : v === 'log' ? (
              <TrendsView
                services={services}
                termId={trendTerm}
                onTerm={setTrendTerm}
                onToast={setToast}
              />
            ) : (
              <GlossaryView
                services={services}
                report={page.report ?? null}
                tabId={page.tab?.id ?? null}
                selected={glossaryEntry}
                onSelect={setGlossaryEntry}
                onShowNotes={(term) => showNotesFor({ term })}
                onShowTrends={showTrends}
                searchRef={(el) => (searchRefs.current.glossary = el)}
              />
            )}
          </div>
        ))}
      </main>
      <Toast toast={toast} onClose={() => setToast(null)} />
    </div>
  );
}
