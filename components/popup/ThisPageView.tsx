import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '../../lib/shared/i18n';
import type { Note } from '../../lib/shared/notes/model';
import { pageScope } from '../../lib/shared/notes/page-scope';
import { DEFAULT_SETTINGS, siteKey, type Settings } from '../../lib/shared/settings/settings';
import { DEFAULT_SITES, hostInDomain } from '../../lib/shared/sites';
import { useLiveQuery } from '../shared/use-live-query';
import { formatCount } from './format';
import { NoteList } from './NoteList';
import type { PageState, PopupServices } from '../../lib/extension/popup/services';
import { useTermLabels } from './term-labels';
import type { ToastState } from './Toast';
import { errorText, noteActions } from './use-note-actions';
import { useRoving } from './use-roving';

/** Terms listed before "show all": the notes below stay in view on a term-dense page. */
const TERMS_SHOWN = 8;

export interface ThisPageViewProps {
  services: PopupServices;
  page: PageState;
  onRefresh: () => Promise<void>;
  onShowTerm: (id: string) => void;
  onToast: (t: ToastState | null) => void;
}

/**
 * The current tab: the glossary terms found on it (click: scroll to the next one and open its
 * tooltip), its notes (those not found on the page now included, and marked), "Scan this page"
 * outside the default sites, and "Pause on this site".
 */
export function ThisPageView({
  services,
  page,
  onRefresh,
  onShowTerm,
  onToast,
}: ThisPageViewProps) {
  const { tab, report } = page;
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [scanning, setScanning] = useState(false);
  useEffect(() => {
    void services.loadSettings().then(setSettings);
    return services.onSettingsChanged(setSettings);
  }, []);

  const url = report?.url ?? tab?.url;
  const host = hostOf(url);
  const web = url ? /^https?:/i.test(url) : false;
  const domains = [...DEFAULT_SITES, ...settings.addedSites];
  const key = host ? siteKey(host, domains) : null;
  // Settings hold domains only (lib/shared/settings/settings.ts): no switch for localhost or an IP.
  const site = key && /^(?:[a-z0-9-]+\.)+[a-z]{2,}$/.test(key) ? key : null;
  const onDefaultSite = host ? domains.some((d) => hostInDomain(host, d)) : false;
  const paused = site ? settings.pausedSites.includes(site) : false;

  // The page's notes: the URLs the background would give this page (its canonical link only
  // when same-site), or its address alone for a page whose script has not answered.
  const canonical = report?.notes?.canonical ?? null;
  const urls = useMemo(
    () => (url && web ? (pageScope(url, canonical)?.urls ?? []) : []),
    [canonical, url, web],
  );
  const notes = useLiveQuery<Note[] | null>(
    // No URL yet (the tab is being asked for): nothing, rather than a false "no notes".
    () => (urls.length ? services.repo.byUrls(urls) : Promise.resolve(null)),
    [urls.join('\n')],
    null,
  );
  const orphans = useMemo(() => new Set(report?.notes?.orphaned ?? []), [report?.notes]);
  // Notes made on other pages and drawn on this one for their passage (the page's report).
  const elsewhereIds = report?.notes?.elsewhere ?? [];
  const elsewhere = useLiveQuery<Note[]>(
    () =>
      elsewhereIds.length
        ? services.repo
            .storedCopies(elsewhereIds)
            .then((ns) => ns.filter((n): n is Note => !!n && !urls.includes(n.url)))
        : Promise.resolve([]),
    [elsewhereIds.join('\n'), urls.join('\n')],
    [],
  );
  const actions = useMemo(() => noteActions(services, onToast), [services]);

  const terms = report?.terms ?? [];
  const labelOf = useTermLabels(services, [
    ...terms.map((x) => x.termId),
    ...(notes ?? []).flatMap((n) => n.termIds),
  ]);

  const togglePause = async () => {
    if (!site) return;
    const next = paused
      ? settings.pausedSites.filter((s) => s !== site)
      : [...settings.pausedSites, site];
    setSettings(await services.saveSettings({ pausedSites: next }));
    // The page applies the setting itself (storage.onChanged); ask again for its report.
    setTimeout(() => void onRefresh(), 150);
  };

  const scan = async () => {
    if (!tab) return;
    setScanning(true);
    try {
      await services.scanTab(tab.id);
      // The injected script scans after its first frame; ask until it answers.
      for (let i = 0; i < 20; i++) {
        await new Promise((r) => setTimeout(r, 150));
        const r = await services.pageReport(tab.id).catch(() => null);
        if (r) break;
      }
      await onRefresh();
    } catch (e) {
      onToast({ message: t('popup_scanFailed', errorText(e)), error: true });
    } finally {
      setScanning(false);
    }
  };

  const reveal = (termId: string) => {
    if (!tab) return;
    void services.revealTerm(tab.id, termId).then((ok) => {
      if (!ok) onToast({ message: t('popup_revealFailed') });
    });
  };

  const [allTerms, setAllTerms] = useState(false);
  const shownTerms = allTerms ? terms : terms.slice(0, TERMS_SHOWN);
  const roving = useRoving(shownTerms.length);

  if (tab === null && report !== undefined) {
    return <p class="empty">{t('popup_noTab')}</p>;
  }

  return (
    <div class="page-view">
      <section class="page-head" aria-label={t('popup_thisPage')}>
        <div class="page-id">
          <p class="page-title" title={report?.title ?? tab?.title ?? ''}>
            {report?.title || tab?.title || url || t('popup_loading')}
          </p>
          {site ? <p class="page-site">{site}</p> : null}
        </div>
        {site && web ? (
          <label class="switch">
            <input
              type="checkbox"
              role="switch"
              checked={paused}
              aria-checked={paused}
              onChange={() => void togglePause()}
            />
            <span class="switch-track" aria-hidden="true" />
            <span>{t('popup_pauseSite')}</span>
          </label>
        ) : null}
      </section>

      {report === undefined ? (
        <p class="empty">{t('popup_loading')}</p>
      ) : paused ? (
        <p class="notice">{t('popup_pausedNotice', site ?? '')}</p>
      ) : report && !report.active ? (
        <p class="notice">{t('popup_offNotice')}</p>
      ) : report === null ? (
        web || !url ? (
          <div class="notice">
            <p>{onDefaultSite ? t('popup_notReady') : t('popup_notScanned')}</p>
            {!onDefaultSite ? (
              <button type="button" class="primary" disabled={scanning} onClick={() => void scan()}>
                {scanning ? t('popup_scanning') : t('popup_scanPage')}
              </button>
            ) : null}
          </div>
        ) : (
          <p class="notice">{t('popup_notWeb')}</p>
        )
      ) : (
        <section aria-labelledby="terms-heading">
          <h2 id="terms-heading" class="section-title">
            {t('popup_termsHere')} <span class="n">{formatCount(terms.length)}</span>
          </h2>
          {terms.length === 0 ? (
            <p class="empty small">{t('popup_noTermsHere')}</p>
          ) : (
            <ul class="terms" onKeyDown={roving.onKeyDown} aria-labelledby="terms-heading">
              {shownTerms.map((x, i) => {
                const label = labelOf(x.termId);
                const item = roving.item(i);
                return (
                  <li key={x.termId} class="term-row">
                    <button
                      type="button"
                      class="term-main"
                      {...item}
                      title={t('popup_revealHint')}
                      onClick={() => reveal(x.termId)}
                    >
                      <span class="zh" lang="zh-CN">
                        {label?.zh ?? x.termId}
                      </span>
                      <span class="en" lang="en">
                        {label?.en ?? ''}
                      </span>
                      <span class="count">
                        <span aria-hidden="true">×{x.count}</span>
                        <span class="sr-only">{t('popup_occurrences', String(x.count))}</span>
                      </span>
                    </button>
                    <button
                      type="button"
                      class="icon"
                      tabIndex={item.tabIndex}
                      aria-label={t('popup_termDetails', label?.zh ?? x.termId)}
                      title={t('popup_termDetails', label?.zh ?? x.termId)}
                      onClick={() => onShowTerm(x.termId)}
                    >
                      ⓘ
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          {terms.length > TERMS_SHOWN ? (
            <button
              type="button"
              class="link"
              aria-expanded={allTerms}
              onClick={() => setAllTerms(!allTerms)}
            >
              {allTerms
                ? t('popup_fewerTerms')
                : t('popup_allTermsHere', formatCount(terms.length))}
            </button>
          ) : null}
        </section>
      )}

      <section aria-labelledby="page-notes-heading">
        <h2 id="page-notes-heading" class="section-title">
          {t('popup_notesHere')} <span class="n">{formatCount(notes?.length ?? 0)}</span>
          {orphans.size > 0 ? (
            <span class="badge warn">{t('popup_orphans', formatCount(orphans.size))}</span>
          ) : null}
        </h2>
        {notes === null ? null : notes.length === 0 ? (
          <p class="empty small">{t('popup_noNotesHere')}</p>
        ) : (
          <NoteList
            notes={[...notes].reverse()}
            grouped={false}
            termLabel={(id) => labelOf(id)?.zh}
            orphans={orphans}
            label={t('popup_notesHere')}
            {...actions}
          />
        )}
      </section>

      {elsewhere.length > 0 ? (
        <section aria-labelledby="elsewhere-notes-heading">
          <h2 id="elsewhere-notes-heading" class="section-title">
            {t('popup_notesElsewhere')} <span class="n">{formatCount(elsewhere.length)}</span>
          </h2>
          <NoteList
            notes={elsewhere}
            grouped={true}
            termLabel={(id) => labelOf(id)?.zh}
            label={t('popup_notesElsewhere')}
            {...actions}
          />
        </section>
      ) : null}
    </div>
  );
}

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname : null;
  } catch {
    return null;
  }
}
