/**
 * With the organisation asking for review before sync: the learner tags, reflects and approves in the popup;
 * the service worker stopped mid-session loses nothing; items waiting when the browser closes are still there
 * after it reopens and are sent once; an item an LRS refused shows in the popup with its message, and "Send
 * again" on it or "Send it again" (all) sends it, stored once.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, type RunningBrowser } from './support/chromium';
import { statementsOf, waitForStatement } from './support/lrs-watch';
import { installChromiumPolicy } from './support/policy-file';
import { organisationPolicy } from './support/scenario';
import { readLikeALearner, stopServiceWorker } from './support/pages';
import { storedSessions } from './support/sessions';

const env = inject('e2e');
const email = `lin+${randomUUID().slice(0, 8)}@acme.example`;
const agent = { mbox: `mailto:${email}` };
const site = (path: string) => `http://127.0.0.1:${env.port}/${path}`;
const READ = 'http://activitystrea.ms/schema/1.0/read';

let removePolicy: () => void;
let run: RunningBrowser;

beforeAll(async () => {
  removePolicy = installChromiumPolicy(
    env.extensionId,
    organisationPolicy(
      env,
      { email },
      {
        capture: { reviewBeforeSync: true },
        skills: {
          frameworks: [
            {
              id: 'acme',
              name: 'Acme competencies',
              skills: [
                {
                  id: 'https://skills.acme.example/s/negotiation',
                  name: 'Negotiation',
                  altNames: ['deal making'],
                },
              ],
            },
          ],
        },
      },
    ),
  );
  run = await launchChromium(env.extensionDir, env.extensionId);
  await run.serviceWorker();
});

afterAll(async () => {
  await run?.close(true);
  removePolicy?.();
});

async function openPopup(): Promise<Page> {
  const popup = await run.context.newPage();
  await popup.goto(`chrome-extension://${env.extensionId}/popup.html`);
  return popup;
}

/** Deliveries of one item in the extension's outbox (IndexedDB, read from an extension page of the same origin). */
function deliveries(page: Page, itemId: string, refuse?: string): Promise<string[]> {
  return page.evaluate(
    ([id, message]) =>
      new Promise<string[]>((done, fail) => {
        const open = indexedDB.open('trailnote-outbox');
        open.onerror = () => fail(new Error(String(open.error)));
        open.onsuccess = () => {
          const tx = open.result.transaction('deliveries', message ? 'readwrite' : 'readonly');
          const store = tx.objectStore('deliveries');
          const rows = store.index('itemId').getAll(id);
          let states: string[] = [];
          rows.onsuccess = () => {
            const found = rows.result as Array<Record<string, unknown>>;
            states = found.map((d) => String(d.state));
            // As the engine's quarantine writes a 400 (shared/outbox/outbox.ts): the LRS here accepts all.
            if (message)
              for (const d of found)
                store.put({
                  ...d,
                  state: 'quarantined',
                  lastError: message,
                  quarantine: { status: 400, message, at: 1 },
                });
          };
          tx.oncomplete = () => {
            open.result.close();
            done(states);
          };
          tx.onerror = () => fail(new Error(String(tx.error)));
        };
      }),
    [itemId, refuse ?? ''] as const,
  );
}

describe('review, tagging and restarts in Chromium', () => {
  it('finishes a reading session across a service-worker stop, and holds it for review', async () => {
    const page = await run.context.newPage();
    await page.goto(site('article.html'));
    const worker = await run.serviceWorker();
    const readingSessions = async () => Object.keys(await storedSessions(worker)).length;
    await expect.poll(readingSessions, { timeout: 15_000 }).toBe(1);
    await readLikeALearner(page, 1);
    await stopServiceWorker(run);
    await readLikeALearner(page, 2); // the next event starts a fresh worker, which carries on from the stored session
    await page.close();
    const popup = await openPopup();
    await popup
      .getByRole('heading', { name: 'Learning in the flow of work' })
      .waitFor({ state: 'visible', timeout: 15_000 });
    await popup.close();
    expect(await statementsOf(env.lrs, agent)).toEqual([]); // waiting for review: nothing sent
    // The toolbar badge counts what waits for the learner.
    const current = await run.serviceWorker();
    await expect
      .poll(() => current.evaluate(() => chrome.action.getBadgeText({})), { timeout: 15_000 })
      .toBe('1');
  });

  it('keeps the item waiting across a browser restart', async () => {
    const profile = run.profileDir;
    await run.close();
    run = await launchChromium(env.extensionDir, env.extensionId, profile);
    await run.serviceWorker();
    const popup = await openPopup();
    await popup
      .getByRole('heading', { name: 'Learning in the flow of work' })
      .waitFor({ state: 'visible', timeout: 15_000 });
    await popup.close();
    expect(await statementsOf(env.lrs, agent)).toEqual([]);
  });

  it('sends what the learner tagged, reflected and approved in the popup, once', async () => {
    const popup = await openPopup();
    const combo = popup.getByRole('combobox', { name: 'Skills' }).first();
    await combo.fill('deal mak');
    await combo.press('ArrowDown');
    await combo.press('Enter');
    await popup.getByRole('textbox', { name: 'Reflection' }).first().fill('Anchor high, then listen.');
    await popup.getByRole('button', { name: 'Save and approve' }).first().click();
    const st = await waitForStatement(env.lrs, agent, (s) => s.verb.id === READ);
    const context = st.context as {
      contextActivities: {
        category: Array<{ id: string; definition: { type: string; name: Record<string, string> } }>;
      };
      extensions: Record<string, string>;
    };
    expect(context.contextActivities.category).toContainEqual(
      expect.objectContaining({
        id: 'https://skills.acme.example/s/negotiation',
        definition: expect.objectContaining({
          type: 'https://w3id.org/xapi/tla/activity-types/competency',
        }) as unknown,
      }),
    );
    expect(context.extensions['http://id.tincanapi.com/extension/reflection']).toBe(
      'Anchor high, then listen.',
    );
    await popup.close();
    expect((await statementsOf(env.lrs, agent)).filter((s) => s.verb.id === READ)).toHaveLength(1);
  });

  it('lists an item the LRS refused in the popup with its message; "Send again" and "Send it again" send it, once', async () => {
    const [sent] = (await statementsOf(env.lrs, agent)).filter((s) => s.verb.id === READ);
    const popup = await openPopup();
    const refused = popup.locator('section[aria-labelledby="tn-refused-heading"]');
    // One item (per-item button), then the same refused again (the list's button for all).
    for (const button of [/^Send “.+” again$/, /^Send it again$/]) {
      const message = `HTTP 400: refused in this test (${String(button)})`;
      await deliveries(popup, sent!.id, message);
      await popup.reload();
      await refused.getByText(message, { exact: false }).waitFor();
      expect(await refused.locator('#tn-refused-heading').textContent()).toBe('Refused by the LRS (1)');
      await refused.getByRole('button', { name: button }).click();
      await refused.waitFor({ state: 'detached' });
      await expect.poll(() => deliveries(popup, sent!.id), { timeout: 20_000 }).toEqual(['sent']);
    }
    await popup.close();
    expect((await statementsOf(env.lrs, agent)).filter((s) => s.verb.id === READ)).toHaveLength(1);
  });
});
