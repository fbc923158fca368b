import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NoteFrame } from '../../components/notes/NoteFrame';
import { ENGLISH_LABELS } from '../../lib/shared/notes/labels';
import type { NoteResponse } from '../../lib/protocol/to-background';
import type { NoteFrameEvent } from '../../lib/protocol/to-content';
import { NotesRepository } from '../../lib/extension/notes/repository';
import { NotesDb } from '../../lib/extension/notes/db';
import { SELECTOR_VERSION } from '../../lib/shared/notes/limits';
import type { Note } from '../../lib/shared/notes/model';
import { handleNoteRequest, type TrustedNoteRequest } from '../../lib/extension/notes/service';
import type { BackgroundRequest } from '../../lib/protocol/to-background';

// The note frame over the real write path (service + repository on fake-indexeddb): what the
// reader sees when a save is refused — the disk is full, or the note changed elsewhere.

const selectors = {
  version: SELECTOR_VERSION,
  quote: { type: 'TextQuoteSelector' as const, exact: '新质生产力', prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector' as const, start: 0, end: 5 },
};
const TOKEN = '3f1c2b7a-9d4e-4f6a-8b2c-1d2e3f4a5b6c';
const dbs: NotesDb[] = [];

afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

async function setup(session: 'create' | 'edit') {
  const db = new NotesDb(`frame-${Math.random().toString(36).slice(2)}`);
  dbs.push(db);
  const repo = new NotesRepository(db);
  const note = await repo.add({
    url: 'http://www.people.cn/a.html',
    title: 'A',
    selectors,
    text: 'first',
  });
  const told: NoteFrameEvent[] = [];
  const send = vi.fn(async (req: BackgroundRequest): Promise<NoteResponse> => {
    if (req.type === 'note-frame-session') {
      return session === 'create'
        ? {
            ok: true,
            session: {
              kind: 'create',
              draft: {
                id: '00000000-0000-4000-8000-000000000001',
                url: note.url,
                title: 'A',
                selectors,
                termIds: [],
              },
            },
          }
        : { ok: true, session: { kind: 'edit', note } };
    }
    return handleNoteRequest(repo, req as TrustedNoteRequest);
  });
  render(
    <NoteFrame
      token={TOKEN}
      theme="light"
      labels={ENGLISH_LABELS}
      send={send}
      tell={async (e) => told.push(e)}
    />,
  );
  const area = await screen.findByRole<HTMLTextAreaElement>('textbox', {
    name: ENGLISH_LABELS.placeholder,
  });
  return { db, repo, note, told, area };
}

/** Ctrl+Enter, pressed and released. */
const pressSave = (area: HTMLTextAreaElement) => {
  fireEvent.keyDown(area, { key: 'Control', code: 'ControlLeft', ctrlKey: true });
  fireEvent.keyDown(area, { key: 'Enter', code: 'Enter', ctrlKey: true });
  fireEvent.keyUp(area, { key: 'Enter', code: 'Enter', ctrlKey: true });
  fireEvent.keyUp(area, { key: 'Control', code: 'ControlLeft' });
};

const save = (area: HTMLTextAreaElement, text: string) => {
  fireEvent.input(area, { target: { value: text } });
  pressSave(area);
};

describe('NoteFrame', () => {
  it('asks the page to remove it only once the keys that saved are up (no keyup lands in the page)', async () => {
    const { area, told } = await setup('create');
    fireEvent.input(area, { target: { value: 'held' } });
    fireEvent.keyDown(area, { key: 'Control', code: 'ControlLeft', ctrlKey: true });
    fireEvent.keyDown(area, { key: 'Enter', code: 'Enter', ctrlKey: true });
    await waitFor(() => expect(told.map((e) => e.kind)).toContain('saved'));
    await new Promise((r) => setTimeout(r, 100));
    expect(told.map((e) => e.kind)).not.toContain('close');
    fireEvent.keyUp(area, { key: 'Enter', code: 'Enter', ctrlKey: true });
    await new Promise((r) => setTimeout(r, 50));
    expect(told.map((e) => e.kind)).not.toContain('close');
    fireEvent.keyUp(area, { key: 'Control', code: 'ControlLeft' });
    await waitFor(() => expect(told).toContainEqual({ kind: 'close' }));
  });

  it('a full disk (QuotaExceededError) is shown, the typed text is kept, and nothing is written', async () => {
    const { db, area, told } = await setup('create');
    vi.spyOn(db.notes, 'add').mockRejectedValue(
      new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
    );
    save(area, 'my unsaved thought');
    expect((await screen.findByRole('alert')).textContent).toMatch(/QuotaExceededError/);
    expect(area.value).toBe('my unsaved thought');
    expect(await db.notes.count()).toBe(1);
    expect(told.some((e) => (e as { kind: string }).kind === 'close')).toBe(false);
    // The disk has room again: the same editor saves.
    vi.restoreAllMocks();
    pressSave(area);
    await waitFor(() => expect(told).toContainEqual({ kind: 'close' }));
    expect((await db.notes.toArray()).map((n) => n.text)).toContain('my unsaved thought');
  });

  it('a stale save shows the newer text; "Overwrite with mine" then writes over it knowingly', async () => {
    const { repo, note, area, told } = await setup('edit');
    const elsewhere: Note = await repo.update(note.id, { text: 'from the popup' }, 1);
    save(area, 'from the page');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('from the popup');
    expect((await repo.get(note.id))?.text).toBe('from the popup');
    fireEvent.click(screen.getByRole('button', { name: ENGLISH_LABELS.conflictMine }));
    await waitFor(() => expect(told).toContainEqual({ kind: 'close' }));
    expect(await repo.get(note.id)).toMatchObject({
      text: 'from the page',
      rev: elsewhere.rev + 1,
    });
  });
});
