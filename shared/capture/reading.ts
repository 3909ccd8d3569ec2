// Article reading sessions: engaged time, scroll depth and the "read" verdict (docs/policy.md capture.articleMinSeconds,
// docs/xapi-profile.md § What is captured, article row).
//
// The page detector emits plain timestamped events; the background folds them into a `ReadingState` with
// `reduceReading` and persists it after every event. A service worker may be killed between two events, so the
// state is plain JSON and nothing here keeps time itself: every "now" is passed in.
//
// Engaged time accrues only while all three hold:
//   - the page is visible (Page Visibility API),
//   - its window has focus,
//   - the learner was active within the idle window (default 60 s) — activity is input, scrolling, pointer
//     movement, and also bringing the page to the front (start, visibility → visible, focus → focused), since each
//     of those is the learner's own act.
// So activity at t=0 followed by silence counts at most 60 s, and hiding the tab stops the count at once.
import { clamp, EPSILON, finite, positive } from './numbers';

export const DEFAULT_IDLE_WINDOW_SECONDS = 60;
/** Scrolling at least this far down the page (0..1) is evidence of having read to the end. */
export const COMPLETION_SCROLL_DEPTH = 0.9;
/** Average adult silent reading speed for non-fiction (Brysbaert 2019: 238 wpm), rounded down. */
export const DEFAULT_WORDS_PER_MINUTE = 230;

/** What the detector knows about the article. */
export interface ReadingMetadata {
  url: string;
  title?: string;
  /** `<link rel=canonical>` href as written. */
  canonicalHref?: string;
  description?: string;
  /** Page language (`<html lang>`). */
  lang?: string;
  /** Words in the main text, for the reading-time estimate. */
  wordCount?: number;
}

export type ReadingEvent =
  | ({
      type: 'start';
      at: number;
      /**
       * The page's state when the session starts (`document.visibilityState === 'visible'`,
       * `document.hasFocus()`). Absent means unknown, treated as hidden / unfocused until a visibility or focus
       * event says otherwise: a tab opened in the background must not earn reading time.
       */
      visible?: boolean;
      focused?: boolean;
    } & ReadingMetadata)
  | { type: 'visibility'; at: number; visible: boolean }
  | { type: 'focus'; at: number; focused: boolean }
  /** Input, scroll or pointer activity (the detector throttles these). */
  | { type: 'activity'; at: number }
  /**
   * How far down the page the viewport's bottom edge is, 0..1. Not activity by itself (restoring the scroll
   * position on reload is not the learner's act); the detector sends `activity` for user scrolls.
   */
  | { type: 'scroll'; at: number; depth: number }
  | { type: 'end'; at: number };

export interface ReadingOptions {
  /** How long after the last activity the learner still counts as reading. Default 60 s. */
  idleWindowSeconds?: number;
}

/** A reading session. Plain JSON: persist it as is, and `JSON.parse(JSON.stringify(state))` behaves the same. */
export interface ReadingState {
  /** `new` until `start`, `reading` until `end`. Events outside `reading` are ignored. */
  phase: 'new' | 'reading' | 'ended';
  meta: ReadingMetadata | null;
  idleWindowMs: number;
  startedAt: number | null;
  endedAt: number | null;
  visible: boolean;
  focused: boolean;
  lastActivityAt: number | null;
  /** The session's clock: engaged time up to here is in `engagedMs`. Timestamps never move it backwards. */
  countedUntil: number | null;
  engagedMs: number;
  /** Deepest scroll seen, 0..1. */
  maxScrollDepth: number;
}

export interface ReadingThresholds {
  /** docs/policy.md `capture.articleMinSeconds`. */
  articleMinSeconds: number;
}

export interface ReadingVerdict {
  /** Engaged time reached `articleMinSeconds` (and is above zero): the article counts as read. */
  counts: boolean;
  engagedSeconds: number;
  /** Deepest scroll, 0..1. */
  scrollDepth: number;
  /**
   * Read to the end: `counts`, and either scrolled to ≥ 90 % of the page or engaged for at least the estimated
   * reading time (when the word count is known).
   */
  completion: boolean;
  /** `estimateReadingSeconds(wordCount)` when the word count is known, else `null`. */
  estimatedReadingSeconds: number | null;
}

export function createReadingState(options: ReadingOptions = {}): ReadingState {
  const idleSeconds = positive(options.idleWindowSeconds) ?? DEFAULT_IDLE_WINDOW_SECONDS;
  return {
    phase: 'new',
    meta: null,
    idleWindowMs: idleSeconds * 1000,
    startedAt: null,
    endedAt: null,
    visible: false,
    focused: false,
    lastActivityAt: null,
    countedUntil: null,
    engagedMs: 0,
    maxScrollDepth: 0,
  };
}

/**
 * The next state after `event`. Never mutates `state`, never throws. Ignored: events with a non-finite `at`,
 * anything before `start` or after `end`, and a second `start` (one state per article: begin a new state for the
 * next page). An `at` earlier than the last one is taken as the last one, so out-of-order delivery cannot subtract
 * or double-count time.
 */
export function reduceReading(state: ReadingState, event: ReadingEvent): ReadingState {
  const rawAt = finite(event.at);
  if (rawAt === undefined) return state;

  if (event.type === 'start') {
    if (state.phase !== 'new') return state;
    const visible = event.visible === true;
    const focused = event.focused === true;
    return {
      ...state,
      phase: 'reading',
      meta: metadataOf(event),
      startedAt: rawAt,
      countedUntil: rawAt,
      visible,
      focused,
      // Opening the article is the learner's act; like any activity it only earns time while visible and focused.
      lastActivityAt: rawAt,
    };
  }
  if (state.phase !== 'reading') return state;

  const at = Math.max(rawAt, state.countedUntil ?? rawAt);
  const settled: ReadingState = {
    ...state,
    engagedMs: state.engagedMs + engagedMsUntil(state, at),
    countedUntil: at,
  };

  switch (event.type) {
    case 'visibility': {
      const visible = event.visible === true;
      return { ...settled, visible, lastActivityAt: visible ? at : settled.lastActivityAt };
    }
    case 'focus': {
      const focused = event.focused === true;
      return { ...settled, focused, lastActivityAt: focused ? at : settled.lastActivityAt };
    }
    case 'activity':
      return { ...settled, lastActivityAt: at };
    case 'scroll': {
      const depth = finite(event.depth);
      if (depth === undefined) return settled;
      return { ...settled, maxScrollDepth: Math.max(settled.maxScrollDepth, clamp(depth, 0, 1)) };
    }
    case 'end':
      return { ...settled, phase: 'ended', endedAt: at };
    default:
      // Unknown event types (a newer detector, a corrupted message) are ignored, not fatal.
      return state;
  }
}

/**
 * Engaged seconds so far. For a running session this includes the current stretch up to `now`, still bounded by
 * the idle window (a learner who walked away stops counting 60 s after their last activity, even if no event
 * arrives). After `end`, `now` no longer matters.
 */
export function engagedSeconds(state: ReadingState, now: number): number {
  let ms = state.engagedMs;
  const clock = finite(now);
  if (state.phase === 'reading' && clock !== undefined && state.countedUntil !== null) {
    ms += engagedMsUntil(state, Math.max(clock, state.countedUntil));
  }
  return ms / 1000;
}

/** Deepest scroll position reached, 0..1. */
export function scrollDepth(state: ReadingState): number {
  return state.maxScrollDepth;
}

/**
 * Whether the article counts as read (docs/policy.md `capture.articleMinSeconds`), and whether it was read to the end
 * (see `ReadingVerdict.completion`). A threshold that is not a finite non-negative number is taken as 0; even
 * then a session with no engaged time at all never counts.
 */
export function readingVerdict(
  state: ReadingState,
  now: number,
  thresholds: ReadingThresholds,
): ReadingVerdict {
  const engaged = engagedSeconds(state, now);
  const minimum = Math.max(0, finite(thresholds.articleMinSeconds) ?? 0);
  const counts = engaged > 0 && engaged + EPSILON >= minimum;
  const words = positive(state.meta?.wordCount);
  const estimate = words === undefined ? null : estimateReadingSeconds(words);
  const scrolledToEnd = state.maxScrollDepth + EPSILON >= COMPLETION_SCROLL_DEPTH;
  const readLongEnough = estimate !== null && estimate > 0 && engaged + EPSILON >= estimate;
  return {
    counts,
    engagedSeconds: engaged,
    scrollDepth: state.maxScrollDepth,
    completion: counts && (scrolledToEnd || readLongEnough),
    estimatedReadingSeconds: estimate,
  };
}

/**
 * Seconds an average reader needs for `wordCount` words at `wordsPerMinute` (default 230), rounded to whole
 * seconds. Invalid or non-positive inputs give 0 (no estimate), never NaN.
 */
export function estimateReadingSeconds(wordCount: number, wordsPerMinute = DEFAULT_WORDS_PER_MINUTE): number {
  const words = positive(wordCount);
  const wpm = positive(wordsPerMinute);
  if (words === undefined || wpm === undefined) return 0;
  return Math.round((words / wpm) * 60);
}

/** Engaged milliseconds between `state.countedUntil` and `until` (≥ countedUntil), given the state's flags. */
function engagedMsUntil(state: ReadingState, until: number): number {
  if (!state.visible || !state.focused || state.lastActivityAt === null || state.countedUntil === null)
    return 0;
  const activeUntil = Math.min(until, state.lastActivityAt + state.idleWindowMs);
  return Math.max(0, activeUntil - Math.max(state.countedUntil, state.lastActivityAt));
}

/** Copies only the metadata fields, so the persisted state holds no event-only keys (type, at, visible…). */
function metadataOf(event: ReadingMetadata): ReadingMetadata {
  const meta: ReadingMetadata = { url: typeof event.url === 'string' ? event.url : '' };
  if (typeof event.title === 'string') meta.title = event.title;
  if (typeof event.canonicalHref === 'string') meta.canonicalHref = event.canonicalHref;
  if (typeof event.description === 'string') meta.description = event.description;
  if (typeof event.lang === 'string') meta.lang = event.lang;
  const words = positive(event.wordCount);
  if (words !== undefined) meta.wordCount = words;
  return meta;
}
