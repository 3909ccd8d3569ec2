// One MPRIS player's playback, turned into the shared media reducer's events (shared/capture/media.ts), so the
// desktop app counts played time exactly as the extension does. Pure: the D-Bus adapter (mpris.ts) reads the
// player and passes observations with the time they were made; nothing here waits, polls or reads a clock.
//
// MPRIS signals state changes (`PropertiesChanged`: Metadata, PlaybackStatus, Rate) and seeks (`Seeked`), but
// not the position as it advances. So the position is read when something happens (the adapter does that) and
// estimated in between as last position + elapsed wall time × rate, capped at the length: no timer runs while a
// player plays, pauses or idles.
//
// - A new track (another `trackKey`) finishes the previous one; refreshed metadata of the same track updates
//   title and length (`loaded` for the same id).
// - `Playing` opens an item (if none) and plays at the read position; `Paused` pauses there.
// - `Stopped`, the player leaving, inactivity and the watcher stopping finish the item at the estimated position
//   (players reset the position when they stop, so a read then means nothing). If that estimate reaches the end
//   (within the reducer's 1 s tolerance) while playing, the item ended: MPRIS has no "ended" event, and a player
//   that finishes a file stops or quits at once.
import {
  createMediaState,
  reduceMedia,
  DEFAULT_SEEK_TOLERANCE_SECONDS,
  type MediaEvent,
  type MediaKind,
  type MediaState,
} from '../../../shared/capture';
import type { TrackFacts } from './players';

export type PlaybackStatus = 'Playing' | 'Paused' | 'Stopped';

/** One item being played (one shared/capture media state). */
export interface TrackSession {
  facts: TrackFacts;
  kind: MediaKind;
  state: MediaState;
  /** Capture was not allowed when the item started (paused, switched off, kind off): it never produces a draft. */
  ignored: boolean;
}

export interface PlayerTrack {
  status: PlaybackStatus;
  rate: number;
  /** Last known media position (seconds) and the wall time (ms) it was true. */
  position: number | null;
  positionAt: number | null;
  /** The current track's metadata, kept after its item finished (a resume after inactivity starts a new item). */
  facts: TrackFacts | null;
  session: TrackSession | null;
}

export type Observation =
  /** Properties read or signalled; `position` read after them (absent when the read failed). */
  | { type: 'changed'; facts?: TrackFacts; status?: PlaybackStatus; rate?: number; position?: number }
  /** MPRIS `Seeked`: the new position. */
  | { type: 'seeked'; position: number }
  /** The player left the bus, was inactive too long, or the watcher stops: finish the open item. */
  | { type: 'finish' };

export interface TrackerContext {
  /** Wall time (ms) of the observation. */
  now: number;
  kindOf: (facts: TrackFacts) => MediaKind;
  /** Whether capture is allowed for a new item (checked again when it finishes). */
  mayStart: (facts: TrackFacts, kind: MediaKind) => boolean;
}

export interface TrackerStep {
  track: PlayerTrack;
  /** Items that finished with this observation (not yet judged against the thresholds). */
  finished: TrackSession[];
}

export function createPlayerTrack(): PlayerTrack {
  return { status: 'Stopped', rate: 1, position: null, positionAt: null, facts: null, session: null };
}

/** Where the player is now: the last position plus the time played since, capped at the length. */
export function estimatePosition(track: PlayerTrack, now: number): number | null {
  if (track.position === null) return null;
  if (track.status !== 'Playing' || track.positionAt === null) return track.position;
  const moved = track.position + (Math.max(0, now - track.positionAt) / 1000) * track.rate;
  const length = track.facts?.lengthSeconds;
  return length === undefined ? moved : Math.min(moved, length);
}

export function observe(track: PlayerTrack, observation: Observation, ctx: TrackerContext): TrackerStep {
  switch (observation.type) {
    case 'changed':
      return changed(track, observation, ctx);
    case 'seeked':
      return seeked(track, observation.position, ctx.now);
    case 'finish': {
      const finished = track.session === null ? [] : [closeSession(track, ctx.now)];
      const position = estimatePosition(track, ctx.now);
      return { track: { ...track, session: null, position, positionAt: ctx.now }, finished };
    }
  }
}

function changed(
  track: PlayerTrack,
  change: Extract<Observation, { type: 'changed' }>,
  ctx: TrackerContext,
): TrackerStep {
  const { now } = ctx;
  const finished: TrackSession[] = [];
  let t = track;

  if (change.facts !== undefined) {
    if (t.facts !== null && t.facts.key === change.facts.key) {
      const session = t.session === null ? null : { ...t.session, facts: change.facts };
      t = { ...t, facts: change.facts, session };
      if (session !== null) t = withEvent(t, loaded(change.facts, session.kind, now));
    } else {
      // Another track: the previous item ends where the old track was (an estimate: the read position, if
      // any, already belongs to the new track).
      if (t.session !== null) finished.push(closeSession(t, now));
      t = { ...t, facts: change.facts, session: null, position: change.position ?? 0, positionAt: now };
    }
  }

  const position = change.position ?? estimatePosition(t, now) ?? 0;

  if (change.rate !== undefined && Number.isFinite(change.rate) && change.rate !== t.rate) {
    if (t.session !== null) t = withEvent(t, { type: 'ratechange', at: now, rate: change.rate, position });
    t = { ...t, rate: change.rate };
  }

  const status = change.status ?? t.status;
  if (status === 'Stopped') {
    if (t.session !== null) finished.push(closeSession(t, now));
    return {
      track: { ...t, status, session: null, position: estimatePosition(t, now), positionAt: now },
      finished,
    };
  }

  if (status === 'Playing') {
    let opened = false;
    if (t.session === null && t.facts !== null) {
      const kind = ctx.kindOf(t.facts);
      const fresh: TrackSession = {
        facts: t.facts,
        kind,
        state: createMediaState(),
        ignored: !ctx.mayStart(t.facts, kind),
      };
      t = withEvent({ ...t, session: fresh }, loaded(t.facts, kind, now));
      opened = true;
    }
    if (t.session !== null) {
      const event: MediaEvent =
        opened || t.status !== 'Playing'
          ? { type: 'play', at: now, position }
          : { type: 'timeupdate', at: now, position };
      t = withEvent(t, event);
    }
  } else if (t.session !== null && t.status === 'Playing') {
    t = withEvent(t, { type: 'pause', at: now, position });
  }

  return { track: { ...t, status, position, positionAt: now }, finished };
}

function seeked(track: PlayerTrack, rawPosition: number, now: number): TrackerStep {
  const position = Number.isFinite(rawPosition) ? Math.max(0, rawPosition) : estimatePosition(track, now);
  if (position === null) return { track, finished: [] };
  let t = track;
  if (t.session !== null) {
    // MPRIS only says where playback went: the segment ends where it was (estimated) and restarts there.
    const before = estimatePosition(t, now) ?? position;
    t = withEvent(t, { type: 'seeking', at: now, position: before });
    t = withEvent(t, { type: 'seeked', at: now, position });
  }
  return { track: { ...t, position, positionAt: now }, finished: [] };
}

/** The open item with its last events: `ended` when playing reached the end, else `pause` where it was. */
function closeSession(track: PlayerTrack, now: number): TrackSession {
  const session = track.session;
  if (session === null) throw new Error('closeSession without a session');
  if (track.status !== 'Playing') return session;
  const position = estimatePosition(track, now) ?? 0;
  const length = session.state.duration;
  const ended = length !== null && position + DEFAULT_SEEK_TOLERANCE_SECONDS >= length;
  const event: MediaEvent = ended
    ? { type: 'ended', at: now, position: length }
    : { type: 'pause', at: now, position };
  return { ...session, state: reduceMedia(session.state, event) };
}

function withEvent(track: PlayerTrack, event: MediaEvent): PlayerTrack {
  if (track.session === null) return track;
  return { ...track, session: { ...track.session, state: reduceMedia(track.session.state, event) } };
}

function loaded(facts: TrackFacts, kind: MediaKind, at: number): MediaEvent {
  return {
    type: 'loaded',
    at,
    mediaId: facts.key,
    src: facts.url ?? '',
    title: facts.title,
    duration: facts.lengthSeconds,
    kind,
  };
}
