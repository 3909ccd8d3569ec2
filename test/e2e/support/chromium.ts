import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Worker } from 'playwright-core';
import { stopProcess } from '../../support/process';

export const CHROMIUM = process.env.TRAILNOTE_CHROMIUM ?? '/usr/bin/chromium';

export interface RunningBrowser {
  browser: Browser;
  context: BrowserContext;
  profileDir: string;
  extensionId: string;
  serviceWorker: () => Promise<Worker>;
  /** Close the browser; the profile stays unless `removeProfile`. */
  close: (removeProfile?: boolean) => Promise<void>;
}

/**
 * Debian's Chromium, headless, with the built extension, started by hand and reached over CDP: a context from
 * Playwright's launchPersistentContext closes itself when the extension's service worker is stopped
 * (ENVIRONMENT.md), and the tests stop it on purpose.
 */
export async function launchChromium(
  extensionDir: string,
  extensionId: string,
  profileDir?: string,
  options: { headed?: boolean; /** More command-line flags (a benchmark's proxy). */ args?: string[] } = {},
): Promise<RunningBrowser> {
  const dir = profileDir ?? mkdtempSync(join(tmpdir(), 'trailnote-profile-'));
  const child: ChildProcess = spawn(
    CHROMIUM,
    [
      ...(options.headed ? [] : ['--headless=new']),
      '--remote-debugging-port=0',
      `--user-data-dir=${dir}`,
      // An empty extension dir launches the same browser without the extension (benchmarks' baseline).
      ...(extensionDir
        ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]
        : ['--disable-extensions']),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-quic',
      '--autoplay-policy=no-user-gesture-required',
      ...(options.args ?? []),
      'about:blank',
    ],
    // Its own process group, so closing ends every helper process too (they write to the profile).
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const wsUrl = await new Promise<string>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${err}`)), 30_000);
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code}):\n${err}`));
    });
  });
  const browser = await chromium.connectOverCDP(wsUrl);
  const context = browser.contexts()[0]!;
  const isOurs = (w: Worker) => w.url().startsWith(`chrome-extension://${extensionId}/`);
  const serviceWorker = async () =>
    context.serviceWorkers().find(isOurs) ??
    (await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 20_000 }));
  return {
    browser,
    context,
    profileDir: dir,
    extensionId,
    serviceWorker,
    close: async (removeProfile = false) => {
      await browser.close().catch(() => undefined);
      await stopProcess(child);
      try {
        process.kill(-child.pid!, 'SIGKILL'); // any helper process left in the group
      } catch {
        // the group is already gone
      }
      if (removeProfile) rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}
