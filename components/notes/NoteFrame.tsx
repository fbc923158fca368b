import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { resolveConflict, type ConflictChoice } from '../../lib/shared/notes/conflict';
import type { FrameView, NoteResponse } from '../../lib/protocol/to-background';
import type { Note } from '../../lib/shared/notes/model';
import type { NoteFrameEvent } from '../../lib/protocol/to-content';
import type { BackgroundRequest } from '../../lib/protocol/to-background';
import { NoteCard } from './NoteCard';
import { NoteConflict } from './NoteConflict';
import { NoteEditor } from './NoteEditor';
import { trackHeldKeys } from './held-keys';
import { NoteFrom } from './NoteFrom';
import type { NoteLabels } from '../../lib/shared/notes/labels';

export interface NoteFrameProps {
  token: string;
  theme: 'light' | 'dark';
  labels: NoteLabels;
  send: (req: BackgroundRequest) => Promise<NoteResponse>;
  /** Tells the page's content script what happened (through the background): never note text. */
  tell: (event: NoteFrameEvent) => Promise<unknown>;
  /** Copy as citation: the background composes it from the stored note and writes it. */
  cite?: (noteId: string) => Promise<boolean>;
}

interface Editing {
  /** Remounts the editor with new initial content (after "use theirs" or "merge"). */
  key: number;
  text: string;
  tags: readonly string[];
  baseRev: number;
}

/**
 * The note editor and card as shown over a page, from the extension's own origin: it redeems
 * the ticket the content script was given, loads the note from the background, and saves
 * through the one write path. A save refused as stale shows the newer version and lets the
 * reader choose.
 */
export function NoteFrame({ token, theme, labels, send, tell, cite }: NoteFrameProps) {
  const [view, setView] = useState<FrameView | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [mode, setMode] = useState<'card' | 'editor'>('editor');
  const [editing, setEditing] = useState<Editing>({ key: 0, text: '', tags: [], baseRev: 1 });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Note | null>(null);
  const lastTry = useRef<{ text: string; tags: string[] }>({ text: '', tags: [] });
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void send({ type: 'note-frame-session', token }).then((r) => {
      if (!r.ok || !r.session) {
        setFailed(r.ok ? 'no session' : r.error);
        return;
      }
      const s = r.session;
      setView(s);
      setMode(s.kind === 'card' ? 'card' : 'editor');
      if (s.note) setEditing({ key: 1, text: s.note.text, tags: s.note.tags, baseRev: s.note.rev });
    });
  }, [token]);

  const say = (event: NoteFrameEvent): Promise<unknown> => (view ? tell(event) : Promise.resolve());
  const [keysUp] = useState(() => trackHeldKeys(window));
  /** Asks the page to remove this frame, once no key is down (see held-keys.ts). */
  const close = () => void keysUp().then(() => say({ kind: 'close' }));

  // The page's panel takes our height; until the ticket is redeemed there is no page to tell.
  useLayoutEffect(() => {
    const el = root.current;
    if (!el || !view) return;
    const report = () =>
      void say({ kind: 'size', height: Math.ceil(el.getBoundingClientRect().height) });
    report();
    const ro = new ResizeObserver(report);
    ro.observe(el);
    return () => ro.disconnect();
  }, [view]);

  useEffect(() => {
    if (!view) return;
    const html = document.documentElement;
    const enter = () => void say({ kind: 'pointer', inside: true });
    const leave = () => void say({ kind: 'pointer', inside: false });
    html.addEventListener('pointerenter', enter);
    html.addEventListener('pointerleave', leave);
    return () => {
      html.removeEventListener('pointerenter', enter);
      html.removeEventListener('pointerleave', leave);
    };
  }, [view]);

  // The page focuses the frame as it adds it, before the editor is drawn; focus can also land
  // on the frame's body later (the frame gaining the window's focus). For its first second,
  // whenever the frame has the focus but no field does, the text field takes it; a field the
  // reader chose keeps it.
  useEffect(() => {
    if (!view || mode !== 'editor') return;
    let frames = 0;
    let raf = 0;
    const take = () => {
      raf = 0;
      if (document.hasFocus() && document.activeElement === document.body) {
        root.current?.querySelector<HTMLTextAreaElement>('textarea')?.focus();
      }
      if (++frames < 60) raf = requestAnimationFrame(take);
    };
    void say({ kind: 'ready' });
    take();
    return () => {
      if (raf) cancelAnimationFrame(raf);
    };
  }, [view, mode]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && mode === 'card') close();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [mode, view]);

  const save = async (text: string, tags: string[], baseRev: number) => {
    if (!view) return;
    lastTry.current = { text, tags };
    setBusy(true);
    setError(null);
    const r: NoteResponse =
      view.kind === 'create' && view.draft
        ? await send({ type: 'note-create', note: { ...view.draft, text, tags } })
        : await send({ type: 'note-update', id: view.note?.id ?? '', baseRev, text, tags });
    setBusy(false);
    if (r.ok && r.note) {
      // In order: the page takes news only from the frame it has open.
      await say({
        kind: 'saved',
        anchor: { id: r.note.id, rev: r.note.rev, selectors: r.note.selectors },
      });
      close();
      return;
    }
    if (!r.ok && r.code === 'conflict') {
      setConflict(r.current);
      return;
    }
    setError(labels.saveFailed(r.ok ? 'no note returned' : r.error));
  };

  const choose = (choice: ConflictChoice) => {
    if (!conflict) return;
    const next = resolveConflict(choice, lastTry.current, conflict);
    setConflict(null);
    if (choice === 'mine') {
      void save(next.text, next.tags, conflict.rev);
      return;
    }
    setEditing((e) => ({ key: e.key + 1, ...next, baseRev: conflict.rev }));
  };

  const remove = async () => {
    const id = view?.note?.id;
    if (!id) return;
    setBusy(true);
    const r = await send({ type: 'note-delete', id });
    setBusy(false);
    if (!r.ok) {
      setError(labels.saveFailed(r.error));
      return;
    }
    await say({ kind: 'deleted', id });
    close();
  };

  const noteId = view?.note?.id ?? '';
  const quote = view?.note?.selectors.quote.exact ?? view?.draft?.selectors.quote.exact ?? '';
  return (
    <div ref={root} class="note-panel" data-theme={theme}>
      {failed ? (
        <p class="note-error" role="alert">
          {labels.saveFailed(failed)}
        </p>
      ) : !view ? null : mode === 'card' && view.note ? (
        <>
          {view.from ? <NoteFrom url={view.from} labels={labels} /> : null}
          <NoteCard
            note={view.note}
            labels={labels}
            busy={busy}
            error={error}
            onEdit={() => {
              setMode('editor');
              void say({ kind: 'editing' });
            }}
            onDelete={() => void remove()}
            {...(cite ? { onCite: () => cite(noteId) } : {})}
          />
        </>
      ) : (
        <>
          {view.from ? <NoteFrom url={view.from} labels={labels} /> : null}
          {conflict ? <NoteConflict theirs={conflict} labels={labels} onChoose={choose} /> : null}
          <NoteEditor
            key={editing.key}
            quote={quote}
            initialText={editing.text}
            initialTags={editing.tags}
            labels={labels}
            busy={busy}
            error={error}
            onSave={(text, tags) => void save(text, tags, editing.baseRev)}
            onCancel={close}
          />
        </>
      )}
    </div>
  );
}
