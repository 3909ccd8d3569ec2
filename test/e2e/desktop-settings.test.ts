/**
 * The desktop's settings/status window end to end, without Electron (desktop/testing/chromium-harness.ts): the
 * built page in real Chromium with a fake of the preload API, the real main-side handlers and services, the real
 * outbox page (Dexie + the shared SyncEngine) and the real LRS as the learner's own; the organisation's LRS is a
 * misbehaving one that answers 400 to every statement (issue 11 points 4 and 6):
 * - the first item is refused for its own reason (quarantined), then different statements keep being refused for
 *   one reason, so the destination is paused as "refusing statements: <message>": the window shows that row with
 *   the LRS's message and that it resumes by itself, and the refused items with their messages, "Send again" on
 *   one of them and "Send all again";
 * - the learner adds their own LRS; "Send my earlier record to My LRS (N items)" shows how many items came before
 *   it, and pressing it queues exactly those, which reach the LRS;
 * - a full disk (the outbox page's IndexedDB refusing writes) shows in the status window and the tray until an
 *   item is stored again.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  buildRenderer,
  startDesktopHarness,
  type DesktopHarness,
} from '../../desktop/testing/chromium-harness';
import { STORAGE_FULL_MESSAGE } from '../../shared/outbox/quota';
import { bookForm, quarantineInOutbox } from './support/desktop-outbox';
import { waitForStatement } from './support/lrs-watch';
import { seriousViolations } from './support/pages';

const env = inject('e2e');
const email = `noor+${randomUUID().slice(0, 8)}@acme.example`;
const agent = { mbox: `mailto:${email}` };
const TITLES = ['An odd one', 'Second book', 'Third book', 'Fourth book'];
/** What the organisation's LRS answers for the first item alone, and for every other statement. */
const OWN_REASON = 'result.duration is not an ISO 8601 duration';
const GATEWAY = 'X-Experience-API-Version is not allowed by the gateway';

/** The organisation's LRS: 400 to every POST of statements (with CORS, as the outbox page fetches it). */
let refusing: Server;
let refusingEndpoint = '';
let harness: DesktopHarness;
let itemIds: string[] = [];

beforeAll(async () => {
  refusing = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Experience-API-Version');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, OPTIONS');
      if (req.method === 'OPTIONS') return void res.writeHead(204).end();
      const batch = JSON.parse(Buffer.concat(chunks).toString('utf8') || '[]') as unknown[];
      const own = batch.length === 1 && JSON.stringify(batch[0]).includes(TITLES[0]!);
      res
        .writeHead(400, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ message: own ? OWN_REASON : GATEWAY }));
    });
  });
  await new Promise<void>((done) => refusing.listen(0, '127.0.0.1', done));
  refusingEndpoint = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/xapi/`;
  await buildRenderer();
  harness = await startDesktopHarness({
    destinations: [
      {
        id: 'acme',
        name: 'Acme LRS',
        endpoint: refusingEndpoint,
        username: env.lrs.username,
        password: env.lrs.password,
        xapiVersion: '1.0.3',
      },
    ],
    learner: { name: 'Noor Example', email },
  });
});

afterAll(async () => {
  await harness?.close();
  refusing?.closeAllConnections();
  await new Promise((done) => refusing?.close(done));
});

/** The deliveries of one destination in the outbox page's IndexedDB: item id and state. */
function deliveriesOf(destinationId: string): Promise<Array<{ itemId: string; state: string }>> {
  return harness.outboxPage.evaluate(
    (id) =>
      new Promise<Array<{ itemId: string; state: string }>>((done, fail) => {
        const open = indexedDB.open('trailnote-desktop-outbox');
        open.onerror = () => fail(new Error(String(open.error)));
        open.onsuccess = () => {
          const all = open.result.transaction('deliveries', 'readonly').objectStore('deliveries').getAll();
          all.onsuccess = () => {
            const rows = all.result as Array<{ destinationId: string; itemId: string; state: string }>;
            done(rows.filter((d) => d.destinationId === id).map(({ itemId, state }) => ({ itemId, state })));
            open.result.close();
          };
          all.onerror = () => fail(new Error(String(all.error)));
        };
      }),
    destinationId,
  );
}

const rowOf = (page: Page, name: string) =>
  page.locator('#dest-heading + ul li', { has: page.getByText(new RegExp(`^${name} \\(`)) });

describe('desktop settings/status window', () => {
  it('shows the destination refusing statements with the LRS message, and the refused item; sends it again', async () => {
    for (const title of TITLES)
      expect(await harness.app.capture.saveQuickLog(bookForm(title))).toEqual({ ok: true });
    const items = await harness.outboxItems();
    itemIds = TITLES.map((title) => items.find((i) => i.json.includes(title))!.id);
    // Each quick log asked the sync loop for a pass; the streak ends with the destination paused.
    await expect
      .poll(
        async () =>
          (await harness.app.sync.summary()).destinations.find((d) => d.state.id === 'acme')?.state.status,
        { timeout: 30_000, interval: 200 },
      )
      .toBe('paused');
    const page = await harness.open('settings');
    const row = rowOf(page, 'Acme LRS');
    await expect
      .poll(() => row.locator('.tn-dest-status').textContent())
      .toBe('paused: the LRS is refusing statements');
    expect(await row.locator('.tn-dest-detail').textContent()).toBe(
      `refusing statements: HTTP 400: ${GATEWAY}`,
    );
    await row.getByText('it resumes by itself when its configuration changes', { exact: false }).waitFor();
    // The statements of the streak went back in the queue; only the first one, refused for its own reason, is kept.
    await row.getByText('3 waiting').waitFor();

    const refused = page.locator('section[aria-labelledby="refused-heading"]');
    expect(await refused.locator('#refused-heading').textContent()).toBe('Refused by the LRS (1)');
    expect(await refused.locator('li').allTextContents()).toEqual([
      expect.stringContaining(`${TITLES[0]}Acme LRS: HTTP 400: ${OWN_REASON}`) as string,
    ]);
    expect(harness.app.tray.state().paused).toEqual([
      expect.objectContaining({ name: 'Acme LRS', pausedFor: 'refusing' }),
    ]);
    expect(await seriousViolations(page)).toEqual([]);

    // A second refused item: "Send again" on it puts that one back in the queue, the other stays listed.
    const second = `HTTP 400: ${TITLES[1]} refused (e2e)`;
    await quarantineInOutbox(harness.outboxPage, itemIds[1]!, second, 'acme');
    await page.reload();
    await expect.poll(() => refused.locator('#refused-heading').textContent()).toBe('Refused by the LRS (2)');
    await refused.getByRole('button', { name: `Send “${TITLES[1]}” again` }).click();
    await expect.poll(() => refused.locator('#refused-heading').textContent()).toBe('Refused by the LRS (1)');
    expect(await refused.locator('li strong').allTextContents()).toEqual([TITLES[0]]);
    expect(await deliveriesOf('acme')).toContainEqual({ itemId: itemIds[1], state: 'pending' });

    await refused.getByRole('button', { name: 'Send it again' }).click();
    await page.locator('#refused-heading').waitFor({ state: 'detached' });
    expect((await deliveriesOf('acme')).filter((d) => d.state !== 'pending')).toEqual([]);
    await harness.app.sync.summary();
    expect(harness.app.tray.state().refused).toBeUndefined();
    expect(harness.refused).toEqual([]);
    await page.close();
  });

  it('offers the earlier record to the LRS the learner adds, with its count, and queues exactly those items', async () => {
    const page = await harness.open('settings');
    await page.getByLabel('xAPI endpoint').fill(env.lrs.endpoint);
    await page.getByLabel('Key (user name)').fill(env.lrs.username);
    await page.getByLabel('Secret (password)').fill(env.lrs.password);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();

    const send = page.getByRole('button', { name: 'Send my earlier record to My LRS (4 items)' });
    await send.waitFor();
    expect(await deliveriesOf('learner-own-lrs')).toEqual([]);
    await send.click();
    await page.getByText('4 earlier items queued for My LRS.').waitFor();
    expect((await deliveriesOf('learner-own-lrs')).map((d) => d.itemId).sort()).toEqual([...itemIds].sort());
    for (const id of itemIds) await waitForStatement(env.lrs, agent, (s) => s.id === id);
    expect(await page.getByRole('button', { name: /^Send my earlier record/ }).count()).toBe(0);
    expect(harness.refused).toEqual([]);
    await page.close();
  });

  it('says the disk is full in the status window and the tray, until an item is stored again', async () => {
    // The outbox page's IndexedDB refuses every write, as a full disk does (the one boundary not filled for real).
    const disk = (full: boolean) =>
      harness.outboxPage.evaluate((refuse) => {
        const store = IDBObjectStore.prototype as unknown as Record<'put' | 'add', unknown>;
        const kept = window as unknown as { __tnDisk?: { put: unknown; add: unknown } };
        kept.__tnDisk ??= { put: store.put, add: store.add };
        const refused = () => {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
        store.put = refuse ? refused : kept.__tnDisk.put;
        store.add = refuse ? refused : kept.__tnDisk.add;
      }, full);
    const page = await harness.open('settings');
    const alert = page.locator('section[aria-labelledby="status-heading"] [role="alert"]');
    await disk(true);
    try {
      // The harness's link carries the outbox page's error as Playwright words it (main's, as thrown).
      const answer = await harness.app.capture.saveQuickLog(bookForm('Logged on a full disk'));
      expect(answer).toMatchObject({ ok: false });
      expect(JSON.stringify(answer)).toContain(STORAGE_FULL_MESSAGE);
      await page.reload();
      await expect.poll(() => alert.textContent()).toBe(STORAGE_FULL_MESSAGE);
      expect(harness.app.tray.state().storageFull).toBe(true);
    } finally {
      await disk(false); // space freed
    }
    expect(await harness.app.capture.saveQuickLog(bookForm('Logged with room again'))).toEqual({ ok: true });
    await page.reload();
    await page.locator('#status-heading').waitFor();
    expect(await alert.count()).toBe(0);
    expect(harness.app.tray.state().storageFull).toBeUndefined();
    expect(harness.refused).toEqual([]);
    await page.close();
  });
});
