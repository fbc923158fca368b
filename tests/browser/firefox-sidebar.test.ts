import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIREFOX_BUILD,
  FIREFOX_EXTENSION_UUID,
  firefoxPageReport,
  launchFirefox,
} from '../harness/firefox';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server';

/**
 * The sidebar in Firefox ESR: sidepanel.html opened as a page of its own (a headless Firefox
 * shows no sidebar), following the tab the reader looks at as the sidebar does.
 */

const SHOTS = resolve(process.env.POLICY_LENS_OUT ?? '.output', 'screenshots');

let server: FixtureServer;
let browser: Browser;
let panel: Page;
let article: string;
let cases: string;
/** What This page should show for each page, from its content script's report. */
let want: Record<'article' | 'cases', Awaited<ReturnType<typeof expected>>>;
const errors: string[] = [];

interface FirefoxApi {
  tabs: {
    query(q: object): Promise<{ id?: number; url?: string }[]>;
    update(id: number, p: { active: boolean }): Promise<unknown>;
  };
  contextMenus: { update(id: string, p: object): Promise<void> };
}

/** What This page shows: the page's title, the number of terms and the counts listed. */
function shown() {
  return panel.evaluate(() => ({
    title: document.querySelector('#panel-page .page-title')?.textContent ?? null,
    terms: document.querySelector('#terms-heading .n')?.textContent ?? null,
    counts: [...document.querySelectorAll('#panel-page .term-row .count [aria-hidden]')].map(
      (el) => el.textContent,
    ),
  }));
}

async function expected(url: string) {
  const r = (await firefoxPageReport(browser, url)) as {
    title: string;
    terms: { count: number }[];
  };
  return {
    title: r.title,
    terms: String(r.terms.length),
    counts: r.terms.slice(0, 8).map((x) => `×${x.count}`),
  };
}

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchFirefox();
  article = `http://www.people.cn:${server.port}/sample-article.html`;
  cases = `http://www.people.cn:${server.port}/cases.html`;
  const other = await browser.newPage();
  await other.goto(cases);
  const page = await browser.newPage();
  await page.goto(article);
  // Asked before the panel opens: the report is read from a page of ours in a tab, whose
  // closing brings another tab to the front, which the panel would rightly follow.
  want = { article: await expected(article), cases: await expected(cases) };
  await page.bringToFront();
  panel = await browser.newPage();
  panel.on('pageerror', (e) => errors.push(String(e)));
  // BiDi reports no load event for moz-extension pages: navigate, then wait for content.
  await panel
    .goto(`moz-extension://${FIREFOX_EXTENSION_UUID}/sidepanel.html`, { timeout: 3000 })
    .catch(() => undefined);
  await panel.waitForFunction(() => document.querySelector('.popup') !== null, { timeout: 10_000 });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the sidebar (Firefox)', () => {
  it('is declared in the built manifest, and does not open by itself at install', () => {
    const manifest = JSON.parse(readFileSync(resolve(FIREFOX_BUILD, 'manifest.json'), 'utf8')) as {
      sidebar_action?: { default_panel?: string; open_at_install?: boolean };
    };
    expect(manifest.sidebar_action?.default_panel).toBe('sidepanel.html');
    expect(manifest.sidebar_action?.open_at_install).toBe(false);
  });

  it("has an item in the toolbar button's menu", async () => {
    // update() rejects for an item that does not exist.
    const menu = await panel.evaluate(() => {
      const api = (globalThis as unknown as { browser: FirefoxApi }).browser;
      return api.contextMenus.update('open-side-panel', {}).then(
        () => 'present',
        (e: unknown) => String(e),
      );
    });
    expect(menu).toBe('present');
  });

  it('shows the terms of the page the reader looked at last', async () => {
    expect(Number(want.article.terms)).toBeGreaterThan(0);
    await expect.poll(shown, { timeout: 15_000 }).toEqual(want.article);
  });

  it('follows the reader to another tab', async () => {
    expect(want.cases).not.toEqual(want.article);
    await panel.evaluate(async (u) => {
      const api = (globalThis as unknown as { browser: FirefoxApi }).browser;
      const tab = (await api.tabs.query({})).find((t) => t.url === u);
      if (tab?.id === undefined) throw new Error(`no tab ${u}`);
      await api.tabs.update(tab.id, { active: true });
    }, cases);
    await expect.poll(shown, { timeout: 15_000 }).toEqual(want.cases);
    expect(errors).toEqual([]);
    mkdirSync(SHOTS, { recursive: true });
    await panel.setViewport({ width: 360, height: 800 });
    await panel.screenshot({ path: resolve(SHOTS, 'firefox-sidebar-360.png') });
  });
});
