import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { PageReport } from '../../lib/protocol/to-content';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROME_BUILD, launchChromium, pageReport, type Chromium } from '../harness/chromium';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server';

/**
 * The side panel in Chromium: sidepanel.html opened as a page of its own (headless Chromium
 * shows no side panel), which follows the tab the reader looks at as the real panel does.
 * Tabs are brought to the front from the service worker, as the reader's click would.
 */

const SHOTS = resolve(process.env.POLICY_LENS_OUT ?? '.output', 'screenshots');
const ARTICLE = 'http://www.people.cn/sample-article.html';
const TRADITIONAL = 'http://www.news.cn/traditional-article.html';
const CASES = 'http://www.people.cn/cases.html';

let server: FixtureServer;
let browser: Chromium;
let article: Page;
let traditional: Page;
let panel: Page;
const errors: string[] = [];

interface WorkerChrome {
  tabs: {
    query(q: object): Promise<{ id?: number; url?: string }[]>;
    update(id: number, p: { active: boolean }): Promise<unknown>;
  };
  sidePanel: {
    getOptions(o: object): Promise<{ enabled?: boolean; path?: string }>;
    getPanelBehavior(): Promise<{ openPanelOnActionClick?: boolean }>;
  };
  contextMenus: { update(id: string, p: object): Promise<void> };
}

/** Brings the tab showing `url` to the front of its window. */
async function activate(url: string): Promise<void> {
  await browser.worker.evaluate(async (u) => {
    const api = (globalThis as unknown as { chrome: WorkerChrome }).chrome;
    const tab = (await api.tabs.query({})).find((x) => x.url === u);
    if (tab?.id === undefined) throw new Error(`no tab ${u}`);
    await api.tabs.update(tab.id, { active: true });
  }, url);
}

/** What This page shows: the page's title, the number of terms and the counts listed. */
async function shown(p: Page) {
  return p.evaluate(() => ({
    title: document.querySelector('#panel-page .page-title')?.textContent ?? null,
    terms: document.querySelector('#terms-heading .n')?.textContent ?? null,
    counts: [...document.querySelectorAll('#panel-page .term-row .count [aria-hidden]')].map(
      (el) => el.textContent,
    ),
  }));
}

/** What This page should show for the page open in `page`, from its content script's report. */
async function expected(page: Page) {
  const r = await pageReport(browser, page);
  return {
    title: r.title,
    terms: String(r.terms.length),
    counts: r.terms.slice(0, 8).map((x) => `×${x.count}`),
  };
}

async function showsPageOf(page: Page): Promise<void> {
  const want = await expected(page);
  await expect.poll(() => shown(panel), { timeout: 15_000 }).toEqual(want);
}

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchChromium(server.port);
  article = await browser.context.newPage();
  await article.goto(ARTICLE);
  traditional = await browser.context.newPage();
  await traditional.goto(TRADITIONAL);
  await article.bringToFront();
  panel = await browser.context.newPage();
  panel.on('pageerror', (e) => errors.push(String(e)));
  await panel.setViewportSize({ width: 360, height: 800 });
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the side panel (Chromium)', () => {
  it('is declared in the manifest: one panel for every tab, not opened by the toolbar click', async () => {
    const manifest = JSON.parse(readFileSync(resolve(CHROME_BUILD, 'manifest.json'), 'utf8')) as {
      side_panel?: { default_path?: string };
      permissions?: string[];
    };
    expect(manifest.side_panel?.default_path).toBe('sidepanel.html');
    expect(manifest.permissions).toContain('sidePanel');
    const state = await browser.worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: WorkerChrome }).chrome;
      return {
        options: await api.sidePanel.getOptions({}),
        behavior: await api.sidePanel.getPanelBehavior(),
        // update() rejects for an item that does not exist: the toolbar menu has ours.
        menu: await api.contextMenus.update('open-side-panel', {}).then(
          () => 'present',
          (e: unknown) => String(e),
        ),
      };
    });
    expect(state.options).toMatchObject({ enabled: true, path: 'sidepanel.html' });
    expect(state.behavior.openPanelOnActionClick).toBe(false);
    expect(state.menu).toBe('present');
  });

  it('shows This page for the tab the reader looked at last', async () => {
    await showsPageOf(article);
    expect((await shown(panel)).title).toContain('人民网');
  });

  it('follows the reader to another tab, and back', async () => {
    const a = await expected(article);
    const b = await expected(traditional);
    // The two fixtures differ in what This page shows: a panel stuck on one tab fails below.
    expect(b).not.toEqual(a);
    await activate(TRADITIONAL);
    await showsPageOf(traditional);
    await activate(ARTICLE);
    await showsPageOf(article);
  });

  it('follows the shown tab to a new page', async () => {
    await activate(TRADITIONAL);
    await showsPageOf(traditional);
    await traditional.goto(CASES);
    await showsPageOf(traditional);
    expect((await shown(panel)).title).toContain('匹配用例');
  });

  it('fills the panel: as tall as the window, as wide as the reader makes it', async () => {
    mkdirSync(SHOTS, { recursive: true });
    await activate(ARTICLE);
    await showsPageOf(article);
    for (const width of [320, 360, 560]) {
      await panel.setViewportSize({ width, height: 800 });
      const box = await panel.evaluate(() => {
        const r = document.querySelector('.popup')!.getBoundingClientRect();
        const doc = document.documentElement;
        return { w: r.width, h: r.height, scrollW: doc.scrollWidth, clientW: doc.clientWidth };
      });
      expect(box).toMatchObject({ w: width, h: 800 });
      // Nothing sticks out sideways: the views reflow to the panel's width.
      expect(box.scrollW).toBeLessThanOrEqual(box.clientW);
      await panel.screenshot({ path: resolve(SHOTS, `side-panel-${width}.png`) });
    }
    // Beside the article as a 1280×800 window would show it: the page at 920, the panel at 360.
    await panel.setViewportSize({ width: 360, height: 800 });
    await article.setViewportSize({ width: 920, height: 800 });
    const left = (await article.screenshot()).toString('base64');
    const right = (await panel.screenshot()).toString('base64');
    const sheet = await browser.context.newPage();
    await sheet.setViewportSize({ width: 1281, height: 800 });
    await sheet.setContent(
      `<body style="margin:0;display:flex;background:#888">` +
        `<img src="data:image/png;base64,${left}" width="920" height="800">` +
        `<div style="width:1px;background:#999"></div>` +
        `<img src="data:image/png;base64,${right}" width="360" height="800"></body>`,
    );
    await sheet.screenshot({ path: resolve(SHOTS, 'side-panel-beside-article.png') });
    await sheet.close();
  });

  it('the popup offers "Open in side panel"; the panel itself does not', async () => {
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    const tabId = await browser.worker.evaluate(async (u) => {
      const api = (globalThis as unknown as { chrome: WorkerChrome }).chrome;
      return (await api.tabs.query({})).find((x) => x.url === u)?.id;
    }, ARTICLE);
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    await expect
      .poll(() => popup.getByRole('button', { name: 'Open in side panel' }).count())
      .toBe(1);
    await popup.screenshot({ path: resolve(SHOTS, 'popup-open-in-side-panel.png') });
    await popup.close();
    expect(await panel.getByRole('button', { name: 'Open in side panel' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

/**
 * The real side panel: headless Chromium opens it when the popup's button is clicked (a real
 * click, the gesture sidePanel.open needs). Playwright does not list it among pages: it is read
 * through chrome.extension.getViews() from the popup page, and photographed over CDP.
 */
describe('the real side panel, opened from the popup', () => {
  let popup: Page;
  let windowId: number;

  interface PanelChrome {
    tabs: {
      query(q: object): Promise<{ id?: number; windowId?: number; url?: string }[]>;
      create(p: { windowId: number; url: string }): Promise<{ id?: number }>;
      update(id: number, p: { active: boolean }): Promise<unknown>;
      sendMessage(id: number, msg: unknown): Promise<PageReport>;
    };
    runtime: {
      getContexts(f: object): Promise<{ documentUrl?: string; windowId: number }[]>;
    };
  }

  /** What the real panel shows, read from its window (an extension page of the same process). */
  const inPanel = () =>
    popup.evaluate(() => {
      const views = (
        globalThis as unknown as { chrome: { extension: { getViews(): Window[] } } }
      ).chrome.extension.getViews();
      const v = views.find((w) => w.location.pathname === '/sidepanel.html');
      if (!v) return null;
      const d = v.document;
      return {
        title: d.querySelector('#panel-page .page-title')?.textContent ?? null,
        terms: d.querySelector('#terms-heading .n')?.textContent ?? null,
        counts: [...d.querySelectorAll('#panel-page .term-row .count [aria-hidden]')].map(
          (el) => el.textContent,
        ),
      };
    });

  /** A new tab in the panel's window (it comes to the front), and what This page should show. */
  async function openTab(url: string) {
    const tabId = await browser.worker.evaluate(
      async ([w, u]) => {
        const c = (globalThis as unknown as { chrome: PanelChrome }).chrome;
        const tab = await c.tabs.create({ windowId: w, url: u });
        return tab.id!;
      },
      [windowId, url] as const,
    );
    let r: PageReport | null = null;
    await expect
      .poll(
        async () =>
          (r = await browser.worker
            .evaluate(
              ([id]) =>
                (globalThis as unknown as { chrome: PanelChrome }).chrome.tabs.sendMessage(id, {
                  type: 'page-report',
                }),
              [tabId] as const,
            )
            .catch(() => null)),
        { timeout: 15_000 },
      )
      .not.toBeNull();
    // TypeScript does not see the assignment inside the poll's callback.
    const report = r as PageReport | null;
    if (!report) throw new Error('no report');
    return {
      tabId,
      want: {
        title: report.title,
        terms: String(report.terms.length),
        counts: report.terms.slice(0, 8).map((x) => `×${x.count}`),
      },
    };
  }

  beforeAll(async () => {
    // The panel opened as a page above is closed: from here on, the one panel is the real one.
    await panel.close();
    popup = await browser.context.newPage();
    popup.on('pageerror', (e) => errors.push(String(e)));
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.getByRole('button', { name: 'Open in side panel' }).click();
    windowId = await browser.worker.evaluate(async (u) => {
      const c = (globalThis as unknown as { chrome: PanelChrome }).chrome;
      const [tab] = await c.tabs.query({ url: u });
      return tab!.windowId!;
    }, popup.url());
  }, 30_000);

  it("opens beside the popup's window", async () => {
    await expect
      .poll(() =>
        browser.worker.evaluate(async () => {
          const c = (globalThis as unknown as { chrome: PanelChrome }).chrome;
          const panels = await c.runtime.getContexts({ contextTypes: ['SIDE_PANEL'] });
          return panels.map((x) => new URL(x.documentUrl ?? '').pathname);
        }),
      )
      .toEqual(['/sidepanel.html']);
    // getContexts gives a side panel no window id (-1): the panel says which window it is in.
    const panelWindow = await popup.evaluate(async () => {
      const views = (
        globalThis as unknown as { chrome: { extension: { getViews(): Window[] } } }
      ).chrome.extension.getViews();
      const v = views.find((w) => w.location.pathname === '/sidepanel.html') as
        (Window & { chrome: { windows: { getCurrent(): Promise<{ id?: number }> } } }) | undefined;
      return (await v?.chrome.windows.getCurrent())?.id;
    });
    expect(panelWindow).toBe(windowId);
  });

  it('shows the tab at the front of its window, and follows as tabs change', async () => {
    const a = await openTab(ARTICLE);
    await expect.poll(inPanel, { timeout: 15_000 }).toEqual(a.want);
    const b = await openTab(TRADITIONAL);
    expect(b.want).not.toEqual(a.want);
    await expect.poll(inPanel, { timeout: 15_000 }).toEqual(b.want);
    await browser.worker.evaluate(
      ([id]) =>
        (globalThis as unknown as { chrome: PanelChrome }).chrome.tabs.update(id, {
          active: true,
        }),
      [a.tabId] as const,
    );
    await expect.poll(inPanel, { timeout: 15_000 }).toEqual(a.want);
  });

  it('is photographed beside the article it shows', async () => {
    const size = await popup.evaluate(() => {
      const views = (
        globalThis as unknown as { chrome: { extension: { getViews(): Window[] } } }
      ).chrome.extension.getViews();
      const v = views.find((w) => w.location.pathname === '/sidepanel.html')!;
      return { width: v.innerWidth, height: v.innerHeight };
    });
    const cdp = await browser.context.browser()!.newBrowserCDPSession();
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.url.endsWith('/sidepanel.html'));
    expect(target).toBeDefined();
    // Playwright's sessions take no child session id: the panel is reached through the browser's.
    const { sessionId } = await cdp.send('Target.attachToTarget', {
      targetId: target!.targetId,
      flatten: false,
    });
    const shot = new Promise<string>((resolveShot) =>
      cdp.on('Target.receivedMessageFromTarget', (e) => {
        const m = JSON.parse(e.message) as { id?: number; result?: { data?: string } };
        if (m.id === 1 && m.result?.data) resolveShot(m.result.data);
      }),
    );
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({
        id: 1,
        method: 'Page.captureScreenshot',
        // The capture's surface can be wider than the panel: keep the panel's own box.
        params: { clip: { x: 0, y: 0, ...size, scale: 1 } },
      }),
    });
    const right = await shot;
    // A 1280-wide window: the page gets what the panel leaves.
    const pageWidth = 1280 - size.width;
    await article.setViewportSize({ width: pageWidth, height: size.height });
    await article.waitForFunction(() =>
      [...CSS.highlights].some(([name, h]) => name.startsWith('policy-lens') && h.size > 0),
    );
    const left = (await article.screenshot()).toString('base64');
    const sheet = await browser.context.newPage();
    await sheet.setViewportSize({ width: 1281, height: size.height });
    await sheet.setContent(
      `<body style="margin:0;display:flex;align-items:flex-start">` +
        `<img style="flex:none" src="data:image/png;base64,${left}" width="${pageWidth}" height="${size.height}">` +
        `<div style="flex:none;width:1px;height:${size.height}px;background:#999"></div>` +
        `<img style="flex:none" src="data:image/png;base64,${right}" width="${size.width}" height="${size.height}"></body>`,
    );
    mkdirSync(SHOTS, { recursive: true });
    await sheet.screenshot({ path: resolve(SHOTS, 'real-side-panel-beside-article.png') });
    await sheet.close();
    expect(errors).toEqual([]);
  });
});
