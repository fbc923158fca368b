import type { ComponentChildren } from 'preact';
import type { GlossaryEntry } from '../../lib/shared/glossary/compile';
import type { Source } from '../../lib/shared/glossary/schema';
import { categoryLabel } from '../../lib/shared/glossary/category-labels';
import { glossOf } from '../../lib/shared/glossary/gloss';
import type { RelatedTerm } from '../../lib/shared/glossary/lookup';
import { renderingsOf, type Rendering } from '../../lib/shared/glossary/renderings';
import { t } from '../../lib/shared/i18n';

export interface TermCardProps {
  entry: GlossaryEntry;
  source?: Source | undefined;
  related: RelatedTerm[];
  /** id for aria-describedby and for tests. */
  id?: string;
  /** Which language(s) of the definition to show (reader setting). */
  language?: 'both' | 'zh' | 'en';
  showPinyin?: boolean;
  /** The second level (definitions, quote, renderings, related) is shown. */
  expanded?: boolean;
  /** id of the second level, for the "More" button's aria-controls. */
  detailsId?: string;
  /** Opens a related term's own entry. */
  onRelated?: (id: string, e: MouseEvent) => void;
  /** The first level's actions (Add note, Cite, More), under the gloss. */
  actions?: ComponentChildren;
}

/**
 * One glossary entry in two levels; used by the tooltip and the popup's glossary. The first is
 * what a reader needs at a glance: headword, pinyin, the preferred English, a one-line gloss and
 * the actions. The second: the definitions, the quote with its source, every rendering with
 * where and when it was used, and related terms as links to their own entries.
 */
export function TermCard({
  entry,
  source,
  related,
  id,
  language = 'both',
  showPinyin = true,
  expanded = true,
  detailsId,
  onRelated,
  actions,
}: TermCardProps) {
  const label = categoryLabel(entry.category);
  const renderings = renderingsOf(entry);
  const preferred = renderings[0]!;
  const gloss = glossOf(entry.definition, language);
  return (
    <div class="card" id={id} lang="zh-CN">
      <div class="head">
        <span class="zh">{entry.zh}</span>
        {entry.traditional[0] && entry.traditional[0] !== entry.zh ? (
          <span class="trad" lang="zh-Hant">
            {entry.traditional[0]}
          </span>
        ) : null}
        {showPinyin ? (
          <span class="pinyin" lang="zh-Latn-pinyin">
            {entry.pinyin}
          </span>
        ) : null}
        <span class="cat" title={entry.custom ? t('term_custom_title') : label.en}>
          {entry.custom ? t('term_custom') : label.zh}
          {entry.scope === 'context' && !entry.custom ? ` · ${t('term_context')}` : ''}
        </span>
      </div>
      <div class="en" lang="en">
        <span class="official">{preferred.text}</span>
        {entry.custom ? null : preferred.ours ? (
          <span class="note"> ({t('term_our_translation')})</span>
        ) : null}
      </div>
      <p class="gloss" lang={gloss.lang}>
        {gloss.text}
      </p>
      {actions}
      {expanded ? (
        <div class="details" id={detailsId}>
          {language !== 'en' && entry.definition.zh ? (
            <p class="def">{entry.definition.zh}</p>
          ) : null}
          {language !== 'zh' && entry.definition.en ? (
            <p class="def" lang="en">
              {entry.definition.en}
            </p>
          ) : null}
          {entry.quote ? (
            <blockquote class="quote">
              “{entry.quote.text}”
              {source ? (
                <cite>
                  —{' '}
                  <a href={source.url} target="_blank" rel="noreferrer noopener">
                    {source.publication}
                  </a>{' '}
                  {source.date}
                  {source.page ? ` · ${source.page}` : ''}
                </cite>
              ) : null}
            </blockquote>
          ) : null}
          {entry.custom ? null : <RenderingList renderings={renderings} />}
          {related.length > 0 ? (
            <div class="related">
              <span class="label">{t('term_related')}</span>
              <ul>
                {related.map((r) => (
                  <li key={r.id}>
                    <button
                      type="button"
                      class="related-term"
                      title={r.en}
                      onClick={(e) => onRelated?.(r.id, e)}
                    >
                      {r.zh}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function RenderingList({ renderings }: { renderings: readonly Rendering[] }) {
  return (
    <section class="renderings" lang="en">
      <h3>
        {renderings.length === 1
          ? t('term_rendering_one')
          : t('term_renderings', String(renderings.length))}
      </h3>
      <ul>
        {renderings.map((r, i) => (
          <li key={`${r.text}-${i}`}>
            <span class="r-text">{r.text}</span>
            {r.official ? <span class="badge">{t('term_official')}</span> : null}
            {r.ours ? <span class="badge ours">{t('term_our_translation')}</span> : null}
            {r.outlet || r.date ? (
              <span class="r-where">
                {' '}
                {r.url ? (
                  <a href={r.url} target="_blank" rel="noreferrer noopener">
                    {r.outlet || r.url}
                  </a>
                ) : (
                  r.outlet
                )}
                {r.date ? `, ${r.date}` : ''}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
