/**
 * The capture content script: runs the page-side detectors (extension/detectors) in every frame of http(s) pages
 * and forwards their plain events to the background, which decides what may be captured (policy, blocked sites,
 * private windows) and keeps all state. Nothing here reads storage or settings.
 *
 * Cost to the page: registering listeners at document_idle; every DOM walk is deferred to idle time (see the
 * detectors). `noScriptStartedPostMessage` keeps WXT from posting a message every page's own `message`
 * listeners would have to handle.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createDetectorContext } from '../detectors/context';
import { startDetectors } from '../detectors/registry';
import type { ContentMessage } from '../platform/messages';

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
    // Messages go out one after another, in order. A worker being stopped or started can refuse one ("Receiving
    // end does not exist"); losing a `start` or `loaded` would lose the whole session, so a refused message is
    // tried again twice, shortly after (timers only on failure: nothing runs while all is well).
    let queue: Promise<void> = Promise.resolve();
    const deliver = async (msg: ContentMessage): Promise<void> => {
      for (let attempt = 0; attempt < 3 && stillValid(); attempt++) {
        try {
          await browser.runtime.sendMessage(msg);
          return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 250 * (attempt + 1)));
        }
      }
    };
    const send = (msg: ContentMessage): void => {
      if (!stillValid()) return;
      queue = queue.then(() => deliver(msg));
    };
    const stop = startDetectors(createDetectorContext(document, window, send));
    ctx.onInvalidated(stop);
  },
});
