/** Builds the `DetectorContext` for a real frame (the content script) or a test window. */
import type { ContentMessage } from '../platform/content-messages';
import { pageFactsSource } from './page-facts';
import type { DetectorContext, IdleDeadline } from './types';

type IdleWindow = Window & {
  requestIdleCallback?: (cb: (deadline: IdleDeadline) => void, options?: { timeout: number }) => number;
  cancelIdleCallback?: (id: number) => void;
};

/** requestIdleCallback with a timeout; a plain one-shot setTimeout where it does not exist. */
export function idleScheduler(win: Window): DetectorContext['idle'] {
  const w = win as IdleWindow;
  return (fn, timeoutMs) => {
    if (typeof w.requestIdleCallback === 'function' && typeof w.cancelIdleCallback === 'function') {
      const id = w.requestIdleCallback((deadline) => fn(deadline), { timeout: timeoutMs });
      return () => w.cancelIdleCallback?.(id);
    }
    const id = setTimeout(() => fn({ timeRemaining: () => 0 }), Math.min(timeoutMs, 100));
    return () => clearTimeout(id);
  };
}

export function createDetectorContext(
  doc: Document,
  win: Window,
  send: (msg: ContentMessage) => void,
  overrides: Partial<Omit<DetectorContext, 'doc' | 'win' | 'send'>> = {},
): DetectorContext {
  return {
    doc,
    win,
    send,
    now: overrides.now ?? (() => Date.now()),
    pageFacts: overrides.pageFacts ?? pageFactsSource(doc, win),
    idle: overrides.idle ?? idleScheduler(win),
  };
}
