/**
 * Quick-log save latency (issue 5, part 9): from the learner's click on Save in the quick-log page to the
 * moment the page holds the answer that the outbox stored the item — measured inside real Chromium
 * (performance.now() in the page), over N saves in a row. The pages are the built renderer with the
 * e2e harness's fake preload API (desktop/testing/chromium-harness.ts): the hops a real Electron app makes over
 * IPC are made here over Playwright bindings and CDP, which are slower, so these figures are an upper bound.
 * A sync to a real LRS (fresh, in memory) runs after each save, as in the app.
 *
 * `tsx bench/desktop-quicklog.bench.ts` prints the result; `npm run bench:desktop` records it.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRenderer, startDesktopHarness } from '../desktop/testing/chromium-harness';
import { startLrs } from '../test/support/lrs';

const HERE = fileURLToPath(import.meta.url);

export interface QuickLogBench {
  measuredAt: string;
  saves: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
  /** Items found in the outbox afterwards (must equal `saves`). */
  stored: number;
  note: string;
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export async function benchQuickLog(
  saves = Number(process.env.BENCH_QUICKLOG_SAVES ?? 40),
): Promise<QuickLogBench> {
  await buildRenderer();
  const lrs = await startLrs({ auth: 'open', quiet: true });
  const harness = await startDesktopHarness({
    destinations: [
      { id: 'bench', endpoint: lrs.endpoint, username: 'a', password: 'b', xapiVersion: '1.0.3' },
    ],
    learner: { email: 'bench@trailnote.test' },
  });
  try {
    const page = await harness.open('quick-log', { keepOpen: true });
    await page.getByLabel('Title').waitFor();
    // Time each save from the click (capture phase, before the form sees it) to the acknowledged answer.
    // Given as text: a function would be serialised after tsx/esbuild added helpers to it.
    await page.evaluate(`(() => {
      window.__bench = { clickedAt: 0, times: [], failures: 0 };
      document.addEventListener('click', (event) => {
        if (event.target.closest('button[type=submit]')) window.__bench.clickedAt = performance.now();
      }, true);
      const save = window.trailnote.saveQuickLog;
      window.trailnote.saveQuickLog = async (input) => {
        const result = await save(input);
        if (result.ok) window.__bench.times.push(performance.now() - window.__bench.clickedAt);
        else window.__bench.failures += 1;
        return result;
      };
    })()`);
    await page.getByLabel('What was it?').selectOption('article');
    await page.getByLabel('Link or ISBN').fill('https://example.org/bench');
    const done = () =>
      page.evaluate(() => (window as unknown as { __bench: { times: number[]; failures: number } }).__bench);
    for (let i = 0; i < saves + 3; i += 1) {
      await page.getByLabel('Title').fill(`Bench item ${i}`);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForFunction(
        (n) =>
          (window as unknown as { __bench: { times: number[]; failures: number } }).__bench.times.length > n,
        i,
      );
    }
    const { times, failures } = await done();
    if (failures > 0) throw new Error(`${failures} saves failed`);
    const measured = times.slice(3).sort((a, b) => a - b); // the first saves warm up the page and the outbox
    const stored = (await harness.outboxItems()).length;
    const round = (n: number) => Math.round(n * 10) / 10;
    return {
      measuredAt: new Date().toISOString(),
      saves: measured.length,
      medianMs: round(percentile(measured, 50)),
      p95Ms: round(percentile(measured, 95)),
      minMs: round(measured[0]!),
      maxMs: round(measured.at(-1)!),
      stored: stored - 3,
      note: 'click → outbox acknowledged, in Chromium; IPC replaced by Playwright bindings (an upper bound)',
    };
  } finally {
    await harness.close();
    await lrs.stop();
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === HERE) {
  console.log(JSON.stringify(await benchQuickLog(), null, 2));
}
