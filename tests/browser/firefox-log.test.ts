import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFirefoxSession, type FirefoxSession } from '../harness/firefox';
import type { FixtureServer } from '../harness/fixture-server';

/** The reading log fills in Firefox ESR too (the Firefox build, its background page). */

let server: FixtureServer;
let browser: Browser;
let ext: Page;
let session: FirefoxSession | undefined;

const NPF = 'new-quality-productive-forces';

function html(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}

interface Sighting {
  url: string;
  title: string;
  site: string;
  count: number;
}

function sightings(termId: string): Promise<Sighting[]> {
  return ext.evaluate(async (id) => {
    const api = (
      globalThis as unknown as {
        browser: { runtime: { sendMessage(m: unknown): Promise<{ sightings: Sighting[] }> } };
      }
    ).browser;
    return (await api.runtime.sendMessage({ type: 'term-sightings', termId: id })).sightings;
  }, termId);
}

beforeAll(async () => {
  session = await startFirefoxSession();
  ({ server, browser, ext } = session);
  server.pages.set('/log/ff-a.html', html('火狐 A', '<p>新质生产力和新质生产力。</p>'));
  server.pages.set('/log/ff-b.html', html('火狐 B', '<p>发展新质生产力，推动高质量发展。</p>'));
}, 60_000);

afterAll(() => session?.close());

describe('Firefox ESR: the reading log', () => {
  it('fills from two pages, with counts, titles and the site', async () => {
    for (const path of ['/log/ff-a.html', '/log/ff-b.html']) {
      const p = await browser.newPage();
      await p.goto(`http://www.people.cn:${server.port}${path}`);
    }
    await expect.poll(async () => (await sightings(NPF)).length, { timeout: 20_000 }).toBe(2);
    const got = (await sightings(NPF))
      .map(({ url, title, site, count }) => ({ path: new URL(url).pathname, title, site, count }))
      .sort((a, b) => a.path.localeCompare(b.path));
    expect(got).toEqual([
      { path: '/log/ff-a.html', title: '火狐 A', site: 'people.cn', count: 2 },
      { path: '/log/ff-b.html', title: '火狐 B', site: 'people.cn', count: 1 },
    ]);
  });
});
