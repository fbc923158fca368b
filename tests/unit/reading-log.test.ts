import 'fake-indexeddb/auto';

import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import nestingJson from '../../glossary/generated/nesting.json';
import { nestedTerms, withInnerTerms } from '../../lib/shared/glossary/nesting';
import { LogDb, type Sighting } from '../../lib/extension/log/db';
import { LogRepository } from '../../lib/extension/log/repository';
import { logScan, loggablePage, type LogServiceDeps } from '../../lib/extension/log/service';
import {
  bySite,
  mostSeen,
  niceMax,
  OTHER_SITES,
  weekStart,
  weeklyBySite,
  type LogRow,
} from '../../lib/extension/log/aggregate';
import { logToCsv, logToJson } from '../../lib/extension/log/export';
import { DEFAULT_LOG_SETTINGS, parseLogSettings } from '../../lib/shared/settings/log-settings';
import type { Sender } from '../../lib/protocol/senders';

const DAY = 86_400_000;

describe('nestedTerms: the terms inside each term, as the page matcher would find them', () => {
  const ids = ['a', 'b', 'c', 'd'];
  it.each<[string, string[], [string, number][], Record<string, Record<string, number>>]>([
    [
      'none',
      ['新质生产力', '生产'],
      [
        ['新质生产力', 0],
        ['生产关系', 1],
      ],
      {},
    ],
    [
      'one inside another',
      ['新质生产力', '生产力', 'x', 'y'],
      [
        ['新质生产力', 0],
        ['生产力', 1],
      ],
      { a: { b: 1 } },
    ],
    [
      'leftmost-longest: 生产力 wins over 生产 at the same start (生产 counts through it)',
      ['发展新质生产力', '生产', '生产力', 'y'],
      [
        ['发展新质生产力', 0],
        ['生产', 1],
        ['生产力', 2],
      ],
      { a: { c: 1, b: 1 }, c: { b: 1 } },
    ],
    [
      'transitive and repeated: a ⊃ b ⊃ c, and c twice in a',
      ['新质生产力和生产力', '新质生产力', '生产力', 'y'],
      [
        ['新质生产力和生产力', 0],
        ['新质生产力', 1],
        ['生产力', 2],
      ],
      { a: { b: 1, c: 2 }, b: { c: 1 } },
    ],
    [
      'an alias of the same entry is not an inner term',
      ['高质量发展', 'z', 'y', 'x'],
      [
        ['高质量发展', 0],
        ['质量发展', 0],
      ],
      {},
    ],
  ])('%s', (_name, heads, patterns, expected) => {
    expect(nestedTerms(ids, heads, patterns)).toEqual(expected);
  });

  it('the bundled glossary: 新质生产力 inside a longer term counts', () => {
    const inner = Object.values(nestingJson as Record<string, Record<string, number>>);
    expect(inner.some((m) => 'new-quality-productive-forces' in m)).toBe(true);
  });

  it.each<[string, { termId: string; count: number }[], [string, number][]]>([
    ['no nesting', [{ termId: 'c', count: 3 }], [['c', 3]]],
    [
      'inner counts added per outer occurrence',
      [
        { termId: 'a', count: 2 },
        { termId: 'c', count: 1 },
      ],
      [
        ['a', 2],
        ['b', 2],
        ['c', 1 + 2 * 2],
      ],
    ],
  ])('withInnerTerms: %s', (_name, counts, expected) => {
    const nesting = { a: { b: 1, c: 2 }, b: { c: 1 } };
    expect([...withInnerTerms(counts, nesting)].sort()).toEqual(expected.sort());
  });
});

describe('the log repository', () => {
  let n = 0;
  const dbs: LogDb[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.delete();
  });
  const open = (clock: { now: number }) => {
    const db = new LogDb(`log-test-${n++}`);
    dbs.push(db);
    return new LogRepository(db, () => clock.now);
  };
  const scan = (url: string, counts: [string, number][]) => ({
    url,
    title: 'T',
    site: 'people.cn',
    counts: new Map(counts),
  });

  it('a re-scan replaces the count and moves lastSeen, never adds up', async () => {
    const clock = { now: 1000 };
    const repo = open(clock);
    await repo.record(scan('http://a/', [['x', 3]]), 0);
    clock.now = 5000;
    await repo.record(scan('http://a/', [['x', 4]]), 0);
    expect(await repo.forTerm('x')).toEqual([
      {
        termId: 'x',
        url: 'http://a/',
        title: 'T',
        site: 'people.cn',
        firstSeen: 1000,
        lastSeen: 5000,
        count: 4,
      },
    ]);
  });

  it('retention drops pages last seen before it, on write', async () => {
    const clock = { now: 0 };
    const repo = open(clock);
    await repo.record(scan('http://old/', [['x', 1]]), 30);
    clock.now = 31 * DAY;
    await repo.record(scan('http://new/', [['x', 1]]), 30);
    expect((await repo.forTerm('x')).map((s) => s.url)).toEqual(['http://new/']);
    clock.now = 100 * DAY;
    expect(await repo.prune(0)).toBe(0); // forever
    expect(await repo.prune(30)).toBe(1);
  });

  it('clear empties the log', async () => {
    const repo = open({ now: 1 });
    await repo.record(
      scan('http://a/', [
        ['x', 1],
        ['y', 2],
      ]),
      0,
    );
    expect(await repo.all()).toHaveLength(2);
    await repo.clear();
    expect(await repo.all()).toHaveLength(0);
  });
});

describe('logScan: what the background logs, from the sender', () => {
  const content = (over: Partial<Extract<Sender, { kind: 'content' }>> = {}): Sender => ({
    kind: 'content',
    tabId: 1,
    frameId: 0,
    url: 'http://www.people.com.cn/n1/2024/a.html#p3',
    incognito: false,
    title: 'Tab title',
    ...over,
  });
  const OWN = 'chrome-extension://abc';

  it.each<[string, Sender, { url: string; site: string; title: string } | null]>([
    [
      'hash stripped, registrable domain, tab title',
      content(),
      { url: 'http://www.people.com.cn/n1/2024/a.html', site: 'people.com.cn', title: 'Tab title' },
    ],
    ['a private window', content({ incognito: true }), null],
    ['a page of ours', content({ url: `${OWN}/popup.html` }), null],
    ['not http(s)', content({ url: 'file:///tmp/a.html' }), null],
    [
      'an IP address is its own site',
      content({ url: 'http://127.0.0.1:8080/x', title: undefined }),
      { url: 'http://127.0.0.1:8080/x', site: '127.0.0.1', title: '' },
    ],
    [
      'a frame: its own URL, not the tab’s title (which names the top document)',
      content({ frameId: 3, url: 'http://www.gov.cn/embed/b.html' }),
      { url: 'http://www.gov.cn/embed/b.html', site: 'www.gov.cn', title: '' },
    ],
  ])('%s', (_name, sender, expected) => {
    expect(sender.kind === 'content' ? loggablePage(sender, OWN) : null).toEqual(expected);
  });

  const deps = (paused: boolean) => {
    const recorded: unknown[] = [];
    const d: LogServiceDeps = {
      repo: () => ({ record: async (s: unknown) => void recorded.push(s) }) as never,
      settings: async () => ({ ...DEFAULT_LOG_SETTINGS, paused }),
      nesting: { outer: { inner: 2 } },
      isTerm: (id) => id !== 'junk',
      ownOrigin: OWN,
    };
    return { d, recorded };
  };

  it('records inner terms too; paused records nothing; extension pages record nothing', async () => {
    const terms = [
      { termId: 'outer', count: 1 },
      { termId: 'junk', count: 5 },
    ];
    const on = deps(false);
    expect(await logScan(on.d, { terms }, content())).toBe(true);
    expect(on.recorded).toEqual([
      {
        url: 'http://www.people.com.cn/n1/2024/a.html',
        title: 'Tab title',
        site: 'people.com.cn',
        counts: new Map([
          ['outer', 1],
          ['inner', 2],
        ]),
      },
    ]);
    const paused = deps(true);
    expect(await logScan(paused.d, { terms }, content())).toBe(false);
    expect(await logScan(on.d, { terms }, { kind: 'extension' })).toBe(false);
    expect(paused.recorded).toEqual([]);
  });

  it('an id the reader never made is dropped (asked asynchronously, as the custom glossary is)', async () => {
    const on = deps(false);
    on.d.isTerm = async (id) => Promise.resolve(id !== 'custom-nope');
    const terms = [{ termId: 'custom-nope', count: 9 }];
    expect(await logScan(on.d, { terms }, content())).toBe(false);
    expect(on.recorded).toEqual([]);
  });

  it.each<[unknown, { paused: boolean; retentionDays: number }]>([
    [undefined, { paused: false, retentionDays: 365 }],
    [
      { paused: true, retentionDays: 0 },
      { paused: true, retentionDays: 0 },
    ],
    [{ paused: 'yes' }, { paused: false, retentionDays: 365 }],
  ])('log settings %j', (raw, expected) => {
    expect(parseLogSettings(raw)).toEqual(expected);
  });
});

describe('aggregations', () => {
  // Monday 2026-11-30 12:00 local.
  const mon = new Date(2026, 10, 30, 12).getTime();
  const row = (
    termId: string,
    site: string,
    daysAgo: number,
    count: number,
    url = `${site}/${daysAgo}`,
  ): LogRow => ({
    termId,
    url,
    site,
    firstSeen: mon - daysAgo * DAY,
    lastSeen: mon - daysAgo * DAY,
    count,
  });

  it.each<[string, number, number]>([
    ['Monday noon', mon, new Date(2026, 10, 30).getTime()],
    ['Sunday night', new Date(2026, 10, 29, 23, 59).getTime(), new Date(2026, 10, 23).getTime()],
    ['Wednesday', new Date(2026, 11, 2, 8).getTime(), new Date(2026, 10, 30).getTime()],
  ])('weekStart: %s', (_name, t, expected) => {
    expect(weekStart(t)).toBe(expected);
  });

  it('weeklyBySite: contiguous weeks, sites by total, rows outside the range left out', () => {
    const rows = [
      row('x', 'people.cn', 0, 3),
      row('x', 'news.cn', 1, 5), // Sunday: the week before
      row('x', 'people.cn', 7, 2),
      row('x', 'people.cn', 70, 9), // outside 4 weeks
    ];
    const w = weeklyBySite(rows, mon + 2 * DAY, 4);
    expect(w.weeks).toHaveLength(4);
    expect(w.weeks[3]).toBe(weekStart(mon));
    expect(w.sites).toEqual(['news.cn', 'people.cn']);
    expect(w.counts).toEqual([
      [0, 0, 5, 0],
      [0, 0, 2, 3],
    ]);
    expect(w.pages).toEqual([0, 0, 2, 1]);
  });

  it('weeklyBySite: sites past the limit become one series', () => {
    const rows = ['a.cn', 'b.cn', 'c.cn', 'd.cn'].map((s, i) => row('x', s, 0, 10 - i));
    const w = weeklyBySite(rows, mon, 1, 3);
    expect(w.sites).toEqual(['a.cn', 'b.cn', OTHER_SITES]);
    expect(w.counts).toEqual([[10], [9], [8 + 7]]);
  });

  it.each<[number, number]>([
    [0, 1],
    [1, 1],
    [7, 8],
    [25, 30],
    [87, 100],
    [100, 100],
    [101, 200],
    [631, 800],
  ])('niceMax(%i) = %i', (max, top) => {
    expect(niceMax(max)).toBe(top);
  });

  it('bySite and mostSeen', () => {
    const rows = [
      row('x', 'people.cn', 0, 3),
      row('x', 'people.cn', 1, 2),
      row('y', 'news.cn', 2, 9),
      row('z', 'news.cn', 40, 99), // last seen before the month
    ];
    expect(bySite(rows.filter((r) => r.termId === 'x'))).toEqual([
      { key: 'people.cn', count: 5, pages: 2 },
    ]);
    expect(mostSeen(rows, mon - 10 * DAY)).toEqual([
      { key: 'y', count: 9, pages: 1 },
      { key: 'x', count: 5, pages: 2 },
    ]);
  });
});

describe('export', () => {
  const rows: Sighting[] = [
    {
      termId: 'x',
      url: 'http://a.cn/',
      title: '=HYPERLINK("http://evil")',
      site: 'a.cn',
      firstSeen: 0,
      lastSeen: DAY,
      count: 2,
    },
    {
      termId: 'y',
      url: 'http://b.cn/',
      title: '标题, "引号"',
      site: 'b.cn',
      firstSeen: 0,
      lastSeen: 0,
      count: 1,
    },
  ];
  it('CSV: a header, quoting, formulas defused', () => {
    const parsed = Papa.parse<string[]>(logToCsv(rows)).data;
    expect(parsed[0]).toEqual(['termId', 'url', 'title', 'site', 'firstSeen', 'lastSeen', 'count']);
    expect(parsed[1]![2]).toBe(`'=HYPERLINK("http://evil")`);
    expect(parsed[2]![2]).toBe('标题, "引号"');
    expect(parsed[1]![5]).toBe('1970-01-02T00:00:00.000Z');
  });
  it('JSON: versioned', () => {
    const j = JSON.parse(logToJson(rows, 0)) as {
      format: string;
      version: number;
      sightings: unknown[];
    };
    expect(j.format).toBe('policy-lens-reading-log');
    expect(j.version).toBe(1);
    expect(j.sightings).toHaveLength(2);
  });
});
