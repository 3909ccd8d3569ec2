/**
 * What the Chromium e2e suites do to pages: read like a learner, open the extension's own pages, stop its service
 * worker the way Chrome does, and ask axe-core for serious or critical accessibility findings.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import type { RunningBrowser } from './chromium';

/** Move and scroll twice a second for `seconds`: engaged reading time is wall-clock time with activity. */
export async function readLikeALearner(page: Page, seconds: number): Promise<void> {
  await page.bringToFront();
  for (let i = 0; i < seconds * 2; i++) {
    await page.mouse.move(100 + i, 200 + i);
    await page.mouse.wheel(0, 250);
    await page.waitForTimeout(500);
  }
}

/** An extension page (popup.html, options.html, dashboard.html) in a tab of its own. */
export async function openExtensionPage(run: RunningBrowser, path: string, width?: number): Promise<Page> {
  const page = await run.context.newPage();
  if (width !== undefined) await page.setViewportSize({ width, height: 900 });
  await page.goto(`chrome-extension://${run.extensionId}/${path}`);
  return page;
}

/** Stop the extension's service worker the way Chrome does after 30 s idle (ENVIRONMENT.md). */
export async function stopServiceWorker(run: RunningBrowser): Promise<void> {
  const internals = await run.context.newPage();
  await internals.goto('chrome://serviceworker-internals/');
  const extensionRow = internals.locator('.serviceworker-registration', { hasText: run.extensionId });
  await extensionRow.locator('cr-button[data-command="stop"]').first().click();
  await extensionRow.getByText('STOPPED').first().waitFor({ state: 'visible' });
  await internals.close();
}

/** axe-core's serious and critical findings, in the light and the dark theme (left on light). */
export async function seriousViolations(page: Page, within?: string): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const axe = new AxeBuilder({ page });
    const { violations } = await (within ? axe.include(within) : axe).analyze();
    for (const v of violations)
      if (v.impact === 'serious' || v.impact === 'critical')
        found.push(`${colorScheme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}
