import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { MAX_NOTE_TEXT } from '../../lib/shared/notes/limits';
import { formatTags, parseTags } from '../../lib/shared/notes/tags';
import type { NoteLabels } from '../../lib/shared/notes/labels';

export interface NoteEditorProps {
  /** The passage the note is about (shown shortened). */
  quote: string;
  initialText?: string;
  initialTags?: readonly string[];
  labels: NoteLabels;
  /** A failed save: shown, and the typed text is kept. */
  error?: string | null;
  busy?: boolean;
  onSave: (text: string, tags: string[]) => void;
  onCancel: () => void;
}

/**
 * Plain-text note with optional tags. Ctrl/Cmd+Enter saves; Escape cancels, asking first when
 * something was typed.
 */
export function NoteEditor({
  quote,
  initialText = '',
  initialTags = [],
  labels,
  error,
  busy = false,
  onSave,
  onCancel,
}: NoteEditorProps) {
  const [text, setText] = useState(initialText);
  const [tags, setTags] = useState(formatTags(initialTags));
  const [asking, setAsking] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const dirty = text !== initialText || tags !== formatTags(initialTags);

  // Layout effect: focus in the same task as the editor appears, before the next key press.
  useLayoutEffect(() => {
    const el = area.current;
    if (!el) return;
    el.focus({ preventScroll: true });
    el.setSelectionRange(el.value.length, el.value.length); // editing: continue at the end
  }, []);
  useLayoutEffect(() => {
    if (asking) keep.current?.focus({ preventScroll: true });
    else area.current?.focus({ preventScroll: true });
  }, [asking]);

  const save = () => {
    if (!busy) onSave(text, parseTags(tags));
  };
  const cancel = () => (dirty ? setAsking(true) : onCancel());

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      if (asking) setAsking(false);
      else cancel();
    }
  };

  return (
    <form
      class="note-editor"
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <blockquote class="note-quote" lang="zh-CN">
        {shorten(quote, 160)}
      </blockquote>
      <textarea
        ref={area}
        class="note-text"
        rows={4}
        value={text}
        maxLength={MAX_NOTE_TEXT}
        placeholder={labels.placeholder}
        aria-label={labels.placeholder}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <input
        class="note-tags"
        type="text"
        value={tags}
        placeholder={labels.tags}
        aria-label={labels.tags}
        onInput={(e) => setTags(e.currentTarget.value)}
      />
      {error ? (
        <p class="note-error" role="alert">
          {error}
        </p>
      ) : null}
      {asking ? (
        // Keyed rows: Preact must not turn the clicked "Keep editing" into "Save" mid-click.
        <div
          key="confirm"
          class="note-actions note-confirm"
          role="alertdialog"
          aria-label={labels.discardAsk}
        >
          <span>{labels.discardAsk}</span>
          <button type="button" class="danger" onClick={onCancel}>
            {labels.discard}
          </button>
          <button type="button" ref={keep} onClick={() => setAsking(false)}>
            {labels.keepEditing}
          </button>
        </div>
      ) : (
        <div key="actions" class="note-actions">
          <button type="button" onClick={cancel}>
            {labels.cancel}
          </button>
          <button type="button" class="primary" disabled={busy} onClick={save}>
            {labels.save}
          </button>
        </div>
      )}
    </form>
  );
}

function shorten(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
