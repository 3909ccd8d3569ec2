// A finished desktop item → the draft the app queues, or the reason it is not captured. The verdict and the
// podcast-or-music rule are shared with the extension's finaliseMedia (shared/capture mediaPlayedInput); this file
// adds the policy's switches (enabled, pause, kinds, domain lists for web URLs) and what MPRIS says of the track.
import { mediaPlayedInput, type MediaKind } from '../../../shared/capture';
import { captureDecision } from '../../../shared/policy';
import { isHttpUrl } from '../../../shared/xapi';
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

  const web = facts.url !== undefined && isHttpUrl(facts.url);
  const title = facts.title ?? fileTitle(facts.url) ?? facts.url ?? 'Untitled';
  const outcome = mediaPlayedInput(
    state,
    {
      kind,
      // Local files: no URL at all, so the path is never stored or sent (the builder mints the id from the tags).
      url: web ? (facts.url ?? '') : '',
      title,
      artist: facts.artist,
      album: facts.album,
      audio: {
        // A file: URL is passed too: its path can say "podcast" (e.g. ~/Podcasts/...); it never leaves the machine.
        pageUrl: facts.url,
        title: facts.title,
        artist: facts.artist,
        album: facts.album,
        source: 'mpris',
        playerName: player.name,
      },
    },
    current.settings.capture,
  );
  if ('skipped' in outcome) return outcome;
  const { input, verdict } = outcome;
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
