import type { GlossaryEntry } from '../../lib/shared/glossary/compile';
import type { Source } from '../../lib/shared/glossary/schema';
import { categoryLabel } from '../../lib/shared/glossary/category-labels';
import type { RelatedTerm } from '../../lib/shared/glossary/lookup';
import { preferredRendering, renderingsOf } from '../../lib/shared/glossary/renderings';
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
}

/** Everything we know about one glossary entry; used by the tooltip and the popup's glossary. */
export function TermCard({
  entry,
  source,
  related,
  id,
  language = 'both',
  showPinyin = true,
}: TermCardProps) {
  const label = categoryLabel(entry.category);
  const preferred = preferredRendering(entry);
  const variants = [...new Set(renderingsOf(entry).map((r) => r.text))].filter(
    (text) => text !== preferred.text,
  );
  return (
    <div class="card" id={id} lang="zh-CN">
      <div class="head">
        <span class="zh">{entry.zh}</span>
        {entry.traditional[0] && entry.traditional[0] !== entry.zh ? (
          <span class="trad" lang="zh-Hant">
            {entry.traditional[0]}
          </span>
        ) : null}
        <span class="cat" title={entry.custom ? t('term_custom_title') : label.en}>
          {entry.custom ? t('term_custom') : label.zh}
          {entry.scope === 'context' && !entry.custom ? ` · ${t('term_context')}` : ''}
        </span>
      </div>
      {showPinyin ? (
        <div class="pinyin" lang="zh-Latn-pinyin">
          {entry.pinyin}
        </div>
      ) : null}
      <div class="en" lang="en">
        <span class="official">{preferred.text}</span>
        {entry.custom ? null : preferred.ours ? (
          <span class="note"> ({t('term_our_translation')})</span>
        ) : (
          <span class="note">
            {' '}
            ({preferred.outlet}
            {preferred.date ? `, ${preferred.date}` : ''})
          </span>
        )}
        {variants.length > 0 ? (
          <div class="variants">
            {t('term_also')} {variants.join('; ')}
          </div>
        ) : null}
      </div>
      {language !== 'en' && entry.definition.zh ? <p class="def">{entry.definition.zh}</p> : null}
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
      {related.length > 0 ? (
        <div class="related">
          <span class="label">{t('term_related')}</span>{' '}
          {related.map((r, i) => (
            <span key={r.id} title={r.en}>
              {i > 0 ? ' · ' : ''}
              {r.zh}
            </span>
          ))}
        </div>
      ) : null}
    </div>
  );
}
