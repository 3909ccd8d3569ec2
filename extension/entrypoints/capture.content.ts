/**
 * The capture content script: runs the page-side detectors (extension/detectors) in every frame of http(s) pages
 * and forwards their plain events to the background, which decides what may be captured (policy, blocked sites,
 * private windows) and keeps all state. Nothing here reads storage or settings.
 *
 * Cost to the page: at document_idle, one idle callback; the detectors start in it and defer their own DOM work to
 * later idle periods (see the detectors). `noScriptStartedPostMessage` keeps WXT from posting a message that
 * every page's own `message` listeners would have to handle.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createDetectorContext } from '../detectors/context';
import { startDetectors } from '../detectors/registry';
import type { ContentMessage } from '../platform/messages';

/** Longest wait for an idle period before the detectors start anyway. */
const START_TIMEOUT_MS = 1_000;

export default defineContentScript({
  // The manifest's host permissions are http(s) only; other schemes have nothing to capture.
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  runAt: 'document_idle',
  noScriptStartedPostMessage: true,
  globalName: false,
  main(ctx) {
    // Reading `isInvalid` notices an extension that was reloaded or removed (runtime.id is gone) and fires
    // `onInvalidated`, which stops every detector: an orphaned script must not keep listening.
    const stillValid = (): boolean => !ctx.isInvalid;
    // Each message goes out at once: the IPC channel keeps them in order, and a message sent from `pagehide`
    // (reading `end`, the last `pause`) must leave before the page is gone, so nothing waits for an earlier
    // message's answer. A worker being stopped or started can refuse one ("Receiving end does not exist"); losing a
    // `start` or `loaded` would lose the whole session, so a refused message is tried again twice, shortly after
    // (timers only on failure: nothing runs while all is well). A retried message may arrive after later ones;
    // the background ignores events of a session it has not seen start.
    const deliver = (msg: ContentMessage, attempt: number): void => {
      if (!stillValid()) return;
      let sent: Promise<unknown>;
      try {
        sent = browser.runtime.sendMessage(msg);
      } catch {
        stillValid(); // thrown synchronously when the context is already gone
        return;
      }
      sent.catch(() => {
        if (attempt < 2 && stillValid()) setTimeout(() => deliver(msg, attempt + 1), 250 * (attempt + 1));
      });
    };
    const send = (msg: ContentMessage): void => deliver(msg, 0);
    // Even wiring the detectors waits for the first idle period: most of its cost is compiling code the first
    // time it runs, which load time can do without. Media that starts meanwhile is joined at its next timeupdate.
    const detectors = createDetectorContext(document, window, send);
    let stop: (() => void) | undefined;
    // (No validity check here: the first touch of the runtime API costs about a millisecond, and a page where
    // nothing is ever sent should not pay it. An invalidated context cancels this callback; a send notices.)
    const cancel = detectors.idle(() => {
      stop = startDetectors(detectors);
    }, START_TIMEOUT_MS);
    ctx.onInvalidated(() => {
      cancel();
      stop?.();
    });
  },
});
