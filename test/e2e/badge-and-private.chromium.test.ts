/**
 * The toolbar badge when the organisation's LRS refuses the credentials (issue 3 § 2: a distinct failing state;
 * nothing captured is lost), and nothing captured in a private window (docs/policy.md; manifest
 * `incognito: 'not_allowed'`), with the same page in a normal window as the control.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, type RunningBrowser } from './support/chromium';
import { statementsOf, waitForStatement } from './support/lrs-watch';
import { installChromiumPolicy } from './support/policy-file';
import { organisationPolicy } from './support/scenario';
import { readLikeALearner } from './support/pages';
import { storedSessions } from './support/sessions';

const env = inject('e2e');
const email = `kai+${randomUUID().slice(0, 8)}@acme.example`;
const agent = { mbox: `mailto:${email}` };
const site = (path: string) => `http://127.0.0.1:${env.port}/${path}`;
const READ = 'http://activitystrea.ms/schema/1.0/read';
/** badge.ts's failing colour, #b3261e, as Chrome reports it (RGBA). */
const FAILING_RED = [0xb3, 0x26, 0x1e, 255];

/** The organisation's policy, with the LRS's real endpoint and `password` (the real LRS checks it). */
const policyWithPassword = (password: string) => {
  const policy = organisationPolicy(env, { email });
  return { ...policy, destinations: policy.destinations.map((d) => ({ ...d, password })) };
};

let removePolicy: () => void;
let run: RunningBrowser;

beforeAll(async () => {
  removePolicy = installChromiumPolicy(env.extensionId, policyWithPassword('wrong-secret'));
  run = await launchChromium(env.extensionDir, env.extensionId);
  await run.serviceWorker();
});

afterAll(async () => {
  await run?.close(true);
  removePolicy?.();
});

/** The extension's persisted capture sessions' tab addresses, read inside its service worker. */
async function sessionUrls(): Promise<string[]> {
  return Object.values(await storedSessions(await run.serviceWorker())).map((s) => s.tabUrl);
}

/** Every row of one store of the outbox (the real IndexedDB of the service worker, shared/outbox/db.ts). */
async function outboxRows<T>(store: 'items' | 'deliveries' | 'destinations'): Promise<T[]> {
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

async function badge(): Promise<{ text: string; color: number[] }> {
  const sw = await run.serviceWorker();
  return sw.evaluate(async () => ({
    text: await chrome.action.getBadgeText({}),
    color: await chrome.action.getBadgeBackgroundColor({}),
  }));
}

/** Open the article and wait until the extension holds a reading session for it (its content script ran). */
async function openArticle(page: Page, query: string): Promise<void> {
  await page.goto(site(`article.html?${query}`));
  await expect
    .poll(async () => (await sessionUrls()).some((u) => u.includes(query)), { timeout: 15_000 })
    .toBe(true);
}

describe('badge and private windows in Chromium', () => {
  it('shows "!" on red while the LRS refuses the credentials, keeps the item, and sends it once they are fixed', async () => {
    expect((await badge()).text).toBe('');
    const page = await run.context.newPage();
    await openArticle(page, 'case=badge');
    await readLikeALearner(page, 3);
    await page.close(); // the session ends, the item is queued (holdMinutes 0) and a sync runs

    await expect.poll(async () => (await badge()).text, { timeout: 30_000 }).toBe('!');
    expect((await badge()).color).toEqual(FAILING_RED);
    const [destination] = await outboxRows<{ id: string; status: string; lastErrorStatus?: number }>(
      'destinations',
    );
    expect(destination).toMatchObject({ id: 'acme', status: 'paused', lastErrorStatus: 401 });
    // Not lost: the item is still in the outbox, its delivery pending and its failure recorded.
    const items = await outboxRows<{ id: string; state: string }>('items');
    expect(items).toEqual([expect.objectContaining({ state: 'ready' })]);
    const deliveries = await outboxRows<{ itemId: string; state: string; attempts: number }>('deliveries');
    expect(deliveries).toEqual([
      expect.objectContaining({ itemId: items[0]!.id, state: 'pending', attempts: 1 }),
    ]);
    expect(await statementsOf(env.lrs, agent)).toEqual([]);

    // The learner cannot override an enforced destination (shared/policy/destinations.ts: the organisation's
    // id wins), so the admin fixes the policy; Chromium applies it on a policy reload, the extension sees the
    // managed storage change and the paused destination retries at once with its new credentials.
    installChromiumPolicy(env.extensionId, policyWithPassword(env.lrs.password));
    const policyPage = await run.context.newPage();
    await policyPage.goto('chrome://policy');
    await policyPage.locator('#reload-policies').click();
    await policyPage.close();
    const sent = await waitForStatement(env.lrs, agent, (s) => s.verb.id === READ);
    expect(sent.id).toBe(items[0]!.id);
    await expect.poll(async () => (await badge()).text, { timeout: 15_000 }).toBe('');
    expect((await statementsOf(env.lrs, agent)).filter((s) => s.verb.id === READ)).toHaveLength(1);
  });

  it('captures nothing in a private window, while the same page in a normal window is captured', async () => {
    // Over CDP, a new browser context is an off-the-record profile: where the extension may never run.
    const privateContext = await run.browser.newContext();
    const privatePage = await privateContext.newPage();
    await privatePage.goto(site('article.html?case=private'));
    const normalPage = await run.context.newPage();
    // The control: the normal window's content script reports, so the private one had the same chance.
    await openArticle(normalPage, 'case=normal');

    await readLikeALearner(privatePage, 3); // longer than articleMinSeconds
    await readLikeALearner(normalPage, 3);
    expect((await sessionUrls()).filter((u) => u.includes('case='))).toEqual([
      site('article.html?case=normal'),
    ]);
    await privatePage.close();
    await privateContext.close();
    await normalPage.close();

    // FIFO delivery: once the normal window's statement is in the LRS, anything from the private one would be.
    await expect
      .poll(async () => (await statementsOf(env.lrs, agent)).filter((s) => s.verb.id === READ).length, {
        timeout: 30_000,
      })
      .toBe(2); // the first test's and the normal window's
    expect(await outboxRows('items')).toHaveLength(2);
  });
});
