/**
 * The desktop's My learning window end to end, without Electron (ENVIRONMENT.md; desktop/testing/chromium-
 * harness.ts): the built pages in real Chromium with a fake of the preload API, the real main-side handlers
 * and the desktop services in this process, the real outbox page (Dexie + the shared SyncEngine and shared/record) and
 * the real LRS. A quick-logged item is sent; a reflection added in My learning arrives as `commented` about it
 * (docs/xapi-profile.md § Reflections); the xAPI export holds exactly the statements the outbox sent; deleting it
 * arrives as `voided`; an item an LRS refused shows its message and "Send again" sends it. Over 1,101 items
 * (no LRS): "Show older items" pages the timeline by 50, and a filter that finds nothing among the newest items
 * one request reads says so, and "Show older items" finds it further back. axe finds nothing serious or critical, light or dark; screenshots for the README.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  buildRenderer,
  startDesktopHarness,
  type DesktopHarness,
} from '../../desktop/testing/chromium-harness';
import { checkQuickLog, quickLogItem } from '../../desktop/core/quick-log';
import { SCAN_BUDGET } from '../../shared/record/query';
import { bookForm, quarantineInOutbox } from './support/desktop-outbox';
import { statementsOf, waitForStatement } from './support/lrs-watch';
import { seriousViolations } from './support/pages';

const env = inject('e2e');
const email = `lin+${randomUUID().slice(0, 8)}@acme.example`;
const agent = { mbox: `mailto:${email}` };
const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
const VERB = {
  commented: 'http://adlnet.gov/expapi/verbs/commented',
  voided: 'http://adlnet.gov/expapi/verbs/voided',
};
const TITLE = 'Refactoring, second edition';
const CLARITY = 'https://skills.acme.example/s/code-clarity';
const JAVASCRIPT = 'http://data.europa.eu/esco/skill/3cd569a2-4f88-4c1e-9995-8dce8c5e51a7';
const ESCO_CSV = readFileSync(resolve(import.meta.dirname, '../fixtures/esco/digital-sample.csv'), 'utf8');
let harness: DesktopHarness;
/** Serves the ESCO framework the policy names by URL (docs/policy.md `skills.frameworks[].url`). */
let frameworkServer: Server;
let originalId = '';
let commentId = '';

beforeAll(async () => {
  frameworkServer = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/csv' }).end(ESCO_CSV);
  });
  await new Promise<void>((done) => frameworkServer.listen(0, '127.0.0.1', done));
  const frameworkUrl = `http://127.0.0.1:${(frameworkServer.address() as AddressInfo).port}/digital.csv`;
  await buildRenderer();
  harness = await startDesktopHarness({
    destinations: [{ id: 'acme', name: 'Acme LRS', ...env.lrs, xapiVersion: 'auto' }],
    learner: { name: 'Lin Example', email },
    skills: {
      frameworks: [
        {
          id: 'acme',
          name: 'Acme competencies',
          skills: [{ id: CLARITY, name: 'Code clarity', altNames: ['readable code'] }],
        },
        { id: 'esco-digital', name: 'ESCO digital', url: frameworkUrl, format: 'esco-csv' },
      ],
    },
  });
});

afterAll(async () => {
  await harness?.close();
  frameworkServer?.closeAllConnections();
  await new Promise((done) => frameworkServer?.close(done));
});

const entryOf = (page: Page) =>
  page.locator('article', { has: page.getByRole('heading', { name: TITLE, exact: true }) });

/** The window reloads when main says the status changed; the harness has no such push, so reload until. */
async function reloadUntil(page: Page, ready: () => Promise<boolean>): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.reload();
        await page.getByRole('heading', { name: 'My learning', level: 1 }).waitFor();
        await page.locator('#tn-timeline-heading').waitFor();
        return ready();
      },
      { timeout: 20_000, interval: 300 },
    )
    .toBe(true);
}

describe('desktop My learning → outbox → LRS', () => {
  it('downloads the framework the policy names by URL and shows its status in the settings window', async () => {
    await harness.frameworks.refresh(harness.app.settings.resolved().resolved.settings.skills);
    const page = await harness.open('settings');
    const framework = page.locator('.tn-framework', {
      has: page.getByRole('heading', { name: 'ESCO digital' }),
    });
    await expect.poll(() => framework.locator('.tn-framework-status').textContent()).toBe('Loaded 7 skills.');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('quick-logs an item that is sent', async () => {
    const page = await harness.open('quick-log');
    await page.setViewportSize({ width: 520, height: 720 });
    await page.getByLabel('What was it?').selectOption('book');
    await page.getByLabel('Title').fill(TITLE);
    await page.getByLabel('How long (minutes)').fill('90');
    const combo = page.getByRole('combobox', { name: 'Skills' });
    await combo.fill('readable');
    await combo.press('ArrowDown');
    await combo.press('Enter');
    await combo.fill('javascr'); // from the downloaded ESCO framework
    await combo.press('ArrowDown');
    await combo.press('Enter');
    await page.getByLabel('Reflection').fill('Small steps, tests first.');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'desktop-quick-log.png'), fullPage: true });
    const closed = page.waitForEvent('close');
    await page.getByRole('button', { name: 'Save' }).click();
    await closed;
    const sent = await waitForStatement(env.lrs, agent, (s) => JSON.stringify(s.object).includes(TITLE));
    originalId = sent.id;
    const categories = (sent.context as { contextActivities: { category: Array<{ id: string }> } })
      .contextActivities.category;
    expect(categories.map((c) => c.id)).toEqual(expect.arrayContaining([CLARITY, JAVASCRIPT]));
  });

  it('sends a reflection added in My learning as `commented` about the original', async () => {
    const page = await harness.open('my-learning');
    await page.setViewportSize({ width: 1000, height: 900 });
    const entry = entryOf(page);
    await reloadUntil(page, async () => (await entry.getByText('Status: sent').count()) === 1);
    await entry.getByRole('button', { name: 'Add a reflection or skills' }).click();
    await entry.getByRole('textbox', { name: 'Reflection' }).fill('Applied it to the billing module.');
    await entry.getByRole('button', { name: 'Send' }).click();
    const comment = await waitForStatement(
      env.lrs,
      agent,
      (s) => s.verb.id === VERB.commented && s.object.id === originalId,
    );
    commentId = comment.id;
    expect(comment.object).toEqual({ objectType: 'StatementRef', id: originalId });
    expect(comment.result).toEqual({ response: 'Applied it to the billing module.' });
    const categories = (comment.context as { contextActivities: { category: Array<{ id: string }> } })
      .contextActivities.category;
    expect(categories.map((c) => c.id)).toContain(CLARITY);
    expect(JSON.stringify(categories)).toContain('https://trailnote.app/xapi/source/desktop/');
    await entry.getByText('Applied it to the billing module.').waitFor();

    expect(await seriousViolations(page)).toEqual([]);
    await reloadUntil(
      page,
      async () =>
        (await entry
          .locator('.tn-comment')
          .getByText(/· sent$/)
          .count()) === 1,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'desktop-my-learning.png'), fullPage: true });
    expect(harness.refused).toEqual([]);
    await page.close();
  });

  it('shows an item an LRS refused with its message; "Send again" queues it and it is sent', async () => {
    // The engine's quarantine (shared/outbox/outbox.ts), written as it would after a 400: the real LRS accepts
    // everything this app makes, so the refusal is put in the outbox page's IndexedDB directly.
    const message = 'HTTP 400: statement refused by the LRS (e2e)';
    await quarantineInOutbox(harness.outboxPage, originalId, message);
    await harness.app.sync.summary();
    expect(harness.app.tray.state().refused).toEqual({ count: 1, message });
    const page = await harness.open('my-learning');
    const entry = entryOf(page);
    await reloadUntil(page, async () => (await entry.getByText(message).count()) === 1);
    await entry.getByRole('button', { name: 'Send again' }).click();
    await page.getByRole('status').getByText('Queued to be sent again.').waitFor();
    await reloadUntil(page, async () => (await entry.getByText('Status: sent').count()) === 1);
    expect(await entry.getByRole('button', { name: 'Send again' }).count()).toBe(0);
    await harness.app.sync.summary();
    expect(harness.app.tray.state().refused).toBeUndefined();
    expect(harness.refused).toEqual([]);
    await page.close();
  });

  it('exports the statements exactly as sent, and CSV', async () => {
    const page = await harness.open('my-learning');
    await page.getByRole('heading', { name: 'My learning', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Export xAPI JSON' }).click();
    await page.getByRole('status').getByText('Saved xAPI JSON.').waitFor();
    await page.getByRole('button', { name: 'Export CSV' }).click();
    await page.getByRole('status').getByText('Saved CSV.').waitFor();
    const [xapi, csv] = harness.saved.slice(-2);
    expect(xapi?.filename).toMatch(/^trailnote-statements-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(xapi!.text) as Array<Record<string, unknown> & { id: string }>;
    const held = await statementsOf(env.lrs, agent);
    expect(exported.map((s) => s.id).sort()).toEqual(held.map((s) => s.id).sort());
    for (const statement of exported) {
      const stored = held.find((s) => s.id === statement.id)!;
      // What the LRS adds (stored, authority, version) aside, the same statement.
      for (const [key, value] of Object.entries(statement)) expect(stored[key]).toEqual(value);
    }
    expect(csv?.text.split('\r\n')[0]).toBe('date,kind,title,url,duration,skills,reflection,status');
    expect(csv?.text).toContain(`${TITLE}`);
    await page.close();
  });

  it('filters through main and the outbox window: kind and skill menus from the running totals (issue 11)', async () => {
    const page = await harness.open('my-learning');
    await entryOf(page).waitFor();
    const count = page.locator('#tn-filter-heading ~ [aria-live]');
    const skill = page.locator('.tn-filters select').nth(1);
    await skill.selectOption(JAVASCRIPT);
    await expect.poll(() => count.textContent()).toBe('1 item');
    await entryOf(page).waitFor();
    await skill.selectOption('');
    await page.locator('.tn-filters select').nth(2).selectOption('voided');
    await page.getByText('No item matches these filters.').waitFor();
    expect(await count.textContent()).toBe('0 items shown');
    expect(harness.refused).toEqual([]);
    await page.close();
  });

  it('deletes the sent item: `voided` for it and its comment, gone from the timeline', async () => {
    const page = await harness.open('my-learning');
    const entry = entryOf(page);
    await entry.waitFor();
    await entry.getByRole('button', { name: 'Delete' }).click();
    await entry.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByRole('status').getByText(`“${TITLE}” was deleted.`).waitFor();
    const voiding = await waitForStatement(
      env.lrs,
      agent,
      (s) => s.verb.id === VERB.voided && s.object.id === originalId,
    );
    expect(voiding.object).toEqual({ objectType: 'StatementRef', id: originalId });
    await waitForStatement(env.lrs, agent, (s) => s.verb.id === VERB.voided && s.object.id === commentId);
    expect(await page.getByRole('heading', { name: TITLE, exact: true }).count()).toBe(0);
    expect(harness.refused).toEqual([]);
    await page.close();
  });

  it('refuses My learning calls from other windows', async () => {
    const page = await harness.open('quick-log');
    const refused = await page.evaluate(() =>
      (window as unknown as { trailnote: { recordView(): Promise<unknown> } }).trailnote.recordView().then(
        () => false,
        () => true,
      ),
    );
    expect(refused).toBe(true);
    expect(harness.refused.at(-1)).toBe('refused recordView from quick-log');
    harness.refused.length = 0;
    await page.close();
  });
});

describe('desktop My learning over a long record (issue 11 point 2)', () => {
  // Its own window set with no LRS: 1,101 quick-logged items stay here, nothing is sent.
  let long: DesktopHarness;
  const OLDEST = 'The oldest book, deleted';
  /** More newer items than one request of My learning reads (shared/record/query.ts SCAN_BUDGET). */
  const NEWER = SCAN_BUDGET + 100;

  beforeAll(async () => {
    long = await startDesktopHarness({});
    const now = Date.now();
    const log = (title: string, when: string) => {
      const checked = checkQuickLog(bookForm(title, when), now);
      if (!checked.ok) throw new Error(`fixture: ${JSON.stringify(checked.errors)}`);
      return quickLogItem(checked.entry, long.app.settings.statementEnv());
    };
    const enqueueAll = (items: unknown[]) =>
      long.outboxPage.evaluate(async (all) => {
        const serve = (window as unknown as { __trailnoteServe: (x: unknown) => Promise<unknown> })
          .__trailnoteServe;
        for (const item of all) await serve({ op: 'enqueue', item }); // as main asks, one round trip in all
      }, items);
    // The oldest first, deleted (a `voided` follow-up: status "deleted"), then the newer ones.
    const oldest = log(OLDEST, new Date(now - 3 * 86_400_000).toISOString());
    await enqueueAll([oldest]);
    expect(await long.app.record.remove(oldest.id)).toMatchObject({ ok: true });
    await enqueueAll(
      Array.from({ length: NEWER }, (_, i) =>
        log(`Book ${i + 1}`, new Date(now - 86_400_000 + i * 1000).toISOString()),
      ),
    );
  });

  afterAll(async () => {
    await long?.close();
  });

  it('pages the timeline with "Show older items", and says when a filter found none among the newest', async () => {
    const page = await long.open('my-learning');
    const timeline = page.locator('section[aria-labelledby="tn-timeline-heading"]');
    const entries = timeline.locator('article');
    const older = page.getByRole('button', { name: 'Show older items' });
    const titled = (title: string) => page.getByRole('heading', { name: title, exact: true }).count();
    await expect.poll(() => entries.count(), { timeout: 15_000 }).toBe(50);
    expect([await titled(`Book ${NEWER}`), await titled(`Book ${NEWER - 49}`)]).toEqual([1, 1]);
    expect(await titled(`Book ${NEWER - 50}`)).toBe(0);
    await older.click();
    await expect.poll(() => entries.count()).toBe(100);
    expect([await titled(`Book ${NEWER - 50}`), await titled(`Book ${NEWER - 99}`)]).toEqual([1, 1]);

    // Only the oldest is deleted: the newest items one request reads hold none, so the window says so and
    // offers to look further back, where it is.
    await page.locator('.tn-filters select').nth(2).selectOption('voided');
    await expect
      .poll(() => timeline.innerText())
      .toContain(
        'No item matches these filters among the newest; look further back with “Show older items”.',
      );
    expect(await entries.count()).toBe(0);
    await older.click();
    await page.getByRole('heading', { name: OLDEST, exact: true }).waitFor();
    expect(await entries.count()).toBe(1);
    expect(await older.count()).toBe(0); // nothing older left
    expect(long.refused).toEqual([]);
    await page.close();
  });
});
