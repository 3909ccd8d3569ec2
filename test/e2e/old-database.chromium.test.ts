import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, type RunningBrowser } from './support/chromium';
import { call, oldDatabaseScript } from './support/old-database';
import type { UpgradeReport } from './support/old-database-page';

// A database left by an older version (issue 11, bad input): versions 1, 2 and 3 of the outbox written into
// Chromium's real IndexedDB as those versions wrote them, then opened by today's outbox, whatever its newest
// schema version is. Lean: 1,000 rows each (18 s of tests at load ~10 on these 2 cores: an upgrade to v4 costs
// 1.5 to 4 ms a row). The figures at 10,000 and 100,000 rows come from `npm run bench:upgrade`
// (bench/upgrade.bench.ts), which checks every row the same way.
const ROWS = Number(process.env.TRAILNOTE_OLD_DB_ROWS ?? 1_000);
const env = inject('e2e');
let browser: RunningBrowser;
let page: Page;

beforeAll(async () => {
  const script = await oldDatabaseScript();
  browser = await launchChromium('', 'none'); // the outbox alone, in a page of its own origin
  page = await browser.context.newPage();
  await page.goto(`http://127.0.0.1:${env.port}/article.html`);
  await page.addScriptTag({ content: script });
});
afterAll(async () => {
  await browser?.close(true);
});

/** Every row upgraded and still due to go, none lost or twice, and the outbox usable after. */
function expectIntact(r: UpgradeReport): void {
  expect(r.opened).toBe(r.newest);
  expect(r.items).toBe(ROWS);
  expect(r.byState).toEqual(r.expected.byState);
  expect(r.wrong).toEqual([]);
  expect(r.deliveries).toEqual({ pending: r.expected.pending, sent: r.expected.sent, quarantined: 0 });
  expect(r.undelivered).toBe(0);
  expect(r.duplicated).toBe(0);
  expect(r.enqueuedSeq).toBe(ROWS + 1);
  expect(r.claimedSeqs).toHaveLength(5);
  expect(r.claimedSeqs).toEqual([...r.claimedSeqs].sort((a, b) => a - b));
}

describe(`a database left by an older version, ${ROWS.toLocaleString('en')} rows, in Chromium's IndexedDB`, () => {
  it.each([
    // v1 had no deliveries: its ready rows go, once, to the first destinations configured (db.ts v1Backlog);
    // rows 0-3 are held, held, review, discarded, so the first claimed is seq 5.
    [1, 'statements as objects, one queue', 5],
    // v2 and v3: a quarter of the ready rows were sent (seq 5 among them) and stay sent.
    [2, 'deliveries per destination', 6],
    [3, 'ready items by seq', 6],
  ] as const)(
    'version %i (%s): every row upgraded, still due to go, none lost or twice',
    async (version, _, first) => {
      const name = `old-v${version}-${Date.now()}`;
      await call(page, 'write', name, ROWS, version);
      const r = await call(page, 'upgrade', name, ROWS, version);
      console.log(
        `v${version} → v${r.newest}, ${ROWS} rows: open ${Math.round(r.openMs)} ms, first pass ${Math.round(r.ensureMs)} ms`,
      );
      expectIntact(r);
      expect(r.claimedSeqs[0]).toBe(first);
      if (version > 1) expect(r.expected.sent).toBeGreaterThan(0);
      await call(page, 'remove', name);
    },
  );
});
