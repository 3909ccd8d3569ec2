/**
 * The learner's record end to end in Chromium against the real LRS (issue 4, parts 1, 2, 4, 6, 7): an article
 * read and a video watched are tagged, reflected on and approved in the popup and arrive with their skills in
 * `category` and the reflection; a reflection added in My learning arrives as `commented` about the original;
 * deleting the article arrives as `voided` (its comment too); the xAPI export equals exactly what the LRS holds for the learner.
 * Pausing for an hour stops capture; "capture this page" creates an item. axe-core finds no serious or critical
 * problem on the popup or My learning, light or dark; screenshots go to docs/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { WeekTally } from '../../shared/insights';
import type { OutboxItem, RecordRow } from '../../shared/outbox';
import { addToTally, recordRow } from '../../shared/outbox/tally';
import { statementById, statementsFor } from '../support/read-back';
import { launchChromium, type RunningBrowser } from './support/chromium';
import { statementsOf, waitForStatement } from './support/lrs-watch';
import { installChromiumPolicy } from './support/policy-file';
import { organisationPolicy, playMediaToEnd } from './support/scenario';
import { openExtensionPage, readLikeALearner, seriousViolations } from './support/pages';
import { storedSessions } from './support/sessions';

const env = inject('e2e');
const email = `kim+${randomUUID().slice(0, 8)}@acme.example`;
const agent = { mbox: `mailto:${email}` };
const site = (path: string) => `http://127.0.0.1:${env.port}/${path}`;
const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
const VERB = {
  read: 'http://activitystrea.ms/schema/1.0/read',
  watch: 'http://activitystrea.ms/schema/1.0/watch',
  commented: 'http://adlnet.gov/expapi/verbs/commented',
  voided: 'http://adlnet.gov/expapi/verbs/voided',
};
const NEGOTIATION = 'https://skills.acme.example/s/negotiation';
const DESIGN = 'https://skills.acme.example/s/interaction-design';
const ARTICLE = 'Learning in the flow of work';
/** The read-back helpers take an LRS under test; the e2e LRS is one the suite started. */
const lrs = { ...env.lrs, local: true };

let removePolicy: () => void;
let run: RunningBrowser;
let articleId = '';

beforeAll(async () => {
  removePolicy = installChromiumPolicy(
    env.extensionId,
    organisationPolicy(
      env,
      { email, name: 'Kim Example' },
      {
        capture: { reviewBeforeSync: true },
        skills: {
          frameworks: [
            {
              id: 'acme',
              name: 'Acme competencies',
              skills: [
                { id: NEGOTIATION, name: 'Negotiation', altNames: ['deal making'] },
                { id: DESIGN, name: 'Interaction design', altNames: ['ux design'] },
                { id: 'https://skills.acme.example/s/coaching', name: 'Coaching' },
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

const worker = () => run.serviceWorker();
const sessionCount = async () => Object.keys(await storedSessions(await worker())).length;

type Statement = Record<string, unknown> & { id: string; verb: { id: string }; object: { id: string } };

describe('My learning, follow-ups and popup extras in Chromium', () => {
  it('sends what was tagged, reflected and approved in the popup, skills in category', async () => {
    const video = await run.context.newPage();
    await video.goto(site('video.html'));
    const played = video.evaluate(playMediaToEnd, 'video');
    const article = await run.context.newPage();
    await article.goto(site('article.html'));
    await expect.poll(sessionCount, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    await readLikeALearner(article, 3);
    await played;
    await article.close();
    await video.close();

    const popup = await openExtensionPage(run, 'popup.html', 360);
    const card = (title: string) =>
      popup.locator('article', { has: popup.getByRole('heading', { name: title, exact: true }) });
    await card(ARTICLE).waitFor({ timeout: 15_000 });
    await card('Designing for attention: a short talk').waitFor({ timeout: 15_000 });
    const articleCard = card(ARTICLE);
    const combo = articleCard.getByRole('combobox', { name: 'Skills' });
    await combo.fill('deal mak');
    await combo.press('ArrowDown');
    await combo.press('Enter');
    await articleCard.getByRole('textbox', { name: 'Reflection' }).fill('Anchor high, then listen.');
    const videoCard = card('Designing for attention: a short talk');
    const videoCombo = videoCard.getByRole('combobox', { name: 'Skills' });
    await videoCombo.fill('ux des');
    await videoCombo.press('ArrowDown');
    await videoCombo.press('Enter');
    expect(await seriousViolations(popup)).toEqual([]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await popup.screenshot({ path: join(SCREENSHOTS, 'popup.png'), fullPage: true });

    await articleCard.getByRole('button', { name: 'Save and approve' }).click();
    await videoCard.getByRole('button', { name: 'Save and approve' }).click();
    const sent = await waitForStatement(env.lrs, agent, (s) => s.verb.id === VERB.read);
    await waitForStatement(env.lrs, agent, (s) => s.verb.id === VERB.watch);
    articleId = sent.id;
    const context = sent.context as {
      contextActivities: { category: Array<{ id: string; definition: { type: string } }> };
      extensions: Record<string, string>;
    };
    expect(context.contextActivities.category).toContainEqual(
      expect.objectContaining({
        id: NEGOTIATION,
        definition: expect.objectContaining({
          type: 'https://w3id.org/xapi/tla/activity-types/competency',
        }) as unknown,
      }),
    );
    expect(context.extensions['http://id.tincanapi.com/extension/reflection']).toBe(
      'Anchor high, then listen.',
    );
    await popup.close();
  });

  it('captures nothing while paused for an hour, and resumes', async () => {
    const popup = await openExtensionPage(run, 'popup.html', 360);
    await popup.getByRole('button', { name: 'For an hour' }).click();
    await popup.getByRole('button', { name: 'Resume capture' }).waitFor();
    const pausedUntil = await (
      await worker()
    ).evaluate(async () => (await chrome.storage.local.get('pausedUntil')).pausedUntil as number);
    expect(pausedUntil - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(await popup.getByText(/^Capture is paused until/).count()).toBe(1);

    const before = await outboxSize();
    const page = await run.context.newPage();
    await page.goto(site('article.html'));
    await readLikeALearner(page, 3); // long enough to count, were capture on
    expect(await sessionCount()).toBe(0);
    await page.close();
    expect(await outboxSize()).toBe(before);

    await popup.getByRole('button', { name: 'Resume capture' }).click();
    await popup.getByRole('button', { name: 'For an hour' }).waitFor();
    await popup.close();
  });

  it('captures a page the detectors did not see, as the kind the learner says', async () => {
    const page = await run.context.newPage();
    await page.goto(site('podcast.html'));
    const tabs = await (await worker()).evaluate(() => chrome.tabs.query({}));
    const tabId = tabs.find((t) => t.url?.endsWith('/podcast.html'))!.id!;
    // The popup's "Capture this page" sends this for the active tab (the button is tested in App.test.tsx; a
    // popup opened as a tab here would be its own active tab).
    const popup = await openExtensionPage(run, 'popup.html', 360);
    const answer = (await popup.evaluate(
      (id) => chrome.runtime.sendMessage({ type: 'capture/page', tabId: id, kind: 'podcast' }),
      tabId,
    )) as { ok: boolean; id: string };
    expect(answer.ok).toBe(true);
    await popup.reload();
    await popup
      .locator('article', {
        has: popup.getByRole('heading', { name: 'Episode 7: Learning in the flow of work' }),
      })
      .getByText('waiting for your approval')
      .waitFor();
    await popup.close();
    await page.close();
  });

  it('sends a reflection added in My learning as `commented`, and a deletion as `voided`', async () => {
    const dash = await openExtensionPage(run, 'dashboard.html', 1000);
    await dash.getByRole('heading', { name: 'My learning', level: 1 }).waitFor();
    const entry = dash.locator('article', { has: dash.getByRole('heading', { name: ARTICLE, exact: true }) });
    await entry.getByText('Status: sent').waitFor({ timeout: 15_000 });
    await entry.getByRole('button', { name: 'Add a reflection or skills' }).click();
    await entry.getByRole('textbox', { name: 'Reflection' }).fill('Tried it in my 1:1 today: it worked.');
    await entry.getByRole('button', { name: 'Send' }).click();
    const comment = await waitForStatement(env.lrs, agent, (s) => s.verb.id === VERB.commented);
    expect(comment.object).toEqual({ objectType: 'StatementRef', id: articleId });
    expect(comment.result).toEqual({ response: 'Tried it in my 1:1 today: it worked.' });
    const categories = (comment.context as { contextActivities: { category: Array<{ id: string }> } })
      .contextActivities.category;
    expect(categories.map((c) => c.id)).toContain(NEGOTIATION);
    await entry.getByText('Tried it in my 1:1 today: it worked.').waitFor();

    // Tag the hand-captured podcast (still in review) from My learning.
    const podcast = dash.locator('article', {
      has: dash.getByRole('heading', { name: 'Episode 7: Learning in the flow of work' }),
    });
    await podcast.getByRole('button', { name: 'Tag or reflect' }).click();
    const combo = podcast.getByRole('combobox', { name: 'Skills' });
    await combo.fill('coach');
    await combo.press('ArrowDown');
    await combo.press('Enter');
    await podcast.getByRole('button', { name: 'Save' }).click();
    await podcast.getByRole('button', { name: 'Tag or reflect' }).waitFor(); // saved: the editor closed
    await podcast.getByRole('list', { name: 'Chosen skills' }).getByText('Coaching').waitFor();

    expect(await seriousViolations(dash)).toEqual([]);

    await entry.getByRole('button', { name: 'Delete' }).click();
    await entry.getByRole('button', { name: 'Yes, delete' }).click();
    const voiding = await waitForStatement(
      env.lrs,
      agent,
      (s) => s.verb.id === VERB.voided && s.object.id === articleId,
    );
    expect(voiding.object).toEqual({ objectType: 'StatementRef', id: articleId });
    // The comment about it is withdrawn with it.
    await waitForStatement(env.lrs, agent, (s) => s.verb.id === VERB.voided && s.object.id === comment.id);
    await dash.getByRole('status').getByText(`“${ARTICLE}” was deleted.`).waitFor();
    expect(await dash.getByRole('heading', { name: ARTICLE, exact: true }).count()).toBe(0); // gone from the view
    // The LRS hides the voided statement from queries; it still holds it.
    expect((await statementsOf(env.lrs, agent)).map((s) => s.id)).not.toContain(articleId);
    expect(await statementById(lrs, articleId, true)).toMatchObject({ id: articleId });
    await dash.close();
  });

  it('exports exactly the statements the LRS holds for the learner', async () => {
    const dash = await openExtensionPage(run, 'dashboard.html', 1000);
    await dash.getByRole('heading', { name: 'My learning', level: 1 }).waitFor();
    await dash.getByRole('button', { name: 'Export xAPI JSON' }).click();
    await dash.getByRole('status').getByText('Saved xAPI JSON.').waitFor();
    const file = (await dash.evaluate(() =>
      chrome.runtime.sendMessage({ type: 'record/export', format: 'xapi' }),
    )) as {
      text: string;
    };
    const exported = JSON.parse(file.text) as Statement[];
    const held = (await statementsFor(lrs, agent)) as Statement[];
    // The LRS hides voided statements from queries (the read and the comment on it): fetch them by id.
    const heldIds = new Set(held.map((s) => s.id));
    const voided: Statement[] = [];
    for (const s of exported)
      if (!heldIds.has(s.id)) voided.push((await statementById(lrs, s.id, true)) as Statement);
    expect(voided.map((s) => s.verb.id).sort()).toEqual([VERB.read, VERB.commented].sort());
    const strip = ({ stored: _s, authority: _a, version: _v, ...rest }: Statement) => rest;
    const byId = (list: Statement[]) => Object.fromEntries(list.map((s) => [s.id, strip(s)]));
    // read, watch, the comment, and the voids of the read and of the comment.
    expect(exported.map((s) => s.verb.id).sort()).toEqual(
      [VERB.read, VERB.watch, VERB.commented, VERB.voided, VERB.voided].sort(),
    );
    expect(byId(exported)).toEqual(byId([...held, ...voided]));
    await dash.close();
  });

  it('shows a realistic record for the screenshot', async () => {
    // Items with realistic times and skills, put in review so they are never sent (the checks above are done);
    // they only make the picture of the page look like a few weeks of use.
    await (await worker()).evaluate(seedOutbox, screenshotRows(agent.mbox, Date.now()));
    const dash = await openExtensionPage(run, 'dashboard.html', 1000);
    await dash.getByRole('heading', { name: 'Time per skill per week' }).waitFor();
    await dash.getByRole('heading', { name: 'Negotiating with suppliers: a field guide' }).waitFor();
    await dash.screenshot({ path: join(SCREENSHOTS, 'my-learning.png'), fullPage: true });
    await dash.close();
  });

  it('filters through the background and reads a long record page by page (issue 11)', async () => {
    const books = 130;
    await (await worker()).evaluate(seedOutbox, bookRows(agent.mbox, Date.now(), books));
    const dash = await openExtensionPage(run, 'dashboard.html', 1000);
    const entries = dash.locator('.tn-entry');
    const count = dash.locator('#tn-filter-heading ~ [aria-live]');
    await dash.getByRole('heading', { name: 'Negotiating with suppliers: a field guide' }).waitFor();
    // A skill: its items only (the episode tagged in the popup above, then the seeded ones), newest first,
    // counted from the running totals.
    await dash.locator('.tn-filters select').nth(1).selectOption({ label: 'Coaching' });
    await expect
      .poll(() => entries.locator('.tn-card-title').allTextContents())
      .toEqual([
        'Episode 7: Learning in the flow of work | The Practice Podcast',
        'Coaching conversations that stick',
        'The GROW model in ten minutes',
      ]);
    expect(await count.textContent()).toBe('3 items');
    // A kind with more than two pages: the newest 50, then older pages on request.
    await dash.locator('.tn-filters select').nth(1).selectOption('');
    await dash.locator('.tn-filters select').nth(0).selectOption('book');
    await expect.poll(() => count.textContent()).toBe(`${books} items`);
    await expect.poll(() => entries.count()).toBe(50);
    await dash.getByRole('button', { name: 'Show older items' }).click();
    await expect.poll(() => entries.count()).toBe(100);
    await dash.getByRole('button', { name: 'Show older items' }).click();
    await expect.poll(() => entries.count()).toBe(books);
    expect(await dash.getByRole('button', { name: 'Show older items' }).count()).toBe(0);
    await dash.close();
  });
});

/** Items in review as the outbox stores them, with their record rows and what they add to its running totals. */
function seedRows(items: OutboxItem[]): { items: OutboxItem[]; record: RecordRow[]; tally: WeekTally[] } {
  const tally = new Map<string, WeekTally>();
  for (const item of items) addToTally(tally, item);
  return { items, record: items.flatMap((i) => recordRow(i) ?? []), tally: [...tally.values()] };
}

function reviewItem(
  agentMbox: string,
  n: number,
  at: number,
  meta: OutboxItem['meta'],
  seconds: number,
): OutboxItem {
  const id = randomUUID();
  const statement = {
    id,
    actor: { objectType: 'Agent', mbox: agentMbox },
    verb: { id: 'http://activitystrea.ms/schema/1.0/read', display: { en: 'read' } },
    object: { objectType: 'Activity', id: `https://example.com/${n}` },
    result: { duration: `PT${Math.floor(seconds / 60)}M${seconds % 60}S` },
    timestamp: new Date(at).toISOString(),
  };
  return { id, seq: 100_000 + n, state: 'review', createdAt: at, json: JSON.stringify(statement), meta };
}

/** A few weeks of items in review (never sent: the checks above are done), for the picture of the page. */
function screenshotRows(agentMbox: string, now: number) {
  const DAY = 86_400_000;
  const skill = (id: string, name: string) => ({ id: `https://skills.acme.example/s/${id}`, name });
  const negotiation = skill('negotiation', 'Negotiation');
  const design = skill('interaction-design', 'Interaction design');
  const coaching = skill('coaching', 'Coaching');
  const rows: Array<[string, string, number, number, Array<{ id: string; name: string }>, string]> = [
    ['article', 'Negotiating with suppliers: a field guide', 2, 1260, [negotiation], 'Trade, don’t concede.'],
    ['video', 'Usability testing on a shoestring', 6, 1980, [design], ''],
    ['podcast', 'Coaching conversations that stick', 9, 2640, [coaching, negotiation], 'Ask, then wait.'],
    ['article', 'Designing forms people finish', 15, 840, [design], ''],
    ['video', 'The GROW model in ten minutes', 20, 600, [coaching], 'Try GROW in Friday’s 1:1.'],
  ];
  return seedRows(
    rows.map(([kind, title, daysAgo, seconds, skills, reflection], i) =>
      reviewItem(
        agentMbox,
        i,
        now - daysAgo * DAY,
        { kind, title, skills, reflection: reflection || undefined, url: `https://example.com/${i}` },
        seconds,
      ),
    ),
  );
}

/** `n` chapters read a month ago and before, one a minute. */
function bookRows(agentMbox: string, now: number, n: number) {
  return seedRows(
    Array.from({ length: n }, (_, i) =>
      reviewItem(
        agentMbox,
        1000 + i,
        now - 30 * 86_400_000 - i * 60_000,
        { kind: 'book', title: `Chapter ${i}` },
        600,
      ),
    ),
  );
}

async function outboxSize(): Promise<number> {
  return (await worker()).evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('trailnote-outbox');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const count = open.result.transaction('items').objectStore('items').count();
          count.onsuccess = () => resolve(count.result);
          count.onerror = () => reject(new Error(String(count.error)));
        };
      }),
  );
}

/**
 * Runs in the service worker: adds the items to the outbox's IndexedDB and their share to its running totals
 * (shared/insights/tally.ts rows, added to those already there), as the outbox's own enqueue would.
 */
function seedOutbox({
  items,
  record,
  tally,
}: {
  items: unknown[];
  record: unknown[];
  tally: WeekTally[];
}): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('trailnote-outbox');
    open.onerror = () => reject(new Error(String(open.error)));
    open.onsuccess = () => {
      const tx = open.result.transaction(['items', 'record', 'tally'], 'readwrite');
      for (const item of items) tx.objectStore('items').add(item);
      for (const row of record) tx.objectStore('record').add(row);
      const rows = tx.objectStore('tally');
      for (const add of tally) {
        const get = rows.get([add.kind, add.week]);
        get.onsuccess = () => {
          const row = (get.result as WeekTally | undefined) ?? { ...add, items: 0, ms: 0, skills: [] };
          row.items += add.items;
          row.ms += add.ms;
          for (const s of add.skills) {
            const cell = row.skills.find((c) => c.id === s.id);
            if (cell) {
              cell.items += s.items;
              cell.ms += s.ms;
            } else row.skills.push({ ...s });
          }
          rows.put(row);
        };
      }
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(new Error(String(tx.error)));
    };
  });
}
