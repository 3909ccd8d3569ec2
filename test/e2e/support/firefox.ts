import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

export const FIREFOX = process.env.TRAILNOTE_FIREFOX ?? '/usr/bin/firefox-esr';
/** Where Debian's Firefox ESR reads enterprise policies (ENVIRONMENT.md). */
export const FIREFOX_POLICY_FILE = '/usr/lib/firefox-esr/distribution/policies.json';

/** Install a Firefox enterprise policy for the extension; returns the function that removes it. */
export function installFirefoxPolicy(geckoId: string, document: object): () => void {
  mkdirSync(dirname(FIREFOX_POLICY_FILE), { recursive: true });
  writeFileSync(
    FIREFOX_POLICY_FILE,
    JSON.stringify({ policies: { '3rdparty': { Extensions: { [geckoId]: document } } } }, null, 2),
  );
  return () => rmSync(FIREFOX_POLICY_FILE, { force: true });
}

/**
 * A private PulseAudio server with a null sink. Without an audio device, headless Firefox plays audio on a clock
 * that runs about 1.5× fast (a 6 s file ends after 4 s), which no real player does; a null sink gives it a real
 * device clock. Returns the XDG_RUNTIME_DIR to give Firefox, and a stop function.
 */
export function startAudioSink(): { runtimeDir: string; stop: () => void } {
  const runtimeDir = mkdtempSync(join(tmpdir(), 'trailnote-pulse-'));
  const env = { ...process.env, XDG_RUNTIME_DIR: runtimeDir };
  // --daemonize returns once the server is ready to take clients.
  execFileSync(
    'pulseaudio',
    [
      '--daemonize=yes',
      '-n',
      '--exit-idle-time=-1',
      '--load=module-null-sink sink_name=trailnote',
      '--load=module-native-protocol-unix',
    ],
    { env, stdio: 'ignore' },
  );
  return {
    runtimeDir,
    stop: () => {
      execFileSync('pulseaudio', ['--kill'], { env, stdio: 'ignore' });
      rmSync(runtimeDir, { recursive: true, force: true });
    },
  };
}

/**
 * Firefox ESR, headless, over WebDriver BiDi with puppeteer-core (no geckodriver, no download), with the built
 * Firefox extension installed as a temporary add-on.
 */
export async function launchFirefox(extensionDir: string, audioRuntimeDir?: string): Promise<Browser> {
  const browser = await puppeteer.launch({
    env: { ...process.env, ...(audioRuntimeDir ? { XDG_RUNTIME_DIR: audioRuntimeDir } : {}) },
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: {
      'xpinstall.signatures.required': false,
      // MV3 host permissions are otherwise left to the user to grant.
      'extensions.originControls.grantByDefault': true,
      'media.autoplay.default': 0,
      'media.autoplay.blocking_policy': 0,
      // Background tabs would otherwise wait to be visited before playing.
      'media.block-autoplay-until-in-foreground': false,
    },
  });
  await browser.installExtension(extensionDir);
  return browser;
}
