import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PopupApp } from '../../components/popup/PopupApp';
import type { LogEntry } from '../../lib/protocol/to-background';
import { fakeServices, useLocale, type FakeServices } from './popup-helpers';

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

const NOW = Date.now();
const NPF = 'new-quality-productive-forces';

function row(termId: string, site: string, n: number, count: number, daysAgo = 0): LogEntry {
  const t = NOW - daysAgo * 86_400_000;
  return {
    termId,
    url: `http://www.${site}/${n}.html`,
    title: `${site} article ${n}`,
    site,
    firstSeen: t,
    lastSeen: t,
    count,
  };
}

describe('the reading log in the popup', () => {
  it('a glossary entry says on how many pages it was seen; a row opens its page', async () => {
    services = fakeServices();
    services.logRows = [
      row(NPF, 'people.cn', 1, 3),
      row(NPF, 'news.cn', 2, 1, 1),
      row('high-quality-development', 'news.cn', 2, 5),
    ];
    render(<PopupApp services={services} initialView="glossary" />);
    fireEvent.click((await screen.findAllByRole('button', { name: /^新质生产力 xīn/ }))[0]!);
    const heading = await screen.findByText('Seen on 2 pages');
    const section = heading.closest('section')!;
    const rows = within(section).getAllByRole('listitem');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/people\.cn article 1.*people\.cn.*×3/),
      expect.stringMatching(/news\.cn article 2.*news\.cn.*×1/),
    ]);
    fireEvent.click(within(rows[1]!).getByRole('button'));
    expect(services.log.openPage).toHaveBeenCalledWith('http://www.news.cn/2.html');
  });

  it('Trends opens the log view on that term: weekly chart, sites, most seen this month', async () => {
    services = fakeServices();
    services.logRows = [
      row(NPF, 'people.cn', 1, 3),
      row(NPF, 'news.cn', 2, 1, 8),
      row('high-quality-development', 'news.cn', 2, 5),
    ];
    render(<PopupApp services={services} initialView="glossary" />);
    fireEvent.click((await screen.findAllByRole('button', { name: /^新质生产力 xīn/ }))[0]!);
    fireEvent.click(await screen.findByRole('button', { name: 'Trends' }));
    const chart = await screen.findByRole('img', { name: /新质生产力.*per week/ });
    expect(chart.querySelectorAll('rect').length).toBe(2);
    const sites = screen.getByRole('list', { name: 'By site, all logged pages' });
    expect(
      within(sites)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      expect.stringMatching(/people\.cn.*3.*1 page/),
      expect.stringMatching(/news\.cn.*1.*1 page/),
    ]);
    const month = screen.getByRole('list', { name: 'Most seen this month, all terms' });
    expect(within(month).getAllByRole('button')[0]!.textContent).toMatch(/高质量发展.*5/);
  });

  it('an empty log says so, and offers its switches', async () => {
    services = fakeServices();
    render(<PopupApp services={services} initialView="log" />);
    expect(await screen.findByText(/No pages logged yet/)).toBeTruthy();
    const pause = screen.getByRole('checkbox', { name: 'Pause the reading log' });
    fireEvent.click(pause);
    await vi.waitFor(async () => expect((await services.log.settings()).paused).toBe(true));
  });

  it('clear asks first, then empties the log', async () => {
    services = fakeServices();
    services.logRows = [row(NPF, 'people.cn', 1, 3)];
    render(<PopupApp services={services} initialView="log" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Clear the log…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(await screen.findByText(/No pages logged yet/)).toBeTruthy();
    expect(services.logRows).toEqual([]);
  });
});
