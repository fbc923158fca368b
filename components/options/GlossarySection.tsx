import { useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import glossary from '../../glossary/generated/glossary.json';
import type { CompiledGlossary } from '../../lib/shared/glossary/compile';
import { preferredRendering } from '../../lib/shared/glossary/renderings';
import {
  parseCsv,
  parseGlossaryJson,
  rejectKnown,
  withinLimits,
  type CustomTerm,
  type ParsedImport,
} from '../../lib/shared/glossary/custom';
import {
  addCustomTerms,
  customGlossaryDb,
  removeCustomTerm,
  updateCustomTerm,
} from '../../lib/extension/glossary/custom-db';
import { CUSTOM_GLOSSARY_STAMP } from '../../lib/shared/glossary/custom-matcher';
import { t } from '../../lib/shared/i18n';
import { SearchBox } from '../shared/SearchBox';
import type { Settings } from '../../lib/shared/settings/settings';
import { useLiveQuery } from '../shared/use-live-query';

interface Props {
  settings: Settings;
  update: (patch: Partial<Settings>) => Promise<void>;
}

const BUNDLED = (glossary as CompiledGlossary).entries;

/** Open pages re-scan when the custom glossary changes. */
function announceChange() {
  void browser.storage.local.set({ [CUSTOM_GLOSSARY_STAMP]: Date.now() });
}

export function GlossarySection({ settings, update }: Props) {
  const db = customGlossaryDb();
  const custom = useLiveQuery(
    () => db.terms.orderBy('updatedAt').reverse().toArray(),
    [],
    [] as CustomTerm[],
  );
  const [pending, setPending] = useState<{ name: string; parsed: ParsedImport } | null>(null);
  const [status, setStatus] = useState('');
  const [filter, setFilter] = useState('');

  const known = useMemo(() => {
    const s = new Set<string>();
    for (const e of BUNDLED)
      for (const x of [e.zh, ...e.aliases, preferredRendering(e).text]) s.add(x.toLowerCase());
    for (const c of custom) for (const x of [c.term, ...c.aliases]) s.add(x.toLowerCase());
    return s;
  }, [custom]);

  const onFile = async (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setStatus('');
    let parsed: ParsedImport;
    try {
      const source = file.size > 2_000_000 ? '' : await file.text();
      parsed =
        file.size > 2_000_000
          ? { terms: [], errors: [{ where: file.name, message: t('options_glossary_too_big') }] }
          : /\.csv$/i.test(file.name)
            ? parseCsv(source)
            : parseGlossaryJson(source);
    } catch (err) {
      // A file moved or deleted after it was chosen: say so rather than wait forever.
      parsed = { terms: [], errors: [{ where: file.name, message: errorMessage(err) }] };
    }
    setPending({ name: file.name, parsed: withinLimits(rejectKnown(parsed, known), custom) });
  };

  const apply = async () => {
    if (!pending) return;
    try {
      await addCustomTerms(db, pending.parsed.terms);
      announceChange();
      setStatus(t('options_glossary_added', String(pending.parsed.terms.length)));
      setPending(null);
    } catch (err) {
      setStatus(t('options_glossary_failed', errorMessage(err)));
    }
  };

  const hidden = new Set(settings.hiddenTerms);
  const q = filter.trim().toLowerCase();
  const shown = q
    ? BUNDLED.filter((e) =>
        [e.zh, e.pinyin, preferredRendering(e).text, ...e.aliases].some((s) =>
          s.toLowerCase().includes(q),
        ),
      )
    : BUNDLED;

  return (
    <section aria-labelledby="glossary-h">
      <h2 id="glossary-h">{t('options_glossary')}</h2>
      <h3>{t('options_glossary_yours')}</h3>
      <p class="hint">{t('options_glossary_hint')}</p>
      <label class="file">
        <span>{t('options_glossary_import')}</span>
        <input
          type="file"
          accept=".json,.csv,application/json,text/csv"
          onChange={(e) => void onFile(e)}
        />
      </label>
      {pending ? (
        <div class="import-preview" role="status">
          <p>
            {t('options_glossary_preview', [
              pending.name,
              String(pending.parsed.terms.length),
              String(pending.parsed.errors.length),
            ])}
          </p>
          {pending.parsed.errors.length ? (
            <ul class="errors">
              {pending.parsed.errors.slice(0, 50).map((er, i) => (
                <li key={i}>
                  <strong>{er.where}</strong>: {er.message}
                </li>
              ))}
            </ul>
          ) : null}
          <div class="row">
            <button
              type="button"
              disabled={pending.parsed.terms.length === 0}
              onClick={() => void apply()}
            >
              {t('options_glossary_apply', String(pending.parsed.terms.length))}
            </button>
            <button type="button" class="secondary" onClick={() => setPending(null)}>
              {t('options_cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {status ? <p role="status">{status}</p> : null}
      {custom.length ? (
        <table class="terms">
          <thead>
            <tr>
              <th>{t('options_col_term')}</th>
              <th>{t('options_col_english')}</th>
              <th>{t('options_col_definition')}</th>
              <th>
                <span class="sr-only">{t('options_remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {custom.map((c) => (
              <CustomRow key={c.id} term={c} />
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">{t('options_glossary_none')}</p>
      )}
      <h3>{t('options_glossary_bundled', String(BUNDLED.length))}</h3>
      <p class="hint">{t('options_glossary_hide_hint')}</p>
      <SearchBox label={t('options_glossary_filter')} value={filter} onValue={setFilter} />
      <ul class="bundled">
        {shown.map((e) => (
          <li key={e.id}>
            <label class="check">
              <input
                type="checkbox"
                checked={!hidden.has(e.id)}
                onChange={(ev) => {
                  const next = new Set(hidden);
                  if ((ev.target as HTMLInputElement).checked) next.delete(e.id);
                  else next.add(e.id);
                  void update({ hiddenTerms: [...next] });
                }}
              />
              <span lang="zh-CN">{e.zh}</span>{' '}
              <span class="muted">{preferredRendering(e).text}</span>
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}

function CustomRow({ term }: { term: CustomTerm }) {
  const db = customGlossaryDb();
  const save = (patch: Partial<CustomTerm>) =>
    void updateCustomTerm(db, term.id, patch).then(announceChange);
  const field = (key: 'term' | 'english' | 'definition', label: string) => (
    <td>
      <input
        type="text"
        aria-label={`${label}: ${term.term}`}
        value={term[key]}
        onChange={(e) => {
          const value = (e.target as HTMLInputElement).value.trim();
          if (key === 'term' && value.length < 2) return;
          save({ [key]: value });
        }}
      />
    </td>
  );
  return (
    <tr>
      {field('term', t('options_col_term'))}
      {field('english', t('options_col_english'))}
      {field('definition', t('options_col_definition'))}
      <td>
        <button
          type="button"
          class="link"
          onClick={() => void removeCustomTerm(db, term.id).then(announceChange)}
        >
          {t('options_remove')}
          <span class="sr-only"> {term.term}</span>
        </button>
      </td>
    </tr>
  );
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
