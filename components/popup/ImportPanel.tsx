import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../lib/shared/i18n';
import type {
  DuplicateMode,
  FileError,
  ImportPlan,
  Problem,
  RejectedNote,
} from '../../lib/extension/notes/import';
import type { Note } from '../../lib/shared/notes/model';
import { formatCount } from './format';
import type { PopupServices } from '../../lib/extension/popup/services';
import type { ToastState } from './Toast';
import { errorText } from './use-note-actions';

type State =
  | { step: 'choose' }
  | { step: 'checking'; name: string }
  | { step: 'bad'; name: string; error: FileError }
  | {
      step: 'review';
      name: string;
      notes: Note[];
      plan: ImportPlan;
      rejected: RejectedNote[];
      rejectedCount: number;
      total: number;
    }
  | { step: 'writing'; name: string };

/**
 * Import a JSON export: the whole file is checked first (lib/extension/notes/import.ts), then the reader
 * sees what would change — new notes, notes already here (keep the newer copy, or skip), notes
 * rejected and why — and confirms. The write is one transaction. A bad file changes nothing and
 * the message says what is wrong and where. File content is only ever shown as text.
 */
export function ImportPanel({
  services,
  onClose,
  onToast,
}: {
  services: PopupServices;
  onClose: () => void;
  onToast: (t: ToastState | null) => void;
}) {
  const [state, setState] = useState<State>({ step: 'choose' });
  const [mode, setMode] = useState<DuplicateMode>('keep-newer');
  const input = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, [state.step]);

  const check = async (file: File) => {
    setState({ step: 'checking', name: file.name });
    const t0 = performance.now();
    const x = await import('../../lib/extension/notes/import');
    // Read as a stream and checked note by note, yielding to the page: a file of any size an
    // export can write comes back without freezing the popup (a too-large one is refused unread).
    const parsed = await x.readNotesFile(file);
    if (!parsed.ok) {
      setState({ step: 'bad', name: file.name, error: parsed.error });
      return;
    }
    const plan = await x.planImport(services.repo, parsed.notes);
    performance.measure('policy-lens:import-check', { start: t0, end: performance.now() });
    setState({
      step: 'review',
      name: file.name,
      notes: parsed.notes,
      plan,
      rejected: parsed.rejected,
      rejectedCount: parsed.rejectedCount,
      total: parsed.total,
    });
  };

  /** Every failure of the check (a file the browser cannot read, the database) shows in the alert. */
  const checkOrSay = (file: File) =>
    check(file).catch((e: unknown) => {
      setState({
        step: 'bad',
        name: file.name,
        error: { code: 'unreadable', detail: errorText(e) },
      });
    });

  const apply = async () => {
    if (state.step !== 'review') return;
    const { notes, name } = state;
    setState({ step: 'writing', name });
    try {
      const x = await import('../../lib/extension/notes/import');
      const t0 = performance.now();
      const r = await x.applyImport(services.repo, notes, mode);
      performance.measure('policy-lens:import-write', { start: t0, end: performance.now() });
      onToast({
        message: t('popup_imported', [
          formatCount(r.added),
          formatCount(r.replaced),
          formatCount(r.skipped),
        ]),
        key: Date.now(),
      });
      onClose();
    } catch (e) {
      setState({
        step: 'bad',
        name,
        error: { code: 'write-failed', detail: errorText(e) },
      });
      onToast({ message: t('popup_importFailed', errorText(e)), error: true });
    }
  };

  const toWrite =
    state.step === 'review'
      ? state.plan.added.length + (mode === 'keep-newer' ? state.plan.newer.length : 0)
      : 0;

  return (
    <section class="import" aria-labelledby="import-heading">
      <h2 id="import-heading" ref={heading} tabIndex={-1}>
        {t('popup_importTitle')}
        {'name' in state ? <span class="file-name"> · {state.name}</span> : null}
      </h2>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        class="file"
        aria-label={t('popup_importChoose')}
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (f) void checkOrSay(f);
        }}
      />
      {state.step === 'choose' ? <p class="hint">{t('popup_importHint')}</p> : null}
      {state.step === 'checking' || state.step === 'writing' ? (
        <p class="hint" role="status">
          {t(state.step === 'checking' ? 'popup_importChecking' : 'popup_importWriting')}
        </p>
      ) : null}
      {state.step === 'bad' ? (
        <div class="import-error" role="alert">
          <p>
            <strong>{t('popup_importRefused')}</strong> {fileErrorText(state.error)}
          </p>
          <p class="hint">{t('popup_importNothingChanged')}</p>
        </div>
      ) : null}
      {state.step === 'review' ? (
        <div class="import-review">
          <ul class="import-summary">
            <li>{t('popup_importInFile', formatCount(state.total))}</li>
            <li>
              <strong>{formatCount(state.plan.added.length)}</strong> {t('popup_importNew')}
            </li>
            {state.plan.newer.length + state.plan.older.length > 0 ? (
              <li>
                <strong>{formatCount(state.plan.newer.length + state.plan.older.length)}</strong>{' '}
                {t('popup_importDuplicates', [
                  formatCount(state.plan.newer.length),
                  formatCount(state.plan.older.length),
                ])}
              </li>
            ) : null}
            {state.rejectedCount > 0 ? (
              <li class="bad">
                <strong>{formatCount(state.rejectedCount)}</strong> {t('popup_importRejected')}
              </li>
            ) : null}
          </ul>
          {state.plan.newer.length + state.plan.older.length > 0 ? (
            <fieldset class="dupes">
              <legend>{t('popup_importDuplicateMode')}</legend>
              <label>
                <input
                  type="radio"
                  name="dupes"
                  checked={mode === 'keep-newer'}
                  onChange={() => setMode('keep-newer')}
                />{' '}
                {t('popup_importKeepNewer')}
              </label>
              <label>
                <input
                  type="radio"
                  name="dupes"
                  checked={mode === 'skip'}
                  onChange={() => setMode('skip')}
                />{' '}
                {t('popup_importSkip')}
              </label>
            </fieldset>
          ) : null}
          {state.rejected.length > 0 ? (
            <details class="rejected" open={state.rejected.length <= 5}>
              <summary>{t('popup_importWhy')}</summary>
              <ul>
                {state.rejected.map((r) => (
                  <li key={r.index}>
                    <code>notes[{r.index}]</code>
                    {r.id ? <span class="muted"> {r.id.slice(0, 40)}</span> : null}:{' '}
                    {r.problems.map(problemText).join('; ')}
                  </li>
                ))}
                {state.rejectedCount > state.rejected.length ? (
                  <li>
                    {t(
                      'popup_importMoreRejected',
                      formatCount(state.rejectedCount - state.rejected.length),
                    )}
                  </li>
                ) : null}
              </ul>
            </details>
          ) : null}
        </div>
      ) : null}
      <div class="import-actions">
        <button type="button" class="tool" onClick={() => input.current?.click()}>
          {state.step === 'choose' ? t('popup_importChoose') : t('popup_importOther')}
        </button>
        {state.step === 'review' ? (
          <button
            type="button"
            class="primary"
            disabled={toWrite === 0}
            onClick={() => void apply()}
          >
            {toWrite === 0
              ? t('popup_importNothing')
              : t('popup_importApply', formatCount(toWrite))}
          </button>
        ) : null}
        <button type="button" class="tool" onClick={onClose}>
          {t('popup_cancel')}
        </button>
      </div>
    </section>
  );
}

function fileErrorText(e: FileError): string {
  const msg = t(`popup_importErr_${e.code.replace(/-/g, '_')}`);
  const where =
    e.line !== undefined
      ? ` ${t('popup_importAtLine', [String(e.line), String(e.column ?? 1)])}`
      : e.where
        ? ` ${t('popup_importAt', e.where)}`
        : '';
  const detail = e.detail ? ` (${e.detail})` : '';
  return `${msg}${where}${detail}`;
}

function problemText(p: Problem): string {
  const msg = t(`popup_importProblem_${p.code.replace(/-/g, '_')}`, p.detail ?? '');
  return `${p.path}: ${msg}`;
}
