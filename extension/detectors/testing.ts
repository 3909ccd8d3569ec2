/**
 * Test helpers for detectors (imported by *.test.ts only, never by the content script): a happy-dom window per
 * test, a context with a fake `send`, a hand-driven clock and a hand-driven idle queue.
 */
import { Window as HappyWindow } from 'happy-dom';
import { parseContentMessage } from '../background/validate';
import type { ContentMessage } from '../platform/content-messages';
import { createDetectorContext } from './context';
import type { DetectorContext, IdleDeadline } from './types';

export interface TestPage {
  win: Window;
  doc: Document;
  close: () => Promise<void>;
}

/** A fresh window at `url` with `html` written into it (`document.readyState` is then `interactive`). */
export function testPage(html: string, url = 'https://example.org/articles/one'): TestPage {
  const happy = new HappyWindow({ url, width: 1024, height: 800 });
  happy.document.write(html);
  return {
    win: happy as unknown as Window,
    doc: happy.document as unknown as Document,
    close: () => happy.happyDOM.close(),
  };
}

export interface Harness {
  ctx: DetectorContext;
  /** Every message sent, in order. */
  messages: ContentMessage[];
  /** The injected clock (ms); move it by assigning. */
  clock: { now: number };
  /** Idle callbacks waiting to run. */
  idleQueue: Array<(deadline: IdleDeadline) => void>;
  /** Runs every queued idle callback (and those they queue), as if the page went idle with `ms` to spare. */
  runIdle: (ms?: number) => void;
  /** Messages since the last `take()`, then forgets them. */
  take: () => ContentMessage[];
}

export function harness(page: TestPage, start = 1_000_000): Harness {
  const messages: ContentMessage[] = [];
  const clock = { now: start };
  const idleQueue: Array<(deadline: IdleDeadline) => void> = [];
  let taken = 0;
  const send = (msg: ContentMessage) => {
    // Every message must pass the background's own validation after a JSON round trip (Chrome's messaging).
    const wire: unknown = JSON.parse(JSON.stringify(msg));
    if (parseContentMessage(wire) === undefined) throw new Error(`invalid message: ${JSON.stringify(msg)}`);
    messages.push(msg);
  };
  const ctx = createDetectorContext(page.doc, page.win, send, {
    now: () => clock.now,
    idle: (fn) => {
      idleQueue.push(fn);
      return () => {
        const i = idleQueue.indexOf(fn);
        if (i >= 0) idleQueue.splice(i, 1);
      };
    },
  });
  return {
    ctx,
    messages,
    clock,
    idleQueue,
    runIdle: (ms = 50) => {
      for (let guard = 0; idleQueue.length > 0 && guard < 1000; guard++) {
        idleQueue.shift()!({ timeRemaining: () => ms });
      }
    },
    take: () => {
      const out = messages.slice(taken);
      taken = messages.length;
      return out;
    },
  };
}

/** Sets media element state the way a playing browser would report it (happy-dom does not play media). */
export function setMedia(
  el: HTMLMediaElement,
  state: Partial<{
    currentTime: number;
    paused: boolean;
    ended: boolean;
    duration: number;
    currentSrc: string;
    playbackRate: number;
    muted: boolean;
    volume: number;
    readyState: number;
    videoWidth: number;
  }>,
): void {
  for (const [name, value] of Object.entries(state)) {
    Object.defineProperty(el, name, { value, configurable: true, writable: true });
  }
}

/**
 * Dispatches a media event the way the browser does: not bubbling, not composed, and trusted (happy-dom has no
 * trusted events, so `isTrusted` is set on the event as the browser would).
 */
export function fire(el: EventTarget, type: string, win: Window): void {
  dispatchTrusted(
    el,
    new (win as Window & typeof globalThis).Event(type, { bubbles: false, composed: false }),
  );
}

/** Dispatches `event` as the browser does for real input and its own events: `isTrusted` true. */
export function dispatchTrusted(target: EventTarget, event: Event): boolean {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return target.dispatchEvent(event);
}

/** What a page script can do: `dispatchEvent(new Event(type))`, untrusted. */
export function forge(target: EventTarget, type: string, win: Window, init: EventInit = {}): void {
  const event = new (win as Window & typeof globalThis).Event(type, init);
  Object.defineProperty(event, 'isTrusted', { value: false });
  target.dispatchEvent(event);
}

/** `navigator.userActivation` as the browser keeps it for the frame: set when the learner has acted there. */
export function setActivation(win: Window, hasBeenActive: boolean): void {
  Object.defineProperty(win.navigator, 'userActivation', {
    value: { hasBeenActive, isActive: hasBeenActive },
    configurable: true,
  });
}

/**
 * A hand-driven IntersectionObserver for the window (happy-dom does no layout): `show(el, rect, ratio)` delivers
 * the entry the browser would for `el`.
 */
export function fakeIntersections(win: Window): {
  show: (el: Element, size: { width: number; height: number }, ratio: number) => void;
  observed: () => Element[];
} {
  const observers: Array<{ cb: IntersectionObserverCallback; targets: Set<Element>; self: unknown }> = [];
  class FakeIntersectionObserver {
    private readonly entry: (typeof observers)[number];
    constructor(cb: IntersectionObserverCallback) {
      this.entry = { cb, targets: new Set(), self: this };
      observers.push(this.entry);
    }
    observe(el: Element) {
      this.entry.targets.add(el);
    }
    unobserve(el: Element) {
      this.entry.targets.delete(el);
    }
    disconnect() {
      this.entry.targets.clear();
    }
    takeRecords() {
      return [];
    }
  }
  Object.defineProperty(win, 'IntersectionObserver', { value: FakeIntersectionObserver, configurable: true });
  return {
    show: (el, { width, height }, ratio) => {
      for (const o of observers) {
        if (!o.targets.has(el)) continue;
        const entry = {
          target: el,
          isIntersecting: ratio > 0,
          intersectionRatio: ratio,
          boundingClientRect: { width, height },
        } as unknown as IntersectionObserverEntry;
        o.cb([entry], o.self as IntersectionObserver);
      }
    },
    observed: () => observers.flatMap((o) => [...o.targets]),
  };
}
