// Pure rules about MPRIS players and their tracks: reading `Metadata` safely, which players are browsers (skipped),
// what identifies a track, and whether it is video or audio. Values come from other processes over D-Bus, so
// every field is checked; a malformed one is simply absent.
import type { MediaKind } from '../../../shared/capture';
import { isRecord } from '../../../shared/guards';

export const MPRIS_PREFIX = 'org.mpris.MediaPlayer2.';

/** Fields of one track, from MPRIS `Metadata` (freedesktop MPRIS v2 metadata spec). */
export interface TrackFacts {
  /** What makes it this track, for telling a new track from refreshed metadata (see `trackKey`). */
  key: string;
  trackId?: string;
  /** `xesam:url`: a stream/page URL, or `file://` for local files. */
  url?: string;
  title?: string;
  /** `xesam:artist` joined with ", ". */
  artist?: string;
  album?: string;
  /** `mpris:length` (µs) in seconds. */
  lengthSeconds?: number;
}

/** Unwraps a dbus-next `Variant` (anything with a `value`), or returns the value itself. */
export function unwrap(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'value' in value && 'signature' in value) {
    return (value as { value: unknown }).value;
  }
  return value;
}

/** Microseconds (BigInt or number, as dbus-next decodes `x`/`t`) to seconds; undefined when not a sane number. */
export function microsToSeconds(value: unknown): number | undefined {
  const raw = unwrap(value);
  const micros = typeof raw === 'bigint' ? Number(raw) : raw;
  return typeof micros === 'number' && Number.isFinite(micros) && micros >= 0
    ? micros / 1_000_000
    : undefined;
}

const text = (value: unknown): string | undefined => {
  const raw = unwrap(value);
  if (typeof raw !== 'string') return undefined;
  const clean = raw.replace(/\s+/g, ' ').trim();
  return clean === '' ? undefined : clean;
};

const textList = (value: unknown): string | undefined => {
  const raw = unwrap(value);
  if (Array.isArray(raw)) {
    const parts = raw.map(text).filter((part): part is string => part !== undefined);
    return parts.length > 0 ? parts.join(', ') : undefined;
  }
  return text(raw);
};

/** The "no track" object path some players send instead of a real track id. */
const NO_TRACK = '/org/mpris/MediaPlayer2/TrackList/NoTrack';

/** Reads a `Metadata` dictionary (`a{sv}`); junk gives an empty track rather than an error. */
export function parseMetadata(metadata: unknown): TrackFacts {
  const dict = unwrap(metadata);
  const get = (key: string): unknown => (isRecord(dict) ? dict[key] : undefined);
  const length = microsToSeconds(get('mpris:length'));
  const facts: Omit<TrackFacts, 'key'> = {
    trackId: text(get('mpris:trackid')),
    url: text(get('xesam:url')),
    title: text(get('xesam:title')),
    artist: textList(get('xesam:artist')),
    album: text(get('xesam:album')),
    lengthSeconds: length !== undefined && length > 0 ? length : undefined,
  };
  return { key: trackKey(facts), ...facts };
}

/**
 * What identifies a track: its URL (with the track id), else its track id, else its tags. Titles are not part of
 * the key when a URL or id exists, because players refine them (mpv first sends the file name, then the tag).
 */
export function trackKey(facts: Omit<TrackFacts, 'key'>): string {
  const id = facts.trackId !== undefined && facts.trackId !== NO_TRACK ? facts.trackId : undefined;
  if (facts.url !== undefined) return `url:${facts.url}#${id ?? ''}`;
  if (id !== undefined) return `id:${id}`;
  return `tags:${JSON.stringify([facts.title ?? '', facts.artist ?? '', facts.album ?? ''])}`;
}

/** `org.mpris.MediaPlayer2.vlc.instance1234` → `vlc`; `org.mpris.MediaPlayer2.firefox.instance_1_23` → `firefox`. */
export function busSuffix(busName: string): string {
  const rest = busName.startsWith(MPRIS_PREFIX) ? busName.slice(MPRIS_PREFIX.length) : busName;
  return rest.replace(/\.instance[_\d]*$/i, '');
}

const squash = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Browsers publish their tabs' media over MPRIS; the extension captures those pages already, with the page URL,
 * so the desktop app skips them (shared/capture/podcast.ts also treats browser players as ambiguous). Compared
 * with everything but letters and digits removed, against the bus-name suffix, DesktopEntry and Identity.
 */
const BROWSERS = [
  'chromium',
  'chromiumbrowser',
  'chrome',
  'googlechrome',
  'googlechromestable',
  'googlechromebeta',
  'googlechromeunstable',
  'firefox',
  'firefoxesr',
  'firefoxdeveloperedition',
  'firefoxnightly',
  'mozillafirefox',
  'firefoxwebbrowser',
  'librewolf',
  'waterfox',
  'floorp',
  'edge',
  'msedge',
  'microsoftedge',
  'microsoftedgestable',
  'microsoftedgebeta',
  'microsoftedgedev',
  'brave',
  'bravebrowser',
  'vivaldi',
  'vivaldistable',
  'opera',
  'operastable',
  'epiphany',
  'orggnomeepiphany',
  'gnomeweb',
  'web',
  'falkon',
  'qutebrowser',
  'yandexbrowser',
  // KDE's bridge that republishes browser tabs' media.
  'plasmabrowserintegration',
];
const BROWSER_SET = new Set(BROWSERS);

export interface PlayerNames {
  busName: string;
  identity?: string;
  desktopEntry?: string;
}

/** Whether this MPRIS player is a web browser (see BROWSERS). */
export function isBrowserPlayer(names: PlayerNames): boolean {
  const candidates = [busSuffix(names.busName), names.desktopEntry, names.identity];
  return candidates.some((name) => typeof name === 'string' && BROWSER_SET.has(squash(name)));
}

/** The player's display name: Identity, else the bus-name suffix. */
export function playerName(names: PlayerNames): string {
  const identity = typeof names.identity === 'string' ? names.identity.trim() : '';
  return identity !== '' ? identity : busSuffix(names.busName);
}

const VIDEO_EXTENSIONS = new Set([
  'mp4',
  'm4v',
  'mkv',
  'webm',
  'mov',
  'avi',
  'wmv',
  'flv',
  'ogv',
  'mpg',
  'mpeg',
  'm2ts',
  'mts',
  'ts',
  '3gp',
  'vob',
]);
const AUDIO_EXTENSIONS = new Set([
  'mp3',
  'm4a',
  'm4b',
  'aac',
  'ogg',
  'oga',
  'opus',
  'flac',
  'wav',
  'wma',
  'aiff',
  'aif',
  'mka',
  'alac',
  'ape',
  'spx',
]);
const VIDEO_HOSTS = ['youtube.com', 'youtu.be', 'vimeo.com', 'twitch.tv', 'dailymotion.com', 'peertube.tv'];
/** Players that only play video (GNOME Videos is `totem`). */
const VIDEO_PLAYERS = new Set([
  'totem',
  'videos',
  'celluloid',
  'haruna',
  'smplayer',
  'mpcqt',
  'kodi',
  'dragonplayer',
]);

/**
 * Video or audio. MPRIS has no field for it, so, in order: the URL's file extension (`.mp4`, `.mkv`, `.webm` ...
 * → video; `.mp3`, `.m4a`, `.opus` ... → audio); a video site URL (YouTube, Vimeo, Twitch ...) → video; a
 * video-only player (GNOME Videos, Celluloid, Haruna, SMPlayer, Kodi ...) → video; otherwise audio, since most
 * MPRIS players (music and podcast apps, Spotify) are audio players.
 */
export function mediaKindFor(facts: Pick<TrackFacts, 'url'>, player: PlayerNames): MediaKind {
  const url = parseUrl(facts.url);
  if (url !== undefined) {
    const extension = /\.([a-z0-9]{2,5})$/i.exec(decodeSafe(url.pathname))?.[1]?.toLowerCase();
    if (extension !== undefined && VIDEO_EXTENSIONS.has(extension)) return 'video';
    if (extension !== undefined && AUDIO_EXTENSIONS.has(extension)) return 'audio';
    const host = url.hostname.toLowerCase().replace(/^www\./, '');
    if (VIDEO_HOSTS.some((video) => host === video || host.endsWith(`.${video}`))) return 'video';
  }
  const names = [busSuffix(player.busName), player.desktopEntry, player.identity];
  if (names.some((name) => typeof name === 'string' && VIDEO_PLAYERS.has(squash(name)))) return 'video';
  return 'audio';
}

function parseUrl(value: string | undefined): URL | undefined {
  if (value === undefined) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function decodeSafe(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The file name of a `file:` URL without its extension (a title of last resort), or undefined. */
export function fileTitle(value: string | undefined): string | undefined {
  const url = parseUrl(value);
  if (url?.protocol !== 'file:') return undefined;
  const name = decodeSafe(url.pathname).split('/').pop() ?? '';
  const stem = name.replace(/\.[a-z0-9]{2,5}$/i, '').trim();
  return stem === '' ? undefined : stem;
}
