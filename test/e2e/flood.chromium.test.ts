/**
 * A hostile page floods the extension (10,000 media elements, players seeking without pause, a 1.2 MB title,
 * 2.5 MB of JSON-LD, media under 200 nested shadow roots) while the learner reads an article in another tab:
 * the article's statement still arrives, the worker keeps answering, the flood is dropped and counted, and the
 * extension's storage stays small.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, type RunningBrowser } from './support/chromium';
import { statementsOf, waitForStatement } from './support/lrs-watch';
import { readLikeALearner } from './support/pages';
import { installChromiumPolicy } from './support/policy-file';
import { organisationPolicy } from './support/scenario';
import { storedSessions } from './support/sessions';

const env = inject('e2e');
const email = `flo+${randomUUID().slice(0, 8)}@acme.example`;
const agent = { mbox: `mailto:${email}` };
const site = (path: string) => `http://127.0.0.1:${env.port}/${path}`;
const READ = 'http://activitystrea.ms/schema/1.0/read';

let removePolicy: () => void;
let run: RunningBrowser;

beforeAll(async () => {
  removePolicy = installChromiumPolicy(env.extensionId, organisationPolicy(env, { email }));
  run = await launchChromium(env.extensionDir, env.extensionId);
  await run.serviceWorker();
});

afterAll(async () => {
  await run?.close(true);
  removePolicy?.();
});

describe('a flooding page in one tab (Chromium)', () => {
  it('does not stop capture in another tab, and is dropped, counted and bounded', async () => {
    const worker = await run.serviceWorker();
    const dropped = () =>
      worker.evaluate(
        async () =>
          ((await chrome.storage.local.get('captureDropped')).captureDropped ?? {}) as Record<string, number>,
      );
    const hostile = await run.context.newPage();
    await hostile.goto(site('flood.html'), { waitUntil: 'domcontentloaded' }); // players seeking forever delay `load`
    // The flood is under way once the worker has had to drop some of it.
    await expect
      .poll(async () => ((await dropped()).messages ?? 0) + ((await dropped()).seeks ?? 0), {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);

    const reader = await run.context.newPage();
    await reader.goto(site('article.html'));
    await readLikeALearner(reader, 3);
    await reader.close();
    const st = await waitForStatement(env.lrs, agent, (s) => s.verb.id === READ);
    expect(st.object.id).toBe(site('articles/learning-in-the-flow-of-work'));

    // The worker still answers, the flood's sessions are capped, and storage stays small.
    const stored = await storedSessions(worker);
    expect(Object.values(stored).filter((s) => s.tabUrl.includes('flood.html')).length).toBeLessThanOrEqual(
      12,
    );
    const bytes = await worker.evaluate(
      async () => JSON.stringify(await chrome.storage.local.get(null)).length,
    );
    expect(bytes).toBeLessThan(200_000);
    expect((await statementsOf(env.lrs, agent)).filter((s) => s.verb.id === READ)).toHaveLength(1);
    await hostile.close();
  });
});
