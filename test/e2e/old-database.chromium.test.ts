import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OPENING_GRACE_MS, OUTBOX_OPENING_MESSAGE } from '../../shared/outbox';
import { launchChromium, type RunningBrowser } from './support/chromium';
import { call, oldDatabaseScript } from './support/old-database';
import type { UpgradeReport } from './support/old-database-page';

// A database left by an older version (issue 11, bad input): versions 1 to 4 of the outbox written into
// Chromium's real IndexedDB as those versions wrote them, then opened by today's outbox, whatever its newest
// schema version is, and its record prepared after opening (shared/outbox/fill.ts). Lean: 1,000 rows each. The
// figures at 10,000 and 100,000 rows come from `npm run bench:upgrade` (bench/upgrade.bench.ts), which checks
// every row the same way.
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

/**
 * Every row upgraded and still due to go, none lost or twice, the outbox usable at once, and once the record is
 * prepared its table and tally exactly a count from scratch, My learning's first page the newest items.
 */
function expectIntact(r: UpgradeReport): void {
  expect(r.opened).toBe(r.newest);
  // The upgrade built nothing over the rows: all of them were left to the fill.
  expect(r.leftAtOpen).toBe(ROWS);
  expect(r.recordAtOpen).toBe(0);
  expect(r.recordWrong).toEqual([]);
  expect(r.firstPage.ids).toEqual(r.firstPage.expected);
  expect(r.firstPage.preparing).toBeUndefined();
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
    // v4 as released: the record's keys on the items, with their indexes, and the running totals.
    [4, 'record keys on the items', 6],
  ] as const)(
    'version %i (%s): every row upgraded, still due to go, none lost or twice',
    async (version, _, first) => {
      const name = `old-v${version}-${Date.now()}`;
      await call(page, 'write', name, ROWS, version);
      const r = await call(page, 'upgrade', name, ROWS, version);
      console.log(
        `v${version} → v${r.newest}, ${ROWS} rows: open ${Math.round(r.openMs)} ms, record prepared in ` +
          `${Math.round(r.fillMs)} ms (captures meanwhile ${[r.enqueueMs, ...r.enqueueDuringFillMs].map(Math.round).join(', ')} ms, My learning's first ` +
          `page ${Math.round(r.duringFill.ms)} ms: ${r.duringFill.items} items, ${r.duringFill.preparing ?? 0} ` +
          `left), first pass ${Math.round(r.ensureMs)} ms`,
      );
      expectIntact(r);
      // From v3 on, opening adds only empty tables: quick next to preparing the rows (versions 1 and 2 still
      // rewrite rows or build an index over them as they open).
      if (version >= 3) expect(r.openMs).toBeLessThan(r.fillMs);
      expect(r.claimedSeqs[0]).toBe(first);
      if (version > 1) expect(r.expected.sent).toBeGreaterThan(0);
      await call(page, 'remove', name);
    },
  );

  it('says the record is being updated while its upgrade waits, then reads it (shared/outbox/opening.ts)', async () => {
    const name = `old-held-${Date.now()}`;
    const r = await call(page, 'whileOpening', name, 100);
    expect(r.during).toEqual({ items: 0, opening: OUTBOX_OPENING_MESSAGE });
    expect(r.answerMs).toBeGreaterThanOrEqual(OPENING_GRACE_MS - 50);
    expect(r.answerMs).toBeLessThan(OPENING_GRACE_MS + 2000);
    expect(r.after.opening).toBeUndefined();
    expect(r.after.items).toBeGreaterThan(0);
    await call(page, 'remove', name);
  });
});
