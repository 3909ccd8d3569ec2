/**
 * Articles read: a top-frame page that reads as prose to read (prose.ts `isProse`: structured data, forms, the
 * main text's length, paragraphs, links and cards).
 * Emits ReadingEvents only; engaged time is reduced in the background (shared/capture/reading.ts).
 *
 * Cost: nothing runs at load (the content script starts the detectors a second after it, see capture.ts).
 * The check waits for `load` (at most LOAD_TIMEOUT_MS), then for an idle period (requestIdleCallback,
 * IDLE_TIMEOUT_MS at the latest); the check's DOM work is bounded, and a page with too little prose is ruled
 * out before its structured data is parsed. A page that is not an article keeps no listener at all, and the
 * session code is compiled only on pages that are articles.
 * On an article, every listener is passive and does O(1) work; messages are throttled (activity ≤ 1 per
 * ACTIVITY_THROTTLE_MS, scroll depth only when it grows by SCROLL_STEP) and no timer runs after the check.
 *
 * - Activity (keydown, pointerdown, pointermove, wheel, touchstart; scrolling by the learner always comes with
 *   one of these, while a bare `scroll` may be the page restoring its position): the first in a window is sent at
 *   once; later ones are remembered and the last of them is sent just before the next visibility, focus or end
 *   message, so the background's idle window ends where the learner's last act was, without a timer.
 * - `visibility` → visible and `focus` → focused are activity for the reducer too, so they restart the window.
 * - Scroll depth: how far the viewport's bottom edge has come through the main text (the article element, else
 *   `<main>`, else the body), so pages that scroll a container instead of the window work too. Measured on
 *   scroll events (sent when it grows by ≥ 5 % or reaches the end) and again before `visibility` hidden and
 *   `end` (sent if it grew), not at start: the first measure forces a layout, which load time can do without.
 * - `end` on `pagehide`. A page restored from the back/forward cache starts a new session. A single-page app that
 *   moves to another URL (`pushState` to another path or query) ends the session at the next message, and the new
 *   page is checked again; a fragment change (an in-page `#anchor`, a table of contents) is the same page and keeps
 *   the session.
 * - Trust: every listener ignores events a page script dispatched (`isTrusted` false): synthetic `keydown`,
 *   `focus`, `visibilitychange` or `pagehide` events neither add reading time nor end the session. The reducer
 *   (shared/capture/reading.ts) counts time only while the page is visible and focused, so activity the browser
 *   reports in a background tab earns nothing either.
 */
import type { ReadingEvent } from '../../shared/capture';
import { withoutHash } from '../../shared/capture/page-url';
import { isProse } from './prose';
import type { Detector, DetectorContext } from './types';

export const ACTIVITY_THROTTLE_MS = 15_000;
/** Scroll depth (0..1) must grow by this much before another `scroll` message. */
export const SCROLL_STEP = 0.05;
/** Longest wait for an idle period before checking the page anyway. */
export const IDLE_TIMEOUT_MS = 2_000;
/** Longest wait for `load` (pages with a never-ending request still get checked). */
export const LOAD_TIMEOUT_MS = 10_000;
/** Characters of main text examined for the word count (a long book chapter); the rest is not counted. */
const MAX_TEXT_CHARS = 500_000;
const SHOW_TEXT = 0x4;
/** Runs of characters that are neither spaces nor Chinese/Japanese script, and single such characters. */
const WORD = /[^\s\u200b\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+/g;
const CJK_CHAR = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/g;
/** Text inside these is not prose. */
const NOT_TEXT = new Set(['script', 'style', 'noscript', 'template', 'textarea']);
const MAX_WORDS = 100_000;
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

export interface ArticleDetectorOptions {
  /** Whether the page reads as an article. Default: `isProse` (prose.ts). */
  isReaderable?: (doc: Document) => boolean;
}

interface Session {
  /** The page (URL without fragment) the session is about. */
  page: string;
  /** The main text, for the scroll depth. */
  root: Element;
  lastActivitySent: number;
  /** The latest activity not sent yet (throttled). */
  pendingActivity: number | undefined;
  maxDepth: number;
  sentDepth: number;
}

export function createArticleDetector(options: ArticleDetectorOptions = {}): Detector {
  const isReaderable = options.isReaderable ?? isProse;
  return {
    id: 'article',
    applies: (doc, win) => isTopFrame(win) && isHtmlDocument(doc),
    start: (ctx) => startArticle(ctx, isReaderable),
  };
}

export const articleDetector: Detector = createArticleDetector();

/**
 * The part that runs on every page: wait for load and an idle period, then ask whether the page reads as an
 * article. Kept small on purpose: most of a content script's cost is compiling code the first time it runs, and
 * the session code below (`createReader`) is compiled only on pages that turn out to be articles.
 */
function startArticle(ctx: DetectorContext, isReaderable: (doc: Document) => boolean): () => void {
  const { doc, win } = ctx;
  const listeners = new AbortController();
  let reader: Reader | undefined;
  let cancelIdle: (() => void) | undefined;
  let loadTimer: ReturnType<typeof setTimeout> | undefined;

  const evaluate = (): void => {
    cancelIdle = undefined;
    if (reader?.reading()) return;
    let readerable = false;
    try {
      readerable = isReaderable(doc);
    } catch {
      readerable = false;
    }
    if (readerable) (reader ??= createReader(ctx, listeners.signal, schedule)).begin();
  };

  function schedule(): void {
    cancelIdle?.();
    cancelIdle = ctx.idle(evaluate, IDLE_TIMEOUT_MS);
  }

  if (doc.readyState === 'complete') {
    schedule();
  } else {
    let done = false;
    const loaded = (): void => {
      if (done) return;
      done = true;
      clearTimeout(loadTimer);
      loadTimer = undefined;
      schedule();
    };
    win.addEventListener('load', loaded, { once: true, signal: listeners.signal });
    loadTimer = setTimeout(loaded, LOAD_TIMEOUT_MS);
  }

  return () => {
    listeners.abort();
    cancelIdle?.();
    cancelIdle = undefined;
    if (loadTimer !== undefined) clearTimeout(loadTimer);
    reader?.stop();
  };
}

interface Reader {
  /** Starts a session (sends `start`); wires the listeners the first time. */
  begin(): void;
  /** A session is running. */
  reading(): boolean;
  /** Forgets the session without sending anything (the detector stops). */
  stop(): void;
}

/**
 * Reading sessions on a page that reads as an article. `recheck` asks for the page to be checked again (a
 * single-page app moved to another URL, or the page came back from the back/forward cache).
 */
function createReader(ctx: DetectorContext, signal: AbortSignal, recheck: () => void): Reader {
  const { doc, win, now } = ctx;
  // The browser's own events only: a page script can dispatch any event it likes.
  const on = (target: EventTarget, type: string, fn: (event: Event) => void, capture = false): void =>
    target.addEventListener(
      type,
      (event) => {
        if (event.isTrusted) fn(event);
      },
      { capture, passive: true, signal },
    );

  let session: Session | undefined;
  let wired = false;

  const emit = (event: ReadingEvent): void => {
    const pending = session?.pendingActivity;
    // Held activity matters only where counting may stop (hidden, blurred, end); a scroll message does not
    // carry it, so the throttle holds while the learner scrolls.
    if (session && pending !== undefined && event.type !== 'scroll') {
      session.pendingActivity = undefined;
      session.lastActivitySent = pending;
      ctx.send({ type: 'reading', event: { type: 'activity', at: pending } });
    }
    ctx.send({ type: 'reading', event });
  };

  const sendDepth = (): void => {
    if (!session) return;
    session.sentDepth = session.maxDepth;
    emit({ type: 'scroll', at: now(), depth: Math.round(session.maxDepth * 1000) / 1000 });
  };
  /** Before hidden/end: the depth now (a short article that fits the screen is read to its end without a scroll). */
  const flushDepth = (): void => {
    if (!session) return;
    const depth = textDepth(session.root, win);
    if (depth !== undefined && depth > session.maxDepth) session.maxDepth = depth;
    if (session.maxDepth > session.sentDepth) sendDepth();
  };
  const noteDepth = (depth: number | undefined): void => {
    if (!session || depth === undefined) return;
    if (depth > session.maxDepth) session.maxDepth = depth;
    const grown = session.maxDepth >= session.sentDepth + SCROLL_STEP;
    const bottom = session.maxDepth >= 0.999 && session.sentDepth < session.maxDepth;
    if (grown || bottom) sendDepth();
  };

  const finish = (): void => {
    if (!session) return;
    flushDepth();
    emit({ type: 'end', at: now() });
    session = undefined;
  };

  /** A single-page app moved on: end this session and check the new page. */
  const pageChanged = (): boolean => {
    if (!session || withoutHash(win.location.href) === session.page) return false;
    finish();
    recheck();
    return true;
  };

  const onActivity = (): void => {
    if (!session) return;
    const at = now();
    if (at - session.lastActivitySent < ACTIVITY_THROTTLE_MS) {
      session.pendingActivity = at;
      return;
    }
    if (pageChanged()) return;
    session.pendingActivity = undefined;
    session.lastActivitySent = at;
    emit({ type: 'activity', at });
  };

  const onVisibility = (): void => {
    if (!session || pageChanged()) return;
    const visible = doc.visibilityState === 'visible';
    if (!visible) flushDepth();
    const at = now();
    emit({ type: 'visibility', at, visible });
    if (visible) session.lastActivitySent = at;
  };

  const onFocus = (event: Event): void => {
    if (event.target !== win || !session || pageChanged()) return;
    const focused = event.type === 'focus';
    const at = now();
    emit({ type: 'focus', at, focused });
    if (focused) session.lastActivitySent = at;
  };

  const wire = (): void => {
    if (wired) return;
    wired = true;
    on(doc, 'visibilitychange', onVisibility);
    on(win, 'focus', onFocus);
    on(win, 'blur', onFocus);
    for (const type of ACTIVITY_EVENTS) on(win, type, onActivity, true);
    // Capture: scrolling containers' events do not bubble. Other scrollers (carousels) leave the depth as it is.
    on(doc, 'scroll', () => noteDepth(session && textDepth(session.root, win)), true);
    on(win, 'pagehide', finish);
    on(win, 'pageshow', (event) => {
      if ((event as PageTransitionEvent).persisted && !session) recheck();
    });
  };

  const begin = (): void => {
    const at = now();
    const facts = ctx.pageFacts();
    const start: ReadingEvent = {
      type: 'start',
      at,
      url: facts.url,
      visible: doc.visibilityState === 'visible',
      focused: hasFocus(doc),
    };
    if (facts.title) start.title = facts.title;
    if (facts.canonicalHref) start.canonicalHref = facts.canonicalHref;
    if (facts.description) start.description = facts.description;
    if (facts.lang) start.lang = facts.lang;
    const root = mainTextRoot(doc) ?? doc.documentElement;
    const words = countTextWords(doc, root);
    if (words > 0) start.wordCount = words;
    session = {
      page: withoutHash(win.location.href),
      root,
      lastActivitySent: at,
      pendingActivity: undefined,
      maxDepth: 0,
      sentDepth: 0,
    };
    ctx.send({ type: 'reading', event: start });
    wire();
  };

  return {
    begin,
    reading: () => session !== undefined,
    stop: () => {
      session = undefined;
    },
  };
}

function isTopFrame(win: Window): boolean {
  try {
    return win.top === win.self;
  } catch {
    return false;
  }
}

function isHtmlDocument(doc: Document): boolean {
  return doc.documentElement?.localName === 'html' && /html/i.test(doc.contentType || 'text/html');
}

function hasFocus(doc: Document): boolean {
  try {
    return doc.hasFocus();
  } catch {
    return false;
  }
}

/**
 * How far the viewport's bottom edge has come through `root` (the main text), 0..1; `undefined` when it has no
 * size (detached, not rendered). Measured on the element, not the document, so it works the same for pages that
 * scroll a container instead of the window, and a short article that fits the screen is read to its end at once.
 */
export function textDepth(root: Element, win: Window): number | undefined {
  const rect = root.getBoundingClientRect();
  if (!(rect.height > 0)) return undefined;
  return clamp01((win.innerHeight - rect.top) / rect.height);
}

const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/**
 * Words in the main text, cheaply: the `<article>` with the most paragraphs, else `<main>`, else the body. Its text
 * nodes are counted one by one (so `</p><p>` without whitespace between them does not join two words), leaving
 * out scripts and styles; at most MAX_TEXT_CHARS characters are examined. 0 when there is no text.
 */
export function estimateWordCount(doc: Document): number {
  const root = mainTextRoot(doc);
  return root ? countTextWords(doc, root) : 0;
}

function countTextWords(doc: Document, root: Element): number {
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  const parts: string[] = [];
  let chars = 0;
  for (let node = walker.nextNode(); node !== null && chars < MAX_TEXT_CHARS; node = walker.nextNode()) {
    if (NOT_TEXT.has(node.parentElement?.localName ?? '')) continue;
    const text = (node as Text).data;
    chars += text.length;
    parts.push(text);
  }
  return Math.min(MAX_WORDS, countWords(parts.join(' ')));
}

function mainTextRoot(doc: Document): Element | null {
  let best: Element | null = null;
  let bestParagraphs = -1;
  const articles = doc.getElementsByTagName('article');
  for (let i = 0; i < articles.length && i < 20; i++) {
    const article = articles[i]!;
    const paragraphs = article.getElementsByTagName('p').length;
    if (paragraphs > bestParagraphs) {
      best = article;
      bestParagraphs = paragraphs;
    }
  }
  return best ?? doc.querySelector('main, [role="main"]') ?? doc.body;
}

/**
 * Whitespace-separated words; Chinese and Japanese characters (written without spaces) count as half a word
 * each, which puts ~460 characters a minute level with 230 words a minute. Native regular expressions: a
 * character loop in a content script's cold code costs far more.
 */
export function countWords(text: string): number {
  const words = text.match(WORD)?.length ?? 0;
  const cjk = text.match(CJK_CHAR)?.length ?? 0;
  return words + Math.round(cjk / 2);
}
