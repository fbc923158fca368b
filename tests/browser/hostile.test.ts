import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, pageReport, type Chromium } from '../harness/chromium';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server';

// Pages built to break highlighters. Each must end up fully and exactly highlighted, with the work
// chunked (more than one slice) and the tab still answering. Timings are printed, not asserted:
// the benchmark (npm run bench) holds the budgets.

let server: FixtureServer;
let browser: Chromium;

const page = (body: string, script = '') =>
  `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>hostile</title><body>${body}<script>${script}</script></body></html>`;

beforeAll(async () => {
  server = await startFixtureServer();
  // 200,000 text nodes: 2,000 paragraphs × 100 spans; each paragraph holds 新质<b>生产力</b>
  // split across nodes and one 高质量发展.
  server.pages.set(
    '/many-nodes.html',
    page(
      '',
      `const parts = [];
       for (let p = 0; p < 2000; p++) {
         let s = '<p>';
         for (let i = 0; i < 97; i++) s += '<span>甲乙</span>';
         s += '新质<b>生产力</b><span>和高质量发展</span></p>';
         parts.push(s);
       }
       document.body.insertAdjacentHTML('beforeend', parts.join(''));`,
    ),
  );
  // One 5 MB text node (the parser would split it; a script does not).
  server.pages.set(
    '/huge-node.html',
    page(
      '<p id="huge"></p>',
      `const chunk = '甲乙丙丁戊己庚辛壬癸'.repeat(9) + '新质生产力' + '子丑寅卯辰';
       document.getElementById('huge').textContent = chunk.repeat(5_000_000 / chunk.length);`,
    ),
  );
  // 3,000 nested inline elements (built by script: the parser caps depth). The match starts
  // halfway down and ends at the bottom. Block elements are not used: Chromium 156 itself
  // crashes rendering 3,000 nested <div>s, with or without the extension.
  server.pages.set(
    '/deep.html',
    page(
      '<p id="deep"></p>',
      `const tags = ['span', 'b', 'a', 'i', 'em'];
       let el = document.getElementById('deep');
       for (let i = 0; i < 3000; i++) {
         const d = document.createElement(tags[i % tags.length]);
         el.appendChild(d);
         el = d;
         if (i === 1500) el.appendChild(document.createTextNode('深处也要推动高质量'));
       }
       el.appendChild(document.createTextNode('发展，到底。'));`,
    ),
  );
  // 1,000 mutations a second for 3 s (4 per timer tick; timers are clamped to 4 ms), then still.
  server.pages.set(
    '/churn.html',
    page(
      '<div id="feed"></div><p id="ticker">初始</p>',
      `const feed = document.getElementById('feed'), ticker = document.getElementById('ticker').firstChild;
       let n = 0; const until = performance.now() + 3000;
       const tick = () => {
         for (let k = 0; k < 4; k++, n++) {
           ticker.data = n % 2 ? '行情：新质生产力 ' + n : '行情：无关 ' + n;
           const p = document.createElement('p');
           p.innerHTML = n % 3 ? '第' + n + '条：<b>数字</b>经济' : '第' + n + '条：其他';
           feed.appendChild(p);
           if (feed.children.length > 50) feed.firstElementChild.remove();
         }
         if (performance.now() < until) setTimeout(tick, 1); else window.churnDone = n;
       };
       tick();`,
    ),
  );
  // A long page (past the virtualisation threshold) whose reader stays at the top while a
  // script appends paragraphs at the far end, as an infinite-scroll page would below the fold.
  server.pages.set(
    '/far-append.html',
    page(
      Array.from({ length: 1000 }, () => '<p>新质生产力和高质量发展</p>').join(''),
      `window.appendFar = (n) => {
         const p = document.createElement('p');
         p.id = 'far-' + n;
         p.textContent = '第' + n + '条：发展数字经济';
         document.body.appendChild(p);
       };`,
    ),
  );
  browser = await launchChromium(server.port);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function paintedTexts(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const out: string[] = [];
    for (const r of CSS.highlights.get('policy-lens-term') ?? []) {
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      out.push(live.toString());
    }
    return out;
  });
}

async function load(path: string): Promise<Page> {
  const p = await browser.context.newPage();
  await p.goto(`http://www.people.cn${path}`, { timeout: 60_000 });
  return p;
}

function tally(texts: string[]): Record<string, number> {
  const t: Record<string, number> = {};
  for (const s of texts) t[s] = (t[s] ?? 0) + 1;
  return t;
}

describe('hostile pages (Chromium)', () => {
  it('200,000 text nodes: every split match found, those near the viewport painted, work chunked', async () => {
    const p = await load('/many-nodes.html');
    await expect
      .poll(async () => (await pageReport(browser, p)).highlights, { timeout: 60_000 })
      .toBe(4000);
    const report = await pageReport(browser, p);
    console.log('200k nodes scan:', report.scan, 'registered:', report.registered);
    expect(report.scan.textNodes).toBeGreaterThanOrEqual(200_000);
    expect(report.scan.slices ?? 2).toBeGreaterThan(1);
    expect(Object.fromEntries(report.terms.map((t) => [t.termId, t.count]))).toEqual({
      'new-quality-productive-forces': 2000,
      'high-quality-development': 2000,
    });
    // 4,000 matches is past the virtualisation threshold: only those near the viewport are
    // registered, each covering exactly its phrase, and scrolling brings the others in.
    const near = () =>
      p.evaluate(() => {
        const out: { text: string; top: number }[] = [];
        for (const r of CSS.highlights.get('policy-lens-term') ?? []) {
          const live = document.createRange();
          live.setStart(r.startContainer, r.startOffset);
          live.setEnd(r.endContainer, r.endOffset);
          out.push({ text: live.toString(), top: live.getBoundingClientRect().top });
        }
        return { out, vh: innerHeight };
      });
    // Those that were registered before the observers reported go within a second or so.
    const allNear = async () => {
      const { out, vh } = await near();
      return out.length < 4000 && out.every((o) => o.top > -2 * vh && o.top < 3 * vh);
    };
    await expect.poll(allNear, { timeout: 10_000 }).toBe(true);
    const first = await near();
    expect(first.out.length).toBeGreaterThan(0);
    expect(new Set(first.out.map((o) => o.text))).toEqual(new Set(['新质生产力', '高质量发展']));
    expect(first.out.every((o) => o.top > -2 * first.vh && o.top < 3 * first.vh)).toBe(true);
    await p.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect
      .poll(async () => {
        const { out, vh } = await near();
        return out.some((o) => o.top >= 0 && o.top < vh);
      })
      .toBe(true);
    await p.close();
  });

  it('content arriving far from the viewport of a long page is highlighted on arrival', async () => {
    const p = await load('/far-append.html');
    await expect
      .poll(async () => (await pageReport(browser, p)).highlights, { timeout: 30_000 })
      .toBe(2000);
    // Virtualised: the registry holds those near the viewport, not all 2,000.
    await expect.poll(async () => (await paintedTexts(p)).length).toBeLessThan(2000);
    const farRegistered = () =>
      p.evaluate(() => {
        const el = document.getElementById('far-1')!;
        const out: number[] = [];
        for (const r of CSS.highlights.get('policy-lens-term') ?? []) {
          if (el.contains(r.startContainer)) out.push(r.startOffset);
        }
        return { count: out.length, top: el.getBoundingClientRect().top / innerHeight };
      });
    await p.evaluate(() => (window as unknown as { appendFar(n: number): void }).appendFar(1));
    // Registered at once although it is many screens below (the observer would never call it near).
    await expect.poll(farRegistered, { timeout: 2000 }).toMatchObject({ count: 1 });
    expect((await farRegistered()).top).toBeGreaterThan(10);
    await p.close();
  });

  it('one 5 MB text node: all 50,000 matches painted in slices', async () => {
    const p = await load('/huge-node.html');
    await expect.poll(async () => (await paintedTexts(p)).length, { timeout: 60_000 }).toBe(50_000);
    const report = await pageReport(browser, p);
    console.log('5 MB node scan:', report.scan);
    expect(report.scan.chars).toBeGreaterThanOrEqual(5_000_000);
    expect(new Set(await paintedTexts(p))).toEqual(new Set(['新质生产力']));
    await p.close();
  });

  it('3,000 levels of nesting: a match spanning 1,500 levels is painted', async () => {
    const p = await load('/deep.html');
    await expect.poll(() => paintedTexts(p), { timeout: 30_000 }).toEqual(['高质量发展']);
    await p.close();
  });

  it('1,000 mutations a second: the tab keeps answering and the final state is exactly right', async () => {
    const p = await load('/churn.html');
    // While the page churns, it still answers promptly (our work never blocks it).
    for (let i = 0; i < 5; i++) {
      expect(await p.evaluate(() => 1 + 1)).toBe(2);
      await p.waitForTimeout(300);
    }
    await p.waitForFunction(() => (window as unknown as { churnDone?: number }).churnDone, null, {
      timeout: 30_000,
    });
    const expected = await p.evaluate(() => {
      const t: Record<string, number> = {};
      for (const el of document.querySelectorAll('p')) {
        const text = el.textContent ?? '';
        for (const term of ['新质生产力', '数字经济']) {
          const n = text.split(term).length - 1;
          if (n) t[term] = (t[term] ?? 0) + n;
        }
      }
      return t;
    });
    await expect
      .poll(async () => tally(await paintedTexts(p)), { timeout: 10_000 })
      .toEqual(expected);
    const report = await pageReport(browser, p);
    expect(report.highlights).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
    await p.close();
  });
});
