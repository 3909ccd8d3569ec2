/**
 * The learner's side of the background: answers the popup (and later the options and My learning pages).
 * Every request is validated here; nothing returned carries credentials.
 */
import { engagedSeconds, mediaProgress, playedSeconds } from '../../shared/capture';
import { pdfEngagedSeconds, pdfTitle } from '../../shared/capture/pdf';
import { STORAGE_FULL_MESSAGE, type Outbox } from '../../shared/outbox';
import { destinationRows, type DestinationProgress } from '../../shared/learner/destinations';
import { pauseInForce } from '../../shared/learner/pause';
import { captureDecision, syncDestinations } from '../../shared/policy';
import { followUpOf, itemView } from '../../shared/record';
import type { PageMessage, PageToBackground, PopupState } from '../platform/messages';
import { storedPause } from '../platform/pause';
import { rebuildWithTags } from './drafts';
import {
  addFollowUp,
  handleRecordMessage,
  parseRecordMessage,
  parseSkills,
  refusedView,
  type RecordMessage,
} from './record';
import {
  handleOptionsMessage,
  isOptionsMessageType,
  parseOptionsMessage,
  type OptionsMessage,
} from './options';
import { frameworksStamp, handleFrameworkMessage, isFrameworkMessageType } from './frameworks';
import { openSessionsOf } from './sessions';
import { loadSettings } from './settings';
import { isRec } from './validate';

export interface LearnerDeps {
  outbox: Outbox;
  now: () => number;
  /** `force`: try destinations waiting out a backoff now (the learner asked). */
  sync: (force?: boolean) => Promise<void>;
  /** The URL and private-window flag of a tab, if it exists. */
  tab: (tabId: number) => Promise<{ url?: string; title?: string; incognito: boolean } | undefined>;
  /** The extension's version (statements' source activity). */
  version?: string;
}

const id = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64;

/** Parse a message from an extension page, or undefined when it does not fit the contract. */
export function parsePageMessage(v: unknown): PageMessage | undefined {
  if (!isRec(v)) return undefined;
  if (isOptionsMessageType(v.type)) return parseOptionsMessage(v);
  if (isFrameworkMessageType(v.type)) return { type: v.type }; // FRAMEWORKS, skills/frameworks: no payload
  switch (v.type) {
    case 'popup/state':
      return v.tabId === undefined || (typeof v.tabId === 'number' && Number.isInteger(v.tabId))
        ? { type: 'popup/state', tabId: v.tabId }
        : undefined;
    case 'item/update': {
      const skills = parseSkills(v.skills);
      if (!id(v.id) || !skills || typeof v.reflection !== 'string' || v.reflection.length > 2000)
        return undefined;
      return { type: 'item/update', id: v.id, skills, reflection: v.reflection };
    }
    case 'item/discard':
    case 'item/approve':
      return id(v.id) ? { type: v.type, id: v.id } : undefined;
    case 'sync/now':
      return { type: 'sync/now' };
    default:
      return parseRecordMessage(v); // RECORD: My learning, follow-ups, pause, capture this page
  }
}

const failure = (err: unknown) => ({ ok: false, error: err instanceof Error ? err.message : String(err) });

export async function handlePageMessage(
  msg: PageMessage,
  deps: LearnerDeps,
): Promise<PageToBackground[PageMessage['type']]['response']> {
  if (isOptionsMessageType(msg.type)) return handleOptionsMessage(msg as OptionsMessage, deps);
  if (isFrameworkMessageType(msg.type)) return handleFrameworkMessage(msg.type);
  switch (msg.type) {
    case 'popup/state':
      return popupState(msg.tabId, deps);
    case 'item/update':
      try {
        const item = await deps.outbox.get(msg.id);
        if (!item) return { ok: false, error: 'This item is no longer in the outbox.' };
        if (item.state === 'ready') return addFollowUp(item.id, followUpOf(item, msg), deps); // sent: comment
        const { json, meta } = rebuildWithTags(item, msg);
        await deps.outbox.revise(msg.id, json, meta);
        return { ok: true };
      } catch (err) {
        return failure(err);
      }
    case 'item/discard':
      try {
        await deps.outbox.discard(msg.id);
        return { ok: true };
      } catch (err) {
        return failure(err);
      }
    case 'item/approve':
      try {
        const resolved = await loadSettings();
        await deps.outbox.approve(
          msg.id,
          deps.now(),
          syncDestinations(resolved).map((d) => d.id),
        );
        void deps.sync();
        return { ok: true };
      } catch (err) {
        return failure(err);
      }
    case 'sync/now':
      await deps.sync(true);
      return { ok: true };
    default:
      return handleRecordMessage(msg as RecordMessage, deps);
  }
}

async function popupState(tabId: number | undefined, deps: LearnerDeps): Promise<PopupState> {
  const now = deps.now();
  const resolved = await loadSettings();
  const { settings } = resolved;
  const pausedUntil = await storedPause();
  const state: PopupState = {
    capturing: [],
    waiting: [],
    frameworksStamp: frameworksStamp(settings), // the frameworks themselves: `skills/frameworks`
    allowCustomSkills: settings.skills.allowCustom,
    customSkillBaseIri: settings.skills.customBaseIri,
    destinations: [],
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
  const known = new Map((await deps.outbox.destinations()).map((d) => [d.id, d]));
  const progress = new Map<string, DestinationProgress>();
  for (const d of settings.destinations) {
    progress.set(d.id, { state: known.get(d.id), pending: (await deps.outbox.deliveryCounts(d.id)).pending });
  }
  state.destinations = destinationRows(settings.destinations, (id) => progress.get(id));
  return state;
}
