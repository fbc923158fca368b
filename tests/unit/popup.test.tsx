import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PopupApp } from '../../components/popup/PopupApp';
import { toJson } from '../../lib/extension/notes/export';
import { fakeServices, makeNote, REPORT, useLocale, type FakeServices } from './popup-helpers';
import glossary from '../../glossary/generated/glossary.json';

const ENTRY_COUNT = glossary.entries.length;

let services: FakeServices;

beforeEach(() => {
  useLocale('en');
  document.documentElement.lang = 'en';
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  await services?.close();
});

function file(name: string, text: string): File {
  return new File([text], name, { type: 'application/json' });
}

async function chooseFile(f: File) {
  const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
  Object.defineProperty(input, 'files', { value: [f], configurable: true });
  fireEvent.change(input);
}

describe('This page', () => {
  it('lists the terms found with their counts; a click reveals the next one in the tab', async () => {
    services = fakeServices();
    render(<PopupApp services={services} />);
    const row = await screen.findByRole('button', {
      name: /新质生产力.*new quality productive forces/,
    });
    expect(row.textContent).toContain('×3');
    expect(screen.getByText('Terms on this page').parentElement!.textContent).toContain('2');
    fireEvent.click(row);
    expect(services.revealTerm).toHaveBeenCalledWith(7, 'new-quality-productive-forces');
  });

  it('opens a term in the glossary from its ⓘ button', async () => {
    services = fakeServices();
    render(<PopupApp services={services} />);
    fireEvent.click(await screen.findByRole('button', { name: 'About 高质量发展' }));
    expect(await screen.findByRole('tab', { name: 'Glossary', selected: true })).toBeTruthy();
    const panel = screen.getByRole('tabpanel');
    expect(panel.id).toBe('panel-glossary');
    expect(within(panel).getByText('high-quality development')).toBeTruthy();
    expect(within(panel).getByText('On this page: 2 times')).toBeTruthy();
  });

  it("shows the page's notes, those not found on the page marked", async () => {
    services = fakeServices({
      report: { ...REPORT, notes: { ...REPORT.notes!, orphaned: ['orphan'] } },
    });
    await services.db.notes.bulkAdd([
      makeNote({ text: 'found here' }),
      makeNote({ id: 'orphan', text: 'lost passage' }),
      makeNote({ url: 'http://www.people.cn/other.html', text: 'another page' }),
    ]);
    render(<PopupApp services={services} />);
    const lost = (await screen.findByText('lost passage')).closest('article')!;
    expect(within(lost).getByText('not found on this page')).toBeTruthy();
    const here = screen.getByText('found here').closest('article')!;
    expect(within(here).queryByText('not found on this page')).toBeNull();
    expect(screen.queryByText('another page')).toBeNull();
    expect(screen.getByText('1 not found on the page now')).toBeTruthy();
  });

  it.each([
    ['a same-site canonical counts', 'http://m.people.cn/c.html', true],
    ['another site named as canonical counts for nothing', 'http://www.news.cn/c.html', false],
  ])("the page's canonical link: %s", async (_name, canonical, listed) => {
    services = fakeServices({ report: { ...REPORT, notes: { ...REPORT.notes!, canonical } } });
    await services.db.notes.bulkAdd([
      makeNote({ text: 'on this address' }),
      makeNote({ url: canonical, text: 'under the canonical' }),
    ]);
    render(<PopupApp services={services} />);
    await screen.findByText('on this address');
    expect(screen.queryByText('under the canonical') !== null).toBe(listed);
  });

  it('offers "Scan this page" outside the default sites, then shows what the scan found', async () => {
    services = fakeServices({
      tab: { id: 9, url: 'https://www.example.org/x.html', title: 'Example' },
      report: null,
    });
    render(<PopupApp services={services} />);
    const scan = await screen.findByRole('button', { name: 'Scan this page' });
    vi.mocked(services.pageReport).mockResolvedValue({
      ...REPORT,
      url: 'https://www.example.org/x.html',
    });
    fireEvent.click(scan);
    expect(services.scanTab).toHaveBeenCalledWith(9);
    expect(
      await screen.findByRole('button', { name: /new quality productive forces/ }),
    ).toBeTruthy();
  });

  it('does not offer a scan on a default site', async () => {
    services = fakeServices({ report: null });
    render(<PopupApp services={services} />);
    expect(await screen.findByText(/has not answered yet/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Scan this page' })).toBeNull();
  });

  it('pauses and resumes on this site', async () => {
    services = fakeServices();
    render(<PopupApp services={services} />);
    const sw = await screen.findByRole('switch', { name: 'Pause on this site' });
    fireEvent.click(sw);
    await waitFor(() => expect(services.settings.pausedSites).toEqual(['people.cn']));
    expect(await screen.findByText(/Paused on people\.cn/)).toBeTruthy();
    fireEvent.click(sw);
    await waitFor(() => expect(services.settings.pausedSites).toEqual([]));
  });
});

describe('Notes', () => {
  async function openNotes(notes = defaultNotes()) {
    services = fakeServices();
    await services.db.notes.bulkAdd(notes);
    render(<PopupApp services={services} initialView="notes" />);
    await screen.findByText('3 notes');
    return notes;
  }
  function defaultNotes() {
    return [
      makeNote({ text: 'oldest, about wording', tags: ['economy'] }),
      makeNote({
        text: 'green idea',
        url: 'http://www.news.cn/b.html',
        site: 'news.cn',
        title: 'News page',
        tags: ['green'],
        termIds: ['green-development'],
      }),
      makeNote({ text: 'newest', termIds: ['new-quality-productive-forces'], tags: ['economy'] }),
    ];
  }
  const texts = () => [...document.querySelectorAll('.note-text')].map((e) => e.textContent);

  it('lists every note newest first, grouped by page with title, site and date', async () => {
    await openNotes();
    expect(texts()).toEqual(['newest', 'oldest, about wording', 'green idea']);
    const groups = screen.getAllByRole('listitem').filter((e) => e.classList.contains('group'));
    expect(groups.map((g) => g.querySelector('h3')!.textContent)).toEqual([
      '加快发展新质生产力 扎实推进高质量发展',
      'News page',
    ]);
    expect(groups[1]!.textContent).toContain('news.cn');
    expect(groups[1]!.querySelector('time')!.textContent).toBe('Feb 2, 2024');
  });

  it('searches as you type (text, tags, term headwords in pinyin); Escape clears', async () => {
    await openNotes();
    const box = screen.getByRole('searchbox', { name: /Search notes/ });
    fireEvent.input(box, { target: { value: 'wording' } });
    await waitFor(() => expect(texts()).toEqual(['oldest, about wording']));
    expect(screen.getByText('1 of 3 notes')).toBeTruthy();
    fireEvent.input(box, { target: { value: 'xzscl' } });
    await waitFor(() => expect(texts()).toEqual(['newest']));
    fireEvent.input(box, { target: { value: 'lvse' } });
    await waitFor(() => expect(texts()).toEqual(['green idea']));
    fireEvent.keyDown(box, { key: 'Escape' });
    await waitFor(() => expect(texts()).toHaveLength(3));
    expect((box as HTMLInputElement).value).toBe('');
  });

  it('filters by tag, term and site', async () => {
    await openNotes();
    fireEvent.change(screen.getByRole('combobox', { name: 'Filter by tag' }), {
      target: { value: 'economy' },
    });
    await waitFor(() => expect(texts()).toEqual(['newest', 'oldest, about wording']));
    fireEvent.change(screen.getByRole('combobox', { name: 'Filter by term' }), {
      target: { value: 'new-quality-productive-forces' },
    });
    await waitFor(() => expect(texts()).toEqual(['newest']));
    fireEvent.change(screen.getByRole('combobox', { name: 'Filter by tag' }), {
      target: { value: '' },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Filter by term' }), {
      target: { value: '' },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Filter by site' }), {
      target: { value: 'news.cn' },
    });
    await waitFor(() => expect(texts()).toEqual(['green idea']));
  });

  it('edits a note in place', async () => {
    const [oldest] = await openNotes();
    const item = screen.getByText('oldest, about wording').closest('article')!;
    fireEvent.click(within(item).getByRole('button', { name: 'Edit' }));
    const area = within(item).getByRole('textbox', { name: /Your note/ });
    fireEvent.input(area, { target: { value: 'rewritten' } });
    fireEvent.input(within(item).getByRole('textbox', { name: /Tags/ }), {
      target: { value: 'a, b' },
    });
    fireEvent.click(within(item).getByRole('button', { name: 'Save' }));
    await waitFor(async () => {
      const n = await services.db.notes.get(oldest!.id);
      expect([n!.text, n!.tags]).toEqual(['rewritten', ['a', 'b']]);
    });
    expect(await screen.findByText('rewritten')).toBeTruthy();
  });

  it('deletes a note, and Undo brings it back', async () => {
    const [oldest] = await openNotes();
    const item = screen.getByText('oldest, about wording').closest('article')!;
    fireEvent.click(within(item).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(texts()).toEqual(['newest', 'green idea']));
    expect(await services.db.notes.get(oldest!.id)).toBeUndefined();
    expect(screen.getByRole('status').textContent).toContain('Note deleted.');
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(texts()).toHaveLength(3));
    expect(await services.db.notes.get(oldest!.id)).toEqual({ ...oldest, rev: oldest!.rev + 1 });
  });

  it('opens a note at its passage', async () => {
    const notes = await openNotes();
    const item = screen.getByText('newest').closest('article')!;
    fireEvent.click(within(item).getByRole('button', { name: 'Open' }));
    expect(services.openNote).toHaveBeenCalledWith(notes[2]);
  });

  it('shows a note saved elsewhere at once (liveQuery)', async () => {
    await openNotes();
    await services.db.notes.add(makeNote({ text: 'saved in a tab' }));
    expect(await screen.findByText('saved in a tab')).toBeTruthy();
    expect(screen.getByText('4 notes')).toBeTruthy();
  });

  it('renders note content as text, never as markup', async () => {
    services = fakeServices();
    await services.db.notes.add(
      makeNote({ text: '<img src=x onerror="window.__x=1">', title: '<b>bold</b>', tags: ['<i>'] }),
    );
    render(<PopupApp services={services} initialView="notes" />);
    expect(await screen.findByText('<img src=x onerror="window.__x=1">')).toBeTruthy();
    expect(screen.getByText('<b>bold</b>')).toBeTruthy();
    expect(document.querySelector('.results img, .results b, .results i')).toBeNull();
  });

  it('exports all notes, or the ones shown, as JSON, Markdown and CSV', async () => {
    await openNotes();
    fireEvent.click(screen.getByRole('button', { name: 'JSON' }));
    await waitFor(() => expect(services.download).toHaveBeenCalledTimes(1));
    const [name, mime, text] = vi.mocked(services.download).mock.calls[0]!;
    expect(name).toMatch(/^policy-lens-notes-\d{4}-\d{2}-\d{2}\.json$/);
    expect(mime).toBe('application/json');
    expect((JSON.parse(text) as { notes: unknown[] }).notes).toHaveLength(3);

    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'green' } });
    fireEvent.click(await screen.findByRole('radio', { name: /The notes shown \(1\)/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Markdown' }));
    await waitFor(() => expect(services.download).toHaveBeenCalledTimes(2));
    const md = vi.mocked(services.download).mock.calls[1]![2];
    expect(md).toContain('## News page');
    expect(md).toContain('green idea');
    expect(md).not.toContain('newest');

    fireEvent.click(screen.getByRole('button', { name: 'CSV' }));
    await waitFor(() => expect(services.download).toHaveBeenCalledTimes(3));
    const [csvName, , csv] = vi.mocked(services.download).mock.calls[2]!;
    expect(csvName).toMatch(/\.csv$/);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(2);
  });

  it('imports a file: shows new, duplicate and rejected notes, then writes on confirm', async () => {
    const notes = await openNotes();
    const incoming = [
      makeNote({ text: 'brand new' }),
      { ...notes[0]!, text: 'newer copy', updatedAt: notes[0]!.updatedAt + 1 },
    ];
    // The export just written: an object with a `notes` array.
    const raw = JSON.parse(toJson(incoming)) as { notes: object[] };
    raw.notes.push({ ...raw.notes[0], id: 'bad id!' });
    fireEvent.click(screen.getByRole('button', { name: 'Import…' }));
    await chooseFile(file('notes.json', JSON.stringify(raw)));
    const panel = (await screen.findByText(/notes in the file/)).closest('section')!;
    expect(panel.textContent).toContain('3 notes in the file');
    expect(panel.textContent).toContain('1 new, to be added');
    expect(panel.textContent).toContain(
      '1 already here (same id): 1 newer in the file, 0 not newer',
    );
    expect(panel.textContent).toContain('notes[2]');
    expect(panel.textContent).toContain('id: not a valid id');
    expect(await services.db.notes.count()).toBe(3); // nothing yet
    fireEvent.click(within(panel).getByRole('button', { name: 'Import 2 notes' }));
    await waitFor(async () => expect(await services.db.notes.count()).toBe(4));
    expect((await services.db.notes.get(notes[0]!.id))!.text).toBe('newer copy');
    expect(screen.getByRole('status').textContent).toContain('1 added, 1 replaced, 0 skipped');
  });

  it('refuses a bad file, says what and where, and changes nothing', async () => {
    await openNotes();
    fireEvent.click(screen.getByRole('button', { name: 'Import…' }));
    await chooseFile(
      file(
        'broken.json',
        '{\n  "format": "policy-lens-notes",\n  "version": 1,\n  "notes": [,]\n}',
      ),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This file cannot be imported:');
    expect(alert.textContent).toContain('it is not valid JSON at line 4, column 13');
    expect(alert.textContent).toContain('Nothing was changed.');
    await chooseFile(
      file('other.json', JSON.stringify({ format: 'policy-lens-notes', version: 3, notes: [] })),
    );
    expect((await screen.findByRole('alert')).textContent).toContain('newer version');
    expect(await services.db.notes.count()).toBe(3);
  });

  it('"/" focuses the search box; arrow keys move along the notes', async () => {
    await openNotes();
    fireEvent.keyDown(document.body, { key: '/' });
    const box = screen.getByRole('searchbox');
    await waitFor(() => expect(document.activeElement).toBe(box));
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    const articles = [...document.querySelectorAll('article')];
    expect(document.activeElement).toBe(articles[0]);
    fireEvent.keyDown(articles[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(articles[1]);
    expect(articles[1]!.tabIndex).toBe(0);
    expect(articles[0]!.tabIndex).toBe(-1);
    fireEvent.keyDown(articles[1]!, { key: 'End' });
    expect(document.activeElement).toBe(articles[2]);
    fireEvent.keyDown(articles[2]!, { key: 'Enter' });
    expect(services.openNote).toHaveBeenCalledTimes(1);
  });
});

describe('Glossary', () => {
  it('lists every entry; searches by initials, pinyin and English', async () => {
    services = fakeServices();
    render(<PopupApp services={services} initialView="glossary" />);
    expect(await screen.findByText(`${ENTRY_COUNT} entries`)).toBeTruthy();
    const box = screen.getByRole('searchbox', { name: /Search/ });
    const first = () => document.querySelector('.entry .zh')!.textContent;
    for (const [q, zh] of [
      ['xzscl', '新质生产力'],
      ['gao zhi liang', '高质量发展'],
      ['gāo zhì', '高质量发展'],
      ['green finance', '绿色金融'],
      ['新質', '新质生产力'],
    ]) {
      fireEvent.input(box, { target: { value: q } });
      await waitFor(() => expect(first(), q).toBe(zh));
    }
  });

  it('shows an entry as the tooltip does, with where it appears on this page', async () => {
    services = fakeServices();
    await services.db.notes.add(makeNote({ termIds: ['new-quality-productive-forces'] }));
    render(<PopupApp services={services} initialView="glossary" />);
    const box = await screen.findByRole('searchbox');
    fireEvent.input(box, { target: { value: 'xzscl' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    const card = await waitFor(() => document.querySelector('.card')!);
    expect(card.textContent).toContain('新质生产力');
    expect(card.textContent).toContain('xīn zhì shēng chǎn lì');
    expect(card.textContent).toContain('new quality productive forces');
    expect(card.querySelector('blockquote')!.textContent).toContain('发展新质生产力');
    expect(screen.getByText('On this page: 3 times')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show next on the page' }));
    expect(services.revealTerm).toHaveBeenCalledWith(7, 'new-quality-productive-forces');
    expect(await screen.findByText('Notes with this term: 1')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show these notes' }));
    expect(await screen.findByRole('tab', { name: 'Notes', selected: true })).toBeTruthy();
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Filter by term' }).value).toBe(
      'new-quality-productive-forces',
    );
  });

  it('goes back to the list with Escape', async () => {
    services = fakeServices();
    render(<PopupApp services={services} initialView="glossary" />);
    fireEvent.click((await screen.findAllByRole('button', { name: /^新质生产力/ }))[0]!);
    const back = await screen.findByRole('button', { name: /All entries/ });
    fireEvent.keyDown(back, { key: 'Escape' });
    expect(await screen.findByText(`${ENTRY_COUNT} entries`)).toBeTruthy();
  });
});

describe('the popup as a whole', () => {
  it('moves between views with the arrow keys on the tabs', async () => {
    services = fakeServices();
    render(<PopupApp services={services} />);
    const page = screen.getByRole('tab', { name: 'This page' });
    expect(page.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(page, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Notes' }).getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(screen.getByRole('tab', { name: 'Log' }).getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    expect(screen.getByRole('tab', { name: 'Glossary' }).getAttribute('aria-selected')).toBe(
      'true',
    );
  });

  it('speaks Chinese when the browser does', async () => {
    useLocale('zh_CN');
    services = fakeServices();
    render(<PopupApp services={services} />);
    expect(screen.getByRole('tab', { name: '本页' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: '笔记' })).toBeTruthy();
    expect(await screen.findByText('本页术语')).toBeTruthy();
  });
});
