/**
 * `npm run bench:detect`: detection quality as a number (issue 9 § 10). The built extension in Debian's Chromium,
 * under an organisation policy, delivering to a real LRS, browses the labelled corpus of test/fixtures/detect/:
 * every page is served at its own realistic URL by a local proxy (bench/detect-proxy.ts) that Chromium reaches
 * through `--proxy-server`. A simulated person reads each page (trusted mouse moves and wheel scrolls for
 * READ_SECONDS, past the policy's articleMinSeconds) or, on media pages, clicks the page's play button (inside
 * the cross-origin frame for the embed) and stays until the media ends; on ambient pages nobody touches the
 * media. Then the statements that reached the LRS are matched to the pages by their object ids, and precision
 * and recall for read, watch and listen, podcast-vs-music accuracy and the number of statements from forged or
 * ambient media are written to bench/results/detect.json with the list of misses.
 *
 * Run it alone, not beside the e2e suite: both build into .output/ and install Chromium's managed policy file. BENCH_DETECT_CONCURRENCY (default 5) pages are open at a time, each in its own tab; every
 * tab's visibility and focus as the page saw them are recorded beside its result.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { CHROME_EXTENSION_ID } from '../extension/identity';
import { launchChromium } from '../test/e2e/support/chromium';
import type { E2eEnv } from '../test/e2e/support/env';
import { statementsOf } from '../test/e2e/support/lrs-watch';
import { generateMedia } from '../test/e2e/support/media';
import { installChromiumPolicy } from '../test/e2e/support/policy-file';
import { organisationPolicy } from '../test/e2e/support/scenario';
import { TEST_CREDENTIALS } from '../test/support/auth-stub';
import { startLrs } from '../test/support/lrs';
import { CORPUS, type CorpusPage } from '../test/fixtures/detect/corpus';
import { startCorpusProxy } from './detect-proxy';
import { Window } from 'happy-dom';
import { judgeProse, readProseFeatures } from '../extension/detectors/prose';

const root = resolve(import.meta.dirname, '..');
const CONCURRENCY = Number(process.env.BENCH_DETECT_CONCURRENCY ?? 5);
const READ_SECONDS = Number(process.env.BENCH_READ_SECONDS ?? 4);
const ARTICLE_MIN_SECONDS = 2;
/** After load: the detectors start a second after injection and check the page in an idle period. */
const SETTLE_MS = 2_000;
/** Longest wait for statements to reach the LRS once every page is closed. */
const DELIVERY_TIMEOUT_MS = 90_000;
const only = process.env.BENCH_DETECT_ONLY ? new RegExp(process.env.BENCH_DETECT_ONLY) : undefined;
const pages = CORPUS.filter((p) => !only || only.test(p.id));

const VERB = {
  read: 'http://activitystrea.ms/schema/1.0/read',
  watch: 'http://activitystrea.ms/schema/1.0/watch',
  listen: 'http://activitystrea.ms/schema/1.0/listen',
} as const;
type Kind = keyof typeof VERB;

const started = performance.now();
const extensionDir = process.env.BENCH_EXTENSION_DIR ?? join(root, '.output/chrome-mv3');
if (!process.env.BENCH_EXTENSION_DIR) execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'ignore' });
const buildMs = performance.now() - started;

const mediaDir = join(root, '.tmp', 'detect-media');
generateMedia(mediaDir);
execFileSync('ffmpeg', [
  '-loglevel',
  'error',
  '-y',
  '-f',
  'lavfi',
  '-i',
  'testsrc=size=160x284:rate=15',
  '-t',
  '1',
  '-c:v',
  'libvpx',
  '-b:v',
  '100k',
  join(mediaDir, 'loop.webm'),
]);

const lrs = await startLrs({ auth: 'real' });
const proxy = await startCorpusProxy(CORPUS, mediaDir);
const env: E2eEnv = {
  lrs: { endpoint: lrs.endpoint, ...TEST_CREDENTIALS.writer },
  port: proxy.port,
  extensionDir,
  extensionId: CHROME_EXTENSION_ID,
};
const email = `bench+${randomUUID().slice(0, 8)}@acme.example`;
const agent = { mbox: `mailto:${email}` };
const removePolicy = installChromiumPolicy(
  CHROME_EXTENSION_ID,
  organisationPolicy(
    env,
    { name: 'Bench Reader', email },
    { capture: { articleMinSeconds: ARTICLE_MIN_SECONDS } },
  ),
);
const run = await launchChromium(extensionDir, CHROME_EXTENSION_ID, undefined, {
  // Every non-loopback host goes through the corpus proxy (the LRS on loopback is reached directly); no
  // automatic upgrade of the corpus's http:// URLs to https://.
  args: [
    `--proxy-server=http://127.0.0.1:${proxy.port}`,
    '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable',
  ],
});

interface Visit {
  id: string;
  /** What the page reported when the person started: tab visible, window focused. */
  visible: boolean;
  focused: boolean;
  /** Media ended after the click (play pages). */
  ended?: boolean;
  error?: string;
  ms: number;
}

async function mediaEnded(frame: Frame): Promise<boolean> {
  return frame
    .waitForFunction(
      () => [...document.querySelectorAll('audio, video')].some((m) => (m as HTMLMediaElement).ended),
      null,
      {
        timeout: 20_000,
        polling: 250,
      },
    )
    .then(() => true)
    .catch(() => false);
}

async function visit(p: CorpusPage): Promise<Visit> {
  const page: Page = await run.context.newPage();
  const out: Visit = { id: p.id, visible: false, focused: false, ms: 0 };
  const begun = performance.now();
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(p.url, { waitUntil: 'load', timeout: 30_000 });
    await page.bringToFront();
    const state = await page.evaluate(() => ({
      visible: document.visibilityState === 'visible',
      focused: document.hasFocus(),
    }));
    Object.assign(out, state);
    await page.waitForTimeout(SETTLE_MS); // the detectors' own start-up delay: nothing to await from outside
    if (p.act === 'read') {
      for (let i = 0; i < READ_SECONDS * 2; i++) {
        await page.mouse.move(200 + ((i * 37) % 400), 300 + ((i * 53) % 300));
        await page.mouse.wheel(0, 240);
        await page.waitForTimeout(500);
      }
    } else if (p.act === 'play' && p.play) {
      const frameUrl = p.play.frameUrl;
      const frame = frameUrl ? page.frames().find((f) => f.url() === frameUrl) : page.mainFrame();
      if (!frame) throw new Error(`no frame ${frameUrl}`);
      await frame.click(p.play.selector, { timeout: 10_000 });
      out.ended = await mediaEnded(frame);
      await page.waitForTimeout(500);
    } else {
      await page.waitForTimeout(READ_SECONDS * 1000);
    }
  } catch (e) {
    out.error = String(e).slice(0, 300);
  } finally {
    await page.close();
  }
  out.ms = Math.round(performance.now() - begun);
  return out;
}

const visits: Visit[] = [];
let browseMs = 0;
let deliveryMs = 0;
let statements: Awaited<ReturnType<typeof statementsOf>> = [];
try {
  const browseStarted = performance.now();
  await run.serviceWorker();
  const queue = [...pages];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let p = queue.shift(); p; p = queue.shift()) visits.push(await visit(p));
    }),
  );
  browseMs = performance.now() - browseStarted;
  const deliveryStarted = performance.now();
  statements = await deliveredStatements();
  deliveryMs = performance.now() - deliveryStarted;
} finally {
  // Also on failure: no managed policy, browser, proxy or LRS is left behind.
  await run.close(true);
  removePolicy();
  await proxy.close();
  await lrs.stop();
}
const served = proxy.served();

/** Statements keep arriving while sessions finish and the outbox syncs: wait until the count holds still. */
async function deliveredStatements() {
  const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
  let last = -1;
  let stableSince = Date.now();
  for (;;) {
    const all = await statementsOf(env.lrs, agent);
    if (all.length !== last) {
      last = all.length;
      stableSince = Date.now();
    }
    if (Date.now() - stableSince >= 10_000 || Date.now() > deadline) return all;
    await new Promise((r) => setTimeout(r, 1_000)); // polling the LRS: there is no event to await here
  }
}

// Match statements to pages: object ids are the page's (or the embed frame's) URL without query or fragment.
const bare = (url: string) => {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`.replace(/\/$/, '');
  } catch {
    return url;
  }
};
const owner = new Map<string, CorpusPage>();
for (const p of pages) {
  owner.set(bare(p.url), p);
  for (const url of Object.keys(p.frames ?? {})) owner.set(bare(url), p);
}
const got = new Map<string, Set<Kind>>();
const unmatched: Array<{ verb: string; object: string }> = [];
for (const s of statements) {
  const kind = (Object.keys(VERB) as Kind[]).find((k) => VERB[k] === s.verb.id);
  const p = owner.get(bare(s.object.id));
  if (!kind || !p) {
    unmatched.push({ verb: s.verb.id, object: s.object.id });
    continue;
  }
  if (!got.has(p.id)) got.set(p.id, new Set());
  got.get(p.id)!.add(kind);
}

const expected = (p: CorpusPage): Set<Kind> =>
  new Set<Kind>(
    p.label === 'article'
      ? ['read']
      : p.label === 'video'
        ? ['watch']
        : p.label === 'audio-podcast'
          ? ['listen']
          : [],
  );
const round = (x: number) => Math.round(x * 1000) / 1000;
function score(kind: Kind) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of pages) {
    const e = expected(p).has(kind);
    const g = got.get(p.id)?.has(kind) ?? false;
    if (e && g) tp++;
    else if (g) fp++;
    else if (e) fn++;
  }
  return {
    expected: tp + fn,
    tp,
    fp,
    fn,
    precision: tp + fp ? round(tp / (tp + fp)) : null,
    recall: tp + fn ? round(tp / (tp + fn)) : null,
  };
}
const audio = pages.filter((p) => p.label === 'audio-podcast' || p.label === 'audio-music');
const audioRight = audio.filter(
  (p) => (got.get(p.id)?.has('listen') ?? false) === (p.label === 'audio-podcast'),
);
// Media statements from pages where nobody pressed play (ads, loops, scripted muted play): false records.
const forged = pages
  .filter((p) => p.act !== 'play')
  .flatMap((p) =>
    [...(got.get(p.id) ?? [])].filter((k) => k !== 'read').map((k) => ({ page: p.id, kind: k })),
  );
const misses = pages
  .map((p) => {
    const e = [...expected(p)].sort();
    const g = [...(got.get(p.id) ?? [])].sort();
    return { page: p.id, url: p.url, label: p.label, note: p.note, expected: e, got: g };
  })
  .filter((m) => m.expected.join() !== m.got.join());

/** The classifier's own reason (prose.ts on the page's markup, in happy-dom) beside each read miss. */
async function classifierReason(p: CorpusPage): Promise<string> {
  const win = new Window({
    url: p.url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
    },
  });
  try {
    win.document.write(p.html());
    return judgeProse(readProseFeatures(win.document as unknown as Document)).reason;
  } finally {
    await win.happyDOM.close();
  }
}
for (const m of misses as Array<(typeof misses)[number] & { classifier?: string }>) {
  const p = pages.find((x) => x.id === m.page)!;
  if (m.expected.includes('read') !== m.got.includes('read')) m.classifier = await classifierReason(p);
}

const result = {
  date: new Date().toISOString(),
  pages: pages.length,
  labels: Object.fromEntries(
    ['article', 'not-article', 'video', 'audio-podcast', 'audio-music'].map((l) => [
      l,
      pages.filter((p) => p.label === l).length,
    ]),
  ),
  read: score('read'),
  watch: score('watch'),
  listen: score('listen'),
  podcastVsMusic: {
    pages: audio.length,
    right: audioRight.length,
    accuracy: audio.length ? round(audioRight.length / audio.length) : null,
  },
  forgedOrAmbientStatements: forged.length,
  forged,
  misses,
  statements: statements.length,
  unmatched,
  visits: {
    notVisibleOrFocused: visits.filter((v) => !v.visible || !v.focused).map((v) => v.id),
    mediaNotEnded: visits.filter((v) => v.ended === false).map((v) => v.id),
    medianMs: [...visits].sort((x, y) => x.ms - y.ms)[Math.floor(visits.length / 2)]?.ms ?? 0,
    slowest: [...visits]
      .sort((x, y) => y.ms - x.ms)
      .slice(0, 3)
      .map((v) => ({ page: v.id, ms: v.ms })),
    errors: visits.filter((v) => v.error).map((v) => ({ page: v.id, error: v.error })),
    proxyMissing: served.missing,
  },
  settings: {
    concurrency: CONCURRENCY,
    readSeconds: READ_SECONDS,
    articleMinSeconds: ARTICLE_MIN_SECONDS,
    settleMs: SETTLE_MS,
  },
  timingsMs: {
    build: Math.round(buildMs),
    browse: Math.round(browseMs),
    delivery: Math.round(deliveryMs),
    total: Math.round(performance.now() - started),
  },
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/detect.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(
  JSON.stringify(
    {
      read: result.read,
      watch: result.watch,
      listen: result.listen,
      podcastVsMusic: result.podcastVsMusic,
      forgedOrAmbientStatements: result.forgedOrAmbientStatements,
      misses: misses.map((m) => `${m.page}: expected [${m.expected.join()}] got [${m.got.join()}]`),
      visits: result.visits,
      timingsMs: result.timingsMs,
    },
    null,
    2,
  ),
);
