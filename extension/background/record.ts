/**
 * The learner's record (issue 4): My learning's list and exports, reflections and skills added after an item
 * was frozen (a `commented` statement), deletion (discarded when unsent, `voided` when frozen), pausing capture
 * and "capture this page". Every payload is parsed with bounds here; answers never carry credentials.
 */
import type { Outbox } from '../../shared/outbox';
import { captureDecision, syncDestinations, type CaptureKind } from '../../shared/policy';
import {
  addFollowUp as sharedAddFollowUp,
  deleteItem as sharedDeleteItem,
  exportRecord,
  recordItems,
  recordPage,
  type RecordEnv,
} from '../../shared/record';
import {
  ACTIVITY_TYPES,
  buildExperienced,
  freezeStatement,
  hostOf,
  isAbsoluteIri,
  type ExperiencedInput,
  type StatementContext,
} from '../../shared/xapi';
import type { ManualKind, PageToBackground, RecordState, RefusedView } from '../platform/messages';
import { setPause } from '../platform/pause';
import { currentActor, loadSettings } from './settings';
import { isRec } from './validate';

/** What the record handlers need (a subset of the learner deps). */
export interface RecordDeps {
  outbox: Outbox;
  now: () => number;
  sync: (force?: boolean) => Promise<void>;
  tab: (tabId: number) => Promise<{ url?: string; title?: string; incognito: boolean } | undefined>;
  /** The extension's version, for the statements' source activity. */
  version?: string;
}

type RecordType =
  | 'record/list'
  | 'record/export'
  | 'item/comment'
  | 'item/delete'
  | 'item/resend'
  | 'refused/resend'
  | 'capture/pause'
  | 'capture/resume'
  | 'capture/page';

export type RecordMessage = {
  [K in RecordType]: { type: K } & PageToBackground[K]['payload'];
}[RecordType];

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64;
const MAX_SKILLS = 20;
const MAX_REFLECTION = 2000;
const MANUAL_KINDS: readonly ManualKind[] = ['article', 'video', 'podcast', 'other'];

/** Skills sent by a page (`item/update`, `item/comment`): at most MAX_SKILLS, IRIs and names bounded, names trimmed. */
export function parseSkills(v: unknown): Array<{ id: string; name: string }> | undefined {
  if (!Array.isArray(v) || v.length > MAX_SKILLS) return undefined;
  const out: Array<{ id: string; name: string }> = [];
  for (const s of v) {
    if (!isRec(s) || !isAbsoluteIri(s.id) || s.id.length > 2048) return undefined;
    if (typeof s.name !== 'string' || !s.name.trim() || s.name.length > 200) return undefined;
    out.push({ id: s.id, name: s.name.trim() });
  }
  return out;
}

/** Parse a record message from an extension page, or undefined when it does not fit the contract. */
export function parseRecordMessage(v: unknown): RecordMessage | undefined {
  if (!isRec(v)) return undefined;
  switch (v.type) {
    case 'record/list':
      if (v.limit === undefined) return { type: 'record/list' };
      return typeof v.limit === 'number' && Number.isInteger(v.limit) && v.limit > 0 && v.limit <= 1000
        ? { type: 'record/list', limit: v.limit }
        : undefined;
    case 'capture/resume':
    case 'refused/resend':
      return { type: v.type };
    case 'item/resend':
      return isId(v.id) ? { type: 'item/resend', id: v.id } : undefined;
    case 'record/export':
      return v.format === 'xapi' || v.format === 'csv'
        ? { type: 'record/export', format: v.format }
        : undefined;
    case 'item/comment': {
      const addSkills = parseSkills(v.addSkills);
      if (
        !isId(v.id) ||
        !addSkills ||
        typeof v.reflection !== 'string' ||
        v.reflection.length > MAX_REFLECTION
      )
        return undefined;
      if (!v.reflection.trim() && addSkills.length === 0) return undefined;
      return { type: 'item/comment', id: v.id, reflection: v.reflection, addSkills };
    }
    case 'item/delete':
      return isId(v.id) ? { type: 'item/delete', id: v.id } : undefined;
    case 'capture/pause':
      return v.until === 'hour' || v.until === 'tomorrow' || v.until === 'resumed'
        ? { type: 'capture/pause', until: v.until }
        : undefined;
    case 'capture/page':
      return typeof v.tabId === 'number' &&
        Number.isInteger(v.tabId) &&
        v.tabId >= 0 &&
        MANUAL_KINDS.includes(v.kind as ManualKind)
        ? { type: 'capture/page', tabId: v.tabId, kind: v.kind as ManualKind }
        : undefined;
    default:
      return undefined;
  }
}

const failure = (err: unknown) => ({ ok: false, error: err instanceof Error ? err.message : String(err) });

export async function handleRecordMessage(
  msg: RecordMessage,
  deps: RecordDeps,
): Promise<PageToBackground[RecordType]['response']> {
  try {
    switch (msg.type) {
      case 'record/list':
        return await recordState(deps, msg.limit);
      case 'record/export':
        return await exportFile(msg.format, deps);
      case 'item/comment':
        return await addFollowUp(msg.id, { reflection: msg.reflection, addSkills: msg.addSkills }, deps);
      case 'item/delete':
        return await deleteItem(msg.id, deps);
      case 'item/resend':
      case 'refused/resend': {
        const n =
          msg.type === 'item/resend'
            ? await deps.outbox.requeueItem(msg.id)
            : await deps.outbox.requeueAll(await configuredIds());
        if (n === 0) return { ok: false, error: 'Nothing refused to send again.' };
        void deps.sync(true);
        return { ok: true };
      }
      case 'capture/pause': {
        return { ok: true, pausedUntil: await setPause(msg.until, deps.now()) };
      }
      case 'capture/resume':
        await setPause('resume', deps.now());
        return { ok: true };
      case 'capture/page':
        return await capturePage(msg.tabId, msg.kind, deps);
    }
  } catch (err) {
    return failure(err);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Follow-ups (docs/xapi-profile.md § Reflections): the shared rules (shared/record), said by the extension.

/** The statements' source activity (docs/xapi-profile.md): this extension, at its version. */
const sourceOf = (deps: RecordDeps): StatementContext['source'] => ({
  surface: 'extension',
  version: deps.version ?? '0.0.0',
});

function recordEnv(deps: RecordDeps): RecordEnv {
  return { outbox: deps.outbox, now: deps.now, source: sourceOf(deps) };
}

/** A reflection or skills added after the item was frozen: a `commented` statement (shared/record). */
export async function addFollowUp(
  id: string,
  added: { reflection: string; addSkills: Array<{ id: string; name: string }> },
  deps: RecordDeps,
): Promise<{ ok: boolean; error?: string }> {
  const { changed, ...result } = await sharedAddFollowUp(id, added, recordEnv(deps));
  if (result.ok && changed) void deps.sync();
  return result;
}

/** Delete an item: discarded when unsent, `voided` when frozen (shared/record deleteItem). */
export async function deleteItem(id: string, deps: RecordDeps): Promise<{ ok: boolean; error?: string }> {
  const { queued, ...result } = await sharedDeleteItem(id, recordEnv(deps));
  if (queued) void deps.sync();
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// "Capture this page" (issue 4 part 1): the learner says what the page is; docs/xapi-profile.md "anything else"
// row (`experienced`, the kind's activity type). No time is claimed: none was measured.

const MANUAL_TYPES: Record<ManualKind, string> = {
  article: ACTIVITY_TYPES.article,
  video: ACTIVITY_TYPES.video,
  podcast: ACTIVITY_TYPES.audio,
  other: ACTIVITY_TYPES.page,
};
const MANUAL_CAPTURE_KIND: Record<ManualKind, CaptureKind> = {
  article: 'article',
  video: 'video',
  podcast: 'audio',
  other: 'article',
};

export async function capturePage(
  tabId: number,
  kind: ManualKind,
  deps: RecordDeps,
): Promise<{ ok: boolean; id?: string; error?: string; reason?: string }> {
  const tab = await deps.tab(tabId);
  if (!tab?.url) return { ok: false, reason: 'not-http', error: 'This tab has no page to capture.' };
  const resolved = await loadSettings();
  const { settings } = resolved;
  const now = deps.now();
  // The learner asked for this page: a pause (of automatic capture) does not apply; the rest of the policy does.
  const decision = captureDecision(tab.url, settings, {
    incognito: tab.incognito,
    now,
    kind: MANUAL_CAPTURE_KIND[kind],
  });
  if (!decision.capture)
    return { ok: false, reason: decision.reason, error: `Not captured: ${decision.reason}.` };
  const input: ExperiencedInput = {
    title: tab.title?.trim() || tab.url,
    url: tab.url,
    keepQueryStrings: settings.capture.keepQueryStrings,
    typeIri: MANUAL_TYPES[kind],
    kindLabel: kind,
  };
  const sctx: StatementContext = {
    id: crypto.randomUUID(),
    actor: await currentActor(resolved),
    timestamp: new Date(now),
    now: new Date(now),
    platform: hostOf(tab.url),
    source: sourceOf(deps),
  };
  const statement = buildExperienced(input, sctx);
  await deps.outbox.enqueue(
    {
      id: statement.id,
      json: freezeStatement(statement),
      meta: {
        kind,
        title: input.title,
        url: tab.url,
        source: 'extension',
        details: { manual: true },
        draft: {
          builder: 'experienced',
          input,
          context: { ...sctx, timestamp: sctx.timestamp.toISOString() },
        },
      },
      review: settings.capture.reviewBeforeSync,
      holdUntil: now + settings.capture.holdMinutes * 60_000,
    },
    now,
    syncDestinations(resolved).map((d) => d.id),
  );
  void deps.sync();
  return { ok: true, id: statement.id };
}

// ---------------------------------------------------------------------------------------------------------
// The record as My learning shows it (shared/record).

async function configuredIds(): Promise<string[]> {
  return syncDestinations(await loadSettings()).map((d) => d.id);
}

/** What the popup shows of refused items: a few, each with its LRS's own message, and how many in all. */
export async function refusedView(
  outbox: Outbox,
  destinations: ReadonlyArray<{ id: string; name?: string }>,
  limit = 5,
): Promise<RefusedView | undefined> {
  let count = 0;
  const items: RefusedView['items'] = [];
  for (const d of destinations) {
    count += (await outbox.deliveryCounts(d.id)).quarantined;
    for (const { delivery, item } of await outbox.quarantined(d.id, limit - items.length)) {
      items.push({
        id: delivery.itemId,
        title: item?.meta.title ?? delivery.itemId,
        destination: d.name ?? d.id,
        message: delivery.quarantine?.message ?? delivery.lastError ?? '',
      });
    }
  }
  return count > 0 ? { count, items } : undefined;
}

async function recordState(deps: RecordDeps, limit?: number): Promise<RecordState> {
  const configured = await configuredIds();
  return {
    items:
      limit === undefined
        ? await recordItems(deps.outbox, configured)
        : await recordPage(deps.outbox, configured, limit),
  };
}

async function exportFile(format: 'xapi' | 'csv', deps: RecordDeps) {
  const configured = format === 'csv' ? await configuredIds() : [];
  return { ok: true, ...(await exportRecord(format, deps, configured)) };
}
