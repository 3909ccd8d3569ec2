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

/** The flags every Chromium here starts with: headless unless `headed`, this profile, the extension or none. */
function chromiumFlags(
  dir: string,
  extensionDir: string,
  options: { headed?: boolean; args?: string[] },
): string[] {
  return [
    ...(options.headed ? [] : ['--headless=new']),
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
  ];
}

/**
 * The same Chromium opened on `url` with no debugger attached, for a benchmark phase that must not pay for one:
 * over CDP, Playwright turns on the DevTools network agent of every page, which reports each request. In a trial
 * of 200 POSTs of 300 KB from a page, each took 9-12 ms longer with it, Chromium used over twice the CPU
 * (3.7-4.1 s against under 1.8 s, its start included) and the driver 1.4-1.8 CPU-s more. Nothing drives the
 * page: it reports to the server that served it. `pid` leads its process group (CPU from /proc).
 */
export function launchUnwatched(
  url: string,
  profileDir: string,
  args: string[] = [],
): { pid: number; close: () => Promise<void> } {
  const child = spawn(CHROMIUM, [...chromiumFlags(profileDir, '', { args }), url], {
    stdio: 'ignore',
    detached: true,
  });
  return {
    pid: child.pid!,
    close: async () => {
      await stopProcess(child);
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // the group is already gone
      }
    },
  };
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
    [...chromiumFlags(dir, extensionDir, options), '--remote-debugging-port=0', 'about:blank'],
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
