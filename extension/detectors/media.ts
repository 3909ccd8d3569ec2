/**
 * Videos watched and audio played: HTML5 `<video>` and `<audio>` in this frame, including those in open shadow
 * roots (YouTube and Vimeo pages and embeds are HTML5 video; embeds are covered because the content script runs
 * in every frame). Emits MediaEvents only; played segments and verdicts are reduced in the background
 * (shared/capture/media.ts).
 *
 * How elements are found, cheaply:
 * - Media events do not bubble, so one capture-phase listener per event type on the document sees every element
 *   in it, present or added later. Nothing walks the DOM at load.
 * - Media events are not composed either: they stop at their shadow root. So open shadow roots get the same
 *   listeners. They are found by one scan of the document in the first idle period after the detectors start
 *   (a second after load, see capture.ts; a TreeWalker, in slices that yield to the page, MAX_SCANNED_ELEMENTS
 *   at most), then by a MutationObserver (started by that scan) for hosts added later, and by the composed path
 *   of pointerdown/keydown (a learner pressing play inside a shadow root created without a DOM
 *   insertion, e.g. a custom element upgraded late). Nested shadow roots are scanned the same way. Closed shadow
 *   roots cannot be seen.
 *
 * Items: each element gets a stable id (a WeakMap counter); an item's key is that id + `currentSrc` + the page URL
 * without its fragment, so a new source in the same element, or a single-page app moving to another URL (YouTube),
 * is a new item with its own `loaded`. Nothing is sent for an element until it plays: `loaded` (with the page's
 * facts) goes out just before its first `play`, or before the first event seen while it is playing (media that
 * started before the script ran, or was unmuted); only `play` and `timeupdate` start an item. When the item
 * changes under a playing element (new source, new URL), a `pause` at the last known position closes the old one.
 *
 * Trust: only the browser's own events count (`isTrusted`); a page script's `dispatchEvent(new Event('play'))`,
 * `timeupdate` or `ended` is ignored, as are forged presses, visibility and pagehide events.
 *
 * Exposure (what a person could perceive; the reducer, shared/capture/media.ts, decides what counts from it):
 * `loaded` carries, and an `exposure` event re-reports whenever one of them changes while the item plays,
 * - `audible`: not muted and volume above 0 (checked at every event and on `volumechange`);
 * - `visible`: a `<video>` with a picture, in a visible tab (`visibilityState`), at least MIN_VISIBLE_WIDTH ×
 *   MIN_VISIBLE_HEIGHT CSS pixels and at least half of it in the top-level viewport (an IntersectionObserver with
 *   the implicit root, so an iframe that is hidden, zero-sized or off screen in its parent leaves it invisible), not
 *   `display: none`, `visibility: hidden` or `opacity: 0` (`checkVisibility`);
 * - `learner`: the learner has acted in this frame (`navigator.userActivation.hasBeenActive`: a click, key or tap
 *   here; a click into a cross-origin embed activates that frame). Re-checked on the learner's presses while an
 *   item plays, so a muted ad becomes countable only when the learner clicks it or unmutes it.
 *
 * Positions: `timeupdate` is throttled, so before an event whose position is not a plausible continuation of the
 * last one seen (a seek, Firefox's jump to the end of a stream played without an audio device), the last position
 * seen is sent first: the throttle never hides played time from the reducer's seek detection.
 *
 * Not captured:
 * - decorative media: muted and looping, or muted autoplay without controls (hero backgrounds, GIF-like clips);
 *   checked when an item would start, so unmuting it makes it count from then on;
 * - live camera/screen streams (`srcObject`, e.g. video calls).
 *
 * Throttling: `timeupdate` at most once per TIMEUPDATE_INTERVAL_MS per element (segments come from positions, so
 * sparse updates are enough); all other events are sent as they happen, each with `at = now()` and
 * `position = currentTime`. Durations are sent only when finite (NaN and Infinity do not survive Chrome's JSON
 * messaging), so a live stream is a stream of unknown length.
 */
import type { MediaEvent, MediaExposure } from '../../shared/capture';
import type { PageFacts } from '../platform/content-messages';
import { withoutHash } from '../../shared/capture/page-url';
import { MAX_TITLE, MAX_URL, cleanText, fit } from './bounds';
import type { Detector, DetectorContext, IdleDeadline } from './types';

export const TIMEUPDATE_INTERVAL_MS = 5_000;
/** A video smaller than this (CSS pixels) is not watchable: tracking pixels, hidden players, thumbnails. */
export const MIN_VISIBLE_WIDTH = 120;
export const MIN_VISIBLE_HEIGHT = 68;
/** Share of the video that must be inside the top-level viewport to count as on screen. */
export const MIN_VISIBLE_RATIO = 0.5;
/** Media seconds a position may run ahead of wall time (× rate) and still continue the last one (the reducer's). */
const POSITION_SLACK_SECONDS = 1;
/** Longest wait for an idle period before the first shadow-root scan. */
export const SHADOW_SCAN_TIMEOUT_MS = 3_000;
/** Events that can start an item: listened to on every watched root from the start. */
const OPENING_EVENTS = ['play', 'timeupdate'] as const;
/** The rest, added to a root once an item plays in it (they mean nothing before). */
const ITEM_EVENTS = [
  'pause',
  'seeking',
  'seeked',
  'ratechange',
  'durationchange',
  'ended',
  'emptied',
  'volumechange',
] as const;
/** The learner's presses: they give the frame user activation (re-checked while an item plays). */
const PRESS_EVENTS = ['pointerdown', 'pointerup', 'keydown', 'keyup', 'touchend'] as const;
/** Elements examined between two checks of the idle deadline. */
const SCAN_SLICE = 256;
/**
 * Elements the scans examine in a frame, all roots together. A larger DOM is scanned only this far (a few
 * milliseconds of idle time in all); hosts beyond it are still found when added later or pressed.
 */
export const MAX_SCANNED_ELEMENTS = 100_000;
/** Work per idle callback when the deadline says nothing is left (the callback ran on its timeout). */
const MIN_SCAN_MS = 8;
const SHOW_ELEMENT = 0x1;
/** Media messages carry everything that classifies audio, and the media session. */
const MEDIA_FACTS = { classify: true, mediaSession: true } as const;

interface Tracked {
  /** Stable id of the element within this frame. */
  id: string;
  /** The item whose `loaded` was sent; `undefined` until the element plays, and after `ended`. */
  key: string | undefined;
  /** `currentSrc` and page URL (without fragment) of that item. */
  src: string;
  page: string;
  /** The page generation the item belongs to (bumped on `pagehide`). */
  generation: number;
  playing: boolean;
  /** Last `currentTime` seen, sent or not, and when it was seen. */
  position: number;
  seenAt: number;
  /** `at` of the last position-bearing message (for the timeupdate throttle). */
  lastSentAt: number;
  /** The exposure last sent for the item. */
  exposure: MediaExposure | undefined;
  /** What the IntersectionObserver last said: at a real size and mostly in the viewport. */
  onScreen: boolean;
  /** The page facts the item's last message carried. */
  facts: PageFacts | undefined;
}

export const mediaDetector: Detector = {
  id: 'media',
  applies: (doc) => doc.documentElement != null,
  start: startMedia,
};

function startMedia(ctx: DetectorContext): () => void {
  const listeners = new AbortController();
  const { signal } = listeners;
  let tracker: ReturnType<typeof createTracker> | undefined;
  let shadows: ReturnType<typeof createShadowWatcher> | undefined;
  const onMediaEvent = (event: Event): void => (tracker ??= createTracker(ctx, signal)).handle(event);
  const listen = (root: Node): void => {
    for (const type of OPENING_EVENTS) {
      root.addEventListener(type, onMediaEvent, { capture: true, passive: true, signal });
    }
  };
  // At load: two listeners and one idle callback. The rest is added when something plays.
  listen(ctx.doc);
  let cancelFirstScan: (() => void) | undefined = ctx.idle((deadline) => {
    cancelFirstScan = undefined;
    shadows = createShadowWatcher(ctx, signal, listen);
    shadows.run(deadline);
  }, SHADOW_SCAN_TIMEOUT_MS);

  return () => {
    listeners.abort();
    cancelFirstScan?.();
    shadows?.stop();
    tracker?.stop();
  };
}

/**
 * Items and their events: compiled and created only when a media event first reaches a watched root (pages
 * where nothing plays never run this code).
 */
function createTracker(
  ctx: DetectorContext,
  signal: AbortSignal,
): { handle: (event: Event) => void; stop: () => void } {
  const { doc, win, now } = ctx;
  const tracked = new WeakMap<HTMLMediaElement, Tracked>();
  const playing = new Set<HTMLMediaElement>();
  const armed = new WeakSet<object>();
  let ids = 0;
  let generation = 0;
  let observer: IntersectionObserver | undefined;
  /** Fallback for `learner` where `navigator.userActivation` does not exist: a trusted press seen in the frame. */
  let pressed = false;

  const listen = (root: Node, types: readonly string[]): void => {
    for (const type of types) {
      root.addEventListener(type, handle, { capture: true, passive: true, signal });
    }
  };
  /**
   * Once something plays under `root`: the rest of the media listeners there, and for the frame `pagehide`,
   * visibility and the learner's presses (they change what is perceivable).
   */
  const arm = (root: Node): void => {
    if (armed.has(root)) return;
    if (!armed.has(win)) {
      armed.add(win);
      win.addEventListener('pagehide', trusted(onPageHide), { signal });
      doc.addEventListener('visibilitychange', trusted(recheckAll), { passive: true, signal });
      const onPress = trusted(() => {
        pressed = true;
        recheckAll();
      });
      for (const type of PRESS_EVENTS)
        win.addEventListener(type, onPress, { capture: true, passive: true, signal });
    }
    armed.add(root);
    listen(root, ITEM_EVENTS);
  };

  const post = (rec: Tracked, event: MediaEvent, page: PageFacts = ctx.pageFacts(MEDIA_FACTS)): void => {
    if (rec.key === undefined) return;
    rec.facts = page;
    ctx.send({ type: 'media', element: rec.id, key: rec.key, event, page });
  };

  /** The element's item now; reuses the open item's key while neither its source nor the page URL changed. */
  const keyOf = (rec: Tracked, el: HTMLMediaElement): string => {
    const src = el.currentSrc;
    const page = withoutHash(win.location.href);
    if (rec.key !== undefined && src === rec.src && page === rec.page) return rec.key;
    return `${rec.id} ${fit(src, 1500)} ${fit(page, 2000)}`;
  };

  const positionOf = (el: HTMLMediaElement, rec: Tracked): number =>
    Number.isFinite(el.currentTime) ? Math.max(0, el.currentTime) : rec.position;

  /** What a person could perceive of `el` now (see the file comment). */
  const exposureOf = (el: HTMLMediaElement, rec: Tracked): MediaExposure => ({
    audible: !el.muted && el.volume > 0,
    visible:
      rec.onScreen &&
      doc.visibilityState === 'visible' &&
      kindOf(el) === 'video' &&
      (typeof el.checkVisibility !== 'function' ||
        el.checkVisibility({ opacityProperty: true, visibilityProperty: true })),
    learner: learnerActed(win, pressed),
  });

  /** Sends an `exposure` event when what is perceivable of a playing item changed since it was last sent. */
  const recheck = (el: HTMLMediaElement, rec: Tracked, at = now()): void => {
    if (rec.key === undefined || !rec.playing) return;
    const exposure = exposureOf(el, rec);
    const last = rec.exposure;
    if (
      last &&
      last.audible === exposure.audible &&
      last.visible === exposure.visible &&
      last.learner === exposure.learner
    )
      return;
    rec.exposure = exposure;
    post(rec, { type: 'exposure', at, position: positionOf(el, rec), exposure });
  };
  function recheckAll(): void {
    const at = now();
    for (const el of playing) {
      const rec = tracked.get(el);
      if (rec) recheck(el, rec, at);
    }
  }

  /**
   * One IntersectionObserver for the frame, watching the elements whose items are open. Without one (or if it
   * cannot be made) no video is ever visible: only audible media counts.
   */
  const watch = (el: HTMLMediaElement): void => {
    const IO = (win as Window & typeof globalThis).IntersectionObserver as
      typeof IntersectionObserver | undefined;
    if (typeof IO !== 'function') return;
    try {
      observer ??= new IO(onIntersections, { threshold: [0, MIN_VISIBLE_RATIO, 1] });
      observer.observe(el);
    } catch {
      // Left invisible (see above).
    }
  };
  function onIntersections(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const target = entry.target as HTMLMediaElement;
      const rec = tracked.get(target);
      if (!rec) continue;
      const { width, height } = entry.boundingClientRect;
      rec.onScreen =
        entry.isIntersecting &&
        entry.intersectionRatio >= MIN_VISIBLE_RATIO &&
        width >= MIN_VISIBLE_WIDTH &&
        height >= MIN_VISIBLE_HEIGHT;
      recheck(target, rec);
    }
  }
  const unwatch = (el: HTMLMediaElement, rec: Tracked): void => {
    observer?.unobserve(el);
    // Until the observer answers again for a next item, the element is not known to be on screen.
    rec.onScreen = false;
  };

  /**
   * The last position seen goes out before `position` when `position` does not continue it (a seek, a jump), so
   * the throttled `timeupdate`s never hide played time.
   */
  const flushBefore = (rec: Tracked, el: HTMLMediaElement, position: number, at: number): void => {
    if (rec.key === undefined || !rec.playing || rec.seenAt <= rec.lastSentAt) return;
    const rate = Number.isFinite(el.playbackRate) && el.playbackRate > 0 ? el.playbackRate : 1;
    const ahead = position - rec.position;
    if (ahead >= 0 && ahead <= ((at - rec.seenAt) / 1000) * rate + POSITION_SLACK_SECONDS) return;
    rec.lastSentAt = rec.seenAt;
    post(rec, { type: 'timeupdate', at: rec.seenAt, position: rec.position });
  };

  /**
   * Ends the element's current item: a `pause` at `position` if it was playing, with the facts of the page it
   * played on (the background keeps the latest facts an item's messages carry; after a single-page app moved on,
   * the current ones describe the next item).
   */
  const close = (rec: Tracked, el: HTMLMediaElement, position: number, at: number): void => {
    if (rec.playing) post(rec, { type: 'pause', at, position }, rec.facts);
    rec.key = undefined;
    rec.playing = false;
    playing.delete(el);
    unwatch(el, rec);
  };

  /** Starts an item: `loaded` (with its exposure), and the rate when it is not 1 (the reducer assumes 1). */
  const open = (rec: Tracked, el: HTMLMediaElement, key: string, at: number): void => {
    arm(el.getRootNode());
    rec.key = key;
    rec.src = el.currentSrc;
    rec.page = withoutHash(win.location.href);
    rec.generation = generation;
    rec.playing = false;
    rec.exposure = exposureOf(el, rec);
    const facts = ctx.pageFacts(MEDIA_FACTS);
    const loaded: MediaEvent = {
      type: 'loaded',
      at,
      mediaId: key,
      src: el.currentSrc.slice(0, MAX_URL),
      kind: kindOf(el),
      exposure: rec.exposure,
    };
    const title = cleanText(facts.mediaSession?.title ?? facts.title, MAX_TITLE);
    if (title) loaded.title = title;
    if (Number.isFinite(el.duration) && el.duration > 0) loaded.duration = el.duration;
    rec.facts = facts;
    ctx.send({ type: 'media', element: rec.id, key, event: loaded, page: facts });
    watch(el);
    const rate = el.playbackRate;
    if (rate !== 1 && Number.isFinite(rate)) {
      post(rec, { type: 'ratechange', at, rate, position: positionOf(el, rec) });
    }
  };

  function handle(event: Event): void {
    // Page scripts can dispatch any event on any element: only the browser's own say something happened.
    if (!event.isTrusted) return;
    const el = event.target as HTMLMediaElement | null;
    if (!isMediaElement(el)) return;
    // A light-DOM element slotted into a shadow root dispatches through both roots: handle it at its own.
    if (event.currentTarget !== el.getRootNode()) return;
    let rec = tracked.get(el);
    if (!rec) {
      rec = {
        id: `m${++ids}`,
        key: undefined,
        src: '',
        page: '',
        generation,
        playing: false,
        position: 0,
        seenAt: 0,
        lastSentAt: 0,
        facts: undefined,
        exposure: undefined,
        onScreen: false,
      };
      tracked.set(el, rec);
    }
    const at = now();
    const type = event.type;

    if (rec.key !== undefined && rec.generation !== generation) {
      // Restored from the back/forward cache: `pagehide` already paused this item; the next play is a new one.
      rec.key = undefined;
      rec.playing = false;
    }
    if (type === 'emptied') {
      // The source is being replaced (or unloaded): currentTime is already 0, so close at the last position seen.
      if (rec.key !== undefined) close(rec, el, rec.position, at);
      return;
    }
    const position = positionOf(el, rec);
    // Only `play`, and `timeupdate` with media loaded, start an item. Other events can be stale when dispatched:
    // changing the source fires `emptied` and a `timeupdate` (readyState 0, old currentSrc, new page URL) after
    // the page has already called play() on the new source.
    const opens =
      (type === 'play' || (type === 'timeupdate' && el.readyState > 0)) &&
      el.currentSrc !== '' &&
      !el.paused &&
      !el.ended &&
      capturable(el);
    if (rec.key === undefined && !opens) {
      // Nothing to report until an item plays (decorative media stays here, at the cost of one check).
      seen(rec, position, at);
      return;
    }
    const key = keyOf(rec, el);
    if (rec.key !== undefined && rec.key !== key) {
      // A new source or a new page URL: the old item ends where it was last seen playing (the element's own
      // position only while it still holds that media).
      const same = el.currentSrc === rec.src && el.readyState > 0;
      close(rec, el, same ? position : rec.position, at);
      if (!opens) {
        seen(rec, position, at);
        return;
      }
    }
    if (rec.key === undefined) {
      open(rec, el, key, at);
      if (type !== 'play') {
        // Joined an element already playing: its item starts here.
        rec.playing = true;
        playing.add(el);
        post(rec, { type: 'play', at, position });
        rec.lastSentAt = at;
        seen(rec, position, at);
      }
    }
    if (type !== 'play') {
      flushBefore(rec, el, position, at);
      recheck(el, rec, at);
    }
    seen(rec, position, at);

    switch (type) {
      case 'play':
        if (rec.playing) return;
        rec.playing = true;
        playing.add(el);
        // Unmuted or shown while paused: reported before the play it applies to.
        recheck(el, rec, at);
        break;
      case 'pause':
        if (!rec.playing) return;
        rec.playing = false;
        playing.delete(el);
        break;
      case 'timeupdate':
        if (at - rec.lastSentAt < TIMEUPDATE_INTERVAL_MS) return;
        break;
      case 'ratechange': {
        const rate = el.playbackRate;
        if (!Number.isFinite(rate)) return;
        rec.lastSentAt = at;
        post(rec, { type: 'ratechange', at, rate, position });
        return;
      }
      case 'durationchange': {
        const duration = el.duration;
        if (Number.isFinite(duration) && duration > 0) post(rec, { type: 'durationchange', at, duration });
        return;
      }
      case 'ended':
        post(rec, { type: 'ended', at, position });
        // The background finishes the item at `ended`; playing it again is a new session of the same item.
        rec.key = undefined;
        rec.playing = false;
        playing.delete(el);
        unwatch(el, rec);
        return;
      case 'seeking':
      case 'seeked':
        break;
      default:
        // volumechange: handled by `recheck` above.
        return;
    }
    rec.lastSentAt = at;
    post(rec, { type, at, position });
  }

  const onPageHide = (): void => {
    const at = now();
    for (const el of playing) {
      const rec = tracked.get(el);
      if (rec) close(rec, el, positionOf(el, rec), at);
    }
    playing.clear();
    generation++;
  };

  return { handle, stop: () => observer?.disconnect() };
}

/** The position and when it was seen. */
function seen(rec: Tracked, position: number, at: number): void {
  rec.position = position;
  rec.seenAt = at;
}

/** `listener` for the browser's own events only (a page script can dispatch any event it likes). */
function trusted(listener: (event: Event) => void): (event: Event) => void {
  return (event) => {
    if (event.isTrusted) listener(event);
  };
}

/**
 * The learner has acted in this frame: `navigator.userActivation.hasBeenActive` (sticky user activation, per
 * frame: a page script cannot set it, and a click into a cross-origin embed activates the embed's frame), or a
 * trusted press seen by this script where the API does not exist.
 */
function learnerActed(win: Window, pressed: boolean): boolean {
  const activation = (win.navigator as Navigator & { userActivation?: { hasBeenActive?: boolean } })
    .userActivation;
  return activation ? activation.hasBeenActive === true : pressed;
}

/**
 * Open shadow roots: found by scanning (in slices, at idle time) the document and then every root found, by a
 * MutationObserver for hosts added later, and by the composed path of presses. `onRoot` gets each new root once.
 * Created by the first idle callback, not at load.
 */
function createShadowWatcher(
  ctx: DetectorContext,
  signal: AbortSignal,
  onRoot: (root: ShadowRoot) => void,
): { run: (deadline: IdleDeadline) => void; stop: () => void } {
  const { doc, win, now } = ctx;
  const watched = new WeakSet<Node>([doc]);
  const pending: Node[] = [doc];
  let walker: TreeWalker | undefined;
  let cancelScan: (() => void) | undefined;
  let observer: MutationObserver | undefined;
  let budget = MAX_SCANNED_ELEMENTS;

  const scheduleScan = (): void => {
    if (cancelScan === undefined && (walker !== undefined || pending.length > 0)) {
      cancelScan = ctx.idle(runScan, SHADOW_SCAN_TIMEOUT_MS);
    }
  };
  const queueScan = (root: Node): void => {
    pending.push(root);
    scheduleScan();
  };
  const watchRoot = (root: ShadowRoot): void => {
    if (watched.has(root)) return;
    watched.add(root);
    onRoot(root);
    ensureObserver().observe(root, { childList: true, subtree: true });
    queueScan(root);
  };
  function runScan(deadline: IdleDeadline): void {
    cancelScan = undefined;
    ensureObserver();
    const started = now();
    const hasTime = () => deadline.timeRemaining() > 1 || now() - started < MIN_SCAN_MS;
    do {
      walker ??= pending.length > 0 ? doc.createTreeWalker(pending.shift()!, SHOW_ELEMENT) : undefined;
      if (!walker) break;
      let node: Node | null = walker.currentNode;
      for (let i = 0; node && i < SCAN_SLICE; i++) {
        const root = (node as Element).shadowRoot;
        if (root) watchRoot(root);
        node = walker.nextNode();
      }
      budget -= SCAN_SLICE;
      if (node === null) walker = undefined;
      if (budget <= 0) {
        walker = undefined;
        pending.length = 0;
      }
    } while (hasTime());
    scheduleScan();
  }
  /**
   * Started by the first scan (not at load: hosts added before it are found by the scan itself), with the
   * gesture listeners.
   */
  function ensureObserver(): MutationObserver {
    if (observer) return observer;
    const created = new (win as Window & typeof globalThis).MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) if (node.nodeType === 1) queueScan(node);
      }
    });
    created.observe(doc, { childList: true, subtree: true });
    observer = created;
    for (const type of ['pointerdown', 'keydown']) {
      doc.addEventListener(type, onGesture, { capture: true, passive: true, signal });
    }
    return created;
  }

  // A press inside a shadow root reveals it (composedPath lists open roots) before any `play` it causes.
  const onGesture = (event: Event): void => {
    for (const node of event.composedPath()) if (isShadowRoot(node)) watchRoot(node);
  };

  return {
    run: runScan,
    stop: () => {
      observer?.disconnect();
      cancelScan?.();
      cancelScan = undefined;
      pending.length = 0;
      walker = undefined;
    },
  };
}

function isMediaElement(node: unknown): node is HTMLMediaElement {
  const el = node as Element | null;
  return !!el && el.nodeType === 1 && (el.localName === 'video' || el.localName === 'audio');
}

function isShadowRoot(node: EventTarget): node is ShadowRoot {
  const n = node as Partial<ShadowRoot>;
  return n.nodeType === 11 && n.host != null;
}

/** Not decorative (muted and looping, or muted autoplay without controls) and not a live capture stream. */
function capturable(el: HTMLMediaElement): boolean {
  if (el.srcObject) return false;
  return !(el.muted && (el.loop || (el.autoplay && !el.controls)));
}

/** `audio` for `<audio>`, and for a `<video>` whose loaded media has no picture (audio-only podcasts). */
function kindOf(el: HTMLMediaElement): 'video' | 'audio' {
  if (el.localName === 'audio') return 'audio';
  const video = el as HTMLVideoElement;
  return video.readyState >= 1 && video.videoWidth === 0 ? 'audio' : 'video';
}
