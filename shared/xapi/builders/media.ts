// "video watched" / "podcast or audio played" summary statements (docs/xapi-profile.md § What is captured, video and
// audio rows). Result and context extensions follow the xAPI Video Profile, which the Audio Profile reuses. The
// Video Profile IRI is deliberately not put in `category`: we send one summary, not its initialized…terminated
// pattern.
import type { Extensions, XapiActivity, XapiStatement } from '../types';
import { toIsoDuration } from '../duration';
import { isAbsoluteIri, iriSegment, joinIri } from '../iri';
import { langMap } from '../language';
import { canonicalUrl, cleanUrl, hostOf } from '../url';
import { ACTIVITY_ID_BASE, ACTIVITY_TYPES, EXTENSIONS, verb } from '../vocab';
// The played-segments format and the union of ranges are defined once, with the sessions that produce them.
import { formatPlayedSegments, segmentsSeconds, type PlayedSegment } from '../../capture/segments';
import {
  activity,
  assembleStatement,
  optionalText,
  positive,
  round3,
  singleLine,
  type StatementContext,
} from './context';

/** A played range `[start, end]` in seconds of media time (shared/capture computes them). */
export type { PlayedSegment };

export interface MediaShow {
  /** The show/podcast/series title (MediaSession album, RSS/feed title, MPRIS `xesam:album`). */
  title: string;
  /** An IRI for the show (feed URL, show page). Non-IRI values are ignored in favour of the derived id. */
  id?: string;
}

export interface MediaPlayedInput {
  media: 'video' | 'audio';
  /**
   * The page or stream URL (http/https). Media without one (a local file played by a desktop player) passes
   * `''` (a `file:` URL is taken the same way): the id is then minted by `localMediaActivityId`, and no
   * `moreInfo` is sent (a file path is private). Any other scheme throws, as for web pages.
   */
  url: string;
  canonicalHref?: string;
  keepQueryStrings: boolean;
  title: string;
  lengthSeconds?: number;
  /** Time actually played (not wall-clock time on the page). */
  playedSeconds: number;
  /** Played ranges in the order they were played. */
  segments: PlayedSegment[];
  /** Whether the policy's media threshold was met or the item was played to its end. */
  completed: boolean;
  show?: MediaShow;
  artist?: string;
}

/** Drops NaN and reversed ranges, clamps to [0, length]. */
function cleanSegments(segments: readonly PlayedSegment[], length: number | undefined): PlayedSegment[] {
  const out: PlayedSegment[] = [];
  for (const [rawStart, rawEnd] of segments) {
    if (!Number.isFinite(rawStart) || !Number.isFinite(rawEnd)) continue;
    const limit = length ?? Number.POSITIVE_INFINITY;
    const start = Math.min(Math.max(0, rawStart), limit);
    const end = Math.min(Math.max(0, rawEnd), limit);
    if (end < start) continue;
    out.push([start, end]);
  }
  return out;
}

/** `"0.000[.]12.000[,]14.000[.]21.000"` (Video Profile, played-segments). */

/**
 * The show as `contextActivities.parent`. Its id is `show.id` when that is an absolute IRI; otherwise
 * `${ACTIVITY_ID_BASE}/show/<host without www.>/<slug of title>`. The host is part of the rule so that two
 * different shows with a common title ("The Daily") on different sites do not merge. Media without an http(s)
 * URL (local files) get `${ACTIVITY_ID_BASE}/show/<slug of title>`: one segment fewer, so it can never equal a
 * host-based id (and slugs have no dots, so a title never reads as a host).
 */
export function showActivity(show: MediaShow, mediaUrl: string, language?: string): XapiActivity | undefined {
  const title = singleLine(show.title);
  if (title === undefined) return undefined;
  const given = optionalText(show.id);
  const base = isLocalMediaUrl(mediaUrl)
    ? `${ACTIVITY_ID_BASE}/show`
    : `${ACTIVITY_ID_BASE}/show/${encodeURIComponent(hostOf(mediaUrl).replace(/^www\./, ''))}`;
  const id = given !== undefined && isAbsoluteIri(given) ? given : joinIri(base, iriSegment(title));
  return activity(id, { type: ACTIVITY_TYPES.collection, name: langMap(title, language) });
}

/**
 * The id of media that has no http(s) URL (a local file played by a desktop player):
 * `${ACTIVITY_ID_BASE}/media/<slug of show>/<slug of title>`, the show being the album (MPRIS `xesam:album`,
 * the podcast's name in podcast files) or else the artist; `${ACTIVITY_ID_BASE}/media/<slug of title>` when
 * neither is known. Built from the tags, never from the file path (private, and different on every machine), so
 * the same episode gets the same id for every learner, as book titles do (builders/book.ts). Length is left
 * out: two encodings of one episode differ by milliseconds. The price, as for books: two items with the same
 * show and title share an id.
 */
export function localMediaActivityId(input: { title: string; album?: string; artist?: string }): string {
  const show = singleLine(input.album) ?? singleLine(input.artist);
  const title = iriSegment(singleLine(input.title) ?? '');
  const base = `${ACTIVITY_ID_BASE}/media`;
  return show === undefined ? joinIri(base, title) : joinIri(joinIri(base, iriSegment(show)), title);
}

/** No URL, or a `file:` URL: media played from the learner's disk. */
export function isLocalMediaUrl(url: string): boolean {
  const text = url.trim();
  return text === '' || /^file:/i.test(text);
}

export function buildMediaPlayed(input: MediaPlayedInput, ctx: StatementContext): XapiStatement {
  const cleaning = { keepQueryStrings: input.keepQueryStrings };
  const web = !isLocalMediaUrl(input.url);
  const id = web
    ? canonicalUrl(input.url, { ...cleaning, canonicalHref: input.canonicalHref })
    : localMediaActivityId({ title: input.title, album: input.show?.title, artist: input.artist });
  const length = positive(input.lengthSeconds);
  const segments = cleanSegments(input.segments, length);
  const artist = singleLine(input.artist);

  const resultExtensions: Extensions = {};
  if (length !== undefined) {
    resultExtensions[EXTENSIONS.progress] = round3(Math.min(1, segmentsSeconds(segments) / length));
  }
  if (segments.length > 0) resultExtensions[EXTENSIONS.playedSegments] = formatPlayedSegments(segments);

  const show = input.show === undefined ? undefined : showActivity(input.show, input.url, ctx.language);

  return assembleStatement(ctx, {
    verb: verb(input.media === 'video' ? 'watch' : 'listen'),
    object: activity(id, {
      type: input.media === 'video' ? ACTIVITY_TYPES.video : ACTIVITY_TYPES.audio,
      name: langMap(singleLine(input.title) ?? id, ctx.language),
      moreInfo: web ? cleanUrl(input.url, cleaning) : undefined,
      extensions: artist === undefined ? undefined : { [EXTENSIONS.artist]: artist },
    }),
    result: {
      completion: input.completed === true,
      duration: toIsoDuration(input.playedSeconds),
      extensions: resultExtensions,
    },
    parent: show === undefined ? undefined : [show],
    contextExtensions: length === undefined ? undefined : { [EXTENSIONS.length]: round3(length) },
  });
}
