import { describe, expect, it } from 'vitest';
import { createMediaState, reduceMedia, type MediaKind } from '.';
import { mediaPlayedInput, type DescribedMedia } from './media-finish';

const T0 = Date.parse('2026-11-30T10:00:00.000Z');
const CAPTURE = { mediaMinSeconds: 10, mediaMinPercent: 50, keepQueryStrings: false };

function played(kind: MediaKind, length: number, seconds: number) {
  let state = reduceMedia(createMediaState(), {
    type: 'loaded',
    at: T0,
    mediaId: 'm',
    src: 'x',
    duration: length,
    kind,
  });
  state = reduceMedia(state, { type: 'play', at: T0, position: 0 });
  return reduceMedia(state, { type: 'pause', at: T0 + seconds * 1000, position: seconds });
}

function described(kind: MediaKind, extra: Partial<DescribedMedia> = {}): DescribedMedia {
  return {
    kind,
    url: 'https://v.example/watch',
    title: 'A talk',
    audio: { pageUrl: 'https://v.example/watch' },
    ...extra,
  };
}

describe('mediaPlayedInput', () => {
  it('builds the input from the verdict when the thresholds are met', () => {
    const outcome = mediaPlayedInput(
      played('video', 20, 15),
      described('video', { canonicalHref: 'https://v.example/c' }),
      CAPTURE,
    );
    if ('skipped' in outcome) throw new Error(outcome.skipped);
    expect(outcome.input).toEqual({
      media: 'video',
      url: 'https://v.example/watch',
      canonicalHref: 'https://v.example/c',
      keepQueryStrings: false,
      title: 'A talk',
      lengthSeconds: 20,
      playedSeconds: 15,
      segments: [[0, 15]],
      completed: true,
    });
    expect(outcome.verdict.playedSeconds).toBe(15);
  });

  it('says why when below the thresholds', () => {
    expect(mediaPlayedInput(played('video', 20, 5), described('video'), CAPTURE)).toEqual({
      skipped: 'below the thresholds (5 s played, 25 %)',
    });
  });

  it('skips short music and keeps a podcast, with the album as the show', () => {
    const music = mediaPlayedInput(
      played('audio', 200, 150),
      described('audio', { audio: { title: 'Song', artist: 'Band', album: 'Album', source: 'mpris' } }),
      CAPTURE,
    );
    expect('skipped' in music && music.skipped).toMatch(/^audio classified as music: /);
    const podcast = mediaPlayedInput(
      played('audio', 2400, 1800),
      described('audio', {
        album: 'The Show',
        artist: 'Host',
        audio: {
          pageUrl: 'https://pod.example/ep',
          feedLinks: ['https://pod.example/feed.xml'],
          source: 'web',
        },
      }),
      CAPTURE,
    );
    if ('skipped' in podcast) throw new Error(podcast.skipped);
    expect(podcast.input.show).toEqual({ title: 'The Show' });
    expect(podcast.input.artist).toBe('Host');
  });
});
