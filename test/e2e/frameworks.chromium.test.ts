/**
 * Skill frameworks named by URL in the organisation's policy (issue 4, part 5; docs/policy.md
 * `skills.frameworks[].url` + `format`), in Chromium: an ESCO CSV and a CASE JSON package are downloaded at
 * start-up, the popup's skill picker finds their skills by alternative label with ESCO's attribution, the
 * options page shows each framework's source and status; then the server goes away and, after a service-worker
 * restart, the skills still come from the offline copy while the options page says the download failed.
 *
 * The files are served by a server of this test's own (test/fixtures/esco, test/fixtures/case), so that
 * closing it makes the URLs unreachable while the policy still names them.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ESCO_ATTRIBUTION } from '../../shared/skills/esco';
import { launchChromium, type RunningBrowser } from './support/chromium';
import { installChromiumPolicy } from './support/policy-file';
import { organisationPolicy } from './support/scenario';
import { seriousViolations, stopServiceWorker } from './support/pages';

const env = inject('e2e');
const email = `sam+${randomUUID().slice(0, 8)}@acme.example`;
const fixtures = resolve(import.meta.dirname, '../fixtures');
const FILES: Record<string, { body: string; type: string }> = {
  '/esco/digital.csv': {
    body: readFileSync(resolve(fixtures, 'esco/digital-sample.csv'), 'utf8'),
    type: 'text/csv; charset=utf-8',
  },
  '/case/collaboration.json': {
    body: readFileSync(resolve(fixtures, 'case/collaboration-package.json'), 'utf8'),
    type: 'application/json',
  },
};
const COLLABORATION_ATTRIBUTION = 'Collaboration skills: example.org CASE package.';

let server: Server;
let base = '';
const requested: string[] = [];
let removePolicy: () => void;
let run: RunningBrowser;

beforeAll(async () => {
  server = createServer((request, response) => {
    requested.push(request.url ?? '');
    const file = FILES[request.url ?? ''];
    if (!file) response.writeHead(404).end();
    else response.writeHead(200, { 'Content-Type': file.type }).end(file.body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  removePolicy = installChromiumPolicy(
    env.extensionId,
    organisationPolicy(
      env,
      { email },
      {
        capture: { reviewBeforeSync: true },
        skills: {
          frameworks: [
            { id: 'esco-digital', name: 'ESCO digital', url: `${base}/esco/digital.csv`, format: 'esco-csv' },
            {
              id: 'collaboration',
              name: 'Digital collaboration',
              url: `${base}/case/collaboration.json`,
              format: 'case-json',
              attribution: COLLABORATION_ATTRIBUTION,
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
  server?.closeAllConnections();
  await new Promise<void>((done) => (server?.listening ? server.close(() => done()) : done()));
});

async function openOptions(): Promise<Page> {
  const page = await run.context.newPage();
  await page.goto(`chrome-extension://${env.extensionId}/options.html`);
  await page.getByRole('heading', { name: 'Skill frameworks' }).waitFor();
  return page;
}

const frameworksSection = (page: Page) => page.locator('section[aria-labelledby="tn-frameworks-heading"]');

/** Each framework's row on the options page: name, source, status. */
async function frameworkRows(page: Page): Promise<string[][]> {
  const rows = page.locator('.tn-framework');
  await rows.first().waitFor();
  const out: string[][] = [];
  for (const row of await rows.all()) {
    out.push([await row.locator('h3').innerText(), ...(await row.locator('dd').allInnerTexts())]);
  }
  return out;
}

/** The popup, once its list of waiting items is there (the skill picker is on each waiting item). */
async function openPopup(): Promise<Page> {
  const popup = await run.context.newPage();
  await popup.goto(`chrome-extension://${env.extensionId}/popup.html`);
  await popup.getByRole('heading', { name: 'Waiting to be sent' }).waitFor();
  return popup;
}

async function optionNames(popup: Page, typed: string): Promise<string[]> {
  const combo = popup.getByRole('combobox', { name: 'Skills' }).first();
  await combo.fill(typed);
  const options = popup.getByRole('option');
  await options.first().waitFor({ timeout: 15_000 });
  return popup.locator('[role="option"] .tn-option-name').allInnerTexts();
}

describe('skill frameworks by URL in Chromium', () => {
  it('downloads both at start-up and shows their source and status on the options page', async () => {
    const page = await openOptions();
    const states = () =>
      page.evaluate(async () => {
        const answer = (await chrome.runtime.sendMessage({ type: 'frameworks/status' })) as {
          statuses: Array<{ state: string }>;
        };
        return answer.statuses.map((s) => s.state);
      });
    await expect.poll(states, { timeout: 20_000 }).toEqual(['downloaded', 'downloaded']);
    // (Counting requests would be flaky: with DevTools attached, Chromium sometimes repeats a service
    // worker's GET on its own, though the extension fetched once, as instrumenting its fetch showed.)
    expect(new Set(requested)).toEqual(new Set(['/case/collaboration.json', '/esco/digital.csv']));

    await page.reload();
    await page.getByRole('heading', { name: 'Skill frameworks' }).waitFor();
    expect(await frameworkRows(page)).toEqual([
      ['ESCO digital', `${base}/esco/digital.csv (ESCO CSV)`, 'Loaded 7 skills.'],
      ['Digital collaboration', `${base}/case/collaboration.json (CASE JSON)`, 'Loaded 5 skills.'],
    ]);
    // "Refresh frameworks" downloads both again now, though a day has not passed.
    const before = requested.length;
    await page.getByRole('button', { name: 'Refresh frameworks' }).click();
    await expect
      .poll(() => frameworksSection(page).getByRole('status').innerText(), { timeout: 20_000 })
      .toBe('Frameworks refreshed; their status is above.');
    expect(requested.length).toBeGreaterThanOrEqual(before + 2);

    expect(await seriousViolations(page, 'section[aria-labelledby="tn-frameworks-heading"]')).toEqual([]);
    await page.close();
  });

  it('finds their skills by alternative label in the popup, with the attribution they require', async () => {
    const article = await run.context.newPage();
    await article.goto(`http://127.0.0.1:${env.port}/article.html`);
    const popup = await openPopup();
    const captured = await popup.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url });
      return chrome.runtime.sendMessage({ type: 'capture/page', tabId: tab?.id, kind: 'article' });
    }, article.url());
    expect(captured).toMatchObject({ ok: true });
    await article.close();
    await popup.reload();
    await popup.getByRole('heading', { name: 'Waiting to be sent (1)' }).waitFor();

    expect(await optionNames(popup, 'C Sharp')).toContain('C#'); // not in the built-in starter set
    await expect.poll(() => popup.locator('.tn-attribution').allInnerTexts()).toContain(ESCO_ATTRIBUTION);

    expect(await optionNames(popup, 'video calls')).toContain(
      'Choose a video-conferencing tool suited to the meeting and its participants',
    );
    await expect
      .poll(() => popup.locator('.tn-attribution').allInnerTexts())
      .toContain(COLLABORATION_ATTRIBUTION);
    await popup.close();
  });

  it('keeps using the offline copy when the URL is unreachable, across a service-worker restart', async () => {
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done())); // the policy still names its URLs
    await stopServiceWorker(run);

    const popup = await openPopup(); // a fresh worker: the frameworks come from IndexedDB
    expect(await optionNames(popup, 'C Sharp')).toContain('C#'); // not in the built-in starter set
    await expect.poll(() => popup.locator('.tn-attribution').allInnerTexts()).toContain(ESCO_ATTRIBUTION);
    await popup.close();

    const page = await openOptions();
    await page.getByRole('button', { name: 'Refresh frameworks' }).click();
    await expect
      .poll(() => frameworksSection(page).getByRole('status').innerText(), { timeout: 40_000 })
      .toBe('Frameworks refreshed; their status is above.');
    const rows = await frameworkRows(page);
    expect(rows.map((row) => row[2])).toEqual([
      expect.stringMatching(/^Could not load: .+\. Using the copy from .+: 7 skills\.$/),
      expect.stringMatching(/^Could not load: .+\. Using the copy from .+: 5 skills\.$/),
    ]);
    expect(await seriousViolations(page, 'section[aria-labelledby="tn-frameworks-heading"]')).toEqual([]); // the failure colours too
    await page.close();
  });
});
