// A finished desktop item → the draft the app queues, or the reason it is not captured. The same decisions as
// the extension's finaliseMedia (extension/background/finalise.ts): shared/capture's verdict with the policy
// thresholds (POLICY.md capture.mediaMinSeconds / mediaMinPercent), podcast-or-music for audio (music is never
// captured by default), and the policy's switches (enabled, pause, kinds, domain lists for web URLs).
import { classifyAudio, mediaVerdict, shouldCaptureAudio, type MediaKind } from '../../../shared/capture';
import { captureDecision } from '../../../shared/policy';
import { isHttpUrl, type MediaPlayedInput } from '../../../shared/xapi';
import { fileTitle, type TrackFacts } from './players';
import type { TrackSession } from './tracker';
import type { FinishedMedia, WatcherSettings } from './types';

export type FinishOutcome = { item: FinishedMedia } | { skipped: string };

/**
 * Whether the policy lets this item be captured now. Web URLs (a player streaming an http(s) URL) follow the
 * extension's rule, domain lists and sensitive sites included (shared/policy captureDecision). Local files have
 * no domain, so only `enabled`, the learner's pause and `kinds` apply to them.
 */
export function captureAllowed(
  facts: Pick<TrackFacts, 'url'>,
  kind: MediaKind,
  current: WatcherSettings,
  now: number,
): { capture: true } | { capture: false; reason: string } {
  const { settings, pausedUntil } = current;
  if (facts.url !== undefined && isHttpUrl(facts.url)) {
    const decision = captureDecision(facts.url, settings, { incognito: false, pausedUntil, now, kind });
    return decision.capture ? decision : { capture: false, reason: decision.reason };
  }
  if (!settings.capture.enabled) return { capture: false, reason: 'disabled' };
  if (pausedUntil !== undefined && now < pausedUntil) return { capture: false, reason: 'paused' };
  if (!settings.capture.kinds.includes(kind)) return { capture: false, reason: 'kind-off' };
  return { capture: true };
}

/** The draft for a finished item, or why it is not captured (for the log). */
export function finishSession(
  session: TrackSession,
  player: { name: string },
  current: WatcherSettings,
  now: number,
): FinishOutcome {
  const { facts, kind, state } = session;
  if (session.ignored) return { skipped: 'capture was off or paused when it started' };
  const allowed = captureAllowed(facts, kind, current, now);
  if (!allowed.capture) return { skipped: `capture not allowed now (${allowed.reason})` };
  if (state.media === null || state.firstPlayAt === null) return { skipped: 'never played' };

  const capture = current.settings.capture;
  const verdict = mediaVerdict(state, {
    mediaMinSeconds: capture.mediaMinSeconds,
    mediaMinPercent: capture.mediaMinPercent,
  });
  if (!verdict.counts) {
    return {
      skipped: `below the thresholds (${verdict.playedSeconds} s played, ${Math.round((verdict.progress ?? 0) * 100)} %)`,
    };
  }

  if (kind === 'audio') {
    const classification = classifyAudio({
      // A file: URL is passed too: its path can say "podcast" (e.g. ~/Podcasts/...); it never leaves the machine.
      pageUrl: facts.url,
      title: facts.title,
      artist: facts.artist,
      album: facts.album,
      durationSeconds: verdict.lengthSeconds ?? undefined,
      source: 'mpris',
      playerName: player.name,
    });
    if (!shouldCaptureAudio(classification)) {
      return { skipped: `audio classified as ${classification.kind}: ${classification.reasons.join('; ')}` };
    }
  }

  const web = facts.url !== undefined && isHttpUrl(facts.url);
  const title = facts.title ?? fileTitle(facts.url) ?? facts.url ?? 'Untitled';
  const input: MediaPlayedInput = {
    media: kind,
    // Local files: no URL at all, so the path is never stored or sent (the builder mints the id from the tags).
    url: web ? (facts.url ?? '') : '',
    keepQueryStrings: capture.keepQueryStrings,
    title,
    lengthSeconds: verdict.lengthSeconds ?? undefined,
    playedSeconds: verdict.playedSeconds,
    segments: verdict.segments.map((segment): [number, number] => [segment[0], segment[1]]),
    completed: verdict.counts,
    show: kind === 'audio' && facts.album !== undefined ? { title: facts.album } : undefined,
    artist: facts.artist,
  };
  return {
    item: {
      kind,
      title,
      draft: { builder: 'media', input },
      startedAt: state.firstPlayAt,
      platform: player.name,
      details: {
        playedSeconds: Math.round(verdict.playedSeconds),
        progress: verdict.progress ?? 0,
        player: player.name,
      },
    },
  };
}
