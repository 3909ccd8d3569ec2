/**
 * Privacy in the built extension (issue 9, docs/policy.md `capture.allowedPrivateHosts`): the fixture server is
 * on 127.0.0.1, a loopback address, so under a policy that does not list it a page read there is never captured.
 * The control, in the same browser: the admin adds the allowance (as every other e2e policy has it), Chromium
 * reloads the policy, and the same page read the same way becomes an item.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type RunningBrowser } from './support/chromium';
import { readLikeALearner } from './support/pages';
import { installChromiumPolicy } from './support/policy-file';
import { FIXTURE_PRIVATE_HOSTS, organisationPolicy } from './support/scenario';

const env = inject('e2e');
const email = `lin+${randomUUID().slice(0, 8)}@acme.example`;
const article = (query: string) => `http://127.0.0.1:${env.port}/article.html?${query}`;

let removePolicy: () => void;
let run: RunningBrowser;

const policy = (allowedPrivateHosts: string[]) =>
  organisationPolicy(env, { email }, { capture: { allowedPrivateHosts } });

beforeAll(async () => {
  removePolicy = installChromiumPolicy(env.extensionId, policy([]));
  run = await launchChromium(env.extensionDir, env.extensionId);
  await run.serviceWorker();
});

afterAll(async () => {
  await run?.close(true);
  removePolicy?.();
});

/** The pages the outbox holds items for (the service worker's real IndexedDB, shared/outbox/db.ts). */
async function queuedUrls(): Promise<string[]> {
  const sw = await run.serviceWorker();
  return sw.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('trailnote-outbox');
        open.onsuccess = () => {
          const req = open.result.transaction('items').objectStore('items').getAll();
          req.onsuccess = () => {
            open.result.close();
            resolve((req.result as Array<{ meta?: { url?: string } }>).map((i) => i.meta?.url ?? ''));
          };
          req.onerror = () => reject(new Error(String(req.error)));
        };
        open.onerror = () => reject(new Error(String(open.error)));
      }),
  );
}

/** Read the article for longer than the policy's articleMinSeconds, then close it (the session ends). */
async function readAndClose(query: string): Promise<void> {
  const page: Page = await run.context.newPage();
  await page.goto(article(query));
  await readLikeALearner(page, 3);
  await page.close();
}

describe('private hosts in Chromium', () => {
  it('a page on a loopback host is not captured unless the policy lists it in allowedPrivateHosts', async () => {
    await readAndClose('case=not-listed');

    // The admin reopens loopback; Chromium applies the policy on a reload and the extension reads it again.
    installChromiumPolicy(env.extensionId, policy(FIXTURE_PRIVATE_HOSTS));
    const policyPage = await run.context.newPage();
    await policyPage.goto('chrome://policy');
    await policyPage.locator('#reload-policies').click();
    await policyPage.close();
    const sw = await run.serviceWorker();
    await expect
      .poll(async () => (await sw.evaluate(() => chrome.storage.managed.get(null))).capture)
      .toMatchObject({ allowedPrivateHosts: FIXTURE_PRIVATE_HOSTS });

    await readAndClose('case=listed');
    await expect
      .poll(async () => (await queuedUrls()).filter((u) => u.includes('case=listed')))
      .toHaveLength(1);
    // Read the same way, the first page left nothing: no item, now or later.
    expect((await queuedUrls()).filter((u) => u.includes('case=not-listed'))).toEqual([]);
  });
});
