import { categoryLabel } from '../../lib/shared/glossary/category-labels';
import { CATEGORIES } from '../../lib/shared/glossary/categories';
import { t } from '../../lib/shared/i18n';
import { CitationFormatChoice } from './CitationFormatChoice';
import {
  HIGHLIGHT_STYLES,
  TOOLTIP_LANGUAGES,
  type HighlightStyle,
  type Settings,
  type TooltipLanguage,
} from '../../lib/shared/settings/settings';

interface Props {
  settings: Settings;
  update: (patch: Partial<Settings>) => Promise<void>;
}

const STYLE_KEYS: Record<HighlightStyle, string> = {
  soft: 'options_style_soft',
  underline: 'options_style_underline',
  dotted: 'options_style_dotted',
};
const LANGUAGE_KEYS: Record<TooltipLanguage, string> = {
  both: 'options_language_both',
  zh: 'options_language_zh',
  en: 'options_language_en',
};

export function AppearanceSection({ settings, update }: Props) {
  const toggleCategory = (c: (typeof CATEGORIES)[number], on: boolean) => {
    const hidden = new Set(settings.hiddenCategories);
    if (on) hidden.delete(c);
    else hidden.add(c);
    void update({ hiddenCategories: [...hidden] });
  };
  return (
    <section aria-labelledby="appearance-h">
      <h2 id="appearance-h">{t('options_appearance')}</h2>
      <fieldset>
        <legend>{t('options_style')}</legend>
        <div class="choices">
          {HIGHLIGHT_STYLES.map((s) => (
            <label key={s} class="choice">
              <input
                type="radio"
                name="style"
                checked={settings.termStyle === s}
                onChange={() => void update({ termStyle: s })}
              />
              <span class={`preview preview-${s}`}>新质生产力</span>
              <span>{t(STYLE_KEYS[s])}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('options_categories')}</legend>
        <div class="choices wrap">
          {CATEGORIES.map((c) => {
            const label = categoryLabel(c);
            return (
              <label key={c} class="check">
                <input
                  type="checkbox"
                  checked={!settings.hiddenCategories.includes(c)}
                  onChange={(e) => toggleCategory(c, (e.target as HTMLInputElement).checked)}
                />
                <span lang="zh-CN">{label.zh}</span> <span class="muted">{label.en}</span>
              </label>
            );
          })}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('options_language')}</legend>
        <div class="choices">
          {TOOLTIP_LANGUAGES.map((l) => (
            <label key={l} class="check">
              <input
                type="radio"
                name="language"
                checked={settings.tooltipLanguage === l}
                onChange={() => void update({ tooltipLanguage: l })}
              />
              {t(LANGUAGE_KEYS[l])}
            </label>
          ))}
        </div>
      </fieldset>
      <div class="row">
        <label for="delay">{t('options_delay')}</label>
        <input
          id="delay"
          type="range"
          min={0}
          max={1000}
          step={50}
          value={settings.tooltipDelayMs}
          aria-valuetext={`${settings.tooltipDelayMs} ms`}
          onChange={(e) =>
            void update({ tooltipDelayMs: Number((e.target as HTMLInputElement).value) })
          }
        />
        <output for="delay">{settings.tooltipDelayMs} ms</output>
      </div>
      <label class="check">
        <input
          type="checkbox"
          checked={settings.showPinyin}
          onChange={(e) => void update({ showPinyin: (e.target as HTMLInputElement).checked })}
        />
        {t('options_pinyin')}
      </label>
      <CitationFormatChoice />
    </section>
  );
}
