import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PopupApp } from '../../components/popup/PopupApp';
import type { TabInfo } from '../../lib/extension/popup/services';
import type { PageReport } from '../../lib/protocol/to-content';
import { fakeServices, REPORT, useLocale, type FakeServices } from './popup-helpers';

/** The term rows of This page (each term also has an ⓘ button naming it). */
const NQPF = /新质生产力.*new quality productive forces/;
const NDP = /新发展格局.*new development pattern/;

/** The popup's views in the side panel: the same component, told of every tab to show. */

let services: FakeServices;

beforeEach(() => useLocale('en'));
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  await services?.close();
});

const NEWS: PageReport = {
  ...REPORT,
  url: 'http://www.news.cn/b.html',
  title: 'B',
  terms: [{ termId: 'new-development-pattern', count: 4 }],
};

/** Services whose followTab hands the test the listener, as the panel's services would call it. */
function following(): { services: FakeServices; show: (tab: TabInfo | null) => void } {
  const s = fakeServices();
  let listener: ((tab: TabInfo | null) => void) | null = null;
  s.followTab = (fn) => {
    listener = fn;
    return () => (listener = null);
  };
  return {
    services: s,
    show: (tab) => {
      if (!listener) throw new Error('the app does not follow tabs');
      listener(tab);
    },
  };
}

describe('This page in the side panel', () => {
  it("shows the terms of each tab the reader moves to, and the new page's after navigating", async () => {
    const f = following();
    services = f.services;
    vi.mocked(services.pageReport).mockImplementation(async (id) => (id === 8 ? NEWS : REPORT));
    render(<PopupApp services={services} />);
    await screen.findByRole('button', { name: NQPF });

    f.show({ id: 8, url: 'http://www.news.cn/b.html', title: 'B' });
    await screen.findByRole('button', { name: NDP });
    expect(screen.queryByRole('button', { name: NQPF })).toBeNull();
    expect(services.pageReport).toHaveBeenLastCalledWith(8);

    // Tab 8 navigates back to the first article.
    vi.mocked(services.pageReport).mockResolvedValue(REPORT);
    f.show({ id: 8, url: 'http://www.people.cn/a.html', title: 'A' });
    await screen.findByRole('button', { name: NQPF });
    expect(screen.queryByRole('button', { name: NDP })).toBeNull();
  });

  it('keeps only the answer for the tab shown last, whichever answer comes first', async () => {
    const f = following();
    services = f.services;
    let answerSlow: (r: PageReport) => void = () => {};
    vi.mocked(services.pageReport).mockImplementation((id) =>
      id === 8 ? new Promise((r) => (answerSlow = r)) : Promise.resolve(NEWS),
    );
    render(<PopupApp services={services} />);
    await screen.findByRole('button', { name: NDP });
    f.show({ id: 8, url: 'http://www.people.cn/a.html', title: 'A' }); // slow to answer
    f.show({ id: 9, url: 'http://www.news.cn/b.html', title: 'B' });
    await waitFor(() => expect(services.pageReport).toHaveBeenLastCalledWith(9));
    answerSlow(REPORT);
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByRole('button', { name: NDP })).toBeTruthy();
    expect(screen.queryByRole('button', { name: NQPF })).toBeNull();
  });

  it('stops following when closed', async () => {
    const f = following();
    services = f.services;
    const { unmount } = render(<PopupApp services={services} />);
    await screen.findByRole('button', { name: NQPF });
    unmount();
    expect(() => f.show({ id: 8 })).toThrow('does not follow');
  });
});

describe('"Open in side panel" in the popup', () => {
  it('is a button that opens the panel where the browser has one', async () => {
    services = fakeServices();
    services.openSidePanel = vi.fn();
    render(<PopupApp services={services} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Open in side panel' }));
    expect(services.openSidePanel).toHaveBeenCalledOnce();
  });

  it('is absent in the panel itself and where there is no panel', async () => {
    services = fakeServices();
    render(<PopupApp services={services} />);
    await screen.findByRole('button', { name: NQPF });
    expect(screen.queryByRole('button', { name: 'Open in side panel' })).toBeNull();
  });
});
