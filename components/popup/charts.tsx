import {
  OTHER_SITES,
  niceMax,
  type Total,
  type WeeklyBySite,
} from '../../lib/extension/log/aggregate';
import { t } from '../../lib/shared/i18n';
import { formatCount } from './format';

/**
 * The trends view's charts, drawn as SVG by Preact. A chart library was weighed and left out:
 * uPlot, the smallest well-kept one (1.6.32: 22 KB gzipped, its CSS 0.8 KB more), draws on a
 * canvas — no text a screen reader or a search can reach, no per-bar tooltips without its
 * plugins — and is built for thousands of time points. Ours are at most a dozen weekly stacks
 * and ten bars: about as many lines of JSX as uPlot's options would take, 1.3 KB gzipped, no
 * `eval`, and the popup's fonts, colours and dark mode through CSS.
 */

/** Okabe–Ito: told apart with the common colour-vision deficiencies; grey for the rest. */
const SERIES = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9'];
export const seriesColor = (site: string, i: number): string =>
  site === OTHER_SITES ? '#999999' : SERIES[i % SERIES.length]!;

const W = 368;
const H = 168;
const PAD = { left: 30, right: 6, top: 8, bottom: 30 };

function monthDay(ms: number): string {
  return new Intl.DateTimeFormat(document.documentElement.lang || 'en', {
    month: 'numeric',
    day: 'numeric',
  }).format(ms);
}

/** Occurrences per week, stacked by site, with the week starts along the bottom. */
export function WeeklyChart({ data, label }: { data: WeeklyBySite; label: string }) {
  const n = data.weeks.length;
  const totals = data.weeks.map((_, w) => data.counts.reduce((s, c) => s + c[w]!, 0));
  const top = niceMax(Math.max(0, ...totals));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / n;
  const barW = Math.max(4, step * 0.7);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  // Every other label when they would crowd.
  const every = n > 8 ? 2 : 1;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={label}
      preserveAspectRatio="xMidYMid meet"
    >
      {[0, top / 2, top].map((v) => (
        <g key={v}>
          <line class="grid" x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
          <text class="tick" x={PAD.left - 4} y={y(v) + 3.5} text-anchor="end">
            {Number.isInteger(v) ? formatCount(v) : ''}
          </text>
        </g>
      ))}
      {data.weeks.map((week, w) => {
        const x = PAD.left + w * step + (step - barW) / 2;
        let base = 0;
        return (
          <g key={week}>
            {data.sites.map((site, s) => {
              const v = data.counts[s]![w]!;
              if (!v) return null;
              const rect = (
                <rect
                  key={site}
                  x={x}
                  width={barW}
                  y={y(base + v)}
                  height={Math.max(1, y(base) - y(base + v))}
                  fill={seriesColor(site, s)}
                >
                  <title>{`${monthDay(week)} · ${site === OTHER_SITES ? t('log_otherSites') : site}: ${formatCount(v)}`}</title>
                </rect>
              );
              base += v;
              return rect;
            })}
            {totals[w] ? (
              <text class="value" x={x + barW / 2} y={y(totals[w]) - 2} text-anchor="middle">
                {formatCount(totals[w])}
              </text>
            ) : null}
            {w % every === (n - 1) % every ? (
              <text class="tick" x={x + barW / 2} y={H - PAD.bottom + 12} text-anchor="middle">
                {monthDay(week)}
              </text>
            ) : null}
          </g>
        );
      })}
      <line class="axis" x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
      <text class="axis-label" x={PAD.left + plotW / 2} y={H - 3} text-anchor="middle">
        {t('log_weekOf')}
      </text>
      <text
        class="axis-label"
        transform={`translate(9 ${PAD.top + plotH / 2}) rotate(-90)`}
        text-anchor="middle"
      >
        {t('log_occurrences')}
      </text>
    </svg>
  );
}

export interface BarItem extends Total {
  label: string;
  color?: string;
  onClick?: () => void;
}

/** Horizontal bars, longest first: a label, the bar, the count and pages. HTML, not SVG, so
 * long Chinese labels wrap and each row can be a button. */
export function BarList({ items, label }: { items: readonly BarItem[]; label: string }) {
  const top = Math.max(1, ...items.map((i) => i.count));
  return (
    <ul class="bars" aria-label={label}>
      {items.map((i) => {
        const body = (
          <>
            <span class="bar-label" title={i.label}>
              {i.label}
            </span>
            <span class="bar-track" aria-hidden="true">
              <span
                class="bar-fill"
                style={{ width: `${(i.count / top) * 100}%`, background: i.color }}
              />
            </span>
            <span class="bar-value">
              {formatCount(i.count)}
              <span class="bar-pages">
                {' · '}
                {i.pages === 1 ? t('log_onePage') : t('log_pagesCount', formatCount(i.pages))}
              </span>
            </span>
          </>
        );
        return (
          <li key={i.key}>
            {i.onClick ? (
              <button type="button" class="bar-row" onClick={i.onClick}>
                {body}
              </button>
            ) : (
              <div class="bar-row">{body}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
