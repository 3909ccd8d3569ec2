/**
 * The desktop quick log end to end, without Electron (its binary cannot run here; ENVIRONMENT.md): the built
 * renderer pages in real Chromium with a fake of the preload API, the real main-side handlers and DesktopApp
 * in this process, the real outbox page (Dexie on Chromium's IndexedDB + the shared SyncEngine), and the real
 * LRS of the e2e global setup. See desktop/testing/chromium-harness.ts.
 */
import { randomUUID } from 'node:crypto';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  buildRenderer,
  startDesktopHarness,
  type DesktopHarness,
} from '../../desktop/testing/chromium-harness';
import { waitForStatement } from './support/lrs-watch';

const env = inject('e2e');
const email = `grace+${randomUUID().slice(0, 8)}@acme.example`;
const agent = { mbox: `mailto:${email}` };
let harness: DesktopHarness;

beforeAll(async () => {
  await buildRenderer();
  // The organisation's policy file, with one invalid key: it is named in the status window, the rest applies.
  harness = await startDesktopHarness(
    JSON.stringify({
      destinations: [{ id: 'acme', name: 'Acme LRS', ...env.lrs, xapiVersion: 'auto' }],
      learner: { name: 'Grace Hopper', email },
      capture: { holdMinutes: 'ten' },
    }),
  );
});

afterAll(async () => {
  await harness?.close();
});

describe('desktop quick log → outbox → LRS', () => {
  it('saves at once, closes, and the statement reaches the LRS', async () => {
    const page = await harness.open('quick-log');
    await page.getByLabel('What was it?').selectOption('mentoring');
    await page.getByLabel('Title').fill('Compiler design session');
    await page.getByLabel('Mentor or teacher').fill('Ada Lovelace');
    await page.getByLabel('How long (minutes)').fill('45');
    await page.getByLabel('Reflection').fill('Write the grammar first.');
    const closed = page.waitForEvent('close');
    await page.getByRole('button', { name: 'Save' }).click();
    await closed; // closeWindow is only called once the outbox acknowledged the item

    const items = await harness.outboxItems();
    const saved = items.find((i) => i.json.includes('"Compiler design session"'));
    expect(saved).toBeDefined();

    const statement = await waitForStatement(env.lrs, agent, (s) => s.id === saved!.id);
    expect(statement.verb.id).toBe('http://adlnet.gov/expapi/verbs/attended');
    expect(statement.object).toMatchObject({
      definition: { type: 'http://id.tincanapi.com/activitytype/tutor-session' },
    });
    expect(statement).toMatchObject({
      result: { duration: 'PT45M' },
      context: {
        platform: 'Trailnote desktop',
        instructor: { name: 'Ada Lovelace' },
        extensions: { 'http://id.tincanapi.com/extension/reflection': 'Write the grammar first.' },
      },
    });
    expect(harness.refused).toEqual([]);
  });

  it('an invalid field shows its inline message and saves nothing', async () => {
    const before = (await harness.outboxItems()).length;
    const page = await harness.open('quick-log');
    await page.getByLabel('What was it?').selectOption('book');
    await page.getByLabel('Title').fill('Structure and Interpretation');
    await page.getByLabel('Link or ISBN').fill('978-0-262-51087-6'); // wrong check digit
    await page.getByRole('button', { name: 'Save' }).click();

    const link = page.getByLabel('Link or ISBN');
    await expect.poll(() => link.getAttribute('aria-invalid')).toBe('true');
    await expect
      .poll(() => page.locator('#error-link').textContent())
      .toBe('This is not a valid ISBN; please check the digits.');
    expect(await page.getByRole('alert').first().textContent()).toBe('Please correct 1 field.');
    expect(page.isClosed()).toBe(false);
    expect((await harness.outboxItems()).length).toBe(before);
    await page.close();
  });

  it('the status window names the policy problem, shows enforced values locked, and no credential', async () => {
    const page = await harness.open('settings');
    await expect.poll(() => page.locator('.tn-dest-name').first().textContent()).toContain('Acme LRS');
    expect(await page.locator('.dt-issues li').allTextContents()).toEqual([
      '/etc/trailnote/policy.json: capture.holdMinutes: expected a whole number from 0 to 10080, got "ten"',
    ]);
    const emailField = page.getByLabel(/^E-mail/);
    expect(await emailField.inputValue()).toBe(email);
    expect(await emailField.isDisabled()).toBe(true);
    expect(await page.locator('label[for=st-email]').textContent()).toContain('set by your organisation');
    expect(await page.getByLabel(/^Wait before sending/).isDisabled()).toBe(false);
    expect(await page.content()).not.toContain(env.lrs.password);
    await page.close();
  });

  it('both windows pass axe, the quick log with its field errors showing', async () => {
    const quick = await harness.open('quick-log');
    await quick.getByRole('button', { name: 'Save' }).click();
    await quick.locator('#error-title').waitFor();
    expect((await new AxeBuilder({ page: quick }).analyze()).violations).toEqual([]);
    await quick.close();
    const settings = await harness.open('settings');
    await settings.locator('.tn-dest-name').first().waitFor();
    expect((await new AxeBuilder({ page: settings }).analyze()).violations).toEqual([]);
    await settings.close();
  });

  it('waits for an identified learner when the policy says so, survives an outbox restart, then sends', async () => {
    const held = await startDesktopHarness({
      destinations: [{ id: 'acme', name: 'Acme LRS', ...env.lrs, xapiVersion: 'auto' }],
      learner: { mustIdentify: true },
    });
    try {
      const page = await held.open('quick-log');
      await page.getByLabel('What was it?').selectOption('webinar');
      await page.getByLabel('Title').fill('Accessible forms');
      const closed = page.waitForEvent('close');
      await page.getByRole('button', { name: 'Save' }).click();
      await closed;
      await held.app.sync.run(true);
      const [before] = await held.outboxItems();
      expect(before?.state).toBe('ready'); // queued, not sent: docs/policy.md learner.mustIdentify

      await held.restartOutbox();
      const after = await held.outboxItems();
      expect(after.map((i) => [i.id, i.json])).toEqual([[before!.id, before!.json]]);

      const learner = `ada+${randomUUID().slice(0, 8)}@acme.example`;
      const saved = await held.app.settings.save({
        name: 'Ada',
        email: learner,
        captureEnabled: true,
        holdMinutes: 5,
        reviewBeforeSync: false,
        destination: null,
      });
      expect(saved).toEqual({ ok: true });
      // Never attempted before the learner identified, it takes their actor as its batch is claimed (shared/outbox
      // /stamp.ts; docs/policy.md `learner.mustIdentify`): the pseudonym never reaches the organisation.
      const statement = await waitForStatement(
        env.lrs,
        { mbox: `mailto:${learner}` },
        (s) => s.id === before!.id,
      );
      expect(statement.verb.id).toBe('http://adlnet.gov/expapi/verbs/attended');
      expect(JSON.stringify(statement.actor)).not.toContain('account');
    } finally {
      await held.close();
    }
  });
});
