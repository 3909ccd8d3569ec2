/**
 * `npm run bench:upgrade` (issue 11, bad input: a database left by an older version with 100,000 rows). Versions 1
 * to 4 of the outbox are written into Debian Chromium's real IndexedDB as those versions wrote them, then opened
 * by today's outbox, whatever its newest schema version (test/e2e/support/old-database-page.ts, the page the e2e
 * test test/e2e/old-database.chromium.test.ts checks at 1,000 rows):
 *   open_ms    — opening the old database: Dexie's upgrade to the newest schema version, in one IndexedDB
 *                transaction (the extension keeps its worker alive meanwhile: extension/background/keep-alive.ts);
 *   fill_ms    — preparing the record after opening (shared/outbox/fill.ts: record table and tally, in batches);
 *   enqueue_ms / first_page_during_fill_ms — a capture and My learning's first page as the fill starts;
 *   enqueue_during_fill — captures 100 ms apart while the fill runs (p50, p95, max);
 *   first_page_ms — My learning's first page once the record is prepared;
 *   ensure_ms  — the first sync pass's ensureDestinations (for v1: its ready backlog queued, in pages);
 *   claim_ms   — the first claim after.
 * Every level is also checked row by row as the e2e test checks it (`intact`), the record table and tally against a
 * count from scratch; a wrong row fails the run. Writes bench/results/upgrade.json, each version with when and at
 * what load it was measured (the load after the run too). BENCH_UPGRADE_ROWS=10000,100000 and
 * BENCH_UPGRADE_VERSIONS=1,2,3,4 by default (a 100,000-row v1 takes minutes: run versions apart if needed). `TRAILNOTE_BROWSER_LOCK=/tmp/tn-browser.lock npm run bench:upgrade` holds the
 * helpers' browser lock only while Chromium starts.
 */
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { launchChromium } from '../test/e2e/support/chromium';
import { withBrowserLock } from '../test/e2e/support/browser-lock';
import { call, oldDatabaseScript } from '../test/e2e/support/old-database';
import type { OldVersion, UpgradeReport } from '../test/e2e/support/old-database-page';
import { freePort } from '../test/support/lrs';

const LEVELS = (process.env.BENCH_UPGRADE_ROWS ?? '10000,100000').split(',').map(Number);
const VERSIONS = (process.env.BENCH_UPGRADE_VERSIONS ?? '1,2,3,4').split(',').map(Number) as OldVersion[];
const started = performance.now();
const r0 = (n: number) => Math.round(n);
/** The q-quantile of the values (nearest rank), in ms to a tenth. */
function quantile(values: readonly number[], q: number): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  const v = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return v === undefined ? undefined : Math.round(v * 10) / 10;
}

/** Everything the e2e test asserts, as a list of what is wrong (empty: intact). */
function problems(r: UpgradeReport, rows: number): string[] {
  const out: string[] = [];
  const same = (what: string, a: unknown, b: unknown) =>
    JSON.stringify(a) !== JSON.stringify(b) &&
    out.push(`${what}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
  same('version', r.opened, r.newest);
  same('left at open', r.leftAtOpen, rows);
  same('record rows at open', r.recordAtOpen, 0);
  same('record after the fill', r.recordWrong, []);
  same("My learning's first page", r.firstPage.ids, r.firstPage.expected);
  same('still preparing', r.firstPage.preparing, undefined);
  same('items', r.items, rows);
  same('states', r.byState, r.expected.byState);
  same('wrong rows', r.wrong, []);
  same('deliveries', r.deliveries, { pending: r.expected.pending, sent: r.expected.sent, quarantined: 0 });
  same('undelivered', r.undelivered, 0);
  same('duplicated', r.duplicated, 0);
  same('enqueued seq', r.enqueuedSeq, rows + 1);
  same('claimed', r.claimedSeqs.length, 5);
  return out;
}

const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>upgrade</title></head></html>');
});
const port = await freePort();
await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
mkdirSync(resolve(import.meta.dirname, 'results'), { recursive: true });
const script = await oldDatabaseScript();
const browser = await withBrowserLock(() => launchChromium('', 'none'));
const out = resolve(import.meta.dirname, 'results/upgrade.json');
// Each version's figures are kept with when and where they were measured, so runs of some versions
// (BENCH_UPGRADE_VERSIONS=3: a 100,000-row v1 upgrade alone takes minutes) update the file without losing the rest.
const results = (existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : {}) as Record<string, unknown>;
let failed = false;
try {
  const page = await browser.context.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.addScriptTag({ content: script });
  for (const version of VERSIONS) {
    // Each level keeps when and at what load it was measured: a run of one level (BENCH_UPGRADE_ROWS=100000)
    // replaces that level only.
    const run: Record<string, unknown> = {
      ...((results[`v${version}`] as Record<string, unknown> | undefined) ?? {}),
      chromium: browser.browser.version(),
    };
    delete run.measuredAt; // figures from before each level had its own time
    delete run.load;
    for (const rows of LEVELS) {
      const measuredAt = new Date().toISOString();
      const loadBefore = loadavg().map((l) => Math.round(l * 10) / 10);
      const name = `upgrade-v${version}-${rows}-${Date.now()}`;
      const writeMs = await call(page, 'write', name, rows, version);
      const r = await call(page, 'upgrade', name, rows, version);
      await call(page, 'remove', name);
      const wrong = problems(r, rows);
      if (wrong.length) {
        failed = true;
        console.error(`v${version} at ${rows}: ${wrong.join('; ')}`);
      }
      if (run.to_version !== r.newest) {
        // Figures measured against another newest schema version say nothing about this one: dropped.
        for (const key of Object.keys(run)) if (/^\d+$/.test(key)) delete run[key];
      }
      run.to_version = r.newest;
      run[rows] = {
        measured_at: measuredAt,
        load_before: loadBefore,
        write_ms: r0(writeMs),
        open_ms: r0(r.openMs),
        fill_ms: r0(r.fillMs),
        enqueue_ms: Math.round(r.enqueueMs * 10) / 10,
        // Captures one after another, 100 ms apart, while the fill runs.
        enqueue_during_fill: {
          n: r.enqueueDuringFillMs.length,
          p50_ms: quantile(r.enqueueDuringFillMs, 0.5),
          p95_ms: quantile(r.enqueueDuringFillMs, 0.95),
          max_ms: quantile(r.enqueueDuringFillMs, 1),
        },
        first_page_during_fill_ms: r0(r.duringFill.ms),
        first_page_during_fill: { items: r.duringFill.items, left: r.duringFill.preparing ?? 0 },
        first_page_ms: r0(r.firstPage.ms),
        ensure_ms: r0(r.ensureMs),
        claim_ms: Math.round(r.claimMs * 10) / 10,
        pending: r.deliveries.pending,
        sent: r.deliveries.sent,
        intact: wrong.length === 0,
        load_after: loadavg().map((l) => Math.round(l * 10) / 10),
      };
      console.log(`v${version} → v${r.newest}, ${rows} rows:`, run[rows]);
      results[`v${version}`] = run;
      writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`); // after each level: a long run keeps what it measured
    }
  }
} finally {
  await browser.close(true);
  server.close();
}
console.log(`wrote ${out} in ${Math.round((performance.now() - started) / 1000)} s`);
if (failed) process.exitCode = 1;
