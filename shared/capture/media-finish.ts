/**
 * A finished media session → the `buildMediaPlayed` input, or why it is not captured. One rule for the extension
 * (extension/background/finalise.ts) and the desktop media watcher (desktop/main/media/finish.ts): the media
 * verdict with the policy thresholds (docs/policy.md capture.mediaMinSeconds / mediaMinPercent), then, for audio, the
 * podcast-or-music classification (music is never captured by default). What the apps know of the item (page or
 * MPRIS track) comes in as `described`.
 */
import {
  mediaVerdict,
  type MediaKind,
  type MediaState,
  type MediaThresholds,
  type MediaVerdict,
} from './media';
import { classifyAudio, shouldCaptureAudio, type AudioFacts } from './podcast';
import type { MediaPlayedInput } from '../xapi';

export interface DescribedMedia {
  kind: MediaKind;
  /** The statement's URL ('' for a local file: the builder mints the id from the tags). */
  url: string;
  canonicalHref?: string;
  title: string;
  artist?: string;
  /** Audio only: becomes the show (`MediaPlayedInput.show`) when given. */
  album?: string;
  /** What the classifier sees for audio; the played length is added here. */
  audio: Omit<AudioFacts, 'durationSeconds'>;
}

export type MediaInputOutcome = { input: MediaPlayedInput; verdict: MediaVerdict } | { skipped: string };

export function mediaPlayedInput(
  state: MediaState,
  described: DescribedMedia,
  capture: MediaThresholds & { keepQueryStrings: boolean },
): MediaInputOutcome {
  const verdict = mediaVerdict(state, {
    mediaMinSeconds: capture.mediaMinSeconds,
    mediaMinPercent: capture.mediaMinPercent,
  });
  if (!verdict.counts) {
    return {
      skipped: `below the thresholds (${verdict.playedSeconds} s played, ${Math.round((verdict.progress ?? 0) * 100)} %)`,
    };
  }
  const { kind } = described;
  if (kind === 'audio') {
    const classification = classifyAudio({
      ...described.audio,
      durationSeconds: verdict.lengthSeconds ?? undefined,
    });
    if (!shouldCaptureAudio(classification)) {
      return { skipped: `audio classified as ${classification.kind}: ${classification.reasons.join('; ')}` };
    }
  }
  const input: MediaPlayedInput = {
    media: kind,
    url: described.url,
    canonicalHref: described.canonicalHref,
    keepQueryStrings: capture.keepQueryStrings,
    title: described.title,
    lengthSeconds: verdict.lengthSeconds ?? undefined,
    playedSeconds: verdict.playedSeconds,
    segments: verdict.segments.map((segment): [number, number] => [segment[0], segment[1]]),
    completed: verdict.counts,
    show: kind === 'audio' && described.album !== undefined ? { title: described.album } : undefined,
    artist: described.artist,
  };
  return { input, verdict };
}
