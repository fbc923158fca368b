import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PopupApp } from '../../components/popup/PopupApp';
import { DAY_MS } from '../../lib/extension/notes/trash';
import { fakeServices, makeNote, useLocale, type FakeServices } from './popup-helpers';

let services: FakeServices | undefined;
beforeEach(() => {
  useLocale('en');
  document.documentElement.lang = 'en';
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  await services?.close();
  services = undefined;
});

async function openWithTrash() {
  services = fakeServices();
  const notes = [
    makeNote({ text: 'kept note' }),
    makeNote({ text: 'deleted <img src=x onerror=alert(1)>', title: 'First page' }),
    makeNote({ text: 'deleted two', title: 'Second page' }),
  ];
  await services.db.notes.bulkAdd(notes);
  await services.repo.delete(notes[1]!.id);
  await services.repo.delete(notes[2]!.id);
  render(<PopupApp services={services} initialView="notes" />);
  await screen.findByText('1 notes');
  fireEvent.click(await screen.findByRole('button', { name: 'Trash (2)' }));
  const trash = (await screen.findByRole('heading', { name: /^Trash/ })).closest('section')!;
  await within(trash).findAllByRole('listitem');
  return { notes, trash };
}

describe('the trash view', () => {
  it('lists deleted notes as text, restores one and deletes one forever', async () => {
    const { notes, trash } = await openWithTrash();
    const items = await within(trash).findAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(trash.textContent).toContain('deleted <img src=x onerror=alert(1)>');
    expect(trash.querySelector('img')).toBeNull();
    expect(trash.textContent).toContain('deleted for good in 30 days');

    fireEvent.click(within(trash).getByRole('button', { name: 'Restore: First page' }));
    await waitFor(async () => expect(await services!.db.notes.count()).toBe(2));
    expect(await services!.db.trash.get(notes[1]!.id)).toBeUndefined();
    expect(screen.getByRole('status').textContent).toContain('Note restored.');

    fireEvent.click(within(trash).getByRole('button', { name: 'Delete forever: Second page' }));
    await waitFor(async () => expect(await services!.db.trash.count()).toBe(0));
    expect(await services!.db.notes.get(notes[2]!.id)).toBeUndefined();
    await within(trash).findByText('The trash is empty.');
  });

  it('empties the trash after a confirmation', async () => {
    const { trash } = await openWithTrash();
    fireEvent.click(within(trash).getByRole('button', { name: 'Empty trash…' }));
    expect(trash.textContent).toContain('Delete 2 notes for good?');
    fireEvent.click(within(trash).getByRole('button', { name: 'Cancel' }));
    expect(await services!.db.trash.count()).toBe(2);
    fireEvent.click(within(trash).getByRole('button', { name: 'Empty trash…' }));
    fireEvent.click(within(trash).getByRole('button', { name: 'Delete for good' }));
    await waitFor(async () => expect(await services!.db.trash.count()).toBe(0));
    expect(await services!.db.notes.count()).toBe(1);
  });

  it('shows a failure in an alert and changes nothing', async () => {
    const { trash } = await openWithTrash();
    vi.spyOn(services!.repo, 'emptyTrash').mockRejectedValue(new Error('disk full'));
    fireEvent.click(within(trash).getByRole('button', { name: 'Empty trash…' }));
    fireEvent.click(within(trash).getByRole('button', { name: 'Delete for good' }));
    expect((await within(trash).findByRole('alert')).textContent).toContain('disk full');
    expect(await services!.db.trash.count()).toBe(2);
  });

  it('purges notes past the setting when the popup opens', async () => {
    services = fakeServices();
    services.settings = { ...services.settings, trashDays: 7 };
    const old = makeNote();
    const recent = makeNote();
    await services.db.notes.bulkAdd([old, recent]);
    await services.repo.delete(old.id);
    await services.repo.delete(recent.id);
    await services.db.trash.update(old.id, { deletedAt: Date.now() - 8 * DAY_MS });
    render(<PopupApp services={services} initialView="notes" />);
    await waitFor(async () => expect(await services!.db.trash.count()).toBe(1));
    expect(await services.db.trash.get(recent.id)).toBeDefined();
  });
});

describe('import failures', () => {
  it('a check that throws shows an error in an alert, not a panel left waiting', async () => {
    services = fakeServices();
    render(<PopupApp services={services} initialView="notes" />);
    await screen.findByText('0 notes');
    fireEvent.click(screen.getByRole('button', { name: 'Import…' }));
    const f = new File(['{}'], 'unreadable.json', { type: 'application/json' });
    // What Chromium does when the file was moved or deleted after it was chosen.
    Object.defineProperty(f, 'stream', {
      value: () => {
        throw new DOMException('A requested file could not be read', 'NotReadableError');
      },
    });
    const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
    Object.defineProperty(input, 'files', { value: [f], configurable: true });
    fireEvent.change(input);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('the file could not be read');
    expect(alert.textContent).toContain('A requested file could not be read');
    expect(alert.textContent).toContain('Nothing was changed.');
    expect(screen.queryByText('Checking the file…')).toBeNull();
  });

  it('a database that cannot be asked shows an error too', async () => {
    services = fakeServices();
    render(<PopupApp services={services} initialView="notes" />);
    await screen.findByText('0 notes');
    vi.spyOn(services.repo, 'storedCopies').mockRejectedValue(new Error('DatabaseClosedError'));
    fireEvent.click(screen.getByRole('button', { name: 'Import…' }));
    const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
    const text = JSON.stringify({ format: 'policy-lens-notes', version: 2, notes: [] });
    Object.defineProperty(input, 'files', {
      value: [new File([text], 'ok.json', { type: 'application/json' })],
      configurable: true,
    });
    fireEvent.change(input);
    expect((await screen.findByRole('alert')).textContent).toContain('DatabaseClosedError');
  });
});
