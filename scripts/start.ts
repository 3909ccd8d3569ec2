/**
 * `npm start`: Trailnote's extension against a local LRS, without touching this machine's browser policy or
 * anyone's browser profile. It builds the extension, starts Learning Locker's statement service in memory,
 * launches Chromium with the extension in a throwaway profile whose learner settings name that LRS, and opens
 * a welcome page with a sample article, video and podcast. Every statement the LRS receives is printed.
 * With no display it says so and runs the same flow headless, playing the samples itself.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROME_EXTENSION_ID } from '../extension/identity';
import { CHROMIUM, launchChromium } from '../test/e2e/support/chromium';
import { startFixtureServer } from '../test/e2e/support/fixtures-server';
import { generateMedia } from '../test/e2e/support/media';
import { startLrs } from '../test/support/lrs';

const root = resolve(import.meta.dirname, '..');
const headless = !process.env.DISPLAY || process.argv.includes('--headless');

if (!existsSync(CHROMIUM)) {
  console.error(
    `Chromium was not found at ${CHROMIUM}. Install it first:\n  apt-get update && apt-get install -y chromium ffmpeg`,
  );
  process.exit(1);
}

execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const mediaRoot = join(root, '.tmp', 'media');
generateMedia(join(mediaRoot, 'media'));
const lrs = await startLrs({ auth: 'open' });
const server = await startFixtureServer([join(root, 'test/fixtures/pages'), mediaRoot]);
const welcome = `http://127.0.0.1:${server.port}/welcome.html`;

console.log(`Local LRS (Learning Locker statement service, in memory): ${lrs.endpoint}`);
console.log(
  `  statements: ${lrs.endpoint}statements  (Basic auth demo:demo, header X-Experience-API-Version: 1.0.3)`,
);
if (headless)
  console.log('No display found ($DISPLAY is empty): running headless and playing the samples myself.');

const browser = await launchChromium(
  join(root, '.output', 'chrome-mv3'),
  CHROME_EXTENSION_ID,
  mkdtempSync(join(tmpdir(), 'trailnote-start-')),
  { headed: !headless },
);
const worker = await browser.serviceWorker();
// Seed the throwaway profile's learner settings: the same shape an admin's policy has (docs/policy.md). The
// sample pages are served on loopback, which is never captured unless listed in `allowedPrivateHosts`.
await worker.evaluate(async (endpoint) => {
  await chrome.storage.local.set({
    learnerSettings: {
      destinations: [{ id: 'local', name: 'Local LRS', endpoint, username: 'demo', password: 'demo' }],
      capture: {
        articleMinSeconds: 5,
        mediaMinSeconds: 3,
        holdMinutes: 0,
        allowedPrivateHosts: ['127.0.0.1'],
      },
    },
  });
}, lrs.endpoint);
const page = await browser.context.newPage();
await page.goto(welcome);
console.log(`Welcome page: ${welcome}\nWaiting for statements (Ctrl-C to stop)…\n`);

const seen = new Set<string>();
async function printNew() {
  const res = await fetch(`${lrs.endpoint}statements?limit=100`, {
    headers: { Authorization: 'Basic ZGVtbzpkZW1v', 'X-Experience-API-Version': '1.0.3' },
  });
  const { statements } = (await res.json()) as {
    statements: Array<{
      id: string;
      verb: { display?: Record<string, string> };
      object: { id: string; definition?: { name?: Record<string, string> } };
      result?: { duration?: string };
    }>;
  };
  for (const s of statements.reverse()) {
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    const name = s.object.definition?.name ? Object.values(s.object.definition.name)[0] : s.object.id;
    console.log(
      `LRS received: ${Object.values(s.verb.display ?? {})[0] ?? '?'} — ${name} (${s.result?.duration ?? ''}) ${s.object.id}`,
    );
  }
}
const timer = setInterval(() => void printNew(), 1000);

async function stop() {
  clearInterval(timer);
  await printNew();
  await browser.close(true);
  await server.close();
  await lrs.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop());

if (headless) {
  // The same flow a learner would follow: play the sample video and podcast to the end, read the article.
  for (const link of ['video.html', 'podcast.html']) {
    const p = await browser.context.newPage();
    await p.goto(`http://127.0.0.1:${server.port}/${link}`);
    await p.evaluate(
      () =>
        new Promise<void>((done) => {
          const m = document.querySelector('video, audio') as HTMLMediaElement;
          m.addEventListener('ended', () => done(), { once: true });
          void m.play();
        }),
    );
    await p.close();
  }
  const article = await browser.context.newPage();
  await article.goto(`http://127.0.0.1:${server.port}/article.html`);
  for (let i = 0; i < 14; i++) {
    await article.mouse.wheel(0, 250);
    await article.waitForTimeout(500);
  }
  await article.close();
  const deadline = Date.now() + 20_000;
  while (seen.size < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
  await stop();
}
