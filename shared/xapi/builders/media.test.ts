import { describe, expect, it } from 'vitest';
import { checkStatement } from '../check';
import { findNullish, testContext } from '../test-support';
import { ACTIVITY_TYPES, EXTENSIONS, VERB_IRIS } from '../vocab';
import { buildMediaPlayed, type MediaPlayedInput } from './media';

const video: MediaPlayedInput = {
  media: 'video',
  url: 'https://www.youtube.com/watch?v=abc123&t=30s&list=PL9',
  keepQueryStrings: false,
  title: 'A talk',
  lengthSeconds: 100,
  playedSeconds: 19,
  segments: [
    [0, 12],
    [14, 21],
  ],
  completed: false,
};

describe('buildMediaPlayed: video', () => {
  const st = buildMediaPlayed(video, testContext({ platform: 'www.youtube.com' }));

  it('watch + video type + canonical YouTube id', () => {
    expect(st.verb).toEqual({ id: VERB_IRIS.watch, display: { en: 'watched' } });
    expect(st.object).toMatchObject({
      objectType: 'Activity',
      id: 'https://www.youtube.com/watch?v=abc123',
      definition: { type: ACTIVITY_TYPES.video, name: { 'en-GB': 'A talk' } },
    });
  });

  it('result: played time, completion, progress from the union of segments, played-segments', () => {
    expect(st.result).toEqual({
      completion: false,
      duration: 'PT19S',
      extensions: {
        [EXTENSIONS.progress]: 0.19,
        [EXTENSIONS.playedSegments]: '0.000[.]12.000[,]14.000[.]21.000',
      },
    });
  });

  it('context: length extension, no Video Profile IRI in category, no parent', () => {
    expect(st.context.extensions).toEqual({ [EXTENSIONS.length]: 100 });
    expect(JSON.stringify(st.context.contextActivities.category)).not.toContain('w3id.org/xapi/video/v');
    expect(st.context.contextActivities.parent).toBeUndefined();
    expect(checkStatement(st)).toEqual([]);
    expect(findNullish(st)).toEqual([]);
  });

  it('without a known length: no progress and no length, segments still sent', () => {
    const unknown = buildMediaPlayed({ ...video, lengthSeconds: undefined }, testContext());
    expect(unknown.result?.extensions).toEqual({
      [EXTENSIONS.playedSegments]: '0.000[.]12.000[,]14.000[.]21.000',
    });
    expect(unknown.context.extensions).toBeUndefined();
    expect(checkStatement(unknown)).toEqual([]);
  });

  it('drops invalid segments, clamps to the length and caps progress at 1', () => {
    const messy = buildMediaPlayed(
      {
        ...video,
        lengthSeconds: 20,
        segments: [
          [-3, 12],
          [Number.NaN, 5],
          [9, 4],
          [10, 25.5],
        ],
      },
      testContext(),
    );
    expect(messy.result?.extensions).toEqual({
      [EXTENSIONS.progress]: 1,
      [EXTENSIONS.playedSegments]: '0.000[.]12.000[,]10.000[.]20.000',
    });
  });

  it('omits played-segments when nothing valid was played', () => {
    const none = buildMediaPlayed({ ...video, segments: [] }, testContext());
    expect(none.result?.extensions).toEqual({ [EXTENSIONS.progress]: 0 });
  });
});

describe('buildMediaPlayed: audio', () => {
  const audio: MediaPlayedInput = {
    media: 'audio',
    url: 'https://www.podcasts.example/ep/12?utm_source=app',
    keepQueryStrings: false,
    title: 'Episode 12',
    lengthSeconds: 1800.12345,
    playedSeconds: 900,
    segments: [[0, 900]],
    completed: true,
    show: { title: 'The Learning Show' },
    artist: 'Jo Host',
  };

  it('listen + audio type + artist + rounded length', () => {
    const st = buildMediaPlayed(audio, testContext());
    expect(st.verb.id).toBe(VERB_IRIS.listen);
    expect(st.object).toMatchObject({
      definition: { type: ACTIVITY_TYPES.audio, extensions: { [EXTENSIONS.artist]: 'Jo Host' } },
    });
    expect(st.context.extensions).toEqual({ [EXTENSIONS.length]: 1800.123 });
    expect(st.result?.extensions?.[EXTENSIONS.progress]).toBe(0.5);
    expect(checkStatement(st)).toEqual([]);
  });

  it('puts the show in contextActivities.parent with a derived id (host without www + title slug)', () => {
    const st = buildMediaPlayed(audio, testContext());
    expect(st.context.contextActivities.parent).toEqual([
      {
        objectType: 'Activity',
        id: 'https://trailnote.app/xapi/activities/show/podcasts.example/the-learning-show',
        definition: { type: ACTIVITY_TYPES.collection, name: { 'en-GB': 'The Learning Show' } },
      },
    ]);
  });

  it('the derived show id is stable across episodes and differs across hosts', () => {
    const a = buildMediaPlayed({ ...audio, url: 'https://podcasts.example/ep/13' }, testContext());
    const b = buildMediaPlayed({ ...audio, url: 'https://other.example/ep/1' }, testContext());
    const first = buildMediaPlayed(audio, testContext());
    expect(a.context.contextActivities.parent?.[0]?.id).toBe(first.context.contextActivities.parent?.[0]?.id);
    expect(b.context.contextActivities.parent?.[0]?.id).not.toBe(
      first.context.contextActivities.parent?.[0]?.id,
    );
  });

  it('uses show.id when it is an IRI, ignores it otherwise', () => {
    const feed = buildMediaPlayed(
      { ...audio, show: { title: 'S', id: 'https://feeds.example/s.xml' } },
      testContext(),
    );
    expect(feed.context.contextActivities.parent?.[0]?.id).toBe('https://feeds.example/s.xml');
    const bad = buildMediaPlayed({ ...audio, show: { title: 'S', id: '12345' } }, testContext());
    expect(bad.context.contextActivities.parent?.[0]?.id).toBe(
      'https://trailnote.app/xapi/activities/show/podcasts.example/s',
    );
  });

  it('skips a show without a title', () => {
    const st = buildMediaPlayed({ ...audio, show: { title: '  ' } }, testContext());
    expect(st.context.contextActivities.parent).toBeUndefined();
  });
});
