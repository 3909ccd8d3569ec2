import { describe, expect, it } from 'vitest';
import { classifyAudio, shouldCaptureAudio, type AudioClassification, type AudioFacts } from './podcast';

const kindOf = (facts: AudioFacts): string => classifyAudio(facts).kind;
const MIN = 60;

describe('tier 1: structured data', () => {
  it.each([
    'PodcastEpisode',
    'PodcastSeries',
    'PodcastSeason',
    'http://schema.org/PodcastEpisode',
    'schema:PodcastSeries',
  ])('JSON-LD %s → podcast', (type) => {
    const result = classifyAudio({ jsonLdTypes: ['WebPage', type] });
    expect(result.kind).toBe('podcast');
    expect(result.reasons).toContain(`JSON-LD ${type.split(/[/:]/).pop() ?? ''} → podcast`);
    expect(result.reasons.at(-1)).toBe('→ podcast: structured data says podcast');
  });

  it.each(['MusicRecording', 'MusicAlbum', 'MusicPlaylist', 'https://schema.org/MusicRecording'])(
    'JSON-LD %s → music',
    (type) => {
      expect(kindOf({ jsonLdTypes: [type] })).toBe('music');
    },
  );

  it('structured data outranks the host table and patterns', () => {
    expect(
      kindOf({ jsonLdTypes: ['MusicRecording'], pageUrl: 'https://podcasts.apple.com/x/episode/1' }),
    ).toBe('music');
    expect(
      kindOf({
        jsonLdTypes: ['PodcastEpisode'],
        pageUrl: 'https://open.spotify.com/track/1',
        title: '(Official Audio)',
      }),
    ).toBe('podcast');
  });

  it('a podcast feed link → podcast', () => {
    const onHost = classifyAudio({ feedLinks: ['https://feeds.megaphone.fm/ABC123'] });
    expect(onHost.kind).toBe('podcast');
    expect(onHost.reasons[0]).toBe('podcast feed https://feeds.megaphone.fm/ABC123 → podcast');
    expect(kindOf({ feedLinks: ['https://radio.example/feed/podcast/'] })).toBe('podcast');
    expect(kindOf({ feedLinks: ['https://anchor.fm/s/1234/podcast/rss'] })).toBe('podcast');
  });

  it('an ordinary blog feed is noted but decides nothing', () => {
    const result = classifyAudio({ feedLinks: ['https://blog.example/feed/'] });
    expect(result.kind).toBe('unknown');
    expect(result.reasons[0]).toMatch(/not a podcast feed/);
  });

  it('conflicting structured data falls through to the next tier', () => {
    const result = classifyAudio({
      jsonLdTypes: ['PodcastEpisode', 'MusicRecording'],
      pageUrl: 'https://overcast.fm/+abc',
    });
    expect(result.kind).toBe('podcast');
    expect(result.reasons).toContain('structured data conflicts: next tier');
    expect(result.reasons.at(-1)).toBe('→ podcast: known host/player says podcast');
  });
});

describe('tier 2: known hosts and players', () => {
  it.each([
    'https://podcasts.apple.com/us/podcast/the-show/id123?i=456',
    'https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk',
    'https://open.spotify.com/intl-de/episode/4rOoJ6Egrf8K2IrywzwOMk',
    'https://open.spotify.com/embed/show/abc',
    'https://overcast.fm/+abcdef',
    'https://play.pocketcasts.com/podcasts/abc',
    'https://www.podbean.com/media/share/pb-xyz',
    'https://theshow.podbean.com/e/hello/',
    'https://www.buzzsprout.com/12345/67890',
    'https://anchor.fm/show/episodes/x',
    'https://podcasters.spotify.com/pod/show/x',
    'https://share.transistor.fm/s/abc',
    'https://player.simplecast.com/abc',
    'https://traffic.libsyn.com/show/ep.mp3',
    'https://traffic.megaphone.fm/ABC.mp3',
    'https://music.youtube.com/podcast/abc',
    'https://www.deezer.com/fr/episode/123',
  ])('%s → podcast', (pageUrl) => {
    expect(kindOf({ pageUrl })).toBe('podcast');
  });

  it.each([
    'https://music.youtube.com/watch?v=abc',
    'https://open.spotify.com/track/11dFghVXANMlKmJXsNCbNl',
    'https://open.spotify.com/album/abc',
    'https://artist.bandcamp.com/track/song',
    'https://www.deezer.com/en/track/123',
    'https://listen.tidal.com/track/1',
    'https://music.apple.com/us/album/x/1',
  ])('%s → music', (pageUrl) => {
    expect(kindOf({ pageUrl })).toBe('music');
  });

  it('a host alone works when no URL is given', () => {
    expect(kindOf({ host: 'www.overcast.fm' })).toBe('podcast');
    expect(kindOf({ host: 'BANDCAMP.com' })).toBe('music');
  });

  it('the host table outranks URL and title patterns', () => {
    const result = classifyAudio({
      pageUrl: 'https://music.youtube.com/watch?v=1',
      title: 'Episode 4: Live',
    });
    expect(result.kind).toBe('music');
    expect(result.reasons).toContain('host music.youtube.com → music');
  });

  it('ambiguous hosts add no signal: the next tiers decide', () => {
    const track = classifyAudio({ pageUrl: 'https://soundcloud.com/someone/a-song' });
    expect(track.kind).toBe('unknown');
    expect(track.reasons).toContain('host soundcloud.com is ambiguous (no signal)');
    expect(
      kindOf({ pageUrl: 'https://soundcloud.com/someshow/episode-12-guest', title: 'Episode 12: Guest' }),
    ).toBe('podcast');
  });

  it.each([
    ['gPodder', 'podcast'],
    ['Podcasts', 'podcast'],
    ['org.mpris.MediaPlayer2.kasts', 'podcast'],
    ['Lollypop', 'music'],
    ['Quod Libet', 'music'],
    ['org.mpris.MediaPlayer2.elisa', 'music'],
    ['Rhythmbox', 'unknown'],
    ['vlc.instance1234', 'unknown'],
    ['Spotify', 'unknown'],
  ])('MPRIS player %s → %s', (playerName, kind) => {
    expect(kindOf({ source: 'mpris', playerName })).toBe(kind);
  });

  it('the Spotify app is decided by its xesam:url', () => {
    const facts: AudioFacts = { source: 'mpris', playerName: 'Spotify' };
    expect(kindOf({ ...facts, pageUrl: 'https://open.spotify.com/episode/abc' })).toBe('podcast');
    expect(kindOf({ ...facts, pageUrl: 'https://open.spotify.com/track/abc' })).toBe('music');
  });

  it('a podcast app playing from a podcast host is a podcast; host and player disagreeing falls through', () => {
    expect(kindOf({ playerName: 'gPodder', pageUrl: 'https://traffic.megaphone.fm/x.mp3' })).toBe('podcast');
    const conflict = classifyAudio({
      playerName: 'Lollypop',
      pageUrl: 'https://traffic.megaphone.fm/x.mp3',
      durationSeconds: 40 * MIN,
    });
    expect(conflict.reasons).toContain('known host/player conflicts: next tier');
    // Music was seen, so the long-form rule does not apply.
    expect(conflict.kind).toBe('unknown');
  });
});

describe('tier 3: og:type', () => {
  it('music.* → music', () => {
    expect(kindOf({ ogType: 'music.song' })).toBe('music');
    expect(kindOf({ ogType: 'music.album' })).toBe('music');
    expect(kindOf({ ogType: 'website' })).toBe('unknown');
  });

  it('ranks below the host table', () => {
    expect(kindOf({ ogType: 'music.song', pageUrl: 'https://open.spotify.com/episode/x' })).toBe('podcast');
  });
});

describe('tier 4: URL and title patterns', () => {
  it.each([
    'https://radio.example/episode/12',
    'https://radio.example/shows/x/episodes/',
    'https://radio.example/podcast/how-we-learn',
    'https://radio.example/podcasts',
    'https://radio.example/ep-42',
    'https://radio.example/ep42/',
  ])('URL %s → podcast', (pageUrl) => {
    const result = classifyAudio({ pageUrl });
    expect(result.kind).toBe('podcast');
    expect(result.reasons.some((reason) => reason.startsWith('URL path'))).toBe(true);
  });

  it.each([
    'Episode 12: Learning in public',
    'Ep. 12 – Guests',
    'EP12 Interview',
    'Ep #7',
    'Folge 88: Lernen',
    'S2E5 The one',
    '#123: Deep work',
    'The Show #45 - A guest',
  ])('title "%s" → podcast', (title) => {
    expect(kindOf({ title })).toBe('podcast');
  });

  it.each(["We're #1", '#1 Crush', 'Song for episode', 'Epic 12'])('title "%s" → no signal', (title) => {
    expect(kindOf({ title })).toBe('unknown');
  });

  it('music patterns: URL /track/, titles with (Official Audio)', () => {
    expect(kindOf({ pageUrl: 'https://label.example/track/song-name' })).toBe('music');
    expect(kindOf({ title: 'Artist - Song (Official Audio)' })).toBe('music');
    expect(kindOf({ title: 'Artist - Song (Lyric Video)' })).toBe('music');
  });

  it('reasons quote what matched', () => {
    expect(classifyAudio({ title: 'Ep. 12 – Guests' }).reasons).toEqual([
      'title "Ep. 12" → podcast',
      '→ podcast: patterns says podcast',
    ]);
  });

  it('a podcast pattern and a music pattern conflict', () => {
    const result = classifyAudio({ pageUrl: 'https://x.example/podcast/track/1' });
    expect(result.kind).toBe('unknown');
    expect(result.reasons).toContain('patterns conflicts: next tier');
  });
});

describe('tier 5: length', () => {
  it('long-form (≥ 15 min) with no music signal → podcast', () => {
    const result = classifyAudio({ title: 'Interview with a teacher', durationSeconds: 15 * MIN });
    expect(result).toEqual({
      kind: 'podcast',
      longForm: true,
      reasons: ['→ podcast: long-form (15.0 min ≥ 15 min) with no music signal'],
    });
    expect(kindOf({ durationSeconds: 15 * MIN - 1 })).toBe('unknown');
  });

  it('long-form with artist and album is still a podcast (podcast players set both)', () => {
    expect(kindOf({ durationSeconds: 50 * MIN, artist: 'Host Name', album: 'The Show' })).toBe('podcast');
  });

  it('short (< 10 min) with artist and album → music', () => {
    const result = classifyAudio({ durationSeconds: 3.5 * MIN, artist: 'Band', album: 'Record' });
    expect(result.kind).toBe('music');
    expect(result.longForm).toBe(false);
    expect(kindOf({ durationSeconds: 10 * MIN, artist: 'Band', album: 'Record' })).toBe('unknown');
    expect(kindOf({ durationSeconds: 3.5 * MIN, artist: 'Band' })).toBe('unknown');
    expect(kindOf({ durationSeconds: 3.5 * MIN, artist: 'Band', album: '  ' })).toBe('unknown');
  });

  it('between 10 and 15 minutes, or unknown length, with no other signal → unknown', () => {
    expect(kindOf({ durationSeconds: 12 * MIN })).toBe('unknown');
    expect(kindOf({ durationSeconds: Number.NaN, artist: 'a', album: 'b' })).toBe('unknown');
    expect(kindOf({})).toBe('unknown');
  });
});

describe('junk facts', () => {
  it('never throws', () => {
    const junk = {
      pageUrl: 'not a url',
      host: '',
      feedLinks: [42, null, '::'],
      jsonLdTypes: 'PodcastEpisode',
      ogType: 7,
      title: null,
      durationSeconds: Number.POSITIVE_INFINITY,
      playerName: {},
    } as unknown as AudioFacts;
    expect(() => classifyAudio(junk)).not.toThrow();
    expect(classifyAudio(junk).kind).toBe('unknown');
    expect(classifyAudio(junk).longForm).toBe(false);
  });

  it('notes the source', () => {
    expect(classifyAudio({ source: 'mpris', playerName: 'gPodder' }).reasons).toEqual([
      'source: mpris',
      'player gPodder → podcast',
      '→ podcast: known host/player says podcast',
    ]);
  });
});

describe('shouldCaptureAudio', () => {
  const of = (kind: AudioClassification['kind'], longForm: boolean): AudioClassification => ({
    kind,
    longForm,
    reasons: [],
  });

  it('podcasts always', () => {
    expect(shouldCaptureAudio(of('podcast', false))).toBe(true);
    expect(shouldCaptureAudio(of('podcast', false), { captureUnknownAudio: false })).toBe(true);
  });

  it('music never by default, even long-form; only with captureMusic', () => {
    expect(shouldCaptureAudio(of('music', true))).toBe(false);
    expect(shouldCaptureAudio(of('music', true), { captureUnknownAudio: true })).toBe(false);
    expect(shouldCaptureAudio(of('music', false), { captureMusic: true })).toBe(true);
  });

  it('unknown: only long-form by default; the option forces all or none', () => {
    expect(shouldCaptureAudio(of('unknown', true))).toBe(true);
    expect(shouldCaptureAudio(of('unknown', false))).toBe(false);
    expect(shouldCaptureAudio(of('unknown', false), { captureUnknownAudio: true })).toBe(true);
    expect(shouldCaptureAudio(of('unknown', true), { captureUnknownAudio: false })).toBe(false);
  });

  it('end to end: a long unclassifiable stream with a music hint is still captured by default', () => {
    const result = classifyAudio({
      ogType: 'music.radio_station',
      playerName: 'gPodder',
      durationSeconds: 3600,
    });
    // Tier 2 decides before og:type is reached.
    expect(result.kind).toBe('podcast');
    const unknown = classifyAudio({
      pageUrl: 'https://x.example/podcast/track/1',
      durationSeconds: 3600,
    });
    expect(unknown.kind).toBe('unknown');
    expect(shouldCaptureAudio(unknown)).toBe(true);
  });
});
