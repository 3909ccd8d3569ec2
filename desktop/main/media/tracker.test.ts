import { describe, expect, it } from 'vitest';
import { playedSegments, type MediaKind } from '../../../shared/capture';
import { parseMetadata, type TrackFacts } from './players';
import {
  createPlayerTrack,
  estimatePosition,
  observe,
  type Observation,
  type PlayerTrack,
  type TrackSession,
} from './tracker';

const T0 = Date.parse('2026-11-30T10:00:00.000Z');

function facts(title: string, length = 600, url = `file:///p/${title}.mp3`): TrackFacts {
  return parseMetadata({
    'mpris:trackid': '/0',
    'xesam:url': url,
    'xesam:title': title,
    'mpris:length': BigInt(length * 1_000_000),
  });
}

/** Feeds observations at given seconds after T0; collects finished items. */
function run(steps: Array<[seconds: number, Observation]>, mayStart = true) {
  let track: PlayerTrack = createPlayerTrack();
  const finished: TrackSession[] = [];
  for (const [seconds, observation] of steps) {
    const step = observe(track, observation, {
      now: T0 + seconds * 1000,
      kindOf: (): MediaKind => 'audio',
      mayStart: () => mayStart,
    });
    track = step.track;
    finished.push(...step.finished);
  }
  return { track, finished };
}

const segmentsOf = (session: TrackSession | undefined) =>
  session === undefined ? undefined : playedSegments(session.state).map(([a, b]) => [round(a), round(b)]);
const round = (n: number) => Math.round(n * 10) / 10;

describe('tracker', () => {
  it('play, pause, leave: one item with the played segment, from read positions', () => {
    const { finished, track } = run([
      [0, { type: 'changed', facts: facts('ep'), status: 'Playing', rate: 1, position: 0 }],
      [10, { type: 'changed', status: 'Paused', position: 10 }],
      [100, { type: 'finish' }],
    ]);
    expect(finished).toHaveLength(1);
    expect(segmentsOf(finished[0])).toEqual([[0, 10]]);
    expect(finished[0]?.state.firstPlayAt).toBe(T0);
    expect(track.session).toBeNull();
  });

  it('a player that stays paused opens no item', () => {
    const { finished, track } = run([
      [0, { type: 'changed', facts: facts('ep'), status: 'Paused', rate: 1, position: 30 }],
      [60, { type: 'finish' }],
    ]);
    expect(finished).toEqual([]);
    expect(track.session).toBeNull();
  });

  it('between events the position is estimated from elapsed time and rate, capped at the length', () => {
    const { track } = run([
      [0, { type: 'changed', facts: facts('ep', 100), status: 'Playing', rate: 2, position: 10 }],
    ]);
    expect(estimatePosition(track, T0 + 5000)).toBe(20);
    expect(estimatePosition(track, T0 + 500_000)).toBe(100);
  });

  it('playing to the end then Stopped: ended, played to its end', () => {
    const { finished } = run([
      [0, { type: 'changed', facts: facts('ep', 6), status: 'Playing', rate: 1, position: 0 }],
      [6.2, { type: 'changed', status: 'Stopped' }],
    ]);
    expect(finished).toHaveLength(1);
    expect(finished[0]?.state.playedToEnd).toBe(true);
    expect(segmentsOf(finished[0])).toEqual([[0, 6]]);
  });

  it('the player leaving mid-play: paused where it was (estimated), not ended', () => {
    const { finished } = run([
      [0, { type: 'changed', facts: facts('ep', 600), status: 'Playing', rate: 1, position: 100 }],
      [30, { type: 'finish' }],
    ]);
    expect(segmentsOf(finished[0])).toEqual([[100, 130]]);
    expect(finished[0]?.state.playedToEnd).toBe(false);
  });

  it('a new track finishes the previous one at the estimated position and starts a new item', () => {
    const { finished, track } = run([
      [0, { type: 'changed', facts: facts('one', 600), status: 'Playing', rate: 1, position: 0 }],
      [40, { type: 'changed', facts: facts('two', 600), position: 0.2 }],
      [50, { type: 'changed', status: 'Paused', position: 10.2 }],
    ]);
    expect(finished).toHaveLength(1);
    expect(finished[0]?.facts.title).toBe('one');
    expect(segmentsOf(finished[0])).toEqual([[0, 40]]);
    expect(track.session?.facts.title).toBe('two');
    expect(segmentsOf(track.session ?? undefined)).toEqual([[0.2, 10.2]]);
  });

  it('refreshed metadata of the same track updates title and length without a new item', () => {
    const first = parseMetadata({
      'mpris:trackid': '/0',
      'xesam:url': 'file:///p/ep.mp3',
      'xesam:title': 'ep.mp3',
    });
    const { finished, track } = run([
      [0, { type: 'changed', facts: first, status: 'Playing', rate: 1, position: 0 }],
      [
        0.1,
        { type: 'changed', facts: facts('ep', 300, 'file:///p/ep.mp3'), status: 'Playing', position: 0.1 },
      ],
    ]);
    expect(finished).toEqual([]);
    expect(track.session?.state.media?.title).toBe('ep');
    expect(track.session?.facts.title).toBe('ep');
    expect(track.session?.state.duration).toBe(300);
  });

  it('Seeked: the segment closes where playback was and reopens at the target', () => {
    const { finished } = run([
      [0, { type: 'changed', facts: facts('ep', 600), status: 'Playing', rate: 1, position: 0 }],
      [10, { type: 'seeked', position: 200 }],
      [20, { type: 'changed', status: 'Paused', position: 210 }],
      [21, { type: 'finish' }],
    ]);
    expect(segmentsOf(finished[0])).toEqual([
      [0, 10],
      [200, 210],
    ]);
  });

  it('resuming after an inactivity finish starts a new item for the same track', () => {
    const { finished, track } = run([
      [0, { type: 'changed', facts: facts('ep'), status: 'Playing', rate: 1, position: 0 }],
      [10, { type: 'changed', status: 'Paused', position: 10 }],
      [1810, { type: 'finish' }],
      [2000, { type: 'changed', status: 'Playing', position: 10 }],
    ]);
    expect(finished).toHaveLength(1);
    expect(track.session?.state.firstPlayAt).toBe(T0 + 2_000_000);
  });

  it('an item started while capture was not allowed is marked ignored', () => {
    const { finished } = run(
      [
        [0, { type: 'changed', facts: facts('ep'), status: 'Playing', rate: 1, position: 0 }],
        [10, { type: 'finish' }],
      ],
      false,
    );
    expect(finished[0]?.ignored).toBe(true);
  });
});
