import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firefoxPageReport, startFirefoxSession, type FirefoxSession } from '../harness/firefox';
import { noteCreateRequest } from '../harness/note-create';
import type { FixtureServer } from '../harness/fixture-server';

/**
 * Notes follow their passage in Firefox ESR too: its background page injects the probe with
 * `scripting.executeScript` (or the content script imports it), and the reprint shows the note.
 */

let server: FixtureServer;
let browser: Browser;
let ext: Page;
let session: FirefoxSession | undefined;

/** A verbatim sentence of the speech, on tests/fixtures/reprint-*.html. */
const A = '科技创新能够催生新产业、新模式、新动能，是发展新质生产力的核心要素。';
const ORIGIN = 'http://www.people.cn/reprint-origin.html';

beforeAll(async () => {
  session = await startFirefoxSession();
  ({ server, browser, ext } = session);
}, 60_000);

afterAll(() => session?.close());

async function reportOf(path: string) {
  const page = await browser.newPage();
  await page.goto(`http://www.news.cn:${server.port}${path}`);
  const report = async () => (await firefoxPageReport(browser, page.url())).notes;
  return { page, report };
}

describe('Firefox ESR: a note follows its passage', () => {
  it('a note made on people.cn shows on a traditional reprint on news.cn, not on a page without it', async () => {
    const made = await ext.evaluate(
      (req) =>
        (
          globalThis as unknown as {
            browser: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } };
          }
        ).browser.runtime.sendMessage(req),
      noteCreateRequest({
        exact: A,
        url: ORIGIN,
        title: '习近平在中共中央政治局第十一次集体学习时强调',
        text: 'made on people.cn',
      }),
    );
    expect(made.ok).toBe(true);
    const reprint = await reportOf('/reprint-traditional.html');
    await expect
      .poll(async () => (await reprint.report())?.elsewhere?.length, { timeout: 20_000 })
      .toBe(1);
    expect(await reprint.report()).toMatchObject({ anchored: 1, total: 1, orphaned: [] });
    const none = await reportOf('/reprint-none.html');
    await expect
      .poll(async () => (await none.report()) !== undefined, { timeout: 10_000 })
      .toBe(true);
    // Time for the probe to run, had the passage been there.
    await new Promise((r) => setTimeout(r, 1500));
    const r = await none.report();
    expect(r?.anchored).toBe(0);
    expect(r?.elsewhere ?? []).toEqual([]);
  });
});
