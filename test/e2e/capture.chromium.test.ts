/**
 * The built extension in Debian's Chromium, configured by a real managed-policy file, capturing fixture pages
 * served from loopback and delivering to the real LRS (through a fault proxy the tests can turn off).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { launchChromium, type RunningBrowser } from './support/chromium';
import { statementsOf, waitForStatement } from './support/lrs-watch';
import { installChromiumPolicy } from './support/policy-file';
import { organisationPolicy, playMediaToEnd } from './support/scenario';
import { readLikeALearner } from './support/pages';
import { storedSessions } from './support/sessions';

const env = inject('e2e');
const email = `ada+${randomUUID().slice(0, 8)}@acme.example`;
const agent = { mbox: `mailto:${email}` };
const site = (host: string, path: string) => `http://${host}:${env.port}/${path}`;

let proxy: FaultProxy;
let removePolicy: () => void;
let run: RunningBrowser;

beforeAll(async () => {
  proxy = await startFaultProxy(env.lrs.endpoint);
  removePolicy = installChromiumPolicy(
    env.extensionId,
    organisationPolicy(env, { name: 'Ada Lovelace', email }, { endpoint: proxy.endpoint }),
  );
  run = await launchChromium(env.extensionDir, env.extensionId);
  await run.serviceWorker();
});

afterAll(async () => {
  await run?.close(true);
  removePolicy?.();
  await proxy?.close();
});

/** The extension's persisted capture sessions, read inside its service worker. */
async function sessions(): Promise<Record<string, { tabUrl: string; kind: string }>> {
  return storedSessions(await run.serviceWorker());
}

async function playToEnd(page: Page, selector: string, frame = page.mainFrame()) {
  await frame.waitForSelector(selector, { state: 'attached' });
  await frame.evaluate(playMediaToEnd, selector);
}

describe('capture in Chromium, delivered to the real LRS', () => {
  it('reads the admin policy from managed storage', async () => {
    const sw = await run.serviceWorker();
    const managed = await sw.evaluate(() => chrome.storage.managed.get(null));
    expect(managed).toMatchObject({
      learner: { email },
      capture: { holdMinutes: 0, blockedDomains: ['blocked.localhost'] },
    });
  });

  it('records an article read once, with its canonical URL, the policy actor and the profile fields', async () => {
    const page = await run.context.newPage();
    await page.goto(
      site('127.0.0.1', 'article.html?utm_source=newsletter&utm_medium=email&fbclid=abc#part-2'),
    );
    await expect
      .poll(async () => Object.values(await sessions()).some((s) => s.kind === 'reading'), {
        timeout: 15_000,
      })
      .toBe(true);
    await readLikeALearner(page, 3);
    await page.close();
    const st = await waitForStatement(
      env.lrs,
      agent,
      (s) => s.verb.id === 'http://activitystrea.ms/schema/1.0/read',
    );
    expect(st.object.id).toBe(site('127.0.0.1', 'articles/learning-in-the-flow-of-work'));
    expect(st).toMatchObject({
      actor: { mbox: agent.mbox, name: 'Ada Lovelace' },
      object: { definition: { type: 'http://activitystrea.ms/schema/1.0/article' } },
      result: { completion: true },
      context: { platform: '127.0.0.1' },
    });
    const moreInfo = (st.object as unknown as { definition: { moreInfo: string } }).definition.moreInfo;
    expect(moreInfo).not.toMatch(/utm_|fbclid/);
    const duration = (st.result as { duration: string }).duration;
    expect(duration).toMatch(/^PT\d+(\.\d{1,2})?S$/);
    const category = (
      st.context as { contextActivities: { category: Array<{ definition: { type: string } }> } }
    ).contextActivities.category.map((c) => c.definition.type);
    expect(category).toEqual(
      expect.arrayContaining([
        'http://adlnet.gov/expapi/activities/profile',
        'http://id.tincanapi.com/activitytype/source',
      ]),
    );
    const reads = (await statementsOf(env.lrs, agent)).filter((s) => s.verb.id === st.verb.id);
    expect(reads).toHaveLength(1);
  });

  it('records a video, a podcast episode and a cross-origin embedded video; never music or a blocked site', async () => {
    const video = await run.context.newPage();
    await video.goto(site('127.0.0.1', 'video.html'));
    const podcast = await run.context.newPage();
    await podcast.goto(site('127.0.0.1', 'podcast.html'));
    const music = await run.context.newPage();
    await music.goto(site('127.0.0.1', 'music.html'));
    const embed = await run.context.newPage();
    await embed.goto(
      site('127.0.0.1', `embed.html?src=${encodeURIComponent(site('media.localhost', 'video.html'))}`),
    );
    const embedded = (await (await embed.waitForSelector('iframe#player')).contentFrame())!;
    await expect.poll(() => embedded.url(), { timeout: 15_000 }).toContain('media.localhost');
    const blocked = await run.context.newPage();
    await blocked.goto(site('blocked.localhost', 'blocked.html'));

    await Promise.all([
      playToEnd(video, 'video'),
      playToEnd(podcast, 'audio'),
      playToEnd(music, 'audio'),
      playToEnd(embed, 'video', embedded),
      readLikeALearner(blocked, 3),
    ]);
    const watched = await waitForStatement(
      env.lrs,
      agent,
      (s) =>
        s.verb.id === 'http://activitystrea.ms/schema/1.0/watch' &&
        s.object.id === site('127.0.0.1', 'video.html'),
    );
    expect(watched.result).toMatchObject({
      completion: true,
      extensions: { 'https://w3id.org/xapi/video/extensions/progress': expect.any(Number) as number },
    });
    const ext = (watched.result as { extensions: Record<string, unknown> }).extensions;
    expect(ext['https://w3id.org/xapi/video/extensions/played-segments']).toMatch(
      /^0\.\d{3}\[\.\]\d+\.\d{3}$/,
    );
    expect(ext['https://w3id.org/xapi/video/extensions/progress']).toBeGreaterThan(0.9);
    await waitForStatement(
      env.lrs,
      agent,
      (s) =>
        s.verb.id === 'http://activitystrea.ms/schema/1.0/watch' &&
        s.object.id === site('media.localhost', 'video.html'),
    );
    const listened = await waitForStatement(
      env.lrs,
      agent,
      (s) => s.verb.id === 'http://activitystrea.ms/schema/1.0/listen',
    );
    expect(listened.object.id).toBe(site('127.0.0.1', 'podcast.html'));

    // Music and the blocked site: their tabs close, their sessions end, and nothing is sent for them.
    await music.close();
    await blocked.close();
    await expect
      .poll(
        async () => Object.values(await sessions()).filter((s) => /music|blocked/.test(s.tabUrl)).length,
        {
          timeout: 15_000,
        },
      )
      .toBe(0);
    const all = await statementsOf(env.lrs, agent);
    expect(all.filter((s) => /music|blocked/.test(s.object.id))).toEqual([]);
    expect(all.filter((s) => s.verb.id === 'http://activitystrea.ms/schema/1.0/listen')).toHaveLength(1);
    await Promise.all([video.close(), podcast.close(), embed.close()]);
  });

  it('records a video inside a shadow root, and each video of a single-page app as its own item', async () => {
    const shadow = await run.context.newPage();
    await shadow.goto(site('127.0.0.1', 'shadow-video.html'));
    const spa = await run.context.newPage();
    await spa.goto(site('127.0.0.1', 'spa-video.html'));
    const endOfShadowVideo = shadow.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const v = document.querySelector('trail-player')!.shadowRoot!.querySelector('video')!;
          v.addEventListener('ended', () => resolve(), { once: true });
          v.play().catch(reject);
        }),
    );
    await playToEnd(spa, 'video#player');
    // "Next talk": the URL, title and source change without a page load, in the same element.
    const secondEnded = spa.evaluate(
      () =>
        new Promise<void>((resolve) =>
          document.querySelector('video')!.addEventListener('ended', () => resolve(), { once: true }),
        ),
    );
    await spa.click('#next');
    await Promise.all([secondEnded, endOfShadowVideo]);
    await waitForStatement(env.lrs, agent, (s) => s.object.id === site('127.0.0.1', 'shadow-video.html'));
    const talks = async () =>
      (await statementsOf(env.lrs, agent))
        .filter((s) => s.object.id === site('127.0.0.1', 'spa-video.html'))
        .map(
          (s) =>
            Object.values(
              (s.object as unknown as { definition: { name: Record<string, string> } }).definition.name,
            )[0],
        );
    await expect.poll(async () => (await talks()).length, { timeout: 30_000 }).toBe(2);
    expect((await talks()).sort()).toEqual([
      expect.stringMatching(/^Talk 1/),
      expect.stringMatching(/^Talk 2/),
    ]);
    await Promise.all([shadow.close(), spa.close()]);
  });

  it('keeps what it captured while the LRS is unreachable and sends it once when it returns', async () => {
    proxy.setDecider(() => ({ kind: 'reset' }));
    const page = await run.context.newPage();
    await page.goto(site('127.0.0.1', 'video.html?talk=offline'));
    await playToEnd(page, 'video');
    await page.close();
    const sw = await run.serviceWorker();
    // The delivery fails and waits in the outbox (real IndexedDB in the service worker).
    await expect
      .poll(
        () =>
          sw.evaluate(async () => {
            const states = await new Promise<Array<{ status: string; failures: number }>>(
              (resolve, reject) => {
                const open = indexedDB.open('trailnote-outbox');
                open.onsuccess = () => {
                  const req = open.result.transaction('destinations').objectStore('destinations').getAll();
                  req.onsuccess = () => resolve(req.result as Array<{ status: string; failures: number }>);
                  req.onerror = () => reject(new Error(String(req.error)));
                };
                open.onerror = () => reject(new Error(String(open.error)));
              },
            );
            return states.some((s) => s.status === 'backoff');
          }),
        { timeout: 15_000 },
      )
      .toBe(true);
    proxy.setDecider(() => ({ kind: 'pass' }));
    // The learner (or the next alarm) asks for a sync; here through the popup's "send now" message.
    const popup = await run.context.newPage();
    await popup.goto(`chrome-extension://${env.extensionId}/popup.html`);
    await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'sync/now' }));
    await popup.close();
    const st = await waitForStatement(env.lrs, agent, (s) => s.object.id === site('127.0.0.1', 'video.html'));
    expect(st).toBeDefined();
    const offline = (await statementsOf(env.lrs, agent)).filter(
      (s) =>
        s.verb.id === 'http://activitystrea.ms/schema/1.0/watch' &&
        s.object.id === site('127.0.0.1', 'video.html'),
    );
    expect(offline).toHaveLength(2); // the first test's video and this one, each once
  });
});
