// Is this audio a podcast (learning worth capturing) or music (never captured by default)? Decided from plain facts
// the page detector or the MPRIS watcher already has; no network, no guessing beyond the documented rules.
//
// Precedence — the first tier whose signals all point one way decides; a tier with signals both ways is recorded
// in the reasons and the next tier is tried:
//
//   1. Explicit structured data. schema.org JSON-LD `PodcastEpisode`, `PodcastSeries`, `PodcastSeason` → podcast;
//      `MusicRecording`, `MusicAlbum`, `MusicPlaylist`, `MusicComposition` → music. A feed link
//      (`<link type=application/rss+xml>`) that is a podcast feed → podcast: its URL is on a podcast host or
//      contains "podcast" or "itunes". Other feed links are not a signal: every blog and news site has a feed.
//   2. Known hosts and players (HOST_RULES, PLAYER_RULES below): podcast apps and hosting sites → podcast, music
//      services and music players → music. Services that serve both are split by URL path (open.spotify.com/episode
//      → podcast, /track → music); ones that cannot be split (SoundCloud, Mixcloud, YouTube, Rhythmbox, VLC, the
//      Spotify desktop app without a URL) are "ambiguous" and add no signal.
//   3. Open Graph `og:type` `music.*` → music. It is structured data, but set by site templates rather than per
//      item, so the curated host table outranks it.
//   4. Patterns. URL path `/episode/`, `/episodes/`, `/podcast/`, `/podcasts/`, `/ep-12`, `/ep12` → podcast;
//      title "Episode 12", "Ep. 12", "EP12", "Folge 12", "S2E5", "#123: …" / "#123 - …" → podcast; URL path
//      `/track/`, `/song/`, `/album/` or a title with "(Official Audio)", "(Official Video)", "Lyric Video" → music.
//   5. Length. ≥ 15 min with no music signal in tiers 1–4 → podcast (long-form spoken audio); < 10 min with both
//      an artist and an album and no podcast signal → music. Podcast players set artist and album too (author
//      and show), which is why artist + album alone decides nothing.
//   Otherwise: unknown.
//
// For MPRIS, pass the track's `xesam:url` as `pageUrl` (Spotify sets it to the open.spotify.com URL, podcast
// apps to the episode's enclosure URL) and the player's Identity (or bus-name suffix) as `playerName`.
import { positive } from './numbers';

export type AudioKind = 'podcast' | 'music' | 'unknown';

export interface AudioFacts {
  pageUrl?: string;
  /** The page's host, when the URL is not available. Ignored when `pageUrl` parses. */
  host?: string;
  /** `href`s of `<link rel=alternate type=application/rss+xml>` (or atom). */
  feedLinks?: string[];
  /** schema.org `@type`s found in JSON-LD, e.g. `PodcastEpisode`, `MusicRecording` (full IRIs accepted). */
  jsonLdTypes?: string[];
  /** `<meta property=og:type>`, e.g. `music.song`. */
  ogType?: string;
  title?: string;
  artist?: string;
  album?: string;
  durationSeconds?: number;
  /** Accepted for the record but not a signal: podcasts and songs both carry cover art. */
  mediaSessionArtworkCount?: number;
  /** Where the facts come from; noted in the reasons. */
  source?: 'web' | 'mpris';
  /** MPRIS Identity or bus-name suffix, e.g. `gPodder`, `Spotify`, `org.mpris.MediaPlayer2.rhythmbox`. */
  playerName?: string;
}

export interface AudioClassification {
  kind: AudioKind;
  /** Every signal seen, in tier order, then the decision: for logs, tests and a "why?" tooltip. */
  reasons: string[];
  /** The length is known and at least 15 minutes (`LONG_FORM_SECONDS`); `shouldCaptureAudio` uses it. */
  longForm: boolean;
}

export interface AudioCaptureOptions {
  /**
   * Unknown audio: `true` captures it all, `false` none; absent (default) captures only long-form audio, since
   * long spoken audio is most likely a talk, lecture or podcast and music is rarely 15 minutes long.
   */
  captureUnknownAudio?: boolean;
  /** Music is never captured unless this is `true`. */
  captureMusic?: boolean;
}

/** At or above this length, audio with no music signal is taken as spoken long-form (podcast, talk, lecture). */
export const LONG_FORM_SECONDS = 15 * 60;
/** Below this length, audio with both an artist and an album is taken as a song. */
export const SHORT_TRACK_SECONDS = 10 * 60;

export type HostSignal = 'podcast' | 'music' | 'ambiguous';

export interface HostRule {
  /** Matches this host and its subdomains (`www.` is ignored). */
  host: string;
  /** When present, the rule applies only to paths matching it. */
  path?: RegExp;
  kind: HostSignal;
}

// Spotify and Deezer localise paths (/intl-de/episode/…, /de/episode/…) and embed players (/embed/episode/…).
const LOCALE = String.raw`(?:\/(?:intl-)?[a-z]{2}(?:-[a-z]{2,4})?)?(?:\/embed)?`;
const pathOf = (...segments: string[]): RegExp =>
  new RegExp(`^${LOCALE}\\/(?:${segments.join('|')})(?:\\/|$)`, 'i');

/**
 * Known hosts, most specific first (the first matching rule wins). Path rules come before the same host's
 * catch-all, so a service that serves both (Spotify, Deezer, YouTube Music, Amazon Music, Pandora, iHeart) is split
 * by URL; a host with no catch-all adds no signal for other paths.
 */
export const HOST_RULES: readonly HostRule[] = [
  // Services with both music and podcasts, split by path.
  { host: 'open.spotify.com', path: pathOf('episode', 'show'), kind: 'podcast' },
  { host: 'open.spotify.com', path: pathOf('track', 'album', 'playlist', 'artist'), kind: 'music' },
  { host: 'deezer.com', path: pathOf('episode', 'show'), kind: 'podcast' },
  { host: 'deezer.com', kind: 'music' },
  { host: 'music.youtube.com', path: pathOf('podcast'), kind: 'podcast' },
  { host: 'music.youtube.com', kind: 'music' },
  { host: 'music.amazon.com', path: pathOf('podcasts'), kind: 'podcast' },
  { host: 'music.amazon.com', kind: 'music' },
  { host: 'pandora.com', path: pathOf('podcast'), kind: 'podcast' },
  { host: 'pandora.com', kind: 'music' },
  { host: 'iheart.com', path: pathOf('podcast'), kind: 'podcast' },
  { host: 'tunein.com', path: pathOf('podcasts'), kind: 'podcast' },
  // Podcast apps, directories and hosting.
  ...[
    'podcasts.apple.com',
    'podcasts.google.com',
    'podcasters.spotify.com',
    'creators.spotify.com',
    'anchor.fm',
    'overcast.fm',
    'pocketcasts.com',
    'pca.st',
    'castro.fm',
    'castbox.fm',
    'podcastaddict.com',
    'player.fm',
    'podchaser.com',
    'podbean.com',
    'buzzsprout.com',
    'transistor.fm',
    'simplecast.com',
    'libsyn.com',
    'megaphone.fm',
    'art19.com',
    'acast.com',
    'omny.fm',
    'omnycontent.com',
    'spreaker.com',
    'audioboom.com',
    'captivate.fm',
    'fireside.fm',
    'redcircle.com',
    'podomatic.com',
    'blubrry.com',
    'stitcher.com',
    'podtrac.com',
    'pdst.fm',
    'chrt.fm',
  ].map((host): HostRule => ({ host, kind: 'podcast' })),
  // Music services.
  ...[
    'music.apple.com',
    'bandcamp.com',
    'tidal.com',
    'qobuz.com',
    'napster.com',
    'audiomack.com',
    'beatport.com',
    'jiosaavn.com',
    'last.fm',
  ].map((host): HostRule => ({ host, kind: 'music' })),
  // Both, with no reliable split.
  ...['soundcloud.com', 'mixcloud.com', 'youtube.com', 'audible.com', 'archive.org'].map(
    (host): HostRule => ({ host, kind: 'ambiguous' }),
  ),
];

export interface PlayerRule {
  /** Player names, compared lowercased with everything but letters and digits removed. */
  names: readonly string[];
  kind: HostSignal;
}

/** MPRIS players by Identity or bus-name suffix. */
export const PLAYER_RULES: readonly PlayerRule[] = [
  {
    names: [
      'gpodder',
      'podcasts',
      'gnomepodcasts',
      'kasts',
      'vocal',
      'pocketcasts',
      'podcastaddict',
      'antennapod',
    ],
    kind: 'podcast',
  },
  {
    names: [
      'lollypop',
      'elisa',
      'amarok',
      'audacious',
      'deadbeef',
      'cmus',
      'mpd',
      'quodlibet',
      'strawberry',
      'clementine',
      'tauonmusicbox',
      'tauon',
      'gnomemusic',
      'music',
      'cantata',
      'spotifyd',
      'ncspot',
      'tidalhifi',
      'youtubemusic',
    ],
    kind: 'music',
  },
  // Rhythmbox and VLC play podcasts too; the Spotify app plays both (its xesam:url decides, via the host table);
  // browsers are whatever page plays.
  {
    names: ['rhythmbox', 'vlc', 'vlcmediaplayer', 'spotify', 'mpv', 'firefox', 'chromium', 'chrome', 'brave'],
    kind: 'ambiguous',
  },
];

const PODCAST_JSON_LD = new Set(['PodcastEpisode', 'PodcastSeries', 'PodcastSeason']);
const MUSIC_JSON_LD = new Set(['MusicRecording', 'MusicAlbum', 'MusicPlaylist', 'MusicComposition']);

const PODCAST_PATH = /\/(?:episodes?|podcasts?)(?:\/|$)|\/ep-?\d+(?:[/-]|$)/i;
const MUSIC_PATH = /\/(?:tracks?|songs?|albums?)(?:\/|$)/i;
const PODCAST_TITLE: readonly RegExp[] = [
  // "Episode 12", "Ep. 12", "Ep 12", "EP12", "Ep #12", and a few languages.
  /\b(?:episode|ep\.?|épisode|episodio|folge|aflevering|odcinek)\s*#?\s*\d+/i,
  // "S2E5", "S02E05".
  /\bS\d{1,2}\s?E\d{1,3}\b/i,
  // "#123: Title", "Show #45 - Guest", "#7 | …": a number followed by a separator, so that "We're #1" and
  // "#1 Crush" (song titles) do not match.
  /(?:^|\s)#\d+\s*[:|–—-]/,
];
const MUSIC_TITLE =
  /\((?:official\s+(?:music\s+)?(?:audio|video)|lyrics?\s+video|official\s+lyrics?\s+video)\)|\blyric\s+video\b/i;
const PODCAST_FEED_URL = /podcast|itunes/i;

interface TierResult {
  podcast: string[];
  music: string[];
  /** Facts noted but not signals (ambiguous hosts, ordinary feeds): reasons only. */
  notes: string[];
}

const emptyTier = (): TierResult => ({ podcast: [], music: [], notes: [] });

/**
 * Classifies audio as podcast, music or unknown, with the reasons (see the precedence at the top of this file).
 * Never throws: missing, empty or malformed facts simply add no signal.
 */
export function classifyAudio(facts: AudioFacts): AudioClassification {
  const url = parseUrl(facts.pageUrl);
  const host = normaliseHost(url?.hostname ?? facts.host);
  const length = positive(facts.durationSeconds);
  const longForm = length !== undefined && length >= LONG_FORM_SECONDS;

  const tiers: [string, TierResult][] = [
    ['structured data', structuredData(facts)],
    ['known host/player', knownHostOrPlayer(host, url?.pathname, facts.playerName)],
    ['og:type', openGraph(facts.ogType)],
    ['patterns', patterns(url?.pathname, facts.title)],
  ];

  const reasons: string[] = facts.source === undefined ? [] : [`source: ${facts.source}`];
  let podcastSeen = false;
  let musicSeen = false;
  for (const [name, tier] of tiers) {
    reasons.push(...tier.podcast, ...tier.music, ...tier.notes);
    podcastSeen ||= tier.podcast.length > 0;
    musicSeen ||= tier.music.length > 0;
    if (tier.podcast.length > 0 && tier.music.length === 0) {
      return decided('podcast', reasons, `${name} says podcast`, longForm);
    }
    if (tier.music.length > 0 && tier.podcast.length === 0) {
      return decided('music', reasons, `${name} says music`, longForm);
    }
    if (tier.podcast.length > 0 && tier.music.length > 0) reasons.push(`${name} conflicts: next tier`);
  }

  // Tier 5: length.
  if (longForm && !musicSeen) {
    return decided(
      'podcast',
      reasons,
      `long-form (${minutes(length)} min ≥ 15 min) with no music signal`,
      longForm,
    );
  }
  if (length !== undefined && length < SHORT_TRACK_SECONDS && hasText(facts.artist) && hasText(facts.album)) {
    if (!podcastSeen) {
      return decided(
        'music',
        reasons,
        `short (${minutes(length)} min < 10 min) with artist and album`,
        longForm,
      );
    }
  }
  return decided('unknown', reasons, 'no rule decided', longForm);
}

/**
 * Whether to capture audio so classified: podcasts yes; music only with `captureMusic: true` (never by default);
 * unknown per `captureUnknownAudio` — `true` all, `false` none, absent only long-form (≥ 15 min).
 */
export function shouldCaptureAudio(
  classification: AudioClassification,
  options: AudioCaptureOptions = {},
): boolean {
  switch (classification.kind) {
    case 'podcast':
      return true;
    case 'music':
      return options.captureMusic === true;
    default:
      return options.captureUnknownAudio ?? classification.longForm === true;
  }
}

function decided(kind: AudioKind, reasons: string[], why: string, longForm: boolean): AudioClassification {
  return { kind, reasons: [...reasons, `→ ${kind}: ${why}`], longForm };
}

function structuredData(facts: AudioFacts): TierResult {
  const out = emptyTier();
  for (const raw of strings(facts.jsonLdTypes)) {
    const type = schemaTypeName(raw);
    if (PODCAST_JSON_LD.has(type)) out.podcast.push(`JSON-LD ${type} → podcast`);
    else if (MUSIC_JSON_LD.has(type)) out.music.push(`JSON-LD ${type} → music`);
  }
  for (const feed of strings(facts.feedLinks)) {
    const feedUrl = parseUrl(feed);
    const feedHost = normaliseHost(feedUrl?.hostname);
    const onPodcastHost = feedHost !== undefined && hostRuleFor(feedHost, undefined)?.kind === 'podcast';
    if (onPodcastHost || PODCAST_FEED_URL.test(feed)) {
      out.podcast.push(`podcast feed ${feed} → podcast`);
    } else {
      out.notes.push(`feed ${feed} (not a podcast feed by its URL: no signal)`);
    }
  }
  return out;
}

function knownHostOrPlayer(
  host: string | undefined,
  path: string | undefined,
  playerName: string | undefined,
): TierResult {
  const out = emptyTier();
  if (host !== undefined) {
    const rule = hostRuleFor(host, path);
    if (rule !== undefined)
      addSignal(out, rule.kind, `host ${host}${rule.path ? ` path ${path ?? ''}` : ''}`);
  }
  const name = typeof playerName === 'string' ? playerKey(playerName) : '';
  if (name !== '') {
    const rule = PLAYER_RULES.find((candidate) => candidate.names.includes(name));
    if (rule !== undefined) addSignal(out, rule.kind, `player ${playerName ?? ''}`);
  }
  return out;
}

function openGraph(ogType: string | undefined): TierResult {
  const out = emptyTier();
  if (typeof ogType === 'string' && /^music\./i.test(ogType.trim()))
    out.music.push(`og:type ${ogType.trim()} → music`);
  return out;
}

function patterns(path: string | undefined, title: string | undefined): TierResult {
  const out = emptyTier();
  if (path !== undefined) {
    const podcastPath = PODCAST_PATH.exec(path);
    if (podcastPath) out.podcast.push(`URL path "${podcastPath[0]}" → podcast`);
    const musicPath = MUSIC_PATH.exec(path);
    if (musicPath) out.music.push(`URL path "${musicPath[0]}" → music`);
  }
  if (typeof title === 'string') {
    for (const pattern of PODCAST_TITLE) {
      const match = pattern.exec(title);
      if (match) {
        out.podcast.push(`title "${match[0].trim()}" → podcast`);
        break;
      }
    }
    const music = MUSIC_TITLE.exec(title);
    if (music) out.music.push(`title "${music[0]}" → music`);
  }
  return out;
}

function addSignal(out: TierResult, kind: HostSignal, what: string): void {
  if (kind === 'podcast') out.podcast.push(`${what} → podcast`);
  else if (kind === 'music') out.music.push(`${what} → music`);
  else out.notes.push(`${what} is ambiguous (no signal)`);
}

/** The first host rule matching `host` (or a parent domain) and, for path rules, `path`. */
function hostRuleFor(host: string, path: string | undefined): HostRule | undefined {
  return HOST_RULES.find(
    (rule) =>
      (host === rule.host || host.endsWith(`.${rule.host}`)) &&
      (rule.path === undefined || (path !== undefined && rule.path.test(path))),
  );
}

function parseUrl(value: string | undefined): URL | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return new URL(value.trim());
  } catch {
    return undefined;
  }
}

function normaliseHost(host: string | undefined): string | undefined {
  if (typeof host !== 'string') return undefined;
  const clean = host
    .trim()
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^www\./, '');
  return clean === '' ? undefined : clean;
}

/** `http://schema.org/PodcastEpisode`, `schema:PodcastEpisode`, `PodcastEpisode` → `PodcastEpisode`. */
function schemaTypeName(raw: string): string {
  return raw.trim().split(/[/#:]/).pop() ?? '';
}

/** `org.mpris.MediaPlayer2.gpodder` → `gpodder`, `Quod Libet` → `quodlibet`, `vlc.instance1234` → `vlc`. */
function playerKey(name: string): string {
  const lower = name
    .trim()
    .toLowerCase()
    .replace(/^org\.mpris\.mediaplayer2\./, '');
  const withoutInstance = lower.replace(/\.instance_?\d+$/, '');
  return withoutInstance.replace(/[^a-z0-9]/g, '');
}

function strings(values: unknown): string[] {
  return Array.isArray(values) ? values.filter((value): value is string => typeof value === 'string') : [];
}

const hasText = (value: string | undefined): boolean => typeof value === 'string' && value.trim() !== '';
const minutes = (seconds: number | undefined): string => ((seconds ?? 0) / 60).toFixed(1);
