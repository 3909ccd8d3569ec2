/**
 * `npm run bench:scale` (issue 11): the record at scale. The shared outbox, sync pass and My learning run in
 * Debian's Chromium with its real IndexedDB (bench/scale/page.tsx, bundled with esbuild), at backlogs of 1,000,
 * 10,000 and 100,000 queued items behind an LRS that is down:
 *   enqueue p50/p95 — one capture at a time, 200 of them at each backlog;
 *   pass_ms         — one sync pass that is due (it claims a batch and tries the LRS, which refuses the
 *                     connection), median of 5; pass_waiting_ms: a pass while the destination waits out its backoff;
 *                     pass_reference_ms: in turn with each due pass, one on a second outbox left at the smallest
 *                     backlog (1,200 queued), the target's ratio taken against it (the same minute of the machine);
 *   first_render_ms — My learning from the request to its first screen drawn;
 *   peak_js_heap_mb — the page's JS heap (CDP Performance metrics, sampled every 250 ms) during each level.
 * Then the whole backlog (100,000 and the samples) drains into a fresh LRS (Learning Locker's statement service,
 * in memory) in one pass, in the same Chromium reopened on that profile with no debugger attached (as after a
 * browser restart, and without DevTools watching each request); then a copy of it (the same items, queued in a
 * second outbox) the same way. Next to them, the LRS's own bulk rate measured in the same run: this script
 * posting the very statements the drains send (read from the outbox and checked byte for byte against each
 * drain's bodies) in batches of the size the LRS takes fastest, each time into another fresh LRS of the same
 * configuration (LRS_SERVICE): before, between and after the drains. The target compares the drains' mean with
 * the bulk runs' median.
 * Both phases record where the time went: wall time, time on the wire against time between requests, the
 * outbox calls, CPU seconds of the LRS, of each kind of Chromium process and of this script, the load average,
 * and the requests the LRS logged by method. Writes bench/results/scale.json.
 * Targets: pass at 100,000 within 2× of 1,000; enqueue p95 at 100,000 under 20 ms; first render at 100,000
 * under 1,000 ms; drain ≥ 90 % of bulk. Run it alone. Only launching Chromium needs the helpers' browser lock
 * (Chromium reads the managed policy then): `TRAILNOTE_BROWSER_LOCK=/tmp/tn-browser.lock npm run bench:scale` holds
 * it just for that.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { withBrowserLock } from '../test/e2e/support/browser-lock';
import { launchChromium, launchUnwatched } from '../test/e2e/support/chromium';
import { freePort, startLrs, type LearningLockerLrs } from '../test/support/lrs';
import type { ScalePage, UnwatchedDrain } from './scale/page';

// BENCH_SCALE_LEVELS=100,1000,5000 for a quick try; the recorded run uses the three backlogs.
const LEVELS = (process.env.BENCH_SCALE_LEVELS ?? '1000,10000,100000').split(',').map(Number);
const LATENCY_SAMPLES = 200;
const started = performance.now();

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const median = (xs: number[]) => quantile(xs, 0.5);
const r1 = (n: number) => Math.round(n * 10) / 10;

async function bundle(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'trailnote-scale-'));
  await build({
    entryPoints: [resolve(import.meta.dirname, 'scale/page.tsx')],
    bundle: true,
    format: 'esm',
    outdir: dir,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    target: 'chrome120',
    minify: true,
    logLevel: 'warning',
  });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>scale</title>' +
      '<link rel="stylesheet" href="page.css"></head><body><div id="root"></div>' +
      '<script type="module" src="page.js"></script></body></html>',
  );
  return dir;
}

/** The unwatched drain's two calls home (bench/scale/page.tsx `unwatchedDrain`), while one runs. */
let phase: { start: () => void; end: (body: string) => void } | undefined;

async function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const types: Record<string, string> = { html: 'text/html', js: 'text/javascript', css: 'text/css' };
  const server = createServer((req, res) => {
    if (req.url === '/phase/start') {
      phase?.start();
      res.end();
      return;
    }
    if (req.url === '/phase/end') {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        res.end();
        phase?.end(body);
      });
      return;
    }
    const name = (req.url ?? '/').split('?')[0] === '/' ? 'index.html' : req.url!.slice(1);
    try {
      const body = readFileSync(join(dir, name.replace(/[^\w.-]/g, '')));
      res.writeHead(200, { 'content-type': types[name.split('.').pop()!] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

/** Calls a method of the page's `window.scale`. */
function call<K extends keyof ScalePage>(
  page: Page,
  name: K,
  ...args: Parameters<ScalePage[K]>
): Promise<Awaited<ReturnType<ScalePage[K]>>> {
  return page.evaluate(
    ([n, a]) =>
      (window as unknown as { scale: Record<string, (...x: unknown[]) => unknown> }).scale[n]!(...a),
    [name, args] as const,
  ) as Promise<Awaited<ReturnType<ScalePage[K]>>>;
}

/**
 * Learning Locker's statement service without the work its memory store does by scanning every statement stored,
 * which a database LRS does from an index:
 * - the activity-definition upkeep: full activities kept in an array filtered and copied for every activity of
 *   every statement (repo/modelsRepo/updateFullActivities/memory.js). Each statement here names a new activity, so
 *   with it a 100,000 drain slowed to ~70/s (41 min);
 * - the conflict and voiding checks: each request filters the whole array against its ids
 *   (repo/modelsRepo/getHashes/memory.js, getVoidersByObjectIds/memory.js), O(stored × batch). At 100,000 that was
 *   half the LRS's time, and memory-bound: a fresh LRS's bulk rate moved 1,369-2,190/s between runs of the same
 *   work, 0.49-0.74 ms of CPU per statement, and whatever else used the machine's memory slowed it. Without them
 *   it took 3,160-3,595/s at 0.27-0.34 ms. The drain's statements are all new; conflicts and voiding are tested
 *   against the LRS with its checks on in test/integration.
 * The reference is then the faster, steadier LRS: a harder bar for the drain, and one that measures the outbox
 * rather than the memory store. Both the drain's LRS and the bulk reference's run with this same configuration.
 * BENCH_SCALE_LRS_DEFAULTS=1 runs them with the service's defaults instead.
 */
const LRS_SERVICE: Record<string, string> =
  process.env.BENCH_SCALE_LRS_DEFAULTS === '1'
    ? {}
    : { SERVICE_UPDATE_ACTIVITIES: 'false', SERVICE_CHECK_CONFLICTS: 'false', SERVICE_CHECK_VOIDS: 'false' };

async function withFreshLrs<T>(fn: (lrs: LearningLockerLrs) => Promise<T>): Promise<T> {
  const lrs = await startLrs({ auth: 'open', quiet: true, service: LRS_SERVICE });
  try {
    return await fn(lrs);
  } finally {
    await lrs.stop();
  }
}

/** A process's CPU time so far (utime + stime), in seconds; USER_HZ is 100 on Linux. */
function cpuSeconds(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Chromium runs in a process group of its own (test/e2e/support/chromium.ts): `read` of each of its processes,
 * combined by kind (browser, renderer, and each utility service: network, storage...) with `add`. `read` gets the
 * pid and the process's /proc stat line.
 */
function byProcessKind(
  pgrp: number,
  read: (pid: string, stat: string) => number,
  add: (a: number, b: number) => number,
): Record<string, number> {
  const byKind: Record<string, number> = {};
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(') ') + 2).split(' ')[2]) !== pgrp) continue;
      // Chromium's child processes rewrite their title: their arguments come separated by spaces, not NULs.
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
      const flag = (f: string) => args.find((a) => a.startsWith(`--${f}=`))?.split('=')[1];
      const kind = flag('utility-sub-type')?.split('.')[0] ?? flag('type') ?? 'browser';
      const value = read(pid, stat);
      byKind[kind] = kind in byKind ? add(byKind[kind]!, value) : value;
    } catch {
      // the process ended meanwhile
    }
  }
  return byKind;
}

/** The CPU seconds of Chromium's processes (group `pgrp`) by kind. */
const chromiumCpuSeconds = (pgrp: number) =>
  byProcessKind(
    pgrp,
    (_, stat) => cpuSeconds(stat),
    (a, b) => a + b,
  );

/** The peak resident memory (VmHWM) of Chromium's processes (group `pgrp`) by kind, in MB: the largest of each. */
const peakRssMb = (pgrp: number) =>
  byProcessKind(
    pgrp,
    (pid) =>
      Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024),
    Math.max,
  );

/** The pid of Chromium's browser process (the leader of its group), found by its profile directory. */
function chromiumPid(profileDir: string): number {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (args.includes(`--user-data-dir=${profileDir}`) && !args.some((a) => a.startsWith('--type=')))
        return Number(name);
    } catch {
      // the process ended meanwhile
    }
  }
  throw new Error(`no Chromium with the profile ${profileDir}`);
}

let chromiumGroup = 0;

type Metered = ReturnType<ReturnType<typeof startMeter>>;

/**
 * Measures from now until the returned function is called: wall time, the CPU seconds of the LRS, of Chromium
 * (all the processes of the group `chromium`) and of this script, the 1-minute load average before and after,
 * and the requests the LRS logged by method (an OPTIONS line would be a CORS preflight).
 */
function startMeter(lrs: LearningLockerLrs, chromium: number) {
  const load = [r1(loadavg()[0]!)];
  const lrs0 = cpuSeconds(readFileSync(`/proc/${lrs.pid}/stat`, 'utf8'));
  const chromium0 = chromiumCpuSeconds(chromium);
  const node0 = process.cpuUsage();
  const t0 = performance.now();
  return () => {
    const seconds = (performance.now() - t0) / 1000;
    const node = process.cpuUsage(node0);
    const byKind = Object.entries(chromiumCpuSeconds(chromium)).map(
      ([kind, s]) => [kind, s - (chromium0[kind] ?? 0)] as const,
    );
    const cpu = {
      lrs: r1(cpuSeconds(readFileSync(`/proc/${lrs.pid}/stat`, 'utf8')) - lrs0),
      chromium: r1(byKind.reduce((sum, [, s]) => sum + s, 0)),
      chromium_by_process: Object.fromEntries(byKind.map(([kind, s]) => [kind, r1(s)])),
      bench_script: r1((node.user + node.system) / 1e6),
    };
    load.push(r1(loadavg()[0]!));
    const requests: Record<string, number> = {};
    for (const file of readdirSync(lrs.logDir).filter((f) => f.startsWith('access-'))) {
      for (const line of readFileSync(join(lrs.logDir, file), 'utf8').split('\n')) {
        const method = line.split(' ')[0];
        if (method) requests[method] = (requests[method] ?? 0) + 1;
      }
    }
    return { seconds, cpu, requests, load };
  };
}

/** Runs `fn` against a fresh LRS, measured (startMeter) from its call to its end. */
function measured<T>(fn: (lrs: LearningLockerLrs) => Promise<T>): Promise<Metered & { result: T }> {
  return withFreshLrs(async (lrs) => {
    const stop = startMeter(lrs, chromiumGroup);
    const result = await fn(lrs);
    return { result, ...stop() };
  });
}

/**
 * The drain, in a Chromium no debugger is attached to (launchUnwatched), on the profile the levels wrote: the
 * outbox `db` drains into a fresh LRS, measured from the page's /phase/start (the outbox open) to its
 * /phase/end. A learner's browser has no DevTools watching its requests (launchUnwatched says what one cost).
 * A browser reopened, as after a restart: the outbox is read from its files, not from what the levels just wrote.
 * `learner`: the outbox whose learner stamped the statements (the page's open()), `db` itself or a copy's original.
 */
async function unwatchedDrain(siteUrl: string, profileDir: string, db: string, learner: string) {
  return withFreshLrs(async (lrs) => {
    const query = new URLSearchParams({ drain: lrs.endpoint, db, learner });
    const url = `${siteUrl}?${query}`;
    let chromium: ReturnType<typeof launchUnwatched> | undefined;
    let stop: (() => Metered) | undefined;
    let timer: NodeJS.Timeout | undefined;
    let started!: () => void;
    const opened = new Promise<void>((resolve) => (started = resolve));
    const ended = new Promise<string>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error('the unwatched drain did not report within 10 minutes')),
        600_000,
      );
      phase = {
        start: () => {
          stop = startMeter(lrs, chromium!.pid);
          started();
        },
        end: resolve,
      };
    });
    try {
      // Chromium reads the managed policy as it starts: the helpers' lock until the page has opened the outbox.
      await withBrowserLock(async () => {
        chromium = launchUnwatched(url, profileDir, ['--disable-web-security']);
        await Promise.race([opened, ended]);
      });
      const body = await ended;
      const metered = stop!();
      const report = JSON.parse(body) as UnwatchedDrain;
      if ('error' in report) throw new Error(`the drain failed in Chromium: ${report.error}`);
      return { ...report, ...metered, peakRssMb: peakRssMb(chromium!.pid) };
    } finally {
      clearTimeout(timer);
      phase = undefined;
      await chromium?.close();
    }
  });
}

const headers = {
  'X-Experience-API-Version': '1.0.3',
  'Content-Type': 'application/json',
  Authorization: 'Basic YTpi',
};

async function bulkRate(endpoint: string, jsons: string[], size: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < jsons.length; i += size) {
    const res = await fetch(`${endpoint}statements`, {
      method: 'POST',
      headers,
      body: `[${jsons.slice(i, i + size).join(',')}]`,
    });
    if (res.status !== 200) throw new Error(`LRS answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  }
  return jsons.length / ((performance.now() - t0) / 1000);
}

const PROBE_SIZES = [100, 250, 500, 1000];
const PROBE_STATEMENTS = 3000;

/**
 * The batch size the LRS takes fastest for a whole drain: into one fresh LRS holding half the queue already,
 * PROBE_STATEMENTS more at each size (fewer for a short queue), the sizes once up and once down (the store grows
 * meanwhile), each size's mean rate. Its memory store copies its whole array on every request: a size probed on
 * an empty store won there (100) and then took 0.40 ms of the LRS's CPU per statement over 100,000, against
 * 0.25-0.27 for the drains at 500.
 */
async function probeBatchSize(queue: string[]) {
  return withFreshLrs(async (lrs) => {
    let next = Math.floor(queue.length / 2);
    await bulkRate(lrs.endpoint, queue.slice(0, next), 500);
    const rates = new Map<number, number[]>();
    const order = [...PROBE_SIZES, ...[...PROBE_SIZES].reverse()];
    const each = Math.min(PROBE_STATEMENTS, Math.floor((queue.length - next) / order.length));
    for (const size of order) {
      const rate = await bulkRate(lrs.endpoint, queue.slice(next, (next += each)), size);
      rates.set(size, [...(rates.get(size) ?? []), rate]);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const probed = Object.fromEntries(PROBE_SIZES.map((size) => [size, Math.round(mean(rates.get(size)!))]));
    const size = PROBE_SIZES.reduce((a, b) => (probed[b]! > probed[a]! ? b : a));
    return { best: { size, rate: probed[size]! }, probed };
  });
}

/** BENCH_SCALE_OUT names another file (a partial run); BENCH_SCALE_DRAIN=0 measures the backlogs only. */
function writeResults(): void {
  results.total_s = Math.round((performance.now() - started) / 1000);
  results.load_average_1m = { start: loadAtStart, end: r1(loadavg()[0]!) };
  const out = resolve(import.meta.dirname, process.env.BENCH_SCALE_OUT ?? 'results/scale.json');
  mkdirSync(resolve(out, '..'), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
}

const loadAtStart = r1(loadavg()[0]!);
const dir = await bundle();
const site = await serve(dir);
// The page stands in for the extension's background, which reaches the LRS with host permissions: no CORS
// preflight before each POST, as a page from another origin would have (--disable-web-security, this profile only).
const browser = await withBrowserLock(() =>
  launchChromium('', 'none', undefined, { args: ['--disable-web-security'] }),
);
const results: Record<string, unknown> = {
  measuredAt: new Date().toISOString(),
  node: process.version,
  machine: { cpus: cpus().length },
  lrs_service: LRS_SERVICE,
};
try {
  const page = await browser.context.newPage();
  await page.goto(site.url);
  await page.waitForFunction(() => 'scale' in window);
  results.chromium = browser.browser.version();
  chromiumGroup = chromiumPid(browser.profileDir);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  let peak = 0;
  const heap = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    peak = Math.max(peak, used);
  };
  const sampler = setInterval(() => void heap().catch(() => undefined), 250);

  const down = `http://127.0.0.1:${await freePort()}/xAPI/`; // nothing listens: connection refused
  const db = `scale-${Date.now()}`;
  await call(page, 'open', db);
  // A second outbox that stays at the smallest backlog: at each level its pass is timed in turn with the level's,
  // so the target compares two passes of the same minute on a shared machine, not of minutes apart.
  await call(page, 'openReference', `${db}-reference`, LEVELS[0]! + LATENCY_SAMPLES);
  await call(page, 'pass', down, true, true);
  let pageOpen = true;
  const closePage = async () => {
    clearInterval(sampler);
    if (pageOpen) await call(page, 'close');
    pageOpen = false;
  };
  const levels: Record<string, Record<string, number>> = {};
  let queued = 0;
  for (const level of LEVELS) {
    peak = 0;
    const t0 = performance.now();
    queued = await call(page, 'fill', level - queued);
    const fillMs = performance.now() - t0;
    const latencies = await call(page, 'enqueueLatency', LATENCY_SAMPLES);
    await call(page, 'pass', down, true); // the LRS is down: the destination starts backing off
    const waiting: number[] = [];
    const due: number[] = [];
    const dueReference: number[] = [];
    for (let i = 0; i < 5; i++) waiting.push(await call(page, 'pass', down, false));
    for (let i = 0; i < 5; i++) {
      due.push(await call(page, 'pass', down, true));
      dueReference.push(await call(page, 'pass', down, true, true));
    }
    const render = await call(page, 'firstRender');
    await heap();
    queued += LATENCY_SAMPLES;
    levels[level] = {
      queued,
      fill_ms: Math.round(fillMs),
      enqueue_p50_ms: r1(median(latencies)),
      enqueue_p95_ms: r1(quantile(latencies, 0.95)),
      pass_ms: r1(median(due)),
      pass_reference_ms: r1(median(dueReference)),
      pass_waiting_ms: r1(median(waiting)),
      first_render_ms: Math.round(render.ms),
      chart_ms: Math.round(render.chartMs),
      next_page_ms: Math.round(render.nextPageMs),
      filter_skill_ms: Math.round(render.filterSkillMs),
      filter_kind_ms: Math.round(render.filterKindMs),
      filter_status_ms: Math.round(render.filterStatusMs),
      peak_js_heap_mb: r1(peak / 2 ** 20),
    };
    console.log(`backlog ${level}:`, levels[level]);
  }

  const pick = (key: string) => Object.fromEntries(LEVELS.map((l) => [String(l), levels[l]![key]]));
  const [low, high] = [levels[LEVELS[0]!]!, levels[LEVELS.at(-1)!]!];
  const passRatio = high.pass_ms! / high.pass_reference_ms!;
  const targets: Record<string, unknown> = {
    pass_100k_within_2x_of_1k: {
      ratio: r1(passRatio),
      met: passRatio <= 2,
      reference_ms: high.pass_reference_ms,
      ratio_to_the_first_level: r1(high.pass_ms! / low.pass_ms!),
    },
    enqueue_p95_100k_under_20ms: { ms: high.enqueue_p95_ms, met: high.enqueue_p95_ms! < 20 },
    first_render_100k_under_1000ms: { ms: high.first_render_ms, met: high.first_render_ms! < 1000 },
  };
  Object.assign(results, {
    pass_ms: pick('pass_ms'),
    pass_waiting_ms: pick('pass_waiting_ms'),
    pass_reference_ms: pick('pass_reference_ms'),
    enqueue_p50_ms: pick('enqueue_p50_ms'),
    enqueue_p95_ms: pick('enqueue_p95_ms'),
    first_render_ms: pick('first_render_ms'),
    chart_ms: pick('chart_ms'),
    next_page_ms: pick('next_page_ms'),
    filter_skill_ms: pick('filter_skill_ms'),
    filter_kind_ms: pick('filter_kind_ms'),
    filter_status_ms: pick('filter_status_ms'),
    peak_js_heap_mb: pick('peak_js_heap_mb'),
    levels,
    targets,
    notes:
      'Outbox in Chromium IndexedDB (headless, loopback). The LRS is down = connection refused on a closed port. ' +
      "pass_reference_ms: a due pass on a second outbox of the smallest backlog, timed in turn with each level's " +
      'own; the pass target is the largest level against it (ratio_to_the_first_level: against the first ' +
      "level's own pass, minutes earlier). " +
      'My learning, each from the action to the screen drawn: first_render (the newest page, from the indexes), ' +
      'chart (the skills chart and filter menus, from the running totals), next_page ("Show older items"), ' +
      'filter_skill / filter_kind (the newest page of a filter, from its index), filter_status (a status that ' +
      'matches nothing: the bounded walk); each includes a JSON round trip standing in for the runtime message.',
  });
  writeResults(); // the levels are kept even if the drain below is stopped

  if (process.env.BENCH_SCALE_DRAIN !== '0') {
    // The same items queued afresh in a second outbox, for a second drain.
    const copy = `${db}-copy`;
    const copied = await call(page, 'copyTo', copy);
    if (copied !== queued) throw new Error(`the copy holds ${copied} items, the outbox ${queued}`);
    // Chromium's own work in the background (IndexedDB compacting what the levels wrote) during 5 s of idle,
    // to tell it from the drain's work.
    const idle0 = chromiumCpuSeconds(chromiumGroup);
    await new Promise((r) => setTimeout(r, 5000));
    const idle = Object.entries(chromiumCpuSeconds(chromiumGroup))
      .map(([kind, s]) => [kind, r1(s - (idle0[kind] ?? 0))] as const)
      .filter(([, s]) => s > 0);
    // The outbox's share alone: Chromium's CPU per row claimed (the sent marks: the drain's outbox_calls).
    const outboxCpu: Record<string, Record<string, number>> = {};
    {
      const c0 = chromiumCpuSeconds(chromiumGroup);
      const work = await call(page, 'outboxWork', 20, 500);
      const perRow = Object.entries(chromiumCpuSeconds(chromiumGroup))
        .map(([kind, s]) => [kind, Math.round(((s - (c0[kind] ?? 0)) * 1e6) / work.rows) / 1000] as const)
        .filter(([, ms]) => ms > 0);
      outboxCpu.claim = {
        rows: work.rows,
        ms_per_row: Math.round((work.ms / work.rows) * 1000) / 1000,
        ...Object.fromEntries(perRow.map(([kind, ms]) => [`${kind}_cpu_ms_per_row`, ms])),
      };
    }
    // The bulk reference posts the very statements the drain sends (read from the outbox before it, checked
    // after it byte for byte against the drain's bodies), at the batch size the LRS takes fastest, each run into
    // its own fresh LRS. A fresh LRS's rate moves from one instance to the next (its CPU per statement by a fifth
    // between runs of the same work on a quiet machine), so one drain against one bulk run says little: two
    // drains and three bulk runs in turn, the drains' mean against the bulk runs' median.
    const queue: string[] = [];
    for (let after = 0; ;) {
      const chunk = await call(page, 'sentStatements', after, 10_000);
      if (chunk.jsons.length === 0) break;
      queue.push(...chunk.jsons);
      after = chunk.last;
    }
    // The drain runs in a Chromium no debugger watches, on this profile (unwatchedDrain): this one closes.
    await closePage();
    await browser.close(false);
    const { best, probed } = await probeBatchSize(queue);
    const bulkRun = () => measured((lrs) => bulkRate(lrs.endpoint, queue, best.size));
    // The LRS is back: everything drains into a fresh one in one pass; twice, from the outbox and from its copy,
    // in turn with the bulk runs (bulk, drain, bulk, drain, bulk).
    const drainRun = async (name: string) => {
      const phase = await unwatchedDrain(site.url, browser.profileDir, name, db);
      const { result } = phase;
      let at = 0;
      const regrouped = result.sizes.map((n) => `[${queue.slice(at, (at += n)).join(',')}]`).join('\n');
      const sameBytes =
        result.sent === queue.length &&
        createHash('sha256').update(regrouped).digest('hex') === result.sha256;
      console.log(
        `drain of ${name}: ${result.sent} in ${result.seconds.toFixed(1)} s (${Math.round(result.sent / result.seconds)}/s), ${result.pending} left; its batches: ${result.batches}`,
      );
      return { ...phase, perS: result.sent / result.seconds, sameBytes };
    };
    const bulkRuns = [await bulkRun()];
    const drainRuns = [await drainRun(db)];
    bulkRuns.push(await bulkRun());
    drainRuns.push(await drainRun(copy));
    bulkRuns.push(await bulkRun());
    const rates = bulkRuns.map((run) => run.result);
    const bulkPerS = median(rates);
    const bulkPhase = bulkRuns[rates.indexOf(bulkPerS)]!;
    const drainRates = drainRuns.map((run) => run.perS);
    const drainPerS = (drainRates[0]! + drainRates[1]!) / 2;
    const drainPhase = drainRuns[0]!;
    const drain = drainPhase.result;
    const sameBytes = drainRuns.every((run) => run.sameBytes);
    console.log(
      `bulk: ${Math.round(bulkPerS)}/s at ${best.size} per request, median of ${rates.map(Math.round).join(', ')} (probed ${JSON.stringify(probed)})`,
    );
    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    targets.drain_at_least_90pct_of_bulk = {
      ratio: ratio(drainPerS, bulkPerS),
      met: drainPerS >= 0.9 * bulkPerS,
      statements: drain.sent,
      ratio_of_each_drain_to_each_bulk_run: drainRates.map((d) => rates.map((b) => ratio(d, b))),
    };
    const perStatement = (ms: number) => Math.round((ms / drain.sent) * 1000) / 1000;
    Object.assign(results, {
      drain_notes:
        "drain: one sync pass (shared/sync/pass.ts) from the outbox in Chromium's IndexedDB, the page standing in " +
        "for the extension's background, in a Chromium reopened on the same profile with no debugger attached " +
        "(as in a learner's browser: Playwright's network agent made each POST slower and costlier); no CORS: " +
        '--disable-web-security, as host permissions give (' +
        'lrs_requests counts OPTIONS if any preflight happened). bulk: this script posting the same statements ' +
        "(same_bytes_as_drain: the SHA-256 of each drain's bodies matched) at the size the LRS took fastest " +
        '(probed_per_s: into one LRS holding half of them, 3,000 more at each size, up and down, the mean); three runs, in turn with two drains: of the outbox and of a copy of it holding the ' +
        'same items (bulk, drain, bulk, drain, bulk); drain_per_s the mean of the two drains (drain.runs), ' +
        "drain's details those of the first; bulk_per_s the median of the three (bulk.runs), the details those of " +
        'the median run. Each into a fresh Learning Locker statement service in memory with ' +
        'lrs_service: without the activity upkeep, conflict and voiding checks, which its memory store does by ' +
        'scanning every statement stored (O(stored) per statement, memory-bound; a database LRS uses indexes). ' +
        'wire_ms: sum of each POST from sent to ' +
        'answer read; between_requests_ms: the rest of the drain; outbox_calls_ms: time from call to settled ' +
        '(they overlap the requests). cpu_s: CPU seconds of the LRS, of Chromium by process (the IndexedDB ' +
        'backend runs in its browser process) and of this script during each phase; load: the 1-minute load ' +
        'average before and after each phase, on a machine shared with other work (machine.cpus cores).',
      drain_per_s: Math.round(drainPerS),
      bulk_per_s: Math.round(bulkPerS),
      drain: {
        statements: drain.sent,
        left: drain.pending,
        seconds: r1(drain.seconds),
        requests: drain.requests,
        batches: drain.batches,
        bytes: drain.bytes,
        wire_ms: drain.wire_ms,
        between_requests_ms: drain.between_requests_ms,
        gap_median_ms: drain.gap_median_ms,
        gap_p95_ms: drain.gap_p95_ms,
        outbox_calls_ms: drain.outbox_calls,
        lrs_requests: drainPhase.requests,
        cpu_s: drainPhase.cpu,
        lrs_cpu_ms_per_statement: perStatement(drainPhase.cpu.lrs * 1000),
        load: drainPhase.load,
        chromium_cpu_s_in_5s_idle_before: Object.fromEntries(idle),
        outbox_alone_before: outboxCpu,
        peak_rss_mb: drainPhase.peakRssMb,
        runs: drainRuns.map((run, i) => ({
          outbox: i === 0 ? "the levels' outbox" : 'its copy',
          per_s: Math.round(run.perS),
          seconds: r1(run.result.seconds),
          lrs_cpu_ms_per_statement: perStatement(run.cpu.lrs * 1000),
          chromium_cpu_s: run.cpu.chromium_by_process,
          load: run.load,
        })),
      },
      bulk: {
        statements: queue.length,
        same_bytes_as_drain: sameBytes,
        batch: best.size,
        probed_per_s: probed,
        runs: bulkRuns.map((run, i) => ({
          when: ['before the first drain', 'between the drains', 'after the second drain'][i],
          per_s: Math.round(run.result),
          seconds: r1(run.seconds),
          lrs_cpu_ms_per_statement: perStatement(run.cpu.lrs * 1000),
          load: run.load,
        })),
        seconds: r1(bulkPhase.seconds),
        lrs_requests: bulkPhase.requests,
        cpu_s: bulkPhase.cpu,
        lrs_cpu_ms_per_statement: perStatement(bulkPhase.cpu.lrs * 1000),
        load: bulkPhase.load,
      },
    });
  }
  await closePage();
} finally {
  await browser.close(true);
  await site.close();
  rmSync(dir, { recursive: true, force: true });
}
const seconds = Math.round((performance.now() - started) / 1000);
(results.targets as Record<string, unknown>).whole_run_under_10_min = {
  met: seconds <= 600,
  seconds,
  ...(LEVELS.join() === '1000,10000,100000' && process.env.BENCH_SCALE_DRAIN !== '0'
    ? {}
    : { note: `not the recorded run: backlogs ${LEVELS.join(', ')}` }),
};
writeResults();
console.log(JSON.stringify(results, null, 2));
