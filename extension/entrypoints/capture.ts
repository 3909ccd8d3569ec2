/**
 * The capture content script: runs the page-side detectors (extension/detectors) in every frame of http(s) pages
 * and forwards their plain events to the background, which decides what may be captured (policy, blocked sites,
 * private windows) and keeps all state. Nothing here reads storage or settings.
 *
 * Declared in wxt.config.ts (`content_scripts`: document_idle, all frames) and built by WXT as an unlisted script,
 * a plain script without the wrapper `defineContentScript` adds: that wrapper's ContentScriptContext touches
 * `runtime.id` as it is defined and dispatches an event on the document, about 1.7 ms on every page
 * (ENVIRONMENT.md), and the event's name holds the extension id, so any page listening for it would learn that
 * Trailnote is installed. What the wrapper did that still matters is here: an orphaned script stops itself.
 *
 * Start-up (what a page pays is in bench/results/page.json; extension/detectors/README.md, "Start-up"):
 * - at injection, only two capture-phase listeners on the document (`play`, `timeupdate`) and one timer;
 * - the detectors start in the first idle period at least START_AFTER_MS later (a page left within a second
 *   costs nothing more, and the page's own post-load work goes first), or at once when media plays before that
 *   (the media detector then joins the playing element at its next `timeupdate`, a quarter of a second at most);
 * - the extension API is not touched until the first message (its first touch costs about a millisecond, and
 *   most frames never send one).
 */
import type { browser as BrowserApi } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createDetectorContext, idleScheduler } from '../detectors/context';
import { startDetectors } from '../detectors/registry';
import type { ContentMessage } from '../platform/content-messages';

/** The detectors start no sooner than this after injection (document_idle: about when the page has loaded)... */
const START_AFTER_MS = 1_000;
/**
 * ...in an idle period, or this much later at the latest: media playing in a shadow root before the detectors
 * start is only found by their scan, so a busy page must not hold them off for long.
 */
const START_TIMEOUT_MS = 1_000;
/** Media events that start the detectors at once (media events do not bubble: listened to in the capture phase). */
const MEDIA_EVENTS = ['play', 'timeupdate'] as const;

type Runtime = Pick<(typeof BrowserApi)['runtime'], 'id' | 'sendMessage'>;
type ExtensionGlobals = { browser?: { runtime?: Runtime }; chrome?: { runtime?: Runtime } };

/**
 * The runtime API, looked up when first needed (as wxt/browser does, but not at load): Firefox's `browser`, else
 * `chrome`. `undefined` once the extension was reloaded or removed (an orphaned script).
 */
function runtime(): Runtime | undefined {
  const g = globalThis as ExtensionGlobals;
  const api = g.browser?.runtime?.id ? g.browser.runtime : g.chrome?.runtime;
  return api?.id ? api : undefined;
}

export default defineUnlistedScript({
  // An anonymous IIFE: no global left in the content script's world.
  globalName: false,
  main,
});

/**
 * At injection: two listeners and one timer, nothing else (each function that runs now is compiled now, on the
 * page's time, so the rest waits in `run`).
 */
function main(): void {
  let started = false;
  let cancelIdle: (() => void) | undefined;
  const start = (): void => {
    if (started) return;
    started = true;
    clearTimeout(timer);
    cancelIdle?.();
    for (const type of MEDIA_EVENTS) document.removeEventListener(type, start, true);
    run();
  };
  for (const type of MEDIA_EVENTS) document.addEventListener(type, start, { capture: true, passive: true });
  const timer = setTimeout(() => {
    if (!started) cancelIdle = idleScheduler(window)(start, START_TIMEOUT_MS);
  }, START_AFTER_MS);
}

/** Starts the detectors, with a `send` that stops them all once the script is orphaned. */
function run(): void {
  let stopped = false;
  let stop = (): void => undefined;
  /** An orphaned script (extension reloaded, updated or removed) must not keep listening. */
  const orphaned = (): void => {
    stopped = true;
    stop();
  };
  // Each message goes out at once: the IPC channel keeps them in order, and a message sent from `pagehide`
  // (reading `end`, the last `pause`) must leave before the page is gone, so nothing waits for an earlier
  // message's answer. A worker being stopped or started can refuse one ("Receiving end does not exist"); losing a
  // `start` or `loaded` would lose the whole session, so a refused message is tried again twice, shortly after
  // (timers only on failure: nothing runs while all is well). A retried message may arrive after later ones;
  // the background ignores events of a session it has not seen start.
  const deliver = (msg: ContentMessage, attempt: number): void => {
    if (stopped) return;
    const api = runtime();
    if (!api) return orphaned();
    let sent: Promise<unknown>;
    try {
      sent = api.sendMessage(msg);
    } catch {
      if (!runtime()) orphaned(); // thrown synchronously when the context is already gone
      return;
    }
    sent.catch(() => {
      if (attempt < 2 && runtime()) setTimeout(() => deliver(msg, attempt + 1), 250 * (attempt + 1));
    });
  };
  stop = startDetectors(createDetectorContext(document, window, (msg) => deliver(msg, 0)));
  if (stopped) stop(); // orphaned while starting (a detector sent at once)
}
