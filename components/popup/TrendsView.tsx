import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  bySite,
  monthStart,
  mostSeen,
  OTHER_SITES,
  weeklyBySite,
} from '../../lib/extension/log/aggregate';
import type { LogEntry } from '../../lib/protocol/to-background';
import type { PopupServices } from '../../lib/extension/popup/services';
import { t } from '../../lib/shared/i18n';
import { LogControls } from '../shared/LogControls';
import { BarList, seriesColor, WeeklyChart } from './charts';
import { formatCount } from './format';
import type { ToastState } from './Toast';

const WEEKS = 12;

export interface TrendsViewProps {
  services: PopupServices;
  /** The term to show (from a glossary entry's "Trends"); else the most seen one. */
  termId: string | null;
  onTerm: (termId: string) => void;
  onToast: (t: ToastState | null) => void;
}

/**
 * The reading log over time: for one term, occurrences per week stacked by site and its sites
 * overall; across terms, the most seen this month. Export and the log's switches below.
 */
export function TrendsView({ services, termId, onTerm, onToast }: TrendsViewProps) {
  const [rows, setRows] = useState<LogEntry[] | null>(null);
  const [stamp, setStamp] = useState(0);
  useEffect(() => {
    void services.log.entries().then(setRows, () => setRows([]));
    // Another term is a filter of the rows held: only a change of the log reads it again.
  }, [stamp]);
  const now = Date.now();
  const label = (id: string) => {
    const e = services.glossary.get(id);
    return e ? e.zh : id;
  };
  const ranked = useMemo(() => mostSeen(rows ?? [], 0, Infinity), [rows]);
  const month = useMemo(() => mostSeen(rows ?? [], monthStart(now), 8), [rows]);
  const term = termId && ranked.some((r) => r.key === termId) ? termId : ranked[0]?.key;
  const mine = useMemo(() => (rows ?? []).filter((r) => r.termId === term), [rows, term]);
  const weekly = useMemo(() => weeklyBySite(mine, now, WEEKS), [mine]);
  const sites = useMemo(() => bySite(mine), [mine]);

  const download = async (kind: 'csv' | 'json') => {
    const x = await import('../../lib/extension/log/export');
    const all = await services.log.entries();
    const day = new Date().toISOString().slice(0, 10);
    services.download(
      `policy-lens-reading-log-${day}.${kind}`,
      kind === 'csv' ? 'text/csv' : 'application/json',
      kind === 'csv' ? x.logToCsv(all) : x.logToJson(all, Date.now()),
    );
    onToast({ message: t('log_exported', formatCount(all.length)), key: Date.now() });
  };

  const controls = (
    <LogControls
      log={services.log}
      onCleared={() => setStamp(Date.now())}
      onMessage={(message, error) => onToast({ message, error, key: Date.now() })}
    />
  );
  if (rows === null) return <div class="trends" aria-busy="true" />;
  if (!term) {
    return (
      <div class="trends">
        <p class="empty">{t('log_empty')}</p>
        {controls}
      </div>
    );
  }
  const siteIndex = new Map(weekly.sites.map((s, i) => [s, i]));
  return (
    <div class="trends">
      <label class="trend-term">
        <span>{t('log_term')}</span>
        <select value={term} onChange={(e) => onTerm(e.currentTarget.value)} lang="zh-CN">
          {ranked.map((r) => (
            <option key={r.key} value={r.key}>
              {label(r.key)} ({formatCount(r.count)})
            </option>
          ))}
        </select>
      </label>
      <h2>{t('log_perWeek', String(WEEKS))}</h2>
      <WeeklyChart data={weekly} label={t('log_perWeekLabel', label(term))} />
      <ul class="legend" aria-label={t('log_sites')}>
        {weekly.sites.map((s, i) => (
          <li key={s}>
            <span class="swatch" style={{ background: seriesColor(s, i) }} aria-hidden="true" />
            {s === OTHER_SITES ? t('log_otherSites') : s}
          </li>
        ))}
      </ul>
      <h2>{t('log_bySite')}</h2>
      <BarList
        label={t('log_bySite')}
        items={sites.map((s) => {
          const i = siteIndex.get(s.key) ?? siteIndex.get(OTHER_SITES);
          return {
            ...s,
            label: s.key,
            color: i === undefined ? seriesColor(OTHER_SITES, 0) : seriesColor(weekly.sites[i]!, i),
          };
        })}
      />
      <h2>{t('log_mostSeenMonth')}</h2>
      {month.length ? (
        <BarList
          label={t('log_mostSeenMonth')}
          items={month.map((m) => ({
            ...m,
            label: services.glossary.get(m.key)?.zh ?? m.key,
            onClick: () => onTerm(m.key),
          }))}
        />
      ) : (
        <p class="empty small">{t('log_nothingThisMonth')}</p>
      )}
      <div class="trend-export">
        <span>{t('log_export')}</span>
        <button type="button" class="tool" onClick={() => void download('csv')}>
          CSV
        </button>
        <button type="button" class="tool" onClick={() => void download('json')}>
          JSON
        </button>
      </div>
      {controls}
    </div>
  );
}
