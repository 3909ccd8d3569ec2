/**
 * Issue 12, end to end as an admin deploys it: a managed policy, the built extension in Chromium, and ADL's
 * reference LRS behind a proxy that stalls once, loses the answer after ADL stored a batch, and answers 503 and
 * 429 with Retry-After. The article, the video and the podcast the learner took in each reach ADL exactly once
 * (read from ADL directly, not through the proxy), and the outbox holds proof for each (sent, none quarantined).
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFaultProxy, type Fault, type FaultProxy } from '../support/fault-proxy';
import type { RunningLrs } from '../support/lrs';
import { ADL_CREDENTIALS, startAdlLrs } from '../support/lrs-adl';
import { launchChromium, type RunningBrowser } from './support/chromium';
import { statementsOf } from './support/lrs-watch';
import { readLikeALearner } from './support/pages';
import { installChromiumPolicy } from './support/policy-file';
import { organisationPolicy } from './support/scenario';
import { storedSessions } from './support/sessions';

const env = inject('e2e');
const email = `ida+${randomUUID().slice(0, 8)}@acme.example`;
const agent = { mbox: `mailto:${email}` };
const site = (path: string) => `http://127.0.0.1:${env.port}/${path}`;
const READ = 'http://activitystrea.ms/schema/1.0/read';
const WATCH = 'http://activitystrea.ms/schema/1.0/watch';
const LISTEN = 'http://activitystrea.ms/schema/1.0/listen';

/** What the proxy does to each statement POST, in order; every other request (about, read-backs) passes. */
const POST_FAULTS: Fault[] = [
  { kind: 'stall' }, // no answer at all: the extension's own request timeout must end it
  { kind: 'reset-after-store' }, // ADL stored the batch, the acknowledgement is lost: the re-send meets 409
  { kind: 'status', status: 503, retryAfter: '1' },
  { kind: 'status', status: 429, retryAfter: '1' },
];

let adl: RunningLrs;
let adlLrs: { endpoint: string; username: string; password: string };
let proxy: FaultProxy;
let removePolicy: () => void;
let run: RunningBrowser;

beforeAll(async () => {
  adl = await startAdlLrs();
  adlLrs = { endpoint: adl.endpoint, ...ADL_CREDENTIALS };
  let posts = 0;
  proxy = await startFaultProxy(adl.endpoint, (req) =>
    req.method === 'POST' && /^\/statements(\?|$)/.test(req.url)
      ? (POST_FAULTS[posts++] ?? { kind: 'pass' })
      : { kind: 'pass' },
  );
  const policy = organisationPolicy(env, { name: 'Ida Tarbell', email }, { endpoint: proxy.endpoint });
  removePolicy = installChromiumPolicy(env.extensionId, {
    ...policy,
    destinations: policy.destinations.map((d) => ({ ...d, ...ADL_CREDENTIALS })),
  });
  run = await launchChromium(env.extensionDir, env.extensionId);
  await run.serviceWorker();
}, 120_000);

afterAll(async () => {
  await run?.close(true);
  removePolicy?.();
  await proxy?.close();
  await adl?.stop();
});

/** Every row of one store of the outbox (the service worker's real IndexedDB, shared/outbox/db.ts). */
async function outboxRows<T>(store: 'deliveries' | 'destinations'): Promise<T[]> {
  const sw = await run.serviceWorker();
  const rows = await sw.evaluate(
    (name) =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('trailnote-outbox');
        open.onsuccess = () => {
          const req = open.result.transaction(name).objectStore(name).getAll();
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result as unknown[]);
          };
          req.onerror = () => reject(new Error(String(req.error)));
        };
        open.onerror = () => reject(new Error(String(open.error)));
      }),
    store,
  );
  return rows as T[];
}

/** Click the media element's own control like the learner would (a real input event), and await its end. */
async function playByClick(page: Page, selector: 'video' | 'audio'): Promise<void> {
  await page.bringToFront();
  const element = await page.waitForSelector(selector);
  await page.waitForFunction(
    (sel) => (document.querySelector(sel) as HTMLMediaElement).readyState >= 1,
    selector,
  );
  const ended = element.evaluate(
    (el) => new Promise<void>((resolve) => el.addEventListener('ended', () => resolve(), { once: true })),
  );
  const box = (await element.boundingBox())!;
  // A video toggles on a click anywhere; an audio element's play button is at the left of its control bar.
  if (selector === 'video') await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  else await page.mouse.click(box.x + 20, box.y + box.height / 2);
  await ended;
}

describe("ADL's LRS behind a faulty proxy, in Chromium", () => {
  it('delivers an article, a video and a podcast exactly once through a stall, a lost answer, 503 and 429', async () => {
    const started = Date.now();
    const article = await run.context.newPage();
    await article.goto(site('article.html'));
    await expect
      .poll(async () => Object.values(await storedSessions(await run.serviceWorker())).length, {
        timeout: 15_000,
      })
      .toBe(1);
    await readLikeALearner(article, 3);
    await article.close(); // the article is queued (holdMinutes 0) and its first POST stalls

    const podcast = await run.context.newPage();
    await podcast.goto(site('podcast.html'));
    const video = await run.context.newPage();
    await video.goto(site('video.html'));
    const listening = playByClick(podcast, 'audio'); // heard in a background tab while the video plays
    await playByClick(video, 'video');
    await listening;
    await Promise.all([podcast.close(), video.close()]);

    // From ADL itself: each exactly once, whatever the proxy did to the answers.
    const kinds = async () =>
      (await statementsOf(adlLrs, agent)).map((s) => `${s.verb.id} ${s.object.id}`).sort();
    const expected = [
      `${LISTEN} ${site('podcast.html')}`,
      `${READ} ${site('articles/learning-in-the-flow-of-work')}`,
      `${WATCH} ${site('video.html')}`,
    ];
    // Bounded: the stall costs the extension's 30 s request timeout, the other faults a few seconds of backoff.
    await expect.poll(kinds, { timeout: 75_000, interval: 500 }).toEqual(expected);

    // Proof in the outbox: every delivery sent, none quarantined as "different content", the destination well.
    await expect
      .poll(async () => (await outboxRows<{ state: string }>('deliveries')).map((d) => d.state), {
        timeout: 10_000,
      })
      .toEqual(['sent', 'sent', 'sent']);
    const [destination] = await outboxRows<{ status: string; failures: number }>('destinations');
    expect(destination).toMatchObject({ status: 'active', failures: 0 });
    // Every fault was met, in order, by a POST that carried statements.
    const faulted = proxy.log.filter((r) => r.method === 'POST' && r.fault !== 'pass');
    expect(faulted.map((r) => r.status ?? r.fault)).toEqual(['stall', 'reset-after-store', 503, 429]);
    expect(faulted.every((r) => r.statements > 0)).toBe(true);
    // After the faults, the whole queue went out again; ADL held what the lost answer was for and answered 409, and
    // the extension read back what ADL holds (shared/sync/conflicts.ts) instead of bisecting the batch.
    const after = proxy.log.slice(proxy.log.findIndex((r) => r.status === 429) + 1);
    expect(after[0]).toMatchObject({ method: 'POST', fault: 'pass', statements: 3 });
    expect(after[1]).toMatchObject({
      method: 'GET',
      url: expect.stringMatching(/^\/statements\?/) as string,
    });
    expect(await kinds()).toEqual(expected); // nothing arrived twice meanwhile
    console.info(`delivered through the faults in ${Math.round((Date.now() - started) / 1000)} s`);
  }, 150_000);
});
