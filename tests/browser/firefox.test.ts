import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_BUILD, launchFirefox } from '../../scripts/harness/firefox';
import { startFixtureServer, type FixtureServer } from '../../scripts/harness/fixture-server';
import { CASES_EXPECTED, squash } from './expected';

let server: FixtureServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchFirefox();
  page = await browser.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`http://www.people.cn:${server.port}/cases.html`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function painted(p: Page) {
  return p.evaluate(() => {
    const out: [string, string][] = [];
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith('policy-lens')) continue;
      for (const r of h) {
        const live = document.createRange();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        out.push([r.startContainer.parentElement?.closest('[id]')?.id ?? '', live.toString()]);
      }
    }
    return out;
  });
}

describe('Firefox ESR with the Firefox build', () => {
  it('highlights the same spans as Chromium', async () => {
    await expect
      .poll(async () => (await painted(page)).map(([w, t]) => [w, squash(t)]), { timeout: 15_000 })
      .toEqual(CASES_EXPECTED);
  });

  it('opens the tooltip on hover and closes it on Escape', async () => {
    const at = await page.evaluate(() => {
      for (const r of CSS.highlights.get('policy-lens-term') ?? []) {
        const live = document.createRange();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        if (live.toString() !== '数字经济') continue;
        (r.startContainer.parentElement as Element).scrollIntoView({ block: 'center' });
        const b = live.getBoundingClientRect();
        return {
          x: b.left + b.width / 2,
          y: b.top + b.height / 2,
          below: b.bottom + 24,
          above: b.top - 24,
        };
      }
      return null;
    });
    expect(at).not.toBeNull();
    // The tooltip is in a closed shadow root: from the page it shows only as its host element.
    // It opens below the phrase, or above when there is no room below.
    const hostAt = (x: number, y1: number, y2: number) =>
      page.evaluate(
        ([px, a, b]) =>
          [a, b].some((py) => document.elementFromPoint(px!, py!)?.localName === 'policy-lens-ui')
            ? 'policy-lens-ui'
            : null,
        [x, y1, y2],
      );
    await page.mouse.move(at!.x, at!.y);
    await expect
      .poll(() => hostAt(at!.x, at!.below, at!.above), { timeout: 5000 })
      .toBe('policy-lens-ui');
    await page.keyboard.press('Escape');
    await expect
      .poll(() => hostAt(at!.x, at!.below, at!.above), { timeout: 5000 })
      .not.toBe('policy-lens-ui');
  });

  it('logged no page errors', () => {
    expect(errors).toEqual([]);
  });
});

describe('web-ext lint', () => {
  it('reports no errors for the Firefox build', async () => {
    const { stdout } = await promisify(execFile)(
      'npx',
      ['web-ext', 'lint', '--source-dir', FIREFOX_BUILD, '--output', 'json', '--self-hosted'],
      { maxBuffer: 16 * 1024 * 1024 },
    ).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
    const report = JSON.parse(stdout) as {
      errors: { code: string; message: string; file?: string }[];
    };
    expect(report.errors.map((e) => `${e.code} ${e.file ?? ''}: ${e.message}`)).toEqual([]);
  });
});
