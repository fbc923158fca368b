/**
 * Notes that follow their passage (issue 19), in two Chromiums with our extension side by side:
 * one with no notes, one with 10,000 notes stored (seeded through the background, each with a
 * travelling passage found on no bench page). Pages A and E load in both, alternately; for each
 * load we read, at load + 1.5 s, the tab's main-thread CPU time (CDP ThreadTime: the budgeted
 * figure, as in bench/installed.ts; unlike wall time it does not grow when other processes hold
 * the CPU), its wall time of tasks (TaskDuration) and our
 * `policy-lens:passages` measure (the every-page probe, lib/page/content/passage-probe.ts).
 * Then 20 notes made "on people.cn" whose passages are sentences of page A are added, A is
 * opened as a reprint on www.news.cn, and the time from the end of the scan
 * (`policy-lens:scan`) to the end of the anchoring that drew all 20
 * (`policy-lens:notes-anchor`) is read.
 */
import { readFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { EXTENSION_ID, launch, type BenchBrowser } from './browser';
import type { BenchPage } from './pages';
import { noteCreateRequest } from '../tests/harness/note-create';
import { pageReport } from './measure';
import { quantile } from './stats';

const RUNS = Math.max(3, Number(process.env.BENCH_REPRINT_RUNS ?? 9));
const NOTES = Math.max(1, Number(process.env.BENCH_REPRINT_NOTES ?? 10_000));
const MATCHING = 20;
const SETTLE_MS = 1_500;

export interface ReprintResult {
  notes: number;
  pages: {
    key: string;
    /** Main-thread CPU ms at load + 1.5 s, per load: without notes, with 10,000. */
    none: number[];
    stored: number[];
    /** The same loads' main-thread task wall time (TaskDuration), ms. */
    noneTaskMs: number[];
    storedTaskMs: number[];
    /** policy-lens:passages (the probe) per load with 10,000 notes. */
    probeMs: number[];
    /** Median(stored) − median(none). */
    addedMs: number;
  }[];
  /** Scan end → all 20 matching notes anchored, per load of the reprint. */
  matchingShownMs: number[];
  matchingAnchored: number[];
  errors: string[];
}

/** A deterministic Chinese passage from the speech's characters: on no bench page. */
function passages(n: number): string[] {
  const pool =
    '发展新质生产力是推动高质量的内在要求和重要着力点必须继续做好创新这篇大文章科技成果产业链现代化体系绿色低碳转型改革开放深化人才培养教育机制';
  let seed = 42;
  const rnd = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  return Array.from({ length: n }, () => {
    const len = 18 + Math.floor(rnd() * 30);
    let s = '';
    for (let i = 0; i < len; i++) s += pool[Math.floor(rnd() * pool.length)];
    return s + '。';
  });
}

/** Sentences of page A (a fixture): 20 passages that are there. */
function sentencesOfA(): string[] {
  const html = readFileSync(
    new URL('../tests/fixtures/sample-article.html', import.meta.url),
    'utf8',
  );
  const paras = [...html.matchAll(/<p[^>]*>([\s\S]*?)<\/p>/g)].map((m) =>
    m[1]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ''),
  );
  const out: string[] = [];
  for (const p of paras) {
    for (const s of p.split(/(?<=。)/)) {
      if (s.length >= 24 && s.length <= 80 && !/&/.test(s) && !out.includes(s)) out.push(s);
    }
  }
  return out.slice(0, MATCHING);
}

async function seed(b: BenchBrowser, list: { exact: string; url: string }[]): Promise<number> {
  const page = await b.context.newPage();
  try {
    await page.goto(`chrome-extension://${EXTENSION_ID}/manifest.json`);
    const requests = list.map(({ exact, url }) =>
      noteCreateRequest({ exact, url, title: 'bench', text: 'bench note' }),
    );
    return await page.evaluate(async (items) => {
      // An extension page's world, where `chrome` is the extension API: each note through the
      // background's one write path, 50 at a time.
      const rt = (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } };
        }
      ).chrome.runtime;
      let ok = 0;
      for (let i = 0; i < items.length; i += 50) {
        const rs = await Promise.all(items.slice(i, i + 50).map((req) => rt.sendMessage(req)));
        ok += rs.filter((r) => r.ok).length;
      }
      return ok;
    }, requests);
  } finally {
    await page.close();
  }
}

async function load(
  b: BenchBrowser,
  url: string,
): Promise<{ tab: Page; cdp: CDPSession; cpuMs: number; taskMs: number; probeMs: number | null }> {
  const tab = await b.context.newPage();
  const cdp = await b.context.newCDPSession(tab);
  await cdp.send('Performance.enable');
  await tab.goto(url, { waitUntil: 'load' });
  await tab.waitForFunction(() => performance.getEntriesByName('policy-lens:scan').length > 0, {
    timeout: 30_000,
  });
  await tab.waitForTimeout(SETTLE_MS);
  const { metrics } = await cdp.send('Performance.getMetrics');
  const ms = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  const [cpuMs, taskMs] = [ms('ThreadTime'), ms('TaskDuration')];
  const probeMs = await tab.evaluate(
    () => performance.getEntriesByName('policy-lens:passages')[0]?.duration ?? null,
  );
  return { tab, cdp, cpuMs, taskMs, probeMs };
}

const median = (xs: number[]) => quantile(xs, 0.5);

export async function runReprint(
  port: number,
  pages: BenchPage[],
  log: (s: string) => void,
): Promise<ReprintResult> {
  const result: ReprintResult = {
    notes: NOTES,
    pages: [],
    matchingShownMs: [],
    matchingAnchored: [],
    errors: [],
  };
  const none = await launch(port, 'ours');
  const stored = await launch(port, 'ours');
  try {
    const t0 = Date.now();
    const seeded = await seed(
      stored,
      passages(NOTES).map((exact, i) => ({
        exact,
        url: `http://www.people.cn/bench-origin-${i % 500}.html`,
      })),
    );
    log(`  seeded ${seeded} notes through the background in ${Date.now() - t0} ms`);
    for (const page of pages) {
      const row = {
        key: page.key,
        none: [] as number[],
        stored: [] as number[],
        noneTaskMs: [] as number[],
        storedTaskMs: [] as number[],
        probeMs: [] as number[],
        addedMs: 0,
      };
      for (let i = 0; i < RUNS; i++) {
        // Alternate which browser goes first: neither always loads right after the other.
        const order = i % 2 === 0 ? [none, stored] : [stored, none];
        for (const b of order) {
          try {
            const r = await load(b, `http://www.people.cn${page.path}`);
            if (b === none) {
              row.none.push(r.cpuMs);
              row.noneTaskMs.push(r.taskMs);
            } else {
              row.stored.push(r.cpuMs);
              row.storedTaskMs.push(r.taskMs);
              if (r.probeMs !== null) row.probeMs.push(r.probeMs);
            }
            await r.tab.close();
          } catch (e) {
            result.errors.push(`${page.key} run ${i + 1}: ${(e as Error).message.split('\n')[0]}`);
          }
        }
      }
      row.addedMs = median(row.stored) - median(row.none);
      result.pages.push(row);
      log(
        `  ${page.key}: main-thread CPU ${median(row.none).toFixed(1)} ms without notes, ${median(row.stored).toFixed(1)} ms with ${NOTES.toLocaleString('en-US')} (+${row.addedMs.toFixed(1)} ms); probe ${median(row.probeMs).toFixed(2)} ms (max ${Math.max(...row.probeMs).toFixed(2)})`,
      );
    }
    const a = pages.find((p) => p.key === 'A');
    if (a) {
      const matching = sentencesOfA();
      await seed(
        stored,
        matching.map((exact) => ({ exact, url: 'http://www.people.cn/bench-origin-a.html' })),
      );
      for (let i = 0; i < RUNS; i++) {
        try {
          const r = await load(stored, `http://www.news.cn${a.path}`);
          const deadline = Date.now() + 10_000;
          let anchored = 0;
          while (
            (anchored = (await pageReport(stored, r.tab)).notes?.anchored ?? 0) < matching.length
          ) {
            if (Date.now() > deadline) break;
            await r.tab.waitForTimeout(50);
          }
          const shown = await r.tab.evaluate(() => {
            const scan = performance.getEntriesByName('policy-lens:scan')[0]!;
            const anchors = performance.getEntriesByName('policy-lens:notes-anchor');
            const last = anchors[anchors.length - 1];
            return last ? last.startTime + last.duration - (scan.startTime + scan.duration) : null;
          });
          result.matchingAnchored.push(anchored);
          if (shown !== null && anchored >= matching.length) result.matchingShownMs.push(shown);
          await r.tab.close();
        } catch (e) {
          result.errors.push(`reprint run ${i + 1}: ${(e as Error).message.split('\n')[0]}`);
        }
      }
      log(
        `  reprint of A with ${matching.length} matching notes: all drawn ${median(result.matchingShownMs).toFixed(1)} ms after the scan (max ${Math.max(...result.matchingShownMs).toFixed(1)}; anchored ${result.matchingAnchored.join(',')})`,
      );
    }
  } finally {
    await none.close();
    await stored.close();
  }
  return result;
}
