/**
 * A destination gets only what it should (issue 11, point 6; docs/policy.md § New destinations and the earlier
 * record), in Chromium with the built extension and the real LRS: two pages captured while no LRS was configured
 * are the learner's earlier record; the LRS they add on the options page gets none of it on its own, the row
 * offers "Send my earlier record to <name> (2 items)", and only pressing it sends exactly those two.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, type RunningBrowser } from './support/chromium';
import { statementsOf } from './support/lrs-watch';
import { openExtensionPage } from './support/pages';

const env = inject('e2e');
const email = `lee+${randomUUID().slice(0, 8)}@acme.example`;
const agent = { mbox: `mailto:${email}` };
const site = (path: string) => `http://127.0.0.1:${env.port}/${path}`;

let run: RunningBrowser;
let options: Page;

beforeAll(async () => {
  run = await launchChromium(env.extensionDir, env.extensionId);
  const worker = await run.serviceWorker();
  // The learner's own settings: identified, no hold, and the fixture server's loopback host opened for capture.
  await worker.evaluate((settings) => chrome.storage.local.set({ learnerSettings: settings }), {
    learner: { email },
    capture: { holdMinutes: 0, allowedPrivateHosts: ['127.0.0.1'] },
  });
  options = await openExtensionPage(run, 'options.html', 900);
  await options.getByRole('heading', { name: 'Trailnote settings' }).waitFor();
});

afterAll(async () => {
  await run?.close(true);
});

/** "Capture this page" for the tab showing `url`, as the popup asks it. */
async function captureByHand(url: string): Promise<void> {
  const tab = await run.context.newPage();
  await tab.goto(url);
  const answer = await options.evaluate(async (pageUrl) => {
    const [found] = await chrome.tabs.query({ url: pageUrl });
    return chrome.runtime.sendMessage({ type: 'capture/page', tabId: found?.id, kind: 'article' });
  }, url);
  expect(answer).toMatchObject({ ok: true });
  await tab.close();
}

describe('the earlier record in Chromium', () => {
  it('reaches a newly added LRS only when the learner chooses, exactly the items offered', async () => {
    await captureByHand(site('article.html'));
    await captureByHand(site('video.html'));

    await options.getByRole('button', { name: 'Add your own LRS' }).click();
    const form = options.getByRole('form', { name: 'Add your own LRS' });
    await form.getByLabel('Name', { exact: true }).fill('My archive');
    await form.getByLabel('xAPI endpoint').fill(env.lrs.endpoint);
    await form.getByLabel('Key (user name)').fill(env.lrs.username);
    await form.getByLabel('Secret (password)').fill(env.lrs.password);
    await form.getByRole('button', { name: 'Save LRS' }).click();

    const mine = options.getByRole('list', { name: 'Your own' });
    const offer = mine.getByRole('button', { name: 'Send my earlier record to My archive (2 items)' });
    await offer.waitFor({ timeout: 20_000 });
    // Counted from the outbox: the two items have no delivery to it, so nothing of them can have been sent.
    expect(await statementsOf(env.lrs, agent)).toEqual([]);

    await offer.click();
    await mine.getByText('2 earlier items queued for My archive.').waitFor();
    await expect
      .poll(async () => (await statementsOf(env.lrs, agent)).length, { timeout: 30_000, interval: 250 })
      .toBe(2);
    const pages = (await statementsOf(env.lrs, agent)).map((s) => s.object.id).sort();
    expect(pages).toEqual([expect.stringMatching(/article\.html$/), expect.stringMatching(/video\.html$/)]);
    expect(await offer.count()).toBe(0);
  });
});
