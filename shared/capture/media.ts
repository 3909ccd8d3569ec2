// Video and audio sessions: played segments, progress and the "watched/played" verdict (docs/policy.md
// capture.mediaMinSeconds / mediaMinPercent, docs/xapi-profile.md § What is captured, video and audio rows).
//
// Played time is measured in media time, from the positions the player reports, never from wall-clock time: at
// 2× a wall minute plays two minutes of media, a pause plays nothing, and replaying a part counts once.
//
// A segment opens at `play` (or at `seeked` while playing) and closes at `pause`, `seeking` and `ended`. Between
// those, every reported position extends the open segment only if the jump from the last position is plausible:
// forward by at most (elapsed wall time × playback rate) + a tolerance (default 1 s). A larger forward jump, or
// any backward one, is a seek nobody announced (MPRIS only signals `Seeked`, some players none
// at all): the segment closes at the last trusted position and a new one opens at the new position.
//
// Only what a person could perceive is played time (docs/policy.md capture.mediaMinSeconds). A page detector reports,
// with `loaded` and then in `exposure` events whenever one changes, three facts about the player: `audible` (not
// muted, volume above 0), `visible` (a video picture on screen at a real size in the visible tab) and `learner`
// (the learner has acted in the media's frame: a click, a key, a tap). A segment is open only while the player
// plays AND the learner has acted AND the media is audible or visible; anything else (a hidden muted loop, a muted
// autoplaying ad nobody touched, a video scrolled away with its sound off) plays no time. Sources that report no
// exposure (a desktop player the learner runs) count everything they play.
//
// The detector emits `loaded` first, then the element's events with `at` = wall time in ms. The state is plain
// JSON (durations of Infinity are stored as `live: true`, since JSON has no Infinity).
import { clamp, EPSILON, finite, nonNegative, positive, round3 } from './numbers';
import { clampSegments, mergeSegments, segmentsSeconds, type PlayedSegment } from './segments';

export type MediaKind = 'video' | 'audio';

/** Default slack (seconds of media) for timestamp jitter between a position and its `at`. */
export const DEFAULT_SEEK_TOLERANCE_SECONDS = 1;
/** Progress (0..1) from which an item counts as completed even if it never fired `ended` (skipped credits). */
export const COMPLETION_PROGRESS = 0.95;
/** Rates beyond this are not real playback (HTML players cap at 16×); such rate changes are ignored. */
const MAX_RATE = 16;

/** What a page detector saw of a player (see the file comment). */
export interface MediaExposure {
  /** Sound reaches the learner: not muted and volume above 0 (a talk in a background tab is audible). */
  audible: boolean;
  /** A video picture on screen: the tab visible, the element rendered at a real size, mostly in the viewport. */
  visible: boolean;
  /** The learner has acted in the media's frame (user activation: a click, a key press, a tap). */
  learner: boolean;
}

export type MediaEvent =
  | {
      type: 'loaded';
      at: number;
      /** Stable id of the item (a video id, an MPRIS track id); one state per item. */
      mediaId: string;
      src: string;
      title?: string;
      /** Seconds; NaN while unknown, Infinity for live streams. */
      duration?: number;
      kind: MediaKind;
      /**
       * The player's exposure when it starts. Absent: the source does not report exposure (a desktop player the
       * learner runs) and everything played counts. Page detectors always send it.
       */
      exposure?: MediaExposure;
    }
  /** One of the exposure facts changed (or is reported again); `position` is where the player is now. */
  | { type: 'exposure'; at: number; position: number; exposure: MediaExposure }
  | { type: 'play'; at: number; position: number }
  | { type: 'pause'; at: number; position: number }
  | { type: 'timeupdate'; at: number; position: number }
  /**
   * HTML players already report the target position at `seeking`; a pre-seek position works too (a plausible
   * position extends the segment before it closes).
   */
  | { type: 'seeking' | 'seeked'; at: number; position: number }
  | { type: 'ratechange'; at: number; rate: number; position: number }
  | { type: 'durationchange'; at: number; duration: number }
  | { type: 'ended'; at: number; position: number };

export interface MediaOptions {
  /** Jump slack in seconds of media time. Default 1 s. */
  seekToleranceSeconds?: number;
}

export interface MediaInfo {
  mediaId: string;
  src: string;
  title: string | null;
  kind: MediaKind;
}

/** A media session. Plain JSON: persist it as is, and `JSON.parse(JSON.stringify(state))` behaves the same. */
export interface MediaState {
  /** `null` until `loaded`; events before it are ignored. */
  media: MediaInfo | null;
  toleranceSeconds: number;
  /** Length in seconds when known and finite; `null` while unknown and for live streams. */
  duration: number | null;
  /** The player reported an infinite duration (a live stream). */
  live: boolean;
  rate: number;
  /** The player is in the playing state (after `play`, until `pause`/`ended`; a seek does not change it). */
  playing: boolean;
  /** The latest exposure reported; `null` when the source reports none (then everything played counts). */
  exposure: MediaExposure | null;
  /** Start of the open segment (media seconds), or `null` when none is open (paused, or not perceivable). */
  openFrom: number | null;
  /** Last trusted media position, and the wall time (ms) it was observed. */
  position: number | null;
  positionAt: number | null;
  /** Closed segments, merged. */
  segments: PlayedSegment[];
  /** An `ended` event arrived and the played segments reach the end. */
  playedToEnd: boolean;
  /** Wall time (ms) the first segment opened (the first perceivable play), for the statement's timestamp. */
  firstPlayAt: number | null;
  /** Wall milliseconds between observed events while a segment was open (includes buffering stalls). */
  wallMsPlaying: number;
}

export interface MediaThresholds {
  /** docs/policy.md `capture.mediaMinSeconds`. */
  mediaMinSeconds: number;
  /** docs/policy.md `capture.mediaMinPercent`, 0..100. */
  mediaMinPercent: number;
}

export interface MediaVerdict {
  /** The item counts (docs/policy.md rule; see `mediaVerdict`). */
  counts: boolean;
  /** Seconds of media played, replays counted once, 3 decimals. */
  playedSeconds: number;
  /** playedSeconds / length, 0..1, 3 decimals; `null` when the length is unknown or infinite. */
  progress: number | null;
  /** Finished: the length is known and the item was played to its end or progress ≥ 0.95. */
  completed: boolean;
  /** Merged played segments, cut to the length when known (ready for `formatPlayedSegments`). */
  segments: PlayedSegment[];
  /** Finite length in seconds, or `null` (unknown, or a live stream). */
  lengthSeconds: number | null;
  playedToEnd: boolean;
  live: boolean;
  wallSecondsPlaying: number;
}

export function createMediaState(options: MediaOptions = {}): MediaState {
  return {
    media: null,
    toleranceSeconds: positive(options.seekToleranceSeconds) ?? DEFAULT_SEEK_TOLERANCE_SECONDS,
    duration: null,
    live: false,
    rate: 1,
    playing: false,
    exposure: null,
    openFrom: null,
    position: null,
    positionAt: null,
    segments: [],
    playedToEnd: false,
    firstPlayAt: null,
    wallMsPlaying: 0,
  };
}

/**
 * The next state after `event`. Never mutates `state`, never throws. Ignored: events with a non-finite `at`,
 * everything before `loaded`, and a `loaded` for another `mediaId` (one state per item; start a new state when
 * the element switches items). A `loaded` for the same id refreshes title, src and duration. Positions that are
 * not finite fall back to the last known position; negative ones clamp to 0.
 */
export function reduceMedia(state: MediaState, event: MediaEvent): MediaState {
  const at = finite(event.at);
  if (at === undefined) return state;

  if (event.type === 'loaded') return applyLoaded(state, event);
  if (state.media === null) return state;

  switch (event.type) {
    case 'play': {
      const position = nonNegative(event.position) ?? state.position ?? 0;
      if (state.openFrom !== null) return { ...advance(state, position, at), playing: true };
      if (!perceived(state)) return { ...state, position, positionAt: at, playing: true };
      return { ...open(state, position, at), playing: true };
    }
    case 'pause': {
      const moved = observe(state, event.position, at);
      return { ...close(moved), playing: false };
    }
    case 'timeupdate': {
      // Playing with no open segment happens between `seeking` and `seeked`, and when a detector misses `seeked`:
      // the player is playing from this position, so a segment opens here.
      const position = nonNegative(event.position);
      if (state.playing && state.openFrom === null && position !== undefined && perceived(state))
        return open(state, position, at);
      return observe(state, event.position, at);
    }
    case 'seeking':
      // The segment ends here; `playing` stays as it is so that `seeked` reopens one when playback resumes.
      return close(observe(state, event.position, at));
    case 'seeked': {
      if (state.openFrom !== null || !state.playing || !perceived(state))
        return observe(state, event.position, at);
      const position = nonNegative(event.position) ?? state.position ?? 0;
      return open(state, position, at);
    }
    case 'ratechange': {
      // Positions up to now were played at the old rate; the new one applies from here.
      const moved = observe(state, event.position, at);
      const rate = finite(event.rate);
      return rate !== undefined && rate >= 0 && rate <= MAX_RATE ? { ...moved, rate } : moved;
    }
    case 'durationchange':
      return { ...state, ...durationFields(event.duration, state) };
    case 'exposure': {
      const exposure = exposureOf(event.exposure);
      if (exposure === null) return state;
      // What played up to here was played under the old exposure; the new one applies from here.
      const moved = { ...observe(state, event.position, at), exposure };
      if (moved.openFrom !== null && !perceived(moved)) return close(moved);
      if (moved.openFrom === null && moved.playing && perceived(moved) && moved.position !== null)
        return open(moved, moved.position, at);
      return moved;
    }
    case 'ended': {
      const closed = { ...close(observe(state, event.position, at)), playing: false };
      // The end is the length when known (`currentTime` equals it at `ended`), else the reported position.
      const end = closed.duration ?? positive(event.position) ?? null;
      return { ...closed, playedToEnd: closed.playedToEnd || reachesEnd(closed, end) };
    }
    default:
      return state;
  }
}

/** The played segments so far, merged, including the open one up to the last trusted position. */
export function playedSegments(state: MediaState): PlayedSegment[] {
  const all: PlayedSegment[] =
    state.openFrom !== null && state.position !== null
      ? [...state.segments, [state.openFrom, state.position]]
      : [...state.segments];
  return state.duration === null ? mergeSegments(all) : clampSegments(all, state.duration);
}

/** Seconds of media played (replays once), cut to the length when known. */
export function playedSeconds(state: MediaState): number {
  return segmentsSeconds(playedSegments(state));
}

/** playedSeconds / length, clamped to 0..1 and rounded to 3 decimals; `null` without a finite length. */
export function mediaProgress(state: MediaState): number | null {
  if (state.duration === null) return null;
  return round3(clamp(playedSeconds(state) / state.duration, 0, 1));
}

/** Wall-clock seconds the player spent playing between observed events (stalls included; media time is not). */
export function wallSecondsPlaying(state: MediaState): number {
  return state.wallMsPlaying / 1000;
}

/**
 * The docs/policy.md rule: an item counts once at least `mediaMinSeconds` have been played AND (at least
 * `mediaMinPercent` of its length has been played, or it was played to its end).
 *
 * - "Played to its end" means an `ended` event arrived and the played segments reach the end: jumping to the end
 *   while paused does not qualify. It never stands in for `mediaMinSeconds`: a half-second clip restarted on every
 *   `ended` (or a short pre-roll ad played in the element before the content) is never an item, nor completed.
 * - Unknown or infinite length (live streams, players that never report one): there is no percentage and no
 *   meaningful end, so the rule is `mediaMinSeconds` alone.
 * - Nothing played never counts, whatever the thresholds. Invalid thresholds are taken as 0; a percentage above
 *   100 as 100.
 */
export function mediaVerdict(state: MediaState, thresholds: MediaThresholds): MediaVerdict {
  const segments = playedSegments(state);
  const played = segmentsSeconds(segments);
  const length = state.duration;
  const minSeconds = Math.max(0, finite(thresholds.mediaMinSeconds) ?? 0);
  const minShare = clamp(finite(thresholds.mediaMinPercent) ?? 0, 0, 100) / 100;

  const enoughSeconds = played + EPSILON >= minSeconds;
  const real = played > 0 && enoughSeconds;
  let counts: boolean;
  let progress: number | null = null;
  let completed = false;
  if (length === null) {
    counts = real;
  } else {
    const share = played / length;
    progress = round3(clamp(share, 0, 1));
    counts = real && (state.playedToEnd || share + EPSILON >= minShare);
    completed = real && (state.playedToEnd || progress >= COMPLETION_PROGRESS);
  }

  return {
    counts,
    playedSeconds: round3(played),
    progress,
    completed,
    segments,
    lengthSeconds: length,
    playedToEnd: length !== null && state.playedToEnd,
    live: state.live,
    wallSecondsPlaying: wallSecondsPlaying(state),
  };
}

function applyLoaded(state: MediaState, event: Extract<MediaEvent, { type: 'loaded' }>): MediaState {
  const mediaId = typeof event.mediaId === 'string' ? event.mediaId : '';
  if (state.media !== null && state.media.mediaId !== mediaId) return state;
  const media: MediaInfo = {
    mediaId,
    src: typeof event.src === 'string' ? event.src : (state.media?.src ?? ''),
    title: typeof event.title === 'string' ? event.title : (state.media?.title ?? null),
    kind: event.kind === 'audio' ? 'audio' : 'video',
  };
  const duration = event.duration === undefined ? {} : durationFields(event.duration, state);
  const exposure =
    event.exposure === undefined ? state.exposure : (exposureOf(event.exposure) ?? state.exposure);
  return { ...state, ...duration, media, exposure };
}

/** A well-formed exposure (three booleans), or `null`. */
function exposureOf(value: unknown): MediaExposure | null {
  const v = value as Partial<MediaExposure> | null;
  if (typeof v !== 'object' || v === null) return null;
  const { audible, visible, learner } = v;
  if (typeof audible !== 'boolean' || typeof visible !== 'boolean' || typeof learner !== 'boolean')
    return null;
  return { audible, visible, learner };
}

/** Playing now would be played time: no exposure reported, or the learner acted and could hear or see it. */
function perceived(state: MediaState): boolean {
  const e = state.exposure;
  return e === null || (e.learner && (e.audible || e.visible));
}

/** Infinity → live; a finite positive value → that length; anything else (NaN, 0, negative) → no change. */
function durationFields(value: unknown, state: MediaState): Pick<MediaState, 'duration' | 'live'> {
  if (value === Number.POSITIVE_INFINITY) return { duration: null, live: true };
  const length = positive(value);
  return length === undefined
    ? { duration: state.duration, live: state.live }
    : { duration: length, live: false };
}

/** Opens a segment at `position`. */
function open(state: MediaState, position: number, at: number): MediaState {
  return { ...state, openFrom: position, position, positionAt: at, firstPlayAt: state.firstPlayAt ?? at };
}

/** Closes the open segment (if any) at the last trusted position. */
function close(state: MediaState): MediaState {
  if (state.openFrom === null) return state;
  const segments =
    state.position === null
      ? state.segments
      : mergeSegments([...state.segments, [state.openFrom, state.position]]);
  return { ...state, segments, openFrom: null };
}

/** A reported position: extends the open segment if plausible, or just records where the player is. */
function observe(state: MediaState, rawPosition: number, at: number): MediaState {
  const position = nonNegative(rawPosition);
  if (position === undefined) return state;
  if (state.openFrom !== null) return advance(state, position, at);
  return { ...state, position, positionAt: at };
}

/**
 * With a segment open: a forward move of at most elapsed × rate + tolerance extends it; anything else, including
 * any backward move, is a seek: close at the last trusted position and reopen at the new one. Backward jitter
 * therefore costs nothing: the reopened segment overlaps the closed one and merges into it.
 */
function advance(state: MediaState, position: number, at: number): MediaState {
  const last = state.position ?? position;
  const lastAt = state.positionAt ?? at;
  const elapsedMs = Math.max(0, at - lastAt);
  const base = { ...state, wallMsPlaying: state.wallMsPlaying + elapsedMs, positionAt: Math.max(at, lastAt) };
  const delta = position - last;
  const allowed = (elapsedMs / 1000) * state.rate + state.toleranceSeconds;

  if (delta >= 0 && delta <= allowed) return { ...base, position };
  return open(close(base), position, base.positionAt);
}

/** The played segments reach `end` (within the tolerance). */
function reachesEnd(state: MediaState, end: number | null): boolean {
  if (end === null || end <= 0) return false;
  return state.segments.some(([, segmentEnd]) => segmentEnd + state.toleranceSeconds >= end);
}
