/**
 * The popup's state (`popup/state`) and My learning's context (`record/context`): what is being captured on the
 * tab and why not, items waiting for the learner, refused items, destinations' delivery rows, the pause and a full
 * disk. Nothing in it carries credentials.
 */
import { engagedSeconds, mediaProgress, playedSeconds } from '../../shared/capture';
import { pdfEngagedSeconds, pdfTitle } from '../../shared/capture/pdf';
import { destinationRows, type DestinationProgress } from '../../shared/learner/destinations';
import { pauseInForce } from '../../shared/learner/pause';
import { OUTBOX_OPENING_MESSAGE, STORAGE_FULL_MESSAGE } from '../../shared/outbox';
import { captureDecision, syncDestinations, type ResolvedSettings } from '../../shared/policy';
import { itemView } from '../../shared/record';
import type { DestinationView, PopupState, RecordContext } from '../platform/messages';
import { storedPause } from '../platform/pause';
import { frameworksStamp } from './frameworks';
import type { LearnerDeps } from './learner';
import { refusedView } from './record';
import { openSessionsOf } from './sessions';
import { loadSettings } from './settings';

export async function popupState(
  tabId: number | undefined,
  deps: Pick<LearnerDeps, 'outbox' | 'now' | 'tab'>,
): Promise<PopupState> {
  // An older version's database still being upgraded: say so now rather than keep the popup loading.
  if (await deps.outbox.stillOpening()) return openingState();
  const now = deps.now();
  const resolved = await loadSettings();
  const { settings } = resolved;
  const pausedUntil = await storedPause();
  const state: PopupState = {
    capturing: [],
    waiting: [],
    ...(await recordContext(deps.outbox, settings)),
    pausedUntil: pauseInForce(pausedUntil, now),
    storageFull: deps.outbox.storageFullSince !== undefined ? STORAGE_FULL_MESSAGE : undefined,
  };
  if (tabId !== undefined) {
    const tab = await deps.tab(tabId);
    if (tab?.url) {
      const d = captureDecision(tab.url, settings, {
        incognito: tab.incognito,
        pausedUntil,
        now,
        kind: 'article',
      });
      if (!d.capture) state.blockedReason = d.reason;
    }
    for (const s of await openSessionsOf(tabId)) {
      if (s.kind === 'pdf') {
        state.capturing.push({
          kind: 'article',
          title: pdfTitle(s.state),
          seconds: Math.round(pdfEngagedSeconds(s.state, now)),
          neededSeconds: settings.capture.articleMinSeconds,
        });
      } else if (s.kind === 'reading') {
        state.capturing.push({
          kind: 'article',
          title: s.state.meta?.title ?? s.state.meta?.url ?? '',
          seconds: Math.round(engagedSeconds(s.state, now)),
          neededSeconds: settings.capture.articleMinSeconds,
        });
      } else if (s.state.media) {
        state.capturing.push({
          kind: s.state.media.kind,
          title: s.page.mediaSession?.title ?? s.state.media.title ?? s.page.title,
          seconds: Math.round(playedSeconds(s.state)),
          neededSeconds: settings.capture.mediaMinSeconds,
          progress: mediaProgress(s.state) ?? undefined,
        });
      }
    }
  }
  state.refused = await refusedView(deps.outbox, syncDestinations(resolved));
  const recent = await deps.outbox.list({ reverse: true, limit: 200 });
  state.waiting = recent.filter((i) => i.state === 'held' || i.state === 'review').map(itemView);
  return state;
}

/** The popup while the outbox is still opening (shared/outbox/opening.ts): the message alone. */
function openingState(): PopupState {
  return {
    capturing: [],
    waiting: [],
    frameworksStamp: '',
    allowCustomSkills: false,
    customSkillBaseIri: '',
    destinations: [],
    opening: OUTBOX_OPENING_MESSAGE,
  };
}

/**
 * What the popup and My learning (`record/context`) show beside the items: the destinations' rows, the skill
 * settings and the frameworks' stamp (the frameworks themselves: `skills/frameworks`).
 */
export async function recordContext(
  outbox: LearnerDeps['outbox'],
  settings?: ResolvedSettings['settings'],
): Promise<RecordContext> {
  const s = settings ?? (await loadSettings()).settings;
  return {
    frameworksStamp: await frameworksStamp(s),
    allowCustomSkills: s.skills.allowCustom,
    customSkillBaseIri: s.skills.customBaseIri,
    destinations: await destinationViews(outbox, s),
  };
}

/**
 * The settings' destinations with their delivery rows (shared/learner/destinations.ts): the popup's, and alone
 * the options page's (`destinations/status`). Per destination: its state and an index count of what waits.
 */
export async function destinationViews(
  outbox: LearnerDeps['outbox'],
  settings: Pick<ResolvedSettings['settings'], 'destinations'>,
): Promise<DestinationView[]> {
  const known = new Map((await outbox.destinations()).map((d) => [d.id, d]));
  const progress = new Map<string, DestinationProgress>();
  for (const d of settings.destinations) {
    progress.set(d.id, { state: known.get(d.id), pending: (await outbox.deliveryCounts(d.id)).pending });
  }
  return destinationRows(settings.destinations, (id) => progress.get(id));
}
