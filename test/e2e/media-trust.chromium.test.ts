/**
 * Capture you can trust (issue 9), in Chromium with the built extension, a managed policy and the real LRS:
 * ambient, scripted and forged media give nothing while the learner's own click gives exactly one statement; the
 * podcast episode page shape gives one `listen`; a table-of-contents click keeps the reading session.
 *
 * The hostile pages are never touched through Playwright's script evaluation: Playwright runs it with a user
 * gesture, which would give their frames the user activation the rules look for. They are driven by their own
 * scripts and report through the console; the learner's clicks are real input events.
 */
import { randomUUID } from 'node:crypto';
import type { ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RecordState } from '../../extension/platform/messages';
import { launchChromium, type RunningBrowser } from './support/chromium';
import { statementsOf, waitForStatement } from './support/lrs-watch';
import { openExtensionPage, readLikeALearner } from './support/pages';
import { installChromiumPolicy } from './support/policy-file';
import { organisationPolicy } from './support/scenario';

const env = inject('e2e');
const email = `mary+${randomUUID().slice(0, 8)}@acme.example`;
const agent = { mbox: `mailto:${email}` };
const site = (host: string, path: string) => `http://${host}:${env.port}/${path}`;
const LISTEN = 'http://activitystrea.ms/schema/1.0/listen';
const READ = 'http://activitystrea.ms/schema/1.0/read';

let removePolicy: () => void;
let run: RunningBrowser;

beforeAll(async () => {
  // One second is enough to count here: the hostile clips loop 1.5 s stretches that would count if perceivable.
  removePolicy = installChromiumPolicy(
    env.extensionId,
    organisationPolicy(env, { name: 'Mary Somerville', email }, { capture: { mediaMinSeconds: 1 } }),
  );
  run = await launchChromium(env.extensionDir, env.extensionId);
  await run.serviceWorker();
});

afterAll(async () => {
  await run?.close(true);
  removePolicy?.();
});

/** Resolves at the first console line `text` from the page or any of its frames. */
const said = (page: Page, text: string, timeout = 30_000): Promise<ConsoleMessage> =>
  page.waitForEvent('console', { predicate: (m) => m.text() === text, timeout });

/** The items the extension holds (waiting, sent, failing...), as My learning lists them. */
async function recordedUrls(): Promise<string[]> {
  const page = await openExtensionPage(run, 'popup.html');
  const state = (await page.evaluate(() =>
    chrome.runtime.sendMessage({ type: 'record/list' }),
  )) as RecordState;
  await page.close();
  return state.items.map((i) => i.url ?? '');
}

describe('media and reading you can trust, in Chromium', () => {
  it('gives nothing for ambient, scripted and forged media; the talk the learner clicks in an embed gives one', async () => {
    // A shop page whose script loops hidden muted clips, plays a video with sound by itself and forges events.
    const ambient = await run.context.newPage();
    const ambientDone = said(ambient, 'ambient: done');
    await ambient.goto(site('127.0.0.1', 'ambient-media.html'));
    // A talk page in front (the shop is now a background tab): the talk in a cross-origin embed, beside a muted
    // autoplaying ad in another cross-origin frame.
    const talk = await run.context.newPage();
    const adEnded = said(talk, 'ad: ended');
    const talkEnded = said(talk, 'player: ended');
    const player = site('media.localhost', 'player.html');
    const ad = site('ads.localhost', 'ad.html');
    await talk.goto(
      site(
        '127.0.0.1',
        `talk-with-ad.html?player=${encodeURIComponent(player)}&ad=${encodeURIComponent(ad)}`,
      ),
    );
    await talk.bringToFront();
    // The learner clicks the embed's Play button (at its fixed place: talk-with-ad.html, player.html).
    await talk.mouse.click(60, 270);
    await Promise.all([ambientDone, adEnded, talkEnded]);
    await ambient.close();
    await talk.close();

    await waitForStatement(env.lrs, agent, (s) => s.object.id === player);
    const all = await statementsOf(env.lrs, agent);
    expect(all.map((s) => [s.verb.id, s.object.id])).toEqual([
      ['http://activitystrea.ms/schema/1.0/watch', player],
    ]);
    // Nor is anything waiting in the outbox for them.
    expect((await recordedUrls()).filter((url) => /ambient|ads\.localhost/.test(url))).toEqual([]);
  });

  it('gives one listen for a podcast episode page whose template says og:type music.song', async () => {
    const page = await run.context.newPage();
    await page.goto(site('127.0.0.1', 'podcast-episode.html'));
    const ended = page.evaluate(
      () =>
        new Promise<void>((resolve) =>
          document.querySelector('audio')!.addEventListener('ended', () => resolve(), { once: true }),
        ),
    );
    await page.click('#play');
    await ended;
    const listened = await waitForStatement(
      env.lrs,
      agent,
      (s) => s.verb.id === LISTEN && s.object.id === site('127.0.0.1', 'podcast-episode.html'),
    );
    expect(JSON.stringify(listened.context)).toContain('Field Notes'); // the show, from the media session
    await page.close();
    const listens = (await statementsOf(env.lrs, agent)).filter((s) => s.verb.id === LISTEN);
    expect(listens).toHaveLength(1);
  });

  it('keeps one reading session when the learner follows the table of contents', async () => {
    const page = await run.context.newPage();
    await page.goto(site('127.0.0.1', 'article.html'));
    await readLikeALearner(page, 4);
    await page.click('a[href="#capture"]');
    expect(page.url()).toMatch(/#capture$/);
    await readLikeALearner(page, 4);
    await page.close();
    const read = await waitForStatement(env.lrs, agent, (s) => s.verb.id === READ);
    // Split at the click, each half would be its own statement of about four seconds.
    const seconds = Number(/^PT([\d.]+)S$/.exec((read.result as { duration: string }).duration)?.[1]);
    expect(seconds).toBeGreaterThan(5);
    expect((await statementsOf(env.lrs, agent)).filter((s) => s.verb.id === READ)).toHaveLength(1);
  });
});
