/**
 * The options page in Chromium with an organisation policy that enforces some keys and has invalid ones: the
 * enforced values are shown locked, the invalid keys are listed, and the learner adds a personal LRS (the real
 * one) after "Test connection" rejects a wrong secret and accepts the right one. axe-core finds no serious or
 * critical problem in light or dark; the page's screenshot goes to docs/screenshots/options.png.
 */
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, type RunningBrowser } from './support/chromium';
import { installChromiumPolicy } from './support/policy-file';
import { organisationPolicy } from './support/scenario';
import { seriousViolations } from './support/pages';

const env = inject('e2e');
const email = `ada+${randomUUID().slice(0, 8)}@acme.example`;
const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');

let removePolicy: () => void;
let run: RunningBrowser;
let page: Page;

beforeAll(async () => {
  const policy = organisationPolicy(
    env,
    { email },
    // Chromium passes these through (the managed schema declares types only); our validator refuses them.
    {
      capture: { mediaMinPercent: 150, blockedDomains: ['blocked.localhost', 'https://bank.example/login'] },
    },
  );
  removePolicy = installChromiumPolicy(env.extensionId, {
    ...policy,
    recommended: { capture: { reviewBeforeSync: true } },
  });
  run = await launchChromium(env.extensionDir, env.extensionId);
  await run.serviceWorker();
  page = await run.context.newPage();
  await page.setViewportSize({ width: 900, height: 1200 });
  await page.goto(`chrome-extension://${env.extensionId}/options.html`);
  await page.getByRole('heading', { name: 'Trailnote settings' }).waitFor();
});

afterAll(async () => {
  await run?.close(true);
  removePolicy?.();
});

async function learnerSettings(): Promise<Record<string, unknown> | undefined> {
  const worker = await run.serviceWorker();
  return worker.evaluate(
    async () =>
      (await chrome.storage.local.get('learnerSettings')).learnerSettings as Record<string, unknown>,
  );
}

describe('options page in Chromium', () => {
  it('shows what the organisation enforces as locked, and lists its invalid keys', async () => {
    const emailField = page.getByLabel('E-mail address');
    await expect.poll(() => emailField.inputValue()).toBe(email);
    expect(await emailField.isDisabled()).toBe(true);
    expect(await page.locator('#tn-learner-email-note').innerText()).toContain(
      `Set by your organisation: ${email}`,
    );
    const hold = page.getByLabel('Wait before sending (minutes)');
    expect(await hold.isDisabled()).toBe(true);
    expect(await hold.inputValue()).toBe('0');
    // Recommended, so the learner may change it.
    const review = page.getByLabel('Let me approve each item before it is sent');
    expect(await review.isChecked()).toBe(true);
    expect(await review.isDisabled()).toBe(false);

    const issues = page.locator('.tn-issues');
    expect(await issues.getByRole('heading', { level: 2 }).innerText()).toBe('2 settings were ignored');
    expect(await issues.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual([
      'In your organisation’s policy',
    ]);
    const listed = await issues.locator('li').allInnerTexts();
    expect(listed).toEqual([
      'capture.mediaMinPercent expected a whole number from 0 to 100, got 150',
      expect.stringMatching(
        /^capture\.blockedDomains\[1\] expected a domain name .* got "https:\/\/bank\.example\/login"$/s,
      ),
    ]);

    const organisation = page.getByRole('list', { name: 'From your organisation' });
    expect(await organisation.innerText()).toContain('Acme LRS');
    expect(await organisation.getByRole('button').count()).toBe(0);
    // How sending is going: the destination rows alone, from the background's `destinations/status`.
    const sending = page.getByRole('list', { name: 'How sending is going' });
    await expect
      .poll(() => sending.locator('.tn-dest-name').allInnerTexts())
      .toEqual(['Acme LRS (organisation)']);
  });

  it('tests a personal LRS without storing it, reports a wrong secret, and saves a right one', async () => {
    await page.getByRole('button', { name: 'Add your own LRS' }).click();
    const form = page.getByRole('form', { name: 'Add your own LRS' });
    await form.getByLabel('Name', { exact: true }).fill('My own copy');
    await form.getByLabel('xAPI endpoint').fill(env.lrs.endpoint);
    await form.getByLabel('Key (user name)').fill(env.lrs.username);
    await form.getByLabel('Secret (password)').fill('wrong-secret');
    const status = form.getByRole('status');

    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => status.innerText(), { timeout: 20_000 }).toMatch(/rejected these credentials/);
    expect(await status.innerText()).toContain('HTTP 401');
    expect(await learnerSettings()).toBeUndefined();

    await form.getByLabel('Secret (password)').fill(env.lrs.password);
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => status.innerText(), { timeout: 20_000 }).toMatch(/^Connected/);
    expect(await status.innerText()).toContain('1.0.3');
    expect(await learnerSettings()).toBeUndefined(); // testing stores nothing

    await form.getByRole('button', { name: 'Save LRS' }).click();
    const mine = page.getByRole('list', { name: 'Your own' });
    await mine.getByText('My own copy').waitFor();
    expect(await mine.innerText()).toContain('User name and password stored');

    const stored = (await learnerSettings()) as { destinations: Array<Record<string, string>> };
    expect(stored.destinations).toEqual([
      expect.objectContaining({ name: 'My own copy', endpoint: env.lrs.endpoint }),
    ]);
    // The secret is kept in the extension's IndexedDB, not in storage.local where content scripts can read it.
    expect(JSON.stringify(stored)).not.toContain(env.lrs.password);
    // The page never gets the secret back, not even when editing.
    await page.getByRole('button', { name: 'Edit My own copy' }).click();
    expect(await page.getByLabel('Secret (password)').inputValue()).toBe('');
    expect(await page.content()).not.toContain(env.lrs.password);
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('imports a settings file after listing its invalid keys, keeping the stored LRS', async () => {
    await page.getByLabel('Import settings from a file').setInputFiles({
      name: 'settings.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          learner: { name: 'Ada Lovelace' },
          capture: { keepQueryStrings: true },
          captur: {},
        }),
      ),
    });
    const preview = page.getByRole('group', { name: 'In this file' });
    await preview.waitFor();
    expect(await preview.locator('li').allInnerTexts()).toEqual([
      'learner.name',
      'capture.keepQueryStrings',
      'captur: unknown key, ignored (did you mean "capture"?)',
    ]);
    expect(await learnerSettings()).not.toHaveProperty('learner');
    await preview.getByRole('button', { name: 'Apply 2 settings' }).click();
    await page.getByText('2 settings imported.').waitFor();
    await expect.poll(() => page.getByLabel('Name', { exact: true }).inputValue()).toBe('Ada Lovelace');
    expect(await page.getByLabel('Keep query strings in captured addresses').isChecked()).toBe(true);
    const stored = (await learnerSettings()) as Record<string, unknown>;
    expect(stored).toMatchObject({ learner: { name: 'Ada Lovelace' }, capture: { keepQueryStrings: true } });
    // The learner's own LRS is kept, its secret still stored (in IndexedDB, never in storage.local).
    expect(stored.destinations).toEqual([
      expect.objectContaining({ name: 'My own copy', endpoint: env.lrs.endpoint }),
    ]);
    expect(JSON.stringify(stored)).not.toContain(env.lrs.password);
    expect(await page.getByRole('list', { name: 'Your own' }).innerText()).toContain(
      'User name and password stored',
    );
  });

  it('has no serious or critical accessibility problems, light or dark, and saves its screenshot', async () => {
    // With the LRS form open and its validation messages showing, so they are checked too.
    await page.getByRole('button', { name: 'Add your own LRS' }).click();
    const form = page.getByRole('form', { name: 'Add your own LRS' });
    await form.getByLabel('xAPI endpoint').fill('lrs.example');
    await form.getByRole('button', { name: 'Test connection' }).click();
    await form.getByText('Please correct the values marked below.').waitFor();
    expect(await form.getByLabel('xAPI endpoint').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Cancel' }).click();
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOTS, 'options.png') });
  });
});
