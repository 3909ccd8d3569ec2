// Media without a URL (local files played by a desktop player): the id rule of localMediaActivityId.
import { describe, expect, it } from 'vitest';
import { checkStatement } from '../check';
import { findNullish, testContext } from '../test-support';
import { ACTIVITY_ID_BASE, ACTIVITY_TYPES, EXTENSIONS } from '../vocab';
import { buildMediaPlayed, isLocalMediaUrl, localMediaActivityId, type MediaPlayedInput } from './media';

const episode: MediaPlayedInput = {
  media: 'audio',
  url: '',
  keepQueryStrings: false,
  title: 'Episode 12: Learning by doing',
  lengthSeconds: 1800,
  playedSeconds: 1200,
  segments: [[0, 1200]],
  completed: true,
  show: { title: 'Trail Talk' },
  artist: 'Ada Lovelace',
};

describe('localMediaActivityId', () => {
  it('show (album) and title, as slugs under the project activity base', () => {
    expect(
      localMediaActivityId({ title: 'Episode 12: Learning by doing', album: 'Trail Talk', artist: 'Ada' }),
    ).toBe(`${ACTIVITY_ID_BASE}/media/trail-talk/episode-12-learning-by-doing`);
  });

  it('the artist stands in for a missing album; neither gives the title alone', () => {
    expect(localMediaActivityId({ title: 'Talk', artist: 'Grace Hopper' })).toBe(
      `${ACTIVITY_ID_BASE}/media/grace-hopper/talk`,
    );
    expect(localMediaActivityId({ title: 'Talk', album: '  ', artist: '' })).toBe(
      `${ACTIVITY_ID_BASE}/media/talk`,
    );
  });

  it('is stable across spacing, case and accents, and never empty', () => {
    expect(localMediaActivityId({ title: ' Café  Society ', album: 'SHOW' })).toBe(
      localMediaActivityId({ title: 'cafe society', album: 'show' }),
    );
    expect(localMediaActivityId({ title: '' })).toBe(`${ACTIVITY_ID_BASE}/media/untitled`);
  });

  it('isLocalMediaUrl: empty and file: only', () => {
    expect(isLocalMediaUrl('')).toBe(true);
    expect(isLocalMediaUrl(' file:///home/ada/ep.mp3')).toBe(true);
    expect(isLocalMediaUrl('https://cdn.example/ep.mp3')).toBe(false);
    expect(isLocalMediaUrl('about:blank')).toBe(false);
  });
});

describe('buildMediaPlayed: local media', () => {
  it('mints the id from the tags, sends no moreInfo, and the show has a host-less id', () => {
    const st = buildMediaPlayed(episode, testContext({ platform: 'mpv' }));
    expect(st.object).toEqual({
      objectType: 'Activity',
      id: `${ACTIVITY_ID_BASE}/media/trail-talk/episode-12-learning-by-doing`,
      definition: {
        type: ACTIVITY_TYPES.audio,
        name: { 'en-GB': 'Episode 12: Learning by doing' },
        extensions: { [EXTENSIONS.artist]: 'Ada Lovelace' },
      },
    });
    expect(st.context.contextActivities.parent).toEqual([
      {
        objectType: 'Activity',
        id: `${ACTIVITY_ID_BASE}/show/trail-talk`,
        definition: { type: ACTIVITY_TYPES.collection, name: { 'en-GB': 'Trail Talk' } },
      },
    ]);
    expect(checkStatement(st)).toEqual([]);
    expect(findNullish(st)).toEqual([]);
  });

  it('a file: URL is never sent (private path)', () => {
    const st = buildMediaPlayed({ ...episode, url: 'file:///home/ada/Podcasts/ep12.mp3' }, testContext());
    expect(JSON.stringify(st)).not.toContain('/home/ada');
    expect(st.object.id).toBe(`${ACTIVITY_ID_BASE}/media/trail-talk/episode-12-learning-by-doing`);
  });

  it('other schemes still throw, as for web pages', () => {
    expect(() =>
      buildMediaPlayed({ ...episode, url: 'chrome-extension://abc/x.mp3' }, testContext()),
    ).toThrow(/Only http\(s\) URLs/);
  });

  it('web media keep the URL rule', () => {
    const st = buildMediaPlayed(
      { ...episode, url: 'https://cdn.example/ep12.mp3?utm_source=x' },
      testContext(),
    );
    expect(st.object.id).toBe('https://cdn.example/ep12.mp3');
    expect(st.context.contextActivities.parent?.[0]?.id).toBe(
      `${ACTIVITY_ID_BASE}/show/cdn.example/trail-talk`,
    );
  });
});
