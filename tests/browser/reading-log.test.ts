import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, settledHighlights, type Chromium } from '../harness/chromium';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server';
import type { SightingView } from '../../lib/protocol/to-background';

/**
 * The reading log (issue 18 §1) in Chromium with the built extension: three pages on three
 * sites fill it, an extension page reads it through the `term-sightings` contract (GUIDE §2),
 * a reload replaces counts, a content script cannot choose the URL it is logged under, and
 * nothing is logged while paused.
 */

const SHOTS = resolve(process.env.POLICY_LENS_OUT ?? '.output', 'screenshots');
const NPF = 'new-quality-productive-forces';

function page(title: string, paragraphs: string[]): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head>
<body>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</body></html>`;
}

// 新质生产力: 2 on A; 1 on B, inside the thesis 新质生产力本身就是绿色生产力 (a term of its own);
// 3 on C, one of them split by inline markup.
const PAGES = {
  a: {
    url: 'http://www.people.cn/log/a.html',
    title: '人民网 测试页 A',
    body: ['加快发展新质生产力。', '新质生产力是高质量发展的要求。'],
  },
  b: {
    url: 'http://www.news.cn/log/b.html',
    title: '新华网 测试页 B',
    body: ['绿色发展是底色，新质生产力本身就是绿色生产力。'],
  },
  c: {
    url: 'http://www.gov.cn/log/c.html',
    title: '中国政府网 测试页 C',
    body: ['新质生产力', '发展<b>新质</b>生产力', '新质生产力。'],
  },
  paused: {
    url: 'http://www.people.cn/log/paused.html',
    title: '暂停时的页面',
    body: ['新质生产力和高质量发展。'],
  },
} as const;

let server: FixtureServer;
let c: Chromium;
let ext: Page;
const tabs: Partial<Record<keyof typeof PAGES, Page>> = {};

type Sighting = SightingView;

/** The GUIDE §2 contract, from an extension page. */
function sightings(termId: string): Promise<Sighting[]> {
  return ext.evaluate(async (id) => {
    const api = (
      globalThis as unknown as {
        chrome: { runtime: { sendMessage(m: unknown): Promise<{ sightings: Sighting[] }> } };
      }
    ).chrome;
    return (await api.runtime.sendMessage({ type: 'term-sightings', termId: id })).sightings;
  }, termId);
}

function setPaused(paused: boolean): Promise<void> {
  return ext.evaluate(async (p) => {
    const api = (
      globalThis as unknown as { chrome: { storage: { local: { set(o: object): Promise<void> } } } }
    ).chrome;
    await api.storage.local.set({ readingLog: { paused: p, retentionDays: 365 } });
  }, paused);
}

async function open(key: keyof typeof PAGES): Promise<Page> {
  const p = tabs[key] ?? (await c.context.newPage());
  tabs[key] = p;
  await p.goto(PAGES[key].url);
  await settledHighlights(p);
  return p;
}

/**
 * Sends a message to the background from the content script's own world (the isolated world
 * Chromium names after the extension), as a compromised renderer could.
 */
async function fromContentWorld(p: Page, msg: unknown): Promise<unknown> {
  const cdp: CDPSession = await c.context.newCDPSession(p);
  try {
    const contexts: { id: number; origin: string; name: string; auxData?: { type?: string } }[] =
      [];
    cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    const world = contexts.find(
      (x) => x.auxData?.type === 'isolated' && x.origin.includes(c.extensionId),
    );
    if (!world) throw new Error(`no content script world in ${JSON.stringify(contexts)}`);
    const r = await cdp.send('Runtime.evaluate', {
      contextId: world.id,
      awaitPromise: true,
      returnByValue: true,
      expression: `chrome.runtime.sendMessage(${JSON.stringify(msg)}).then((r) => ({ answer: r ?? null }), (e) => ({ error: String(e) }))`,
    });
    return r.result.value;
  } finally {
    await cdp.detach();
  }
}

/**
 * Twelve weeks of made-up reading on five sites, written straight into the log's database
 * (our origin) so the trends screenshot shows a history: the browser pages above only make
 * today's rows.
 */
function seedHistory(): Promise<void> {
  return ext.evaluate(async () => {
    const sites = [
      'people.com.cn',
      'news.cn',
      'qstheory.cn',
      'gmw.cn',
      'chinadaily.com.cn',
      'ce.cn',
    ];
    const terms = [
      'new-quality-productive-forces',
      'high-quality-development',
      'new-development-pattern',
      'productive-forces',
      'carbon-peaking',
    ];
    const rows: object[] = [];
    const now = Date.now();
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let day = 1; day < 84; day++) {
      const pages = Math.floor(rnd() * 3 * (1 + (84 - day) / 40));
      for (let i = 0; i < pages; i++) {
        const site = sites[Math.floor(rnd() ** 1.6 * sites.length)]!;
        const url = `http://www.${site}/seed/${day}-${i}.html`;
        const at = now - day * 86_400_000;
        for (const termId of terms) {
          if (rnd() < (termId === terms[0] ? 0.15 : 0.5)) continue;
          const count = 1 + Math.floor(rnd() * 6);
          rows.push({
            termId,
            url,
            title: `${site} 文章 ${day}-${i}`,
            site,
            firstSeen: at,
            lastSeen: at,
            count,
          });
        }
      }
    }
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('policy-lens-log');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('sightings', 'readwrite');
      for (const row of rows) tx.objectStore('sightings').put(row);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
}

beforeAll(async () => {
  server = await startFixtureServer();
  for (const p of Object.values(PAGES)) {
    server.pages.set(new URL(p.url).pathname, page(p.title, [...p.body]));
  }
  c = await launchChromium(server.port);
  ext = await c.context.newPage();
  await ext.goto(`chrome-extension://${c.extensionId}/popup.html`);
}, 60_000);

afterAll(async () => {
  await c?.close();
  await server?.close();
});

describe('the reading log', () => {
  it('three pages on three sites: term-sightings gives each page, its site and its count', async () => {
    await open('a');
    await open('b');
    await open('c');
    await expect.poll(async () => (await sightings(NPF)).length, { timeout: 15_000 }).toBe(3);
    const got = (await sightings(NPF))
      .map(({ url, title, site, count }) => ({ url, title, site, count }))
      .sort((x, y) => x.url.localeCompare(y.url));
    expect(got).toEqual(
      [
        { url: PAGES.a.url, title: PAGES.a.title, site: 'people.cn', count: 2 },
        { url: PAGES.b.url, title: PAGES.b.title, site: 'news.cn', count: 1 },
        // gov.cn is a public suffix: www.gov.cn is the registrable domain.
        { url: PAGES.c.url, title: PAGES.c.title, site: 'www.gov.cn', count: 3 },
      ].sort((x, y) => x.url.localeCompare(y.url)),
    );
    // The thesis on B is logged under its own id as well.
    expect((await sightings('npf-are-green-productive-forces')).map((s) => s.count)).toEqual([1]);
    expect((await sightings('high-quality-development')).map((s) => s.site)).toEqual(['people.cn']);
  });

  it('a reload updates the page (lastSeen moves), never adds its count again', async () => {
    const before = (await sightings(NPF)).find((s) => s.url === PAGES.a.url)!;
    await tabs.a!.reload();
    await settledHighlights(tabs.a!);
    await expect
      .poll(async () => (await sightings(NPF)).find((s) => s.url === PAGES.a.url)!.lastSeen, {
        timeout: 15_000,
      })
      .toBeGreaterThan(before.lastSeen);
    const after = (await sightings(NPF)).filter((s) => s.url === PAGES.a.url);
    expect(after).toHaveLength(1);
    expect(after[0]!.count).toBe(2);
    expect(after[0]!.firstSeen).toBe(before.firstSeen);
  });

  it('a content script cannot choose the URL: a forged url is refused, the sender URL is used', async () => {
    const forged = await fromContentWorld(tabs.b!, {
      type: 'log-page-terms',
      url: 'http://www.example.org/forged.html',
      terms: [{ termId: 'carbon-peaking', count: 9 }],
    });
    expect(forged).not.toEqual({ answer: { ok: true, logged: true } });
    // The same report without the forged field is logged, under the sender's own page.
    const honest = await fromContentWorld(tabs.b!, {
      type: 'log-page-terms',
      terms: [{ termId: 'carbon-peaking', count: 9 }],
    });
    expect(honest).toEqual({ answer: { ok: true, logged: true } });
    const all = await sightings('carbon-peaking');
    expect(all.map((s) => s.url)).toEqual([PAGES.b.url]);
    expect(JSON.stringify(await sightings(NPF))).not.toContain('forged');
  });

  it('a compromised content script can neither read nor clear the log', async () => {
    const before = await sightings(NPF);
    expect(before.length).toBeGreaterThan(0);
    for (const msg of [
      { type: 'term-sightings', termId: NPF },
      { type: 'log-entries' },
      { type: 'log-clear' },
    ]) {
      const r = await fromContentWorld(tabs.a!, msg);
      expect(JSON.stringify(r)).not.toContain(PAGES.a.url);
      expect(r).not.toEqual({ answer: { ok: true } });
    }
    expect(await sightings(NPF)).toEqual(before);
  });

  it('paused: nothing is logged; resumed: the page is', async () => {
    await setPaused(true);
    // Hear, beside the background's own listener, when the paused page's report arrives.
    await c.worker.evaluate(() => {
      const g = globalThis as unknown as {
        heard?: string[];
        chrome: {
          runtime: {
            onMessage: { addListener(f: (m: unknown, s: { url?: string }) => void): void };
          };
        };
      };
      g.heard = [];
      g.chrome.runtime.onMessage.addListener((m, s) => {
        if ((m as { type?: string }).type === 'log-page-terms') g.heard!.push(s.url ?? '');
      });
    });
    const p = await open('paused');
    await expect
      .poll(() => c.worker.evaluate(() => (globalThis as unknown as { heard: string[] }).heard), {
        timeout: 15_000,
      })
      .toContain(PAGES.paused.url);
    const direct = await fromContentWorld(p, {
      type: 'log-page-terms',
      terms: [{ termId: NPF, count: 1 }],
    });
    expect(direct).toEqual({ answer: { ok: true, logged: false } });
    expect((await sightings(NPF)).map((s) => s.url)).not.toContain(PAGES.paused.url);
    // Resumed, the same page is logged at its next load: the test above could fail.
    await setPaused(false);
    await p.reload();
    await expect
      .poll(async () => (await sightings(NPF)).map((s) => s.url), { timeout: 15_000 })
      .toContain(PAGES.paused.url);
  });

  it('the options page pauses and resumes the log', async () => {
    const options = await c.context.newPage();
    await options.goto(`chrome-extension://${c.extensionId}/options.html`);
    const pause = options.getByRole('checkbox', { name: /Pause the reading log|暂停阅读记录/ });
    const stored = () =>
      options.evaluate(async () => {
        const api = (
          globalThis as unknown as {
            chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
          }
        ).chrome;
        return ((await api.storage.local.get('readingLog')).readingLog as { paused?: boolean })
          ?.paused;
      });
    await expect(pause.isChecked()).resolves.toBe(false);
    await pause.check();
    await expect.poll(stored).toBe(true);
    await options.locator('#log-h').scrollIntoViewIfNeeded();
    mkdirSync(SHOTS, { recursive: true });
    await options.screenshot({ path: resolve(SHOTS, 'log-options.png') });
    await pause.uncheck();
    await expect.poll(stored).toBe(false);
    await options.close();
  });

  it('the page learns nothing of the log: no element, storage or highlight of it', async () => {
    const seen = await tabs.a!.evaluate(async () => ({
      databases: (await indexedDB.databases()).map((d) => d.name),
      highlights: [...CSS.highlights.keys()].filter((k) => !k.includes('term')),
      local: Object.keys(localStorage),
      session: Object.keys(sessionStorage),
    }));
    expect(seen).toEqual({ databases: [], highlights: [], local: [], session: [] });
  });

  it('screenshots: the glossary entry "seen on N pages" and the trends view', async () => {
    mkdirSync(SHOTS, { recursive: true });
    await ext.setViewportSize({ width: 400, height: 900 });
    await ext.goto(`chrome-extension://${c.extensionId}/popup.html?view=glossary`);
    await ext
      .getByRole('button', { name: /新质生产力/ })
      .first()
      .click();
    const seen = ext.locator('.seen-on');
    // a, b, c and the paused page once resumed.
    await expect.poll(() => seen.locator('li').count(), { timeout: 10_000 }).toBe(4);
    await expect(seen.textContent()).resolves.toContain(PAGES.c.title);
    await seen.scrollIntoViewIfNeeded();
    await ext.screenshot({ path: resolve(SHOTS, 'log-seen-on.png') });
    await ext
      .getByRole('button', { name: /trends|趋势/i })
      .first()
      .click();
    await ext.locator('.trends svg').first().waitFor({ timeout: 10_000 });
    await seedHistory();
    await ext.goto(`chrome-extension://${c.extensionId}/popup.html?view=log`);
    await ext.locator('.trends svg rect').first().waitFor({ timeout: 10_000 });
    await ext.screenshot({ path: resolve(SHOTS, 'log-trends.png'), fullPage: true });
  });
});
