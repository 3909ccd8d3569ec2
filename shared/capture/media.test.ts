import { describe, expect, it } from 'vitest';
import {
  createMediaState,
  mediaProgress,
  mediaVerdict,
  playedSeconds,
  playedSegments,
  reduceMedia,
  wallSecondsPlaying,
  type MediaEvent,
  type MediaExposure,
  type MediaOptions,
  type MediaState,
} from './media';
import { formatPlayedSegments } from './segments';

const T0 = 1_700_000_000_000;
const s = (seconds: number): number => T0 + seconds * 1000;

type Without<E, K extends PropertyKey> = E extends unknown ? Omit<E, K> : never;
/** An event at wall second `t`. */
type Step = Without<MediaEvent, 'at'> & { t: number };

function run(steps: Step[], from: MediaState = createMediaState(), options?: MediaOptions): MediaState {
  const initial = options === undefined ? from : createMediaState(options);
  return steps.reduce((state, { t, ...event }) => reduceMedia(state, { ...event, at: s(t) }), initial);
}

type LoadedStep = Extract<Step, { type: 'loaded' }>;
const loaded = (duration?: number, kind: 'video' | 'audio' = 'video'): LoadedStep => ({
  type: 'loaded',
  t: 0,
  mediaId: 'yt:abc',
  src: 'https://www.youtube.com/watch?v=abc',
  title: 'A talk',
  kind,
  ...(duration === undefined ? {} : { duration }),
});
const play = (t: number, position: number): Step => ({ type: 'play', t, position });
const pause = (t: number, position: number): Step => ({ type: 'pause', t, position });
const tick = (t: number, position: number): Step => ({ type: 'timeupdate', t, position });

/** Playing from `from` media seconds at wall second `t0`, with a timeupdate every wall second, at `rate`. */
function playFor(t0: number, from: number, wallSeconds: number, rate = 1): Step[] {
  const steps: Step[] = [];
  for (let i = 1; i <= wallSeconds; i += 1) steps.push(tick(t0 + i, from + i * rate));
  return steps;
}

const thresholds = { mediaMinSeconds: 60, mediaMinPercent: 50 };

describe('played segments from media positions', () => {
  it('one stretch of play then pause', () => {
    const state = run([loaded(600), play(0, 0), ...playFor(0, 0, 12), pause(12.2, 12.2)]);
    expect(playedSegments(state)).toEqual([[0, 12.2]]);
    expect(playedSeconds(state)).toBeCloseTo(12.2, 9);
  });

  it('pause and resume: wall time while paused is not played', () => {
    const state = run([
      loaded(600),
      play(0, 0),
      ...playFor(0, 0, 10),
      pause(10, 10),
      play(300, 10),
      ...playFor(300, 10, 10),
      pause(310, 20),
    ]);
    expect(playedSegments(state)).toEqual([[0, 20]]);
    expect(playedSeconds(state)).toBe(20);
    expect(wallSecondsPlaying(state)).toBe(20);
  });

  it('seek back: replayed media counts once', () => {
    const state = run([
      loaded(600),
      play(0, 0),
      ...playFor(0, 0, 30),
      { type: 'seeking', t: 30.1, position: 10 },
      { type: 'seeked', t: 30.3, position: 10 },
      ...playFor(30.3, 10, 30),
    ]);
    expect(playedSegments(state)).toEqual([[0, 40]]);
    expect(playedSeconds(state)).toBe(40);
  });

  it('seek forward: the skipped gap is not counted', () => {
    const state = run([
      loaded(600),
      play(0, 0),
      ...playFor(0, 0, 12),
      { type: 'seeking', t: 12.5, position: 100 },
      tick(12.6, 100), // HTML fires timeupdate at the target between seeking and seeked
      { type: 'seeked', t: 13, position: 100 },
      ...playFor(13, 100, 7),
      pause(20, 107),
    ]);
    expect(playedSegments(state)).toEqual([
      [0, 12],
      [100, 107],
    ]);
    expect(playedSeconds(state)).toBe(19);
  });

  it('a seek while paused moves where the next play starts', () => {
    const state = run([
      loaded(600),
      play(0, 0),
      ...playFor(0, 0, 5),
      pause(5, 5),
      { type: 'seeking', t: 6, position: 200 },
      { type: 'seeked', t: 6.5, position: 200 },
      { type: 'play', t: 7, position: Number.NaN }, // no usable position: the last known one
      ...playFor(7, 200, 5),
      pause(12, 205),
    ]);
    expect(playedSegments(state)).toEqual([
      [0, 5],
      [200, 205],
    ]);
  });

  it('at 2× a wall half-minute plays a media minute', () => {
    const state = run([
      loaded(600),
      play(0, 0),
      { type: 'ratechange', t: 0, rate: 2, position: 0 },
      ...playFor(0, 0, 30, 2),
      pause(30, 60),
    ]);
    expect(playedSeconds(state)).toBe(60);
    expect(wallSecondsPlaying(state)).toBe(30);
    expect(mediaVerdict(state, thresholds).playedSeconds).toBe(60);
  });

  it('the rate is what makes fast-moving positions plausible', () => {
    // 10 s of media per 5 s of wall time: a seek at 1× (allowed 5 s + 1 s), playback at 2× (allowed 11 s).
    const atNormalRate = run([loaded(600), play(0, 0), tick(5, 10), tick(10, 20), pause(10, 20)]);
    expect(playedSeconds(atNormalRate)).toBe(0);
    const atDoubleRate = run([
      loaded(600),
      play(0, 0),
      { type: 'ratechange', t: 0, rate: 2, position: 0 },
      tick(5, 10),
      tick(10, 20),
      pause(10, 20),
    ]);
    expect(playedSeconds(atDoubleRate)).toBe(20);
  });

  it('a rate change applies from its position on', () => {
    const state = run([
      loaded(600),
      play(0, 0),
      tick(10, 10),
      { type: 'ratechange', t: 10, rate: 1.5, position: 10 },
      tick(20, 25),
      pause(20, 25),
    ]);
    expect(playedSegments(state)).toEqual([[0, 25]]);
  });

  it('a timeupdate jump too large for the elapsed time is an unannounced seek', () => {
    const state = run([
      loaded(600),
      play(0, 0),
      ...playFor(0, 0, 10),
      tick(11, 300), // 290 s of media in 1 s of wall time
      ...playFor(11, 300, 5),
      pause(16, 305),
    ]);
    expect(playedSegments(state)).toEqual([
      [0, 10],
      [300, 305],
    ]);
    expect(playedSeconds(state)).toBe(15);
  });

  it('a backward timeupdate jump is a seek back; backward jitter does not double count', () => {
    const state = run([
      loaded(600),
      play(0, 0),
      ...playFor(0, 0, 20),
      tick(20.5, 19.6), // jitter: reopens at 19.6, which merges with [0, 20]
      tick(21, 21),
      tick(22, 5), // seek back
      ...playFor(22, 5, 5),
      pause(27, 10),
    ]);
    expect(playedSegments(state)).toEqual([[0, 21]]);
  });

  it('the tolerance is configurable', () => {
    const steps = [loaded(600), play(0, 0), tick(1, 3.5), pause(1, 3.5)];
    expect(playedSeconds(run(steps))).toBe(0);
    expect(playedSeconds(run(steps, undefined, { seekToleranceSeconds: 3 }))).toBe(3.5);
  });

  it('a missed seeked is recovered by the next timeupdate while playing', () => {
    const state = run([
      loaded(600),
      play(0, 0),
      ...playFor(0, 0, 10),
      { type: 'seeking', t: 10, position: 50 },
      ...playFor(11, 50, 10),
    ]);
    expect(playedSegments(state)).toEqual([
      [0, 10],
      [51, 60],
    ]);
  });

  it('MPRIS style: only seeked, while playing', () => {
    const state = run([
      loaded(600, 'audio'),
      play(0, 0),
      tick(5, 5),
      { type: 'seeked', t: 6, position: 120 },
      tick(11, 125),
      pause(11, 125),
    ]);
    expect(playedSegments(state)).toEqual([
      [0, 5],
      [120, 125],
    ]);
  });

  it('includes the open segment up to the last reported position', () => {
    const state = run([loaded(600), play(0, 0), ...playFor(0, 0, 42)]);
    expect(playedSegments(state)).toEqual([[0, 42]]);
  });
});

describe('ended and completion', () => {
  // Until issue 9, reaching the end counted whatever was played (a looped half-second clip was "watched").
  it('played to the end (pause fires before ended, as in HTML): completed and counts with mediaMinSeconds played', () => {
    const state = run([
      loaded(120),
      play(0, 100),
      ...playFor(0, 100, 20),
      pause(20.1, 120),
      { type: 'ended', t: 20.1, position: 120 },
    ]);
    const verdict = mediaVerdict(state, { mediaMinSeconds: 20, mediaMinPercent: 50 });
    expect(verdict).toMatchObject({ playedToEnd: true, completed: true, counts: true, playedSeconds: 20 });
    expect(verdict.progress).toBeCloseTo(0.167, 9);
    // The same end with less than mediaMinSeconds really played: neither counted nor completed.
    expect(mediaVerdict(state, thresholds)).toMatchObject({
      playedToEnd: true,
      completed: false,
      counts: false,
    });
  });

  it('ended without a preceding pause closes the segment too', () => {
    const state = run([loaded(30), play(0, 0), ...playFor(0, 0, 29), { type: 'ended', t: 30, position: 30 }]);
    expect(state.playing).toBe(false);
    expect(mediaVerdict(state, { mediaMinSeconds: 30, mediaMinPercent: 50 })).toMatchObject({
      playedToEnd: true,
      completed: true,
      counts: true,
    });
  });

  it('jumping to the end while paused is not "played to its end"', () => {
    const state = run([
      loaded(600),
      play(0, 0),
      ...playFor(0, 0, 10),
      pause(10, 10),
      { type: 'seeking', t: 11, position: 600 },
      { type: 'seeked', t: 11, position: 600 },
      { type: 'ended', t: 11, position: 600 },
    ]);
    expect(mediaVerdict(state, thresholds)).toMatchObject({
      playedToEnd: false,
      completed: false,
      counts: false,
    });
  });

  it('progress ≥ 0.95 is completed without ended (credits skipped)', () => {
    const state = run([loaded(100), play(0, 0), ...playFor(0, 0, 95), pause(95, 95)]);
    expect(mediaVerdict(state, thresholds)).toMatchObject({
      completed: true,
      progress: 0.95,
      playedToEnd: false,
    });
    const short = run([loaded(100), play(0, 0), ...playFor(0, 0, 94), pause(94, 94)]);
    expect(mediaVerdict(short, thresholds).completed).toBe(false);
  });
});

describe('the docs/policy.md rule: mediaMinSeconds AND (mediaMinPercent or played to the end)', () => {
  const played = (length: number, seconds: number): MediaState =>
    run([loaded(length), play(0, 0), ...playFor(0, 0, seconds), pause(seconds, seconds)]);

  it('both minimums met → counts (at the exact boundary)', () => {
    expect(mediaVerdict(played(120, 60), thresholds).counts).toBe(true);
  });

  it('enough seconds but not enough percent → does not count', () => {
    const verdict = mediaVerdict(played(600, 120), thresholds);
    expect(verdict).toMatchObject({ counts: false, playedSeconds: 120, progress: 0.2 });
  });

  it('enough percent but not enough seconds → does not count', () => {
    expect(mediaVerdict(played(100, 59), thresholds).counts).toBe(false);
    expect(mediaVerdict(played(100, 60), thresholds).counts).toBe(true);
  });

  it('one percent short → does not count', () => {
    expect(mediaVerdict(played(200, 99), thresholds).counts).toBe(false);
    expect(mediaVerdict(played(200, 100), thresholds).counts).toBe(true);
  });

  // Until issue 9 a clip shorter than mediaMinSeconds counted when played to its end; now `ended` never stands in
  // for mediaMinSeconds (docs/policy.md: "at least mediaMinSeconds have really been played").
  it('a clip shorter than mediaMinSeconds never counts, even played to its end', () => {
    const watched = run([loaded(45), play(0, 0), ...playFor(0, 0, 44), pause(44, 44)]);
    expect(mediaVerdict(watched, thresholds).counts).toBe(false);
    const ended = run(
      [play(45, 44), tick(46, 45), pause(46, 45), { type: 'ended', t: 46, position: 45 }],
      watched,
    );
    expect(mediaVerdict(ended, thresholds)).toMatchObject({
      playedToEnd: true,
      counts: false,
      completed: false,
    });
  });

  it('a half-second clip restarted on every ended gives nothing, loop after loop', () => {
    // Each `ended` finishes the session; the restart is a new session of the same item.
    for (let loop = 0; loop < 80; loop++) {
      const t = loop * 0.5;
      const state = run([
        { ...loaded(0.5), t },
        play(t, 0),
        tick(t + 0.25, 0.25),
        pause(t + 0.5, 0.5),
        { type: 'ended', t: t + 0.5, position: 0.5 },
      ]);
      expect(mediaVerdict(state, { mediaMinSeconds: 2, mediaMinPercent: 50 })).toMatchObject({
        counts: false,
        completed: false,
      });
    }
  });

  it('nothing played never counts, even with zero thresholds', () => {
    const state = run([loaded(100)]);
    expect(mediaVerdict(state, { mediaMinSeconds: 0, mediaMinPercent: 0 }).counts).toBe(false);
  });

  it('junk thresholds are taken as 0 (percent capped at 100)', () => {
    const state = played(100, 10);
    expect(mediaVerdict(state, { mediaMinSeconds: Number.NaN, mediaMinPercent: -5 }).counts).toBe(true);
    expect(mediaVerdict(state, { mediaMinSeconds: 0, mediaMinPercent: 1000 }).counts).toBe(false);
  });
});

describe('exposure: only what a person could perceive is played time', () => {
  const seen = (audible: boolean, visible: boolean, learner: boolean): MediaExposure => ({
    audible,
    visible,
    learner,
  });
  const loadedSeen = (duration: number, exposure: MediaExposure): LoadedStep => ({
    ...loaded(duration),
    exposure,
  });
  const expose = (t: number, position: number, exposure: MediaExposure): Step => ({
    type: 'exposure',
    t,
    position,
    exposure,
  });
  const low = { mediaMinSeconds: 2, mediaMinPercent: 1 };

  it('a source that reports no exposure (a desktop player) counts what it plays', () => {
    const state = run([loaded(100), play(0, 0), ...playFor(0, 0, 10), pause(10, 10)]);
    expect(state.exposure).toBeNull();
    expect(playedSeconds(state)).toBe(10);
  });

  it('muted autoplay with no gesture by the learner plays nothing, visible or not', () => {
    for (const visible of [true, false]) {
      const state = run([
        loadedSeen(100, seen(false, visible, false)),
        play(0, 0),
        ...playFor(0, 0, 60),
        pause(60, 60),
      ]);
      expect(playedSeconds(state)).toBe(0);
      expect(state.firstPlayAt).toBeNull();
      expect(mediaVerdict(state, low).counts).toBe(false);
    }
  });

  it('audible media with no gesture by the learner (a scripted play) plays nothing', () => {
    const state = run([loadedSeen(100, seen(true, true, false)), play(0, 0), ...playFor(0, 0, 60)]);
    expect(playedSeconds(state)).toBe(0);
  });

  it('a hidden muted clip plays nothing even after the learner acted in the frame', () => {
    const state = run([loadedSeen(100, seen(false, false, true)), play(0, 0), ...playFor(0, 0, 60)]);
    expect(playedSeconds(state)).toBe(0);
  });

  it('a talk the learner started keeps counting in a background tab (audible, not visible)', () => {
    const state = run([
      loadedSeen(600, seen(true, true, true)),
      play(0, 0),
      ...playFor(0, 0, 10),
      expose(10, 10, seen(true, false, true)),
      ...playFor(10, 10, 50),
      pause(60, 60),
    ]);
    expect(playedSegments(state)).toEqual([[0, 60]]);
    expect(state.firstPlayAt).toBe(s(0));
  });

  it('a muted video the learner watches on screen counts; scrolled away it stops, back in view it resumes', () => {
    const state = run([
      loadedSeen(600, seen(false, true, true)),
      play(0, 0),
      ...playFor(0, 0, 20),
      expose(20, 20, seen(false, false, true)),
      ...playFor(20, 20, 20),
      expose(40, 40, seen(false, true, true)),
      ...playFor(40, 40, 10),
      pause(50, 50),
    ]);
    expect(playedSegments(state)).toEqual([
      [0, 20],
      [40, 50],
    ]);
  });

  it('ambient until the learner acts: counting starts at the unmute (or click), not before', () => {
    const state = run([
      loadedSeen(600, seen(false, false, false)),
      play(0, 0),
      ...playFor(0, 0, 30),
      expose(30, 30, seen(true, false, true)),
      ...playFor(30, 30, 60),
      pause(90, 90),
    ]);
    expect(playedSegments(state)).toEqual([[30, 90]]);
    expect(state.firstPlayAt).toBe(s(30));
    expect(mediaVerdict(state, { mediaMinSeconds: 60, mediaMinPercent: 10 })).toMatchObject({
      counts: true,
      playedSeconds: 60,
    });
  });

  it('the learner muting a video in a background tab stops the count (nothing to see or hear)', () => {
    const state = run([
      loadedSeen(600, seen(true, false, true)),
      play(0, 0),
      ...playFor(0, 0, 10),
      expose(10, 10, seen(false, false, true)),
      ...playFor(10, 10, 30),
      pause(40, 40),
    ]);
    expect(playedSegments(state)).toEqual([[0, 10]]);
  });

  it('an exposure change while paused opens nothing; the next play does', () => {
    const state = run([
      loadedSeen(600, seen(false, false, false)),
      play(0, 0),
      pause(5, 5),
      expose(6, 5, seen(true, true, true)),
      ...[tick(7, 5), tick(8, 5)],
      play(10, 5),
      ...playFor(10, 5, 5),
      pause(15, 10),
    ]);
    expect(playedSegments(state)).toEqual([[5, 10]]);
  });

  it('a seek while not perceivable reopens nothing', () => {
    const state = run([
      loadedSeen(600, seen(false, false, true)),
      play(0, 0),
      { type: 'seeking', t: 1, position: 100 },
      { type: 'seeked', t: 1, position: 100 },
      ...playFor(1, 100, 5),
    ]);
    expect(playedSeconds(state)).toBe(0);
  });

  it('a malformed exposure is ignored (the last good one stays)', () => {
    const state = run([
      loadedSeen(600, seen(false, false, false)),
      play(0, 0),
      {
        type: 'exposure',
        t: 1,
        position: 1,
        exposure: { audible: 'yes', visible: true, learner: 1 } as never,
      },
      { type: 'exposure', t: 2, position: 2, exposure: null as never },
      ...playFor(2, 2, 5),
    ]);
    expect(state.exposure).toEqual(seen(false, false, false));
    expect(playedSeconds(state)).toBe(0);
  });

  it('a pre-roll ad in the same element is its own short item, dropped, and never merged into the content', () => {
    // The element plays a 15 s ad the learner started, then its source changes to the talk (a new item).
    const ad = run([
      { ...loadedSeen(15, seen(true, true, true)), mediaId: 'el1 ad.mp4' },
      play(0, 0),
      ...playFor(0, 0, 15),
      pause(15, 15),
      { type: 'ended', t: 15, position: 15 },
    ]);
    expect(mediaVerdict(ad, { mediaMinSeconds: 30, mediaMinPercent: 50 })).toMatchObject({
      playedToEnd: true,
      counts: false,
    });
    // The talk's `loaded` does not join the ad's state; the talk's own state starts at its own zero.
    expect(run([{ ...loaded(600), t: 16, mediaId: 'el1 talk.mp4' }], ad).media?.mediaId).toBe('el1 ad.mp4');
    const talk = run([
      { ...loadedSeen(600, seen(true, true, true)), t: 16, mediaId: 'el1 talk.mp4' },
      play(16, 0),
      ...playFor(16, 0, 40),
      pause(56, 40),
    ]);
    expect(playedSegments(talk)).toEqual([[0, 40]]);
    expect(talk.firstPlayAt).toBe(s(16));
  });

  it('round-trips through JSON with its exposure', () => {
    const state = run([loadedSeen(600, seen(false, true, true)), play(0, 0), ...playFor(0, 0, 5)]);
    const copy = JSON.parse(JSON.stringify(state)) as MediaState;
    const next: Step[] = [expose(6, 6, seen(false, false, true)), ...playFor(6, 6, 4), pause(10, 10)];
    expect(run(next, copy)).toEqual(run(next, state));
  });
});

describe('live streams and unknown lengths', () => {
  it('Infinity duration: mediaMinSeconds alone, no progress, no length', () => {
    const state = run([loaded(Number.POSITIVE_INFINITY), play(0, 0), ...playFor(0, 0, 60), pause(60, 60)]);
    expect(state.live).toBe(true);
    expect(mediaProgress(state)).toBeNull();
    expect(mediaVerdict(state, thresholds)).toMatchObject({
      counts: true,
      progress: null,
      lengthSeconds: null,
      completed: false,
      live: true,
      playedSeconds: 60,
    });
    const shorter = run([loaded(Number.POSITIVE_INFINITY), play(0, 0), ...playFor(0, 0, 59), pause(59, 59)]);
    expect(mediaVerdict(shorter, thresholds).counts).toBe(false);
  });

  it('ended on a live stream does not count by itself', () => {
    const state = run([
      loaded(Number.POSITIVE_INFINITY),
      play(0, 1000),
      ...playFor(0, 1000, 10),
      { type: 'ended', t: 10, position: 1010 },
    ]);
    expect(mediaVerdict(state, thresholds)).toMatchObject({
      counts: false,
      completed: false,
      playedToEnd: false,
    });
  });

  it('unknown duration (NaN) then a durationchange gives a length', () => {
    let state = run([loaded(Number.NaN), play(0, 0), ...playFor(0, 0, 40)]);
    expect(mediaVerdict(state, thresholds)).toMatchObject({
      lengthSeconds: null,
      progress: null,
      counts: false,
    });
    state = run(
      [{ type: 'durationchange', t: 40, duration: 80 }, ...playFor(40, 40, 20), pause(60, 60)],
      state,
    );
    expect(mediaVerdict(state, thresholds)).toMatchObject({
      lengthSeconds: 80,
      progress: 0.75,
      counts: true,
    });
  });

  it('a shrinking duration cuts the segments to the new length', () => {
    const state = run([
      loaded(600),
      play(0, 0),
      ...playFor(0, 0, 30),
      pause(30, 30),
      { type: 'durationchange', t: 31, duration: 20 },
    ]);
    expect(mediaVerdict(state, thresholds)).toMatchObject({
      segments: [[0, 20]],
      playedSeconds: 20,
      progress: 1,
      lengthSeconds: 20,
    });
  });
});

describe('junk events never throw nor corrupt', () => {
  it('events before loaded are ignored', () => {
    const state = run([
      play(0, 0),
      ...playFor(0, 0, 10),
      pause(10, 10),
      { type: 'ended', t: 10, position: 10 },
    ]);
    expect(state).toEqual(createMediaState());
    expect(mediaVerdict(state, thresholds)).toMatchObject({ counts: false, playedSeconds: 0, segments: [] });
  });

  it('NaN, Infinity and negative positions; NaN times; absurd rates', () => {
    const state = run([
      loaded(600),
      play(0, -5), // clamps to 0
      tick(1, Number.NaN),
      tick(2, 2),
      tick(3, Number.POSITIVE_INFINITY),
      { type: 'ratechange', t: 3, rate: Number.NaN, position: 3 },
      { type: 'ratechange', t: 3, rate: -1, position: 3 },
      { type: 'ratechange', t: 3, rate: 1e9, position: 3 },
      tick(4, 4),
      { type: 'durationchange', t: 4, duration: -1 },
      { type: 'durationchange', t: 4, duration: Number.NaN },
      pause(5, 5),
    ]);
    expect(state.rate).toBe(1);
    expect(state.duration).toBe(600);
    expect(playedSegments(state)).toEqual([[0, 5]]);
    const afterNaN = reduceMedia(state, { type: 'play', at: Number.NaN, position: 5 });
    expect(afterNaN).toBe(state);
    expect(() => reduceMedia(state, { type: 'bogus', at: s(9) } as unknown as MediaEvent)).not.toThrow();
  });

  it('a loaded for another item is ignored; the same item refreshes its metadata', () => {
    const state = run([
      loaded(600),
      { type: 'loaded', t: 1, mediaId: 'yt:other', src: 'x', kind: 'audio', duration: 5 },
      { type: 'loaded', t: 2, mediaId: 'yt:abc', src: 'https://y', title: 'Renamed', kind: 'video' },
    ]);
    expect(state.media).toEqual({ mediaId: 'yt:abc', src: 'https://y', title: 'Renamed', kind: 'video' });
    expect(state.duration).toBe(600);
  });

  it('duplicate play and pause events are harmless', () => {
    const state = run([
      loaded(600),
      play(0, 0),
      play(0.1, 0.1),
      ...playFor(0, 0, 5),
      pause(5, 5),
      pause(5.1, 5),
    ]);
    expect(playedSegments(state)).toEqual([[0, 5]]);
  });

  it('a timestamp going backwards is treated as no time passing', () => {
    const state = run([loaded(600), play(10, 0), tick(5, 0.5), tick(11, 1.5), pause(11, 1.5)]);
    expect(playedSegments(state)).toEqual([[0, 1.5]]);
  });
});

describe('played-segments string', () => {
  it('the profile format, with 3 decimals', () => {
    const state = run([
      loaded(600),
      play(0, 0),
      ...playFor(0, 0, 12),
      pause(12, 12),
      { type: 'seeking', t: 13, position: 14 },
      { type: 'seeked', t: 13, position: 14 },
      play(13, 14),
      ...playFor(13, 14, 7),
      pause(20, 21),
    ]);
    expect(formatPlayedSegments(mediaVerdict(state, thresholds).segments)).toBe(
      '0.000[.]12.000[,]14.000[.]21.000',
    );
  });
});

describe('state is plain JSON', () => {
  it('round-trips mid-playback, including a live stream (Infinity is not JSON)', () => {
    for (const length of [600, Number.POSITIVE_INFINITY]) {
      const state = run([
        loaded(length),
        play(0, 0),
        ...playFor(0, 0, 20),
        { type: 'seeking', t: 20, position: 5 },
        { type: 'seeked', t: 20.2, position: 5 },
        ...playFor(20.2, 5, 10),
      ]);
      const copy = JSON.parse(JSON.stringify(state)) as MediaState;
      expect(copy).toEqual(state);
      const more: Step[] = [
        ...playFor(30.2, 15, 50),
        pause(80.2, 65),
        { type: 'ended', t: 81, position: 65 },
      ];
      const a = run(more, state);
      const b = run(more, copy);
      expect(b).toEqual(a);
      expect(mediaVerdict(b, thresholds)).toEqual(mediaVerdict(a, thresholds));
      expect(mediaVerdict(a, thresholds).playedSeconds).toBe(65);
    }
  });

  it('never mutates the state it is given', () => {
    const state = run([loaded(600), play(0, 0), ...playFor(0, 0, 5)]);
    const frozen = JSON.stringify(state);
    reduceMedia(state, { type: 'pause', at: s(6), position: 6 });
    reduceMedia(state, { type: 'seeking', at: s(6), position: 100 });
    expect(JSON.stringify(state)).toBe(frozen);
  });
});
