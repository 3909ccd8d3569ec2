// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createMediaState, mediaVerdict, reduceMedia, type MediaEvent } from '../../shared/capture';
import type { ContentMessage } from '../platform/content-messages';
import { TIMEUPDATE_INTERVAL_MS, mediaDetector } from './media';
import {
  dispatchTrusted,
  fakeIntersections,
  fire,
  forge,
  harness,
  setActivation,
  setMedia,
  testPage,
  type Harness,
  type TestPage,
} from './testing';

type Win = Window & typeof globalThis;
type MediaMessage = Extract<ContentMessage, { type: 'media' }>;

const VIDEO_PAGE = `<!doctype html><html lang="en"><head><title>A talk about learning - Tube</title>
  <meta property="og:title" content="A talk about learning"></head>
  <body><video id="v" src="https://cdn.example.org/talk.webm"></video></body></html>`;

let page: TestPage | undefined;
let stop: (() => void) | undefined;
afterEach(async () => {
  stop?.();
  stop = undefined;
  await page?.close();
  page = undefined;
});

function started(html = VIDEO_PAGE, url = 'https://tube.example/watch?v=A') {
  page = testPage(html, url);
  const h = harness(page);
  stop = mediaDetector.start(h.ctx);
  return { ...page, h };
}

const media = (h: Harness): MediaMessage[] =>
  h.take().map((m) => {
    if (m.type !== 'media') throw new Error(`unexpected ${m.type}`);
    return m;
  });
const eventsOf = (h: Harness): MediaEvent[] => media(h).map((m) => m.event);

/** The element starts playing at `position` (what the browser reports at `play`). */
function play(el: HTMLMediaElement, win: Window, position = 0) {
  setMedia(el, { paused: false, ended: false, currentTime: position });
  fire(el, 'play', win);
}

function video(doc: Document, selector = 'video'): HTMLVideoElement {
  const el = doc.querySelector<HTMLVideoElement>(selector)!;
  setMedia(el, {
    currentSrc: el.getAttribute('src') ?? '',
    duration: 120,
    paused: true,
    ended: false,
    readyState: 4,
  });
  return el;
}

describe('media detector', () => {
  it('sends nothing until an element plays, then loaded and play with the page facts', () => {
    const { doc, win, h } = started();
    const el = video(doc);
    fire(el, 'durationchange', win);
    fire(el, 'timeupdate', win);
    expect(h.messages).toEqual([]);
    play(el, win, 0);
    const [loaded, played, ...rest] = media(h);
    expect(rest).toEqual([]);
    expect(loaded).toEqual({
      type: 'media',
      element: 'm1',
      key: 'm1 https://cdn.example.org/talk.webm https://tube.example/watch?v=A',
      event: {
        type: 'loaded',
        at: 1_000_000,
        mediaId: 'm1 https://cdn.example.org/talk.webm https://tube.example/watch?v=A',
        src: 'https://cdn.example.org/talk.webm',
        title: 'A talk about learning',
        duration: 120,
        kind: 'video',
        // Sound on; no picture on screen yet (the IntersectionObserver has not answered); nobody pressed.
        exposure: { audible: true, visible: false, learner: false },
      },
      page: { url: 'https://tube.example/watch?v=A', title: 'A talk about learning', lang: 'en' },
    });
    expect(played).toMatchObject({
      element: 'm1',
      key: loaded!.key,
      event: { type: 'play', at: 1_000_000, position: 0 },
    });
  });

  it('costs two listeners at load; the others come when something plays', () => {
    page = testPage(VIDEO_PAGE, 'https://tube.example/watch?v=A');
    const added: string[] = [];
    for (const target of [page.doc, page.win]) {
      const original = target.addEventListener.bind(target);
      target.addEventListener = ((type: string, ...rest: [EventListener, AddEventListenerOptions]) => {
        added.push(type);
        original(type, ...rest);
      }) as typeof target.addEventListener;
    }
    const h = harness(page);
    stop = mediaDetector.start(h.ctx);
    expect(added).toEqual(['play', 'timeupdate']);
    expect(h.idleQueue).toHaveLength(1);
    play(video(page.doc), page.win);
    expect(added).toEqual(expect.arrayContaining(['pagehide', 'pause', 'ended', 'emptied', 'seeked']));
  });

  it('sends each player event with at and position, and timeupdate at most once per 5 s', () => {
    const { doc, win, h } = started();
    const el = video(doc);
    play(el, win, 10);
    media(h);
    const at = (t: number, position: number, type: string, extra: Parameters<typeof setMedia>[1] = {}) => {
      h.clock.now = 1_000_000 + t;
      setMedia(el, { currentTime: position, ...extra });
      fire(el, type, win);
    };
    for (let t = 250; t < TIMEUPDATE_INTERVAL_MS; t += 250) at(t, 10 + t / 1000, 'timeupdate');
    expect(media(h)).toEqual([]);
    at(5000, 15, 'timeupdate');
    at(6000, 16, 'timeupdate');
    at(7000, 17, 'ratechange', { playbackRate: 2 });
    at(8000, 19, 'seeking', { currentTime: 60 });
    at(8500, 60, 'seeked');
    at(9000, 61, 'timeupdate'); // within 5 s of seeked
    at(9500, 62, 'pause', { paused: true });
    at(9600, 62, 'pause', { paused: true }); // a second pause adds nothing
    setMedia(el, { duration: Number.NaN });
    at(9700, 62, 'durationchange');
    setMedia(el, { duration: 130 });
    at(9800, 62, 'durationchange');
    expect(eventsOf(h)).toEqual([
      { type: 'timeupdate', at: 1_005_000, position: 15 },
      { type: 'ratechange', at: 1_007_000, rate: 2, position: 17 },
      { type: 'seeking', at: 1_008_000, position: 60 },
      { type: 'seeked', at: 1_008_500, position: 60 },
      { type: 'pause', at: 1_009_500, position: 62 },
      { type: 'durationchange', at: 1_009_800, duration: 130 },
    ]);
  });

  it('ends the item at ended; playing it again starts a new session of the same item', () => {
    const { doc, win, h } = started();
    const el = video(doc);
    play(el, win);
    const key = media(h)[0]!.key;
    h.clock.now += 120_000;
    setMedia(el, { currentTime: 120, paused: true, ended: true });
    fire(el, 'pause', win);
    fire(el, 'ended', win);
    expect(eventsOf(h)).toEqual([
      { type: 'pause', at: h.clock.now, position: 120 },
      { type: 'ended', at: h.clock.now, position: 120 },
    ]);
    play(el, win, 0);
    expect(media(h).map((m) => [m.key, m.event.type])).toEqual([
      [key, 'loaded'],
      [key, 'play'],
    ]);
  });

  it('a new source in the same element is a new item: the old one pauses where it was, the new one loads', () => {
    const { doc, win, h } = started();
    const el = video(doc);
    play(el, win, 0);
    const first = media(h)[0]!.key;
    h.clock.now += 3000;
    setMedia(el, { currentTime: 3 });
    fire(el, 'timeupdate', win); // throttled, but remembered
    h.clock.now += 1000;
    setMedia(el, {
      currentSrc: 'https://cdn.example.org/next.webm',
      currentTime: 0,
      paused: true,
      duration: Number.NaN,
    });
    fire(el, 'emptied', win);
    fire(el, 'durationchange', win);
    setMedia(el, { duration: 60 });
    play(el, win, 0);
    const out = media(h);
    expect(out.map((m) => [m.key === first ? 'first' : m.key, m.event])).toEqual([
      ['first', { type: 'pause', at: 1_004_000, position: 3 }],
      [
        'm1 https://cdn.example.org/next.webm https://tube.example/watch?v=A',
        expect.objectContaining({ type: 'loaded', src: 'https://cdn.example.org/next.webm', duration: 60 }),
      ],
      [
        'm1 https://cdn.example.org/next.webm https://tube.example/watch?v=A',
        { type: 'play', at: 1_004_000, position: 0 },
      ],
    ]);
    expect(out[1]!.element).toBe('m1');
  });

  it('a single-page app moving to another URL makes a new item, even in the same element with the same source', () => {
    const { doc, win, h } = started();
    const el = video(doc);
    play(el, win, 0);
    const first = media(h)[0]!.key;
    win.history.pushState({}, '', '/watch?v=B');
    doc.title = 'Another talk - Tube';
    h.clock.now += 6000;
    setMedia(el, { currentTime: 6 });
    fire(el, 'timeupdate', win);
    const out = media(h);
    expect(out.map((m) => [m.key, m.event.type])).toEqual([
      [first, 'pause'],
      ['m1 https://cdn.example.org/talk.webm https://tube.example/watch?v=B', 'loaded'],
      ['m1 https://cdn.example.org/talk.webm https://tube.example/watch?v=B', 'play'],
    ]);
    expect(out[0]!.event).toEqual({ type: 'pause', at: h.clock.now, position: 6 });
    // The old item's last message still describes the page it played on.
    expect(out[0]!.page).toMatchObject({
      url: 'https://tube.example/watch?v=A',
      title: 'A talk about learning',
    });
    expect(out[1]!.event).toMatchObject({ title: 'Another talk - Tube' });
    expect(out[1]!.page).toEqual({
      url: 'https://tube.example/watch?v=B',
      title: 'Another talk - Tube',
      lang: 'en',
    });
    // The fragment is not part of the page.
    win.location.hash = '#comments';
    h.clock.now += 6000;
    fire(el, 'timeupdate', win);
    expect(media(h).map((m) => m.event.type)).toEqual(['timeupdate']);
  });

  it('a page that changes URL and source in one go (like YouTube) gives exactly one new item', () => {
    const { doc, win, h } = started();
    const el = video(doc);
    play(el, win, 0);
    const first = media(h)[0]!.key;
    h.clock.now += 4000;
    setMedia(el, { currentTime: 4 });
    fire(el, 'timeupdate', win); // throttled, remembered
    // The click handler: pushState, src = next, play(). What Chromium then dispatches (seen in a real run): the
    // old source's `emptied` and `timeupdate` (not paused, readyState 0, position 0) under the new URL, then
    // `play` with the new source.
    win.history.pushState({}, '', '/watch?v=B');
    setMedia(el, { paused: false, currentTime: 0, readyState: 0, duration: Number.NaN });
    fire(el, 'emptied', win);
    fire(el, 'timeupdate', win);
    setMedia(el, { currentSrc: 'https://cdn.example.org/b.webm' });
    fire(el, 'play', win);
    const out = media(h);
    expect(
      out.map((m) => [
        m.key === first ? 'first' : m.key,
        m.event.type,
        'position' in m.event ? m.event.position : '-',
      ]),
    ).toEqual([
      ['first', 'pause', 4],
      ['m1 https://cdn.example.org/b.webm https://tube.example/watch?v=B', 'loaded', '-'],
      ['m1 https://cdn.example.org/b.webm https://tube.example/watch?v=B', 'play', 0],
    ]);
  });

  it('joins an element that was already playing at its next event, and tells a rate other than 1', () => {
    const { doc, win, h } = started();
    const el = video(doc);
    setMedia(el, { paused: false, currentTime: 42, playbackRate: 1.5 });
    fire(el, 'timeupdate', win);
    expect(eventsOf(h)).toEqual([
      expect.objectContaining({ type: 'loaded' }),
      { type: 'ratechange', at: 1_000_000, rate: 1.5, position: 42 },
      { type: 'play', at: 1_000_000, position: 42 },
    ]);
  });

  it('ignores decorative media (muted and looping, muted autoplay without controls) until it is unmuted', () => {
    const { doc, win, h } = started(
      `<body><video class="hero" src="/hero.webm" muted loop autoplay></video><video class="gif" src="/gif.webm" muted autoplay></video><video class="talk" src="/talk.webm" muted autoplay controls></video></body>`,
    );
    const hero = video(doc, '.hero');
    const gif = video(doc, '.gif');
    const talk = video(doc, '.talk');
    for (const el of [hero, gif, talk]) setMedia(el, { muted: true });
    play(hero, win);
    play(gif, win);
    fire(hero, 'timeupdate', win);
    expect(h.messages).toEqual([]);
    play(talk, win); // muted autoplay, but with controls: a player the learner can use
    expect(media(h).map((m) => [m.element, m.event.type])).toEqual([
      ['m3', 'loaded'],
      ['m3', 'play'],
    ]);
    setMedia(gif, { muted: false, currentTime: 4 });
    fire(gif, 'timeupdate', win);
    expect(media(h).map((m) => [m.element, m.event])).toEqual([
      ['m2', expect.objectContaining({ type: 'loaded' })],
      ['m2', { type: 'play', at: 1_000_000, position: 4 }],
    ]);
  });

  it('ignores live capture streams (srcObject) such as video calls', () => {
    const { doc, win, h } = started();
    const el = video(doc);
    setMedia(el, { currentSrc: '' });
    Object.defineProperty(el, 'srcObject', { configurable: true, value: {} });
    play(el, win);
    expect(h.messages).toEqual([]);
  });

  it('tells audio from video, including a <video> whose media has no picture', () => {
    const { doc, win, h } = started(
      `<body><audio src="/episode.ogg"></audio><video src="/podcast-as-video.webm"></video></body>`,
    );
    const audio = video(doc, 'audio');
    const blind = video(doc, 'video');
    setMedia(blind, { readyState: 4, videoWidth: 0 });
    play(audio, win);
    play(blind, win);
    expect(
      eventsOf(h)
        .filter((e) => e.type === 'loaded')
        .map((e) => e.type === 'loaded' && e.kind),
    ).toEqual(['audio', 'audio']);
  });

  it('uses the media session title when the page announced one', () => {
    const { doc, win, h } = started();
    Object.defineProperty(win.navigator, 'mediaSession', {
      configurable: true,
      value: { metadata: { title: 'Episode 7: Flow', artist: 'Ada', album: 'The Show', artwork: [] } },
    });
    play(video(doc), win);
    const [loaded] = media(h);
    expect(loaded!.event).toMatchObject({ type: 'loaded', title: 'Episode 7: Flow' });
    expect(loaded!.page.mediaSession).toEqual({ title: 'Episode 7: Flow', artist: 'Ada', album: 'The Show' });
  });

  it('cuts keys and sources that would not fit the message contract', () => {
    const { doc, win, h } = started();
    const el = video(doc);
    const data = `data:video/webm;base64,${'A'.repeat(100_000)}`;
    setMedia(el, { currentSrc: data });
    play(el, win);
    const [loaded] = media(h); // the harness already checked it against the background's validation
    expect(loaded!.key.length).toBeLessThanOrEqual(4000);
    expect(loaded!.event.type === 'loaded' && loaded!.event.src.length).toBeLessThanOrEqual(2048);
    setMedia(el, { currentSrc: `${data}B` });
    fire(el, 'emptied', win);
    play(el, win);
    expect(media(h).map((m) => m.key === loaded!.key)).toEqual([true, false, false]);
  });

  it('pauses whatever plays on pagehide; after a back/forward-cache restore, playing is a new session', () => {
    const { doc, win, h } = started();
    const el = video(doc);
    play(el, win, 0);
    const key = media(h)[0]!.key;
    h.clock.now += 8000;
    setMedia(el, { currentTime: 8 });
    dispatchTrusted(win, new (win as Win).Event('pagehide'));
    expect(media(h).map((m) => [m.key, m.event])).toEqual([
      [key, { type: 'pause', at: h.clock.now, position: 8 }],
    ]);
    setMedia(el, { paused: true });
    fire(el, 'pause', win); // the browser pauses it too: already reported
    expect(h.messages).toHaveLength(3);
    play(el, win, 8);
    expect(media(h).map((m) => [m.key, m.event.type])).toEqual([
      [key, 'loaded'],
      [key, 'play'],
    ]);
    // An item merely paused when the page was hidden starts over too (the background ended it with the page).
    setMedia(el, { paused: true, currentTime: 9 });
    fire(el, 'pause', win);
    dispatchTrusted(win, new (win as Win).Event('pagehide'));
    play(el, win, 9);
    expect(media(h).map((m) => [m.key, m.event.type])).toEqual([
      [key, 'pause'],
      [key, 'loaded'],
      [key, 'play'],
    ]);
  });

  it('stop removes every listener and observer', () => {
    const { doc, win, h } = started();
    const el = video(doc);
    h.runIdle();
    stop?.();
    stop = undefined;
    play(el, win);
    const host = doc.createElement('div');
    const inner = doc.createElement('video');
    host.attachShadow({ mode: 'open' }).append(inner);
    doc.body.append(host);
    h.runIdle();
    play(inner, win);
    expect(h.messages).toEqual([]);
    expect(h.idleQueue).toEqual([]);
  });
});

describe('trust and exposure: what a person could perceive', () => {
  const exposures = (h: Harness) =>
    eventsOf(h).flatMap((e) => (e.type === 'exposure' || e.type === 'loaded' ? [e.exposure] : []));

  it('ignores forged media events: a page script dispatching play, timeupdate and ended sends nothing', () => {
    const { doc, win, h } = started();
    const el = video(doc);
    setMedia(el, { paused: false, currentTime: 3 }); // even on an element that really is playing
    for (const type of ['play', 'timeupdate', 'ended', 'pause', 'seeked', 'emptied']) forge(el, type, win);
    expect(h.messages).toEqual([]);
    // Forged events on an item that really plays neither end nor advance it.
    play(el, win, 3);
    media(h);
    h.clock.now += 6000;
    setMedia(el, { currentTime: 9 });
    for (const type of ['timeupdate', 'ended', 'pause', 'emptied', 'volumechange']) forge(el, type, win);
    forge(win, 'pagehide', win);
    expect(h.messages.slice(2)).toEqual([]);
  });

  it('reports audible, visible and learner with loaded, and again whenever one changes while playing', () => {
    const { doc, win, h } = started();
    const io = fakeIntersections(win);
    setActivation(win, true);
    const el = video(doc);
    play(el, win, 0);
    expect(exposures(h)).toEqual([{ audible: true, visible: false, learner: true }]);
    expect(io.observed()).toEqual([el]);
    // On screen at a real size: visible.
    io.show(el, { width: 640, height: 360 }, 1);
    // Muted by the learner.
    setMedia(el, { muted: true });
    fire(el, 'volumechange', win);
    // Scrolled so that most of it is off screen.
    io.show(el, { width: 640, height: 360 }, 0.3);
    // The tab goes to the background, then comes back with the video in view again.
    io.show(el, { width: 640, height: 360 }, 1);
    Object.defineProperty(doc, 'visibilityState', { value: 'hidden', configurable: true });
    dispatchTrusted(doc, new (win as Win).Event('visibilitychange'));
    // Volume 0 while unmuted is silent too.
    setMedia(el, { muted: false, volume: 0 });
    fire(el, 'volumechange', win);
    expect(exposures(h)).toEqual([
      { audible: true, visible: true, learner: true },
      { audible: false, visible: true, learner: true },
      { audible: false, visible: false, learner: true },
      { audible: false, visible: true, learner: true },
      { audible: false, visible: false, learner: true },
    ]);
    // Unchanged facts send nothing.
    fire(el, 'volumechange', win);
    h.clock.now += TIMEUPDATE_INTERVAL_MS - 1;
    fire(el, 'timeupdate', win);
    expect(h.take()).toEqual([]);
  });

  it('a tiny, transparent or hidden video is not visible, whatever its intersection', () => {
    const { doc, win, h } = started(
      `<body><video id="tiny" src="https://ads.example/a.webm"></video>
        <video id="clear" style="opacity: 0" src="https://ads.example/b.webm"></video>
        <div style="visibility: hidden"><video id="hidden" src="https://ads.example/c.webm"></video></div></body>`,
    );
    const io = fakeIntersections(win);
    setActivation(win, true);
    for (const id of ['tiny', 'clear', 'hidden']) {
      const el = video(doc, `#${id}`);
      play(el, win, 0);
      io.show(el, id === 'tiny' ? { width: 1, height: 1 } : { width: 640, height: 360 }, 1);
    }
    expect(exposures(h)).toEqual([
      { audible: true, visible: false, learner: true },
      { audible: true, visible: false, learner: true },
      { audible: true, visible: false, learner: true },
    ]);
  });

  it('a new session of the element is not on screen until the observer answers again', () => {
    const { doc, win, h } = started();
    const io = fakeIntersections(win);
    setActivation(win, true);
    const el = video(doc);
    play(el, win, 0);
    io.show(el, { width: 640, height: 360 }, 1);
    h.clock.now += 120_000;
    setMedia(el, { currentTime: 120, paused: true, ended: true });
    fire(el, 'ended', win);
    expect(io.observed()).toEqual([]);
    h.take();
    play(el, win, 0);
    expect(exposures(h)).toEqual([{ audible: true, visible: false, learner: true }]);
    io.show(el, { width: 640, height: 360 }, 1);
    expect(exposures(h)).toEqual([{ audible: true, visible: true, learner: true }]);
  });

  it('without a working IntersectionObserver no video is visible, and capture goes on', () => {
    const { doc, win, h } = started();
    Object.defineProperty(win, 'IntersectionObserver', {
      value: class {
        constructor() {
          throw new Error('not here');
        }
      },
      configurable: true,
    });
    const el = video(doc);
    play(el, win, 0);
    expect(eventsOf(h).map((e) => e.type)).toEqual(['loaded', 'play']);
  });

  it('audio is never visible', () => {
    const { doc, win, h } = started(`<body><audio src="https://pod.example/ep.mp3"></audio></body>`);
    const io = fakeIntersections(win);
    const el = doc.querySelector('audio')!;
    setMedia(el, { currentSrc: 'https://pod.example/ep.mp3', readyState: 4, duration: 600 });
    play(el, win, 0);
    io.show(el, { width: 300, height: 80 }, 1);
    expect(exposures(h)).toEqual([{ audible: true, visible: false, learner: false }]);
  });

  it('a muted autoplaying ad is ambient until the learner presses in its frame; forged presses do nothing', () => {
    const { doc, win, h } = started(
      `<body><video controls autoplay muted src="https://ads.example/spot.webm"></video></body>`,
    );
    const el = video(doc);
    setMedia(el, { muted: true });
    setActivation(win, false);
    play(el, win, 0);
    expect(exposures(h)).toEqual([{ audible: false, visible: false, learner: false }]);
    forge(win, 'pointerdown', win);
    forge(win, 'keydown', win);
    expect(h.take()).toEqual([]);
    // The learner clicks the ad: the browser gives the frame user activation before the press is dispatched.
    setActivation(win, true);
    dispatchTrusted(doc.body, new (win as Win).PointerEvent('pointerdown', { bubbles: true }));
    expect(exposures(h)).toEqual([{ audible: false, visible: false, learner: true }]);
  });

  it('without navigator.userActivation, a trusted press in the frame is the learner acting', () => {
    const { doc, win, h } = started();
    const el = video(doc);
    play(el, win, 0);
    forge(win, 'keydown', win);
    expect(exposures(h)).toEqual([{ audible: true, visible: false, learner: false }]);
    dispatchTrusted(doc.body, new (win as Win).KeyboardEvent('keydown', { bubbles: true, key: 'k' }));
    expect(exposures(h)).toEqual([{ audible: true, visible: false, learner: true }]);
  });

  it('sends the last position seen before a jump the throttle would hide (Firefox ends a stream early)', () => {
    // Firefox with no audio device plays in real time, then jumps ~2 s to the end: 0 → 3.93 → 6.
    const { doc, win, h } = started();
    setActivation(win, true);
    const el = video(doc);
    setMedia(el, { duration: 6 });
    play(el, win, 0);
    const at = (ms: number, position: number, type: string, extra: Parameters<typeof setMedia>[1] = {}) => {
      h.clock.now = 1_000_000 + ms;
      setMedia(el, { currentTime: position, ...extra });
      fire(el, type, win);
    };
    for (let ms = 250; ms <= 3900; ms += 250) at(ms, ms / 1000 + 0.03, 'timeupdate');
    at(4000, 6, 'timeupdate');
    at(4010, 6, 'pause', { paused: true });
    at(4011, 6, 'ended', { ended: true });
    const events = eventsOf(h);
    expect(events.slice(2)).toEqual([
      { type: 'timeupdate', at: 1_003_750, position: 3.78 },
      { type: 'pause', at: 1_004_010, position: 6 },
      { type: 'ended', at: 1_004_011, position: 6 },
    ]);
    // The reducer then counts the 3.78 s really played (before, it saw 0 → 6 in 4 s: a seek, nothing played).
    const state = events.reduce(reduceMedia, createMediaState());
    expect(mediaVerdict(state, { mediaMinSeconds: 2, mediaMinPercent: 50 })).toMatchObject({
      counts: true,
      playedSeconds: 3.78,
    });
  });

  it('sends the last position seen before a seek, so the stretch played since the last timeupdate counts', () => {
    const { doc, win, h } = started();
    const el = video(doc);
    play(el, win, 0);
    media(h);
    for (let ms = 250; ms <= 4000; ms += 250) {
      h.clock.now = 1_000_000 + ms;
      setMedia(el, { currentTime: ms / 1000 });
      fire(el, 'timeupdate', win);
    }
    h.clock.now = 1_004_100;
    setMedia(el, { currentTime: 60 });
    fire(el, 'seeking', win);
    expect(eventsOf(h)).toEqual([
      { type: 'timeupdate', at: 1_004_000, position: 4 },
      { type: 'seeking', at: 1_004_100, position: 60 },
    ]);
  });
});

describe('media in shadow roots', () => {
  const hostWithVideo = (doc: Document, tag = 'x-player') => {
    const host = doc.createElement(tag);
    const el = doc.createElement('video');
    el.setAttribute('src', '/shadow.webm');
    host.attachShadow({ mode: 'open' }).append(el);
    setMedia(el, { currentSrc: 'https://example.org/shadow.webm', duration: 30, paused: true });
    return { host, el };
  };

  it('finds open shadow roots present at start with one scan when the page is idle, nested ones included', () => {
    const { doc, win, h } = started(`<body><main></main></body>`);
    const outer = hostWithVideo(doc, 'x-outer');
    const inner = hostWithVideo(doc, 'x-inner');
    outer.host.shadowRoot!.append(inner.host);
    doc.querySelector('main')!.append(outer.host);
    play(outer.el, win);
    expect(h.messages).toEqual([]); // not scanned yet: nothing walks the DOM at load
    h.runIdle();
    setMedia(outer.el, { paused: true });
    play(outer.el, win);
    play(inner.el, win);
    setMedia(inner.el, { paused: true, currentTime: 3 });
    fire(inner.el, 'pause', win);
    expect(media(h).map((m) => [m.element, m.event.type])).toEqual([
      ['m1', 'loaded'],
      ['m1', 'play'],
      ['m2', 'loaded'],
      ['m2', 'play'],
      ['m2', 'pause'],
    ]);
  });

  it('finds shadow hosts added later through the mutation observer', async () => {
    const { doc, win, h } = started(`<body></body>`);
    h.runIdle(); // the first scan starts the observer
    const { host, el } = hostWithVideo(doc);
    const wrapper = doc.createElement('section');
    wrapper.append(host);
    doc.body.append(wrapper);
    await new Promise((resolve) => setTimeout(resolve, 0)); // mutation records are delivered as a microtask
    expect(h.idleQueue.length).toBeGreaterThan(0);
    h.runIdle();
    play(el, win);
    expect(eventsOf(h).map((e) => e.type)).toEqual(['loaded', 'play']);
  });

  it('finds a shadow root attached without a DOM insertion through the composed path of a press inside it', async () => {
    const { doc, win, h } = started(`<body><x-late></x-late></body>`);
    h.runIdle(); // the first scan: nothing to find yet
    // A custom element upgraded late attaches its shadow root: no mutation of the document's tree.
    const host = doc.querySelector('x-late')!;
    const el = doc.createElement('video');
    const button = doc.createElement('button');
    host.attachShadow({ mode: 'open' }).append(el, button);
    setMedia(el, { currentSrc: 'https://example.org/late.webm', duration: 30, paused: true });
    await new Promise((resolve) => setTimeout(resolve, 0));
    h.runIdle();
    play(el, win);
    expect(h.messages).toEqual([]);
    button.dispatchEvent(new (win as Win).PointerEvent('pointerdown', { bubbles: true, composed: true }));
    play(el, win);
    expect(eventsOf(h).map((e) => e.type)).toEqual(['loaded', 'play']);
  });

  it('scans a large document in slices that yield to the page', () => {
    const { h } = started(`<body>${'<div><span></span></div>'.repeat(3000)}</body>`);
    let now = 0;
    // No idle time left and the clock moves 10 ms per read: one slice per idle callback.
    Object.defineProperty(h.clock, 'now', { get: () => (now += 10) });
    const deadline = { timeRemaining: () => 0 };
    let callbacks = 0;
    while (h.idleQueue.length > 0 && callbacks < 100) {
      h.idleQueue.shift()!(deadline);
      callbacks++;
    }
    expect(callbacks).toBeGreaterThan(10);
    expect(h.idleQueue).toEqual([]);
  });
});
