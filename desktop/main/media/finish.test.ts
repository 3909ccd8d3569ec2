import { describe, expect, it } from 'vitest';
import type { MediaKind } from '../../../shared/capture';
import { resolveSettings, type PolicyDocument } from '../../../shared/policy';
import {
  ACTIVITY_ID_BASE,
  buildMediaPlayed,
  checkStatement,
  EXTENSIONS,
  VERB_IRIS,
} from '../../../shared/xapi';
import { testContext } from '../../../shared/xapi/test-support';
import { finishSession } from './finish';
import { parseMetadata } from './players';
import { createPlayerTrack, observe, type TrackSession } from './tracker';
import type { WatcherSettings } from './types';

const T0 = Date.parse('2026-11-30T10:00:00.000Z');

function settings(
  capture: NonNullable<PolicyDocument['capture']> = {},
  pausedUntil?: number,
): WatcherSettings {
  const { settings: resolved } = resolveSettings({
    learner: { capture: { mediaMinSeconds: 2, mediaMinPercent: 50, ...capture } },
  });
  return { settings: resolved, pausedUntil };
}

/** A session of `played` seconds from 0 of a track with these tags, finished by the player leaving. */
function session(
  tags: { title: string; artist?: string; album?: string; url?: string; length: number },
  played: number,
  kind: MediaKind = 'audio',
): TrackSession {
  const facts = parseMetadata({
    'mpris:trackid': '/0',
    'xesam:url': tags.url ?? 'file:///home/ada/Downloads/item.mp3',
    'xesam:title': tags.title,
    'xesam:artist': tags.artist === undefined ? undefined : [tags.artist],
    'xesam:album': tags.album,
    'mpris:length': BigInt(Math.round(tags.length * 1e6)),
  });
  const ctx = (s: number) => ({ now: T0 + s * 1000, kindOf: () => kind, mayStart: () => true });
  const start = observe(
    createPlayerTrack(),
    { type: 'changed', facts, status: 'Playing', position: 0 },
    ctx(0),
  );
  const end = observe(start.track, { type: 'finish' }, ctx(played));
  const finished = end.finished[0];
  if (finished === undefined) throw new Error('no session');
  return finished;
}

const episode = { title: 'Episode 12: Learning by doing', artist: 'Ada', album: 'Trail Talk', length: 6 };
const song = { title: 'Morning Song', artist: 'The Band', album: 'Daylight', length: 6 };
const mpv = { name: 'mpv' };

describe('finishSession', () => {
  it('a podcast episode from a local file: a media draft with no path, and a valid listen statement', () => {
    const outcome = finishSession(session(episode, 6.1), mpv, settings(), T0 + 7000);
    if (!('item' in outcome)) throw new Error(outcome.skipped);
    const { item } = outcome;
    expect(item).toMatchObject({ kind: 'audio', title: episode.title, startedAt: T0, platform: 'mpv' });
    expect(item.draft.builder).toBe('media');
    expect(item.draft.input).toMatchObject({
      media: 'audio',
      url: '',
      show: { title: 'Trail Talk' },
      artist: 'Ada',
    });
    expect(JSON.stringify(item)).not.toContain('/home/ada');

    const st = buildMediaPlayed(item.draft.input, testContext({ platform: item.platform }));
    expect(st.verb.id).toBe(VERB_IRIS.listen);
    expect(st.object.id).toBe(`${ACTIVITY_ID_BASE}/media/trail-talk/episode-12-learning-by-doing`);
    expect(st.result).toMatchObject({ completion: true, duration: 'PT6S' });
    expect(st.result?.extensions?.[EXTENSIONS.progress]).toBe(1);
    expect(st.result?.extensions?.[EXTENSIONS.playedSegments]).toBe('0.000[.]6.000');
    expect(checkStatement(st)).toEqual([]);
  });

  it('short music (artist + album, no podcast signal) is not captured by default', () => {
    const outcome = finishSession(session(song, 6.1), mpv, settings(), T0 + 7000);
    expect(outcome).toEqual({ skipped: expect.stringMatching(/classified as music/) as unknown });
  });

  it('below the thresholds: nothing', () => {
    const outcome = finishSession(session({ ...episode, length: 600 }, 5), mpv, settings(), T0 + 7000);
    expect(outcome).toEqual({ skipped: expect.stringMatching(/below the thresholds/) as unknown });
  });

  it('the policy switches apply at finish time: disabled, paused, kind off', () => {
    const s = session(episode, 6.1);
    expect(finishSession(s, mpv, settings({ enabled: false }), T0)).toMatchObject({
      skipped: expect.stringMatching(/disabled/) as unknown,
    });
    expect(finishSession(s, mpv, settings({}, T0 + 60_000), T0)).toMatchObject({
      skipped: expect.stringMatching(/paused/) as unknown,
    });
    expect(finishSession(s, mpv, settings({ kinds: ['article', 'video'] }), T0)).toMatchObject({
      skipped: expect.stringMatching(/kind-off/) as unknown,
    });
  });

  it('streamed URLs follow the domain lists and keep the URL as the id', () => {
    const streamed = { ...episode, url: 'https://cdn.podhost.example/ep12.mp3?utm_source=x' };
    const blocked = finishSession(
      session(streamed, 6.1),
      mpv,
      settings({ blockedDomains: ['podhost.example'] }),
      T0,
    );
    expect(blocked).toMatchObject({ skipped: expect.stringMatching(/blocked/) as unknown });
    const allowed = finishSession(session(streamed, 6.1), mpv, settings(), T0);
    if (!('item' in allowed)) throw new Error(allowed.skipped);
    expect(buildMediaPlayed(allowed.item.draft.input, testContext()).object.id).toBe(
      'https://cdn.podhost.example/ep12.mp3',
    );
  });

  it('a stream from a private address counts only when allowedPrivateHosts lists it; local files are not hosts', () => {
    const nas = { ...episode, url: 'http://192.168.1.5:8096/podcasts/ep12.mp3' };
    expect(finishSession(session(nas, 6.1), mpv, settings(), T0)).toMatchObject({
      skipped: expect.stringMatching(/private-host/) as unknown,
    });
    const listed = settings({ allowedPrivateHosts: ['192.168.1.0/24'] });
    expect(finishSession(session(nas, 6.1), mpv, listed, T0)).toMatchObject({ item: { kind: 'audio' } });
    expect(finishSession(session(episode, 6.1), mpv, settings(), T0)).toMatchObject({
      item: { kind: 'audio' },
    });
  });

  it('video is not classified (no music rule); an ignored session never produces a draft', () => {
    const video = session({ ...song, url: 'file:///v/song.mkv' }, 6.1, 'video');
    const outcome = finishSession(video, mpv, settings(), T0);
    expect(outcome).toMatchObject({ item: { kind: 'video' } });
    expect(finishSession({ ...video, ignored: true }, mpv, settings(), T0)).toMatchObject({
      skipped: expect.any(String) as unknown,
    });
  });
});
