// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createReadingState, engagedSeconds, reduceReading, type ReadingEvent } from '../../shared/capture';
import {
  ACTIVITY_THROTTLE_MS,
  articleDetector,
  countWords,
  createArticleDetector,
  estimateWordCount,
} from './article';
import { dispatchTrusted, forge, harness, testPage, type Harness, type TestPage } from './testing';

type Win = Window & typeof globalThis;

const paragraphs = (n: number, words = 60) =>
  Array.from(
    { length: n },
    (_, i) => `<p>${`Paragraph ${i} says something worth reading. `.repeat(words / 6)}</p>`,
  ).join('');

const ARTICLE = `<!doctype html><html lang="en-GB"><head>
  <title>Learning in the flow of work | Journal</title>
  <meta property="og:title" content="Learning in the flow of work">
  <meta name="description" content="Why most learning happens between meetings.">
  <link rel="canonical" href="/articles/learning-in-the-flow-of-work">
  </head><body><nav><a href="/">Home</a></nav>
  <article><h1>Learning in the flow of work</h1>${paragraphs(10)}<script>var tracking = "these words do not count at all";</script></article>
  <footer>Footer words here</footer></body></html>`;

let page: TestPage | undefined;
let stop: (() => void) | undefined;
afterEach(async () => {
  stop?.();
  stop = undefined;
  await page?.close();
  page = undefined;
});

const events = (h: Harness): ReadingEvent[] =>
  h.take().map((m) => {
    if (m.type !== 'reading') throw new Error(`unexpected ${m.type}`);
    return m.event;
  });

/** An article page with the detector started, the document loaded and the idle check run. */
function started(options: { readerable?: boolean; html?: string; url?: string } = {}) {
  page = testPage(options.html ?? ARTICLE, options.url ?? 'https://example.org/articles/one?utm_source=x');
  const h = harness(page);
  const detector = createArticleDetector({ isReaderable: () => options.readerable ?? true });
  stop = detector.start(h.ctx);
  page.win.dispatchEvent(new (page.win as Win).Event('load'));
  h.runIdle();
  return { ...page, h };
}

/** The browser's own event (trusted), bubbling unless told otherwise. */
const fire = (target: EventTarget, type: string, win: Window, init: EventInit = {}) =>
  dispatchTrusted(target, new (win as Win).Event(type, { bubbles: true, ...init }));

describe('article detector', () => {
  it('applies to top frames of HTML documents only', () => {
    page = testPage(ARTICLE);
    expect(articleDetector.applies(page.doc, page.win)).toBe(true);
    const framed = { top: {}, self: page.win } as unknown as Window;
    expect(articleDetector.applies(page.doc, framed)).toBe(false);
  });

  it('checks nothing before load, then defers the check to an idle period', () => {
    page = testPage(ARTICLE);
    const h = harness(page);
    let checks = 0;
    stop = createArticleDetector({ isReaderable: () => (checks++, true) }).start(h.ctx);
    expect(page.doc.readyState).not.toBe('complete');
    expect(h.idleQueue).toHaveLength(0);
    page.win.dispatchEvent(new (page.win as Win).Event('load'));
    expect(checks).toBe(0);
    expect(h.messages).toHaveLength(0);
    expect(h.idleQueue).toHaveLength(1);
    h.runIdle();
    expect(checks).toBe(1);
    expect(h.messages).toHaveLength(1);
  });

  it('sends start with the page facts, the word count and the page state', () => {
    const { h } = started();
    const [start, ...rest] = events(h);
    expect(rest).toEqual([]);
    expect(start).toEqual({
      type: 'start',
      at: 1_000_000,
      url: 'https://example.org/articles/one?utm_source=x',
      title: 'Learning in the flow of work',
      canonicalHref: 'https://example.org/articles/learning-in-the-flow-of-work',
      description: 'Why most learning happens between meetings.',
      lang: 'en-GB',
      wordCount: 6 + 10 * 60,
      visible: true,
      focused: true,
    });
  });

  it('does nothing at all on a page that does not read as an article', () => {
    const { win, doc, h } = started({ readerable: false });
    fire(win, 'pointerdown', win);
    fire(doc, 'visibilitychange', win);
    fire(win, 'pagehide', win);
    expect(h.messages).toEqual([]);
  });

  it('uses the prose classifier (prose.ts) by default', () => {
    page = testPage(ARTICLE);
    const h = harness(page);
    stop = articleDetector.start(h.ctx);
    page.win.dispatchEvent(new (page.win as Win).Event('load'));
    h.runIdle();
    expect(events(h).map((e) => e.type)).toEqual(['start']);

    const nav = testPage(
      '<!doctype html><html><body><nav><a href="/a">A</a> <a href="/b">B</a></nav><p>Short.</p></body></html>',
    );
    const h2 = harness(nav);
    const stop2 = articleDetector.start(h2.ctx);
    nav.win.dispatchEvent(new (nav.win as Win).Event('load'));
    h2.runIdle();
    expect(h2.messages).toEqual([]);
    stop2();
    void nav.close();
  });

  it('reports visibility and window focus, but not focus moving between elements', () => {
    const { win, doc, h } = started();
    events(h);
    Object.defineProperty(doc, 'visibilityState', { configurable: true, value: 'hidden' });
    h.clock.now += 1000;
    fire(doc, 'visibilitychange', win);
    Object.defineProperty(doc, 'visibilityState', { configurable: true, value: 'visible' });
    h.clock.now += 1000;
    fire(doc, 'visibilitychange', win);
    h.clock.now += 1000;
    fire(win, 'blur', win, { bubbles: false });
    const input = doc.createElement('input');
    doc.body.append(input);
    fire(input, 'focus', win, { bubbles: false });
    fire(input, 'blur', win, { bubbles: false });
    h.clock.now += 1000;
    fire(win, 'focus', win, { bubbles: false });
    expect(events(h)).toEqual([
      { type: 'visibility', at: 1_001_000, visible: false },
      { type: 'visibility', at: 1_002_000, visible: true },
      { type: 'focus', at: 1_003_000, focused: false },
      { type: 'focus', at: 1_004_000, focused: true },
    ]);
  });

  it('throttles activity to one message per 15 s and sends the last held one before visibility, focus or end', () => {
    const { win, doc, h } = started();
    events(h);
    const t0 = h.clock.now;
    // Within 15 s of start (itself activity), input is only remembered.
    for (const [dt, type] of [
      [1000, 'pointermove'],
      [2000, 'wheel'],
      [3000, 'keydown'],
    ] as const) {
      h.clock.now = t0 + dt;
      fire(doc.body, type, win);
    }
    expect(events(h)).toEqual([]);
    h.clock.now = t0 + ACTIVITY_THROTTLE_MS;
    fire(doc.body, 'pointerdown', win);
    expect(events(h)).toEqual([{ type: 'activity', at: t0 + ACTIVITY_THROTTLE_MS }]);
    const article = doc.querySelector('article')!;
    let top = 0;
    article.getBoundingClientRect = () => ({ top, height: 8000 }) as DOMRect;
    for (let dt = 16_000; dt <= 29_000; dt += 1000) {
      h.clock.now = t0 + dt;
      fire(doc.body, 'pointermove', win);
      top -= 400; // scrolling as they go: depth messages, but no activity riding along with them
      fire(doc, 'scroll', win, { bubbles: false });
    }
    const scrolled = events(h).map((e) => e.type);
    expect(scrolled.length).toBeGreaterThan(5);
    expect(new Set(scrolled)).toEqual(new Set(['scroll']));
    // The learner stops at +29 s; hiding the tab at +50 s first delivers the activity at +29 s.
    h.clock.now = t0 + 50_000;
    Object.defineProperty(doc, 'visibilityState', { configurable: true, value: 'hidden' });
    fire(doc, 'visibilitychange', win);
    expect(events(h)).toEqual([
      { type: 'activity', at: t0 + 29_000 },
      { type: 'visibility', at: t0 + 50_000, visible: false },
    ]);
  });

  it('a page coming back to the front restarts the throttle window (the reducer counts it as activity)', () => {
    const { win, doc, h } = started();
    events(h);
    h.clock.now += 20_000;
    fire(win, 'focus', win, { bubbles: false });
    h.clock.now += 5_000;
    fire(doc.body, 'keydown', win);
    expect(events(h).map((e) => e.type)).toEqual(['focus']);
  });

  it('tracks scroll depth through the main text: on growth of at least 5 %, at the end, and before hidden/end', () => {
    page = testPage(ARTICLE);
    const { win, doc } = page;
    const article = doc.querySelector('article')!;
    let top = 100;
    Object.defineProperty(win, 'innerHeight', { configurable: true, value: 800 });
    // The article is 3500 px tall and starts 100 px down the page: 700 / 3500 = 20 % is visible at first.
    article.getBoundingClientRect = () => ({ top, height: 3500 }) as DOMRect;
    const h = harness(page);
    stop = createArticleDetector({ isReaderable: () => true }).start(h.ctx);
    win.dispatchEvent(new (win as Win).Event('load'));
    h.runIdle();
    expect(events(h).map((e) => e.type)).toEqual(['start']); // no layout forced at start
    const scrollTo = (y: number, target: EventTarget = doc) => {
      top = 100 - y;
      fire(target, 'scroll', win, { bubbles: false });
    };
    scrollTo(0); // 0.2: the first measure
    scrollTo(87); // 0.2249: less than 5 % more
    scrollTo(0);
    scrollTo(175); // 0.25
    scrollTo(150);
    scrollTo(340); // 0.2971
    scrollTo(875); // 0.45
    const column = doc.createElement('div'); // a container scrolling instead of the window: same measure
    doc.body.append(column);
    scrollTo(2695, column); // 0.97
    scrollTo(2800, column); // 1: the end of the text, though only 3 % more
    scrollTo(2900);
    expect(events(h).map((e) => (e.type === 'scroll' ? e.depth : e.type))).toEqual([
      0.2, 0.25, 0.45, 0.97, 1,
    ]);
    stop();

    // Growth under 5 % is held back and sent before `end`; so is the depth of a page nobody scrolled.
    top = 100;
    const h2 = harness(page);
    stop = createArticleDetector({ isReaderable: () => true }).start(h2.ctx);
    win.dispatchEvent(new (win as Win).Event('load'));
    h2.runIdle();
    events(h2);
    scrollTo(0); // 0.2
    scrollTo(140); // 0.24
    h2.clock.now += 1000;
    fire(win, 'pagehide', win, { bubbles: false });
    expect(events(h2)).toEqual([
      { type: 'scroll', at: h2.clock.now - 1000, depth: 0.2 },
      { type: 'scroll', at: h2.clock.now, depth: 0.24 },
      { type: 'end', at: h2.clock.now },
    ]);
    stop();
    const h3 = harness(page);
    stop = createArticleDetector({ isReaderable: () => true }).start(h3.ctx);
    win.dispatchEvent(new (win as Win).Event('load'));
    h3.runIdle();
    top = -2665; // a restored scroll position near the end, never scrolled from: measured when the tab is hidden
    Object.defineProperty(doc, 'visibilityState', { configurable: true, value: 'hidden' });
    fire(doc, 'visibilitychange', win);
    expect(events(h3).map((e) => (e.type === 'scroll' ? e.depth : e.type))).toEqual([
      'start',
      0.99,
      'visibility',
    ]);
  });

  it('ends on pagehide and starts a new session when the page comes back from the back/forward cache', () => {
    const { win, h } = started();
    events(h);
    h.clock.now += 5000;
    fire(win, 'pagehide', win, { bubbles: false });
    expect(events(h)).toEqual([{ type: 'end', at: h.clock.now }]);
    fire(win, 'pointerdown', win);
    expect(events(h)).toEqual([]);
    const show = new (win as Win).Event('pageshow');
    Object.defineProperty(show, 'persisted', { value: true });
    dispatchTrusted(win, show);
    h.clock.now += 1000;
    h.runIdle();
    expect(events(h)).toMatchObject([{ type: 'start', at: h.clock.now }]);
  });

  it('ends the session when a single-page app moves to another URL, and checks the new page', () => {
    const { win, doc, h } = started();
    events(h);
    h.clock.now += 1000;
    win.location.hash = '#comments'; // same page
    fire(doc.body, 'keydown', win);
    h.clock.now += ACTIVITY_THROTTLE_MS;
    fire(doc.body, 'keydown', win);
    expect(events(h).map((e) => e.type)).toEqual(['activity']);
    win.history.pushState({}, '', '/articles/two');
    doc.title = 'Second article';
    h.clock.now += ACTIVITY_THROTTLE_MS;
    fire(doc.body, 'keydown', win);
    expect(events(h)).toEqual([{ type: 'end', at: h.clock.now }]);
    h.runIdle();
    expect(events(h)).toMatchObject([
      { type: 'start', url: 'https://example.org/articles/two', title: 'Second article' },
    ]);
  });

  it('ignores events a page script dispatches: synthetic input, focus, visibility and pagehide add nothing', () => {
    const { win, doc, h } = started();
    const [start] = events(h);
    let state = reduceReading(createReadingState(), {
      ...(start as Extract<ReadingEvent, { type: 'start' }>),
      visible: true,
      focused: true,
    });
    // Five minutes of synthetic "activity" every 10 s, focus and visibility events, and a forged pagehide.
    for (let i = 1; i <= 30; i++) {
      h.clock.now += 10_000;
      for (const type of ['keydown', 'pointermove', 'wheel', 'pointerdown', 'touchstart'])
        forge(doc.body, type, win, { bubbles: true });
      forge(win, 'focus', win);
      forge(doc, 'visibilitychange', win);
    }
    forge(win, 'pagehide', win);
    expect(h.take()).toEqual([]);
    // The learner opened the page and left: the idle window after `start`, not five minutes.
    expect(engagedSeconds(state, h.clock.now)).toBe(60);
    // The same input from the learner (trusted) keeps the session engaged.
    fire(doc.body, 'keydown', win);
    for (const e of events(h)) state = reduceReading(state, e);
    expect(engagedSeconds(state, h.clock.now + 30_000)).toBe(90);
  });

  it('keeps the session through fragment changes (an in-page #anchor, a table of contents)', () => {
    const { win, doc, h } = started();
    events(h);
    for (const hash of ['#part-1', '#part-2', '']) {
      h.clock.now += ACTIVITY_THROTTLE_MS;
      win.location.hash = hash;
      fire(win, 'hashchange', win, { bubbles: false });
      fire(doc.body, 'pointerdown', win);
    }
    fire(doc, 'visibilitychange', win);
    expect(events(h).map((e) => e.type)).toEqual(['activity', 'activity', 'activity', 'visibility']);
  });

  it('stops cleanly: no pending check before the start, no listener after it', async () => {
    page = testPage(ARTICLE);
    const h = harness(page);
    stop = createArticleDetector({ isReaderable: () => true }).start(h.ctx);
    page.win.dispatchEvent(new (page.win as Win).Event('load'));
    expect(h.idleQueue).toHaveLength(1);
    stop();
    expect(h.idleQueue).toHaveLength(0);
    await page.close();

    const { win, doc, h: h2 } = started();
    expect(events(h2).map((e) => e.type)).toEqual(['start']);
    stop?.();
    h2.clock.now += ACTIVITY_THROTTLE_MS;
    fire(doc.body, 'keydown', win);
    fire(doc, 'visibilitychange', win);
    fire(win, 'pagehide', win, { bubbles: false });
    expect(events(h2)).toEqual([]);
  });
});

describe('word count', () => {
  it('counts whitespace-separated words and CJK characters as half words', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('  one two\tthree\nfour\u00a0five  ')).toBe(5);
    expect(countWords('学习在工作中发生')).toBe(4);
    expect(countWords('xAPI と 学習')).toBe(3);
  });

  it('takes the article with most paragraphs, counts text nodes apart, and ignores scripts and styles', () => {
    page = testPage(
      `<body><article><p>teaser one two</p></article><article><h2>Title</h2><p>a b c</p><p>d <em>e</em>f</p><style>.x{color:red}</style><script>var x = 1</script></article></body>`,
    );
    expect(estimateWordCount(page.doc)).toBe(7);
  });

  it('falls back to <main>, then the body, and bounds the work on huge pages', async () => {
    page = testPage(`<body><nav>Home</nav><main><p>one two three</p></main></body>`);
    expect(estimateWordCount(page.doc)).toBe(3);
    await page.close();
    page = testPage(`<body><div>${`<p>${'word '.repeat(100)}</p>`.repeat(2000)}</div></body>`);
    const words = estimateWordCount(page.doc);
    expect(words).toBeGreaterThan(90_000);
    expect(words).toBeLessThanOrEqual(100_000);
  });
});
