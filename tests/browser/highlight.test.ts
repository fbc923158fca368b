import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  pageReport,
  pointOfHighlight,
  readHighlights,
  readTooltip,
  settledHighlights,
  type Chromium,
} from '../harness/chromium';
import { CASES_EXPECTED, squash } from './expected';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server';

let server: FixtureServer;
let browser: Chromium;
const errors: string[] = [];

interface InjectChrome {
  tabs: { query(q: { url?: string; active?: boolean }): Promise<{ id?: number }[]> };
  scripting: {
    insertCSS(o: { target: { tabId: number }; files: string[] }): Promise<void>;
    executeScript(o: { target: { tabId: number }; files: string[] }): Promise<unknown>;
  };
}

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchChromium(server.port);
  browser.context.on('weberror', (e) => errors.push(`weberror: ${e.error().message}`));
  browser.context.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a fixture with a recorder of every DOM mutation not caused by our host element. */
async function open(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    const w = window as unknown as { __mutations: string[]; __before: string };
    w.__mutations = [];
    // What the page could see when our host came: highlights already registered would mean
    // the browser repaints every one of them for it (issue 17).
    const seenWithHost = ((w as unknown as { __hostCame: unknown[] }).__hostCame = [] as unknown[]);
    new MutationObserver((records) => {
      for (const r of records)
        for (const n of r.addedNodes)
          if (n.nodeName === 'POLICY-LENS-UI') seenWithHost.push(CSS.highlights.size);
    }).observe(document, { childList: true, subtree: true });
    document.addEventListener('DOMContentLoaded', () => {
      w.__before = document.documentElement.outerHTML;
      new MutationObserver((records) => {
        for (const r of records) {
          const nodes = [...r.addedNodes, ...r.removedNodes];
          if (nodes.length && nodes.every((n) => n.nodeName === 'POLICY-LENS-UI')) continue;
          w.__mutations.push(
            `${r.type} ${(r.target as Element).nodeName ?? ''} ${r.attributeName ?? ''}`,
          );
        }
      }).observe(document, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
    });
  });
  await page.goto(`http://www.people.cn/${path}`);
  return page;
}

describe('highlighting on a people.cn page (Chromium)', () => {
  let page: Page;
  beforeAll(async () => {
    page = await open('cases.html');
    await settledHighlights(page);
  });

  it('paints exactly the expected spans, across inline tags and line breaks, never across blocks', async () => {
    const painted = (await readHighlights(page)).map((r) => [r.name, r.where, squash(r.text)]);
    expect(painted).toEqual(
      CASES_EXPECTED.map(([where, text]) => ['policy-lens-term', where, text]),
    );
  });

  it('never paints inside editable, code, script, hidden or template regions', async () => {
    const painted = await readHighlights(page);
    expect(painted.filter((r) => r.where === 'excluded')).toEqual([]);
    expect(painted.some((r) => r.where === 'cross-block' || r.where === 'cb1')).toBe(false);
  });

  it('puts its host in before any highlight is registered, with no box of its own until our UI draws in it', async () => {
    // An empty inline box at the end of <html> made the next frame lay out, pre-paint and
    // repaint the whole page (issue 17).
    const host = () =>
      page.evaluate(() => {
        const h = document.querySelector('policy-lens-ui');
        return h && { display: getComputedStyle(h).display, boxes: h.getClientRects().length };
      });
    await expect.poll(host).not.toBeNull();
    expect(await host()).toEqual({ display: 'contents', boxes: 0 });
    expect(
      await page.evaluate(() => (window as unknown as { __hostCame: unknown }).__hostCame),
    ).toEqual([0]);
  });

  it('leaves the page DOM unchanged apart from its one host element', async () => {
    const p = await pointOfHighlight(page, '新质生产力');
    await page.mouse.move(p.x, p.y);
    await expect.poll(() => readTooltip(page), { timeout: 5000 }).not.toBeNull();
    const { mutations, same, hosts } = await page.evaluate(() => {
      const w = window as unknown as { __mutations: string[]; __before: string };
      const clone = document.documentElement.cloneNode(true) as Element;
      clone.querySelectorAll('policy-lens-ui').forEach((n) => n.remove());
      return {
        mutations: w.__mutations,
        same: clone.outerHTML === w.__before,
        hosts: document.querySelectorAll('policy-lens-ui').length,
      };
    });
    expect(mutations).toEqual([]);
    expect(same).toBe(true);
    expect(hosts).toBe(1);
    await page.keyboard.press('Escape');
  });

  it('shows the tooltip after a short hover, beside the phrase and inside the viewport; Escape hides it', async () => {
    await page.mouse.move(5, 5);
    await expect.poll(() => readTooltip(page)).toBeNull();
    const p = await pointOfHighlight(page, '高质量发展是新时代的硬道理');
    await page.mouse.move(p.x, p.y);
    await page.waitForTimeout(100);
    expect(await readTooltip(page)).toBeNull(); // still inside the delay
    await expect.poll(() => readTooltip(page), { timeout: 5000 }).not.toBeNull();
    const tip = (await readTooltip(page))!;
    expect(tip.text).toContain('高质量发展是新时代的硬道理');
    expect(tip.text).toContain('gāo zhì liàng fā zhǎn');
    const vp = page.viewportSize()!;
    expect(tip.box.x).toBeGreaterThanOrEqual(0);
    expect(tip.box.y).toBeGreaterThanOrEqual(0);
    expect(tip.box.x + tip.box.width).toBeLessThanOrEqual(vp.width);
    expect(tip.box.y + tip.box.height).toBeLessThanOrEqual(vp.height);
    const overlaps =
      tip.box.x < p.rect.right &&
      tip.box.x + tip.box.width > p.rect.left &&
      tip.box.y < p.rect.bottom &&
      tip.box.y + tip.box.height > p.rect.top;
    expect(overlaps).toBe(false);
    await page.keyboard.press('Escape');
    await expect.poll(() => readTooltip(page)).toBeNull();
  });

  it('cancels a pending tooltip when the pointer moves on, and hides after leaving', async () => {
    await page.mouse.move(5, 5);
    const p = await pointOfHighlight(page, '数字经济');
    await page.mouse.move(p.x, p.y);
    await page.waitForTimeout(80);
    await page.mouse.move(5, 5);
    await page.waitForTimeout(600);
    expect(await readTooltip(page)).toBeNull();
    await page.mouse.move(p.x, p.y);
    await expect.poll(() => readTooltip(page), { timeout: 5000 }).not.toBeNull();
    expect((await readTooltip(page))!.text).toContain('数字经济');
    await page.mouse.move(5, 5);
    await expect.poll(() => readTooltip(page), { timeout: 5000 }).toBeNull();
  });

  it('stays open while the pointer moves into it, and follows the text when the page scrolls', async () => {
    await page.mouse.move(5, 5);
    await expect.poll(() => readTooltip(page)).toBeNull();
    const p = await pointOfHighlight(page, '新質生產力');
    await page.mouse.move(p.x, p.y);
    await expect.poll(() => readTooltip(page), { timeout: 5000 }).not.toBeNull();
    const tip = (await readTooltip(page))!;
    expect(tip.text).toContain('新质生产力'); // the traditional form explains the same entry
    // Cross the gap between phrase and tooltip in small steps, then rest inside the tooltip.
    await page.mouse.move(tip.box.x + 30, tip.box.y + 20, { steps: 8 });
    await page.waitForTimeout(800);
    expect(await readTooltip(page)).not.toBeNull();
    // Scrolling moves the tooltip with the phrase.
    const phraseTop = () =>
      page.evaluate(() => document.getElementById('trad')!.getBoundingClientRect().top);
    const top0 = await phraseTop();
    const tip0 = (await readTooltip(page))!;
    await page.evaluate(() => window.scrollBy(0, 40));
    const moved = (await phraseTop()) - top0;
    expect(moved).toBeLessThan(0);
    await expect
      .poll(async () => Math.round((await readTooltip(page))?.box.y ?? -1))
      .toBe(Math.round(tip0.box.y + moved));
    await page.keyboard.press('Escape');
  });

  it('is untouched by hostile page CSS', async () => {
    const p = await pointOfHighlight(page, '数字经济');
    await page.mouse.move(p.x, p.y);
    await expect.poll(() => readTooltip(page), { timeout: 5000 }).not.toBeNull();
    const before = (await readTooltip(page))!;
    await page.keyboard.press('Escape');
    await page.addStyleTag({
      content:
        'policy-lens-ui, policy-lens-ui * { display: none !important; } * { font-size: 40px !important; line-height: 3 !important; letter-spacing: 4px !important; font-family: monospace !important; } :root, policy-lens-ui { --pl-font: monospace !important; }',
    });
    await page.mouse.move(5, 5);
    const q = await pointOfHighlight(page, '数字经济');
    await page.mouse.move(q.x, q.y);
    await expect.poll(() => readTooltip(page), { timeout: 5000 }).not.toBeNull();
    const after = (await readTooltip(page))!;
    expect(before.style).toEqual({
      fontSize: '14px',
      letterSpacing: 'normal',
      fontFamily: expect.stringMatching(/^system-ui, "PingFang SC",/),
    });
    expect(after.style).toEqual(before.style);
    expect(after.text).toBe(before.text);
    await page.keyboard.press('Escape');
    await page.evaluate(() =>
      document.querySelectorAll('style').forEach((s, i) => i > 0 && s.remove()),
    );
  });

  it('uses a dark tooltip on a dark background', async () => {
    const p = await pointOfHighlight(page, '绿色金融', 1);
    await page.mouse.move(p.x, p.y);
    await expect.poll(async () => (await readTooltip(page))?.theme, { timeout: 5000 }).toBe('dark');
    await page.keyboard.press('Escape');
  });

  it('reports counts equal to the ranges painted', async () => {
    const report = await pageReport(browser, page);
    const painted = await readHighlights(page);
    expect(report.url).toBe('http://www.people.cn/cases.html');
    expect(report.title).toContain('Policy Lens fixture');
    expect(report.highlights).toBe(painted.length);
    expect(report.terms.reduce((n, t) => n + t.count, 0)).toBe(painted.length);
    expect(report.terms.find((t) => t.termId === 'new-quality-productive-forces')?.count).toBe(6);
    expect(report.scan.chars).toBeGreaterThan(200);
    expect(report.scan.textNodes).toBeGreaterThan(20);
  });

  it('highlights content added later, and the page’s own scripts keep working', async () => {
    await page.click('#add');
    await expect
      .poll(async () =>
        (await readHighlights(page)).filter((r) => r.where === 'appended').map((r) => r.text),
      )
      .toEqual(['数字经济', '新质生产力']);
    expect(
      await page.evaluate(() => (window as unknown as { pageScriptRan: number }).pageScriptRan),
    ).toBe(1);
  });
});

describe('a page without terms', () => {
  /**
   * Our scripts V8 has parsed in the page's renderer (any world), by file name; "(module)" when
   * one was imported rather than injected.
   */
  const ourScripts = async (page: Page) => {
    const cdp = await browser.context.newCDPSession(page);
    const names: string[] = [];
    cdp.on('Debugger.scriptParsed', (e) => {
      if (e.url.startsWith('chrome-extension://'))
        names.push(e.url.replace(/^.*\//, '') + (e.isModule ? ' (module)' : ''));
    });
    await cdp.send('Debugger.enable');
    await cdp.detach();
    return [...new Set(names)].sort();
  };
  const PAGE = (body: string) =>
    `<!doctype html><meta charset="utf-8"><title>plain</title><body>${body}</body>`;
  const scanned = async (page: Page) => {
    await expect
      .poll(async () => (await pageReport(browser, page)).scan.slices ?? 0, { timeout: 10_000 })
      .toBeGreaterThan(0);
    return pageReport(browser, page);
  };

  it('is cleared from its text alone, without a walk; terms that arrive later are highlighted', async () => {
    server.pages.set('/no-terms.html', PAGE('<p>今天天气很好。</p><p>明天<b>也</b>好，2A。</p>'));
    const page = await open('no-terms.html');
    const report = await scanned(page);
    expect(report.scan).toMatchObject({ walkSkipped: true, textNodes: 0 });
    expect(report.highlights).toBe(0);
    // The scan and paint are not even compiled here: page-core.js ran, page-terms.js did not.
    expect(await ourScripts(page)).toEqual(['page-core.js']);
    await page.evaluate(() =>
      document.body.insertAdjacentHTML('beforeend', '<p id="late">推动高质量发展</p>'),
    );
    await expect
      .poll(async () => (await readHighlights(page)).map((r) => r.text))
      .toEqual(['高质量发展']);
    // Put into the frame by the background, as a classic script (no module import).
    expect(await ourScripts(page)).toEqual(['page-core.js', 'page-terms.js']);
    // And the page saw none of it arrive: no resource entry, nothing on its global.
    expect(
      await page.evaluate(() => ({
        resources: performance
          .getEntriesByType('resource')
          .filter((e) => /extension:/.test(e.name))
          .map((e) => e.name),
        symbols: Object.getOwnPropertySymbols(window).map(String),
        keys: Object.keys(window).filter((k) =>
          /^(pageCore|pageTerms|pageUi|passageProbe)$|^policy/i.test(k),
        ),
      })),
    ).toEqual({ resources: [], symbols: [], keys: [] });
    await page.close();
  });

  it('is walked when a term hides behind an excluded inline element or the previous letter', async () => {
    server.pages.set(
      '/hidden-terms.html',
      PAGE('<p>发展新质<kbd>Ctrl</kbd>生产力</p><p>Section 2A</p><p>new productive forces</p>'),
    );
    const page = await open('hidden-terms.html');
    const report = await scanned(page);
    expect(report.scan.walkSkipped).toBe(false);
    // The range covers the <kbd> between its ends; only the term's own text is matched.
    expect((await readHighlights(page)).map((r) => squash(r.text))).toEqual([
      '新质Ctrl生产力',
      'new productive forces',
    ]);
    await page.close();
  });
});

describe('reach', () => {
  it('does not run on a site outside the defaults without being asked', async () => {
    const page = await browser.context.newPage();
    await page.goto('http://www.example.org/cases.html');
    await page.waitForTimeout(1000);
    expect(await readHighlights(page)).toEqual([]);
    await page.close();
  });

  it('on-demand injection (what the scan command runs) needs the activeTab grant and runs once per page', async () => {
    // Headless Chromium does not deliver extension keyboard shortcuts, so the command itself
    // cannot be pressed here; this runs the same injection the command handler runs.
    const inject = (url: string) =>
      browser.worker.evaluate(async (u) => {
        const api = (globalThis as unknown as { chrome: InjectChrome }).chrome;
        // Without host permission a tab's URL is hidden from us: take the active tab instead.
        const [tab] = u ? await api.tabs.query({ url: u }) : await api.tabs.query({ active: true });
        try {
          await api.scripting.insertCSS({
            target: { tabId: tab!.id! },
            files: ['/highlights.css'],
          });
          await api.scripting.executeScript({
            target: { tabId: tab!.id! },
            files: ['/page-core.js'],
          });
          return 'injected';
        } catch (e) {
          return String(e);
        }
      }, url);
    const outside = await browser.context.newPage();
    await outside.goto('http://www.example.org/cases.html');
    await outside.bringToFront();
    expect(await inject('')).toMatch(/permission/i);
    await outside.close();
    const inside = await open('cases.html');
    await inside.bringToFront();
    const before = (await settledHighlights(inside)).length;
    expect(await inject('http://www.people.cn/cases.html')).toBe('injected');
    await inside.waitForTimeout(500);
    expect((await readHighlights(inside)).length).toBe(before);
    await inside.close();
  });

  it('runs in frames of a default site', async () => {
    server.pages.set(
      '/framed.html',
      '<!doctype html><meta charset="utf-8"><title>framed</title><p id="outer">高质量发展</p><iframe src="/cases.html" width="600" height="400"></iframe>',
    );
    const page = await open('framed.html');
    await settledHighlights(page);
    const frame = page.frames().find((f) => f.url().endsWith('/cases.html'))!;
    await expect
      .poll(() => frame.evaluate(() => CSS.highlights.get('policy-lens-term')?.size ?? 0))
      .toBeGreaterThan(10);
    await page.close();
  });
});

describe('health', () => {
  it('logged no errors in pages or the service worker', () => {
    expect(errors).toEqual([]);
  });
});
