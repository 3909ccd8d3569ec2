/**
 * The learner's record (issue 4): My learning's list and exports, reflections and skills added after an item
 * was frozen (a `commented` statement), deletion (discarded when unsent, `voided` when frozen), pausing capture
 * and "capture this page". Every payload is parsed with bounds here; answers never carry credentials.
 */
import type { Delivery, DestinationState, ItemMeta, Outbox, OutboxItem } from '../../shared/outbox';
import { captureDecision, type CaptureKind } from '../../shared/policy';
import { recordCsv } from '../../shared/insights';
import {
  ACTIVITY_TYPES,
  buildCommented,
  buildExperienced,
  buildVoided,
  freezeStatement,
  hostOf,
  isAbsoluteIri,
  parseIsoDuration,
  type ExperiencedInput,
  type StatementContext,
  type XapiStatement,
} from '../../shared/xapi';
import type {
  ManualKind,
  PageToBackground,
  RecordItemView,
  RecordState,
  RecordStatus,
} from '../platform/messages';
import { pauseUntil } from '../platform/pause';
import { setLocal } from '../platform/storage';
import { currentActor, loadSettings, syncDestinations } from './settings';

/** What the record handlers need (a subset of the learner deps). */
export interface RecordDeps {
  outbox: Outbox;
  now: () => number;
  sync: (force?: boolean) => Promise<void>;
  tab: (tabId: number) => Promise<{ url?: string; title?: string; incognito: boolean } | undefined>;
  /** The extension's version, for the statements' source activity. */
  version?: string;
}

const RECORD_TYPES = [
  'record/list',
  'record/export',
  'item/comment',
  'item/delete',
  'capture/pause',
  'capture/resume',
  'capture/page',
] as const;
type RecordType = (typeof RECORD_TYPES)[number];

export type RecordMessage = {
  [K in RecordType]: { type: K } & PageToBackground[K]['payload'];
}[RecordType];

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64;
const MAX_SKILLS = 20;
const MAX_REFLECTION = 2000;
const MANUAL_KINDS: readonly ManualKind[] = ['article', 'video', 'podcast', 'other'];

function parseSkills(v: unknown): Array<{ id: string; name: string }> | undefined {
  if (!Array.isArray(v) || v.length > MAX_SKILLS) return undefined;
  const out: Array<{ id: string; name: string }> = [];
  for (const s of v) {
    if (!isRec(s) || !isAbsoluteIri(s.id) || s.id.length > 2048) return undefined;
    if (typeof s.name !== 'string' || !s.name.trim() || s.name.length > 200) return undefined;
    out.push({ id: s.id, name: s.name.trim() });
  }
  return out;
}

export function isRecordType(type: unknown): type is RecordType {
  return (RECORD_TYPES as readonly unknown[]).includes(type);
}

/** Parse a record message from an extension page, or undefined when it does not fit the contract. */
export function parseRecordMessage(v: unknown): RecordMessage | undefined {
  if (!isRec(v)) return undefined;
  switch (v.type) {
    case 'record/list':
    case 'capture/resume':
      return { type: v.type };
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
        return await recordState(deps);
      case 'record/export':
        return await exportRecord(msg.format, deps);
      case 'item/comment':
        return await addFollowUp(msg.id, { reflection: msg.reflection, addSkills: msg.addSkills }, deps);
      case 'item/delete':
        return await deleteItem(msg.id, deps);
      case 'capture/pause': {
        const pausedUntil = pauseUntil(msg.until, deps.now());
        await setLocal('pausedUntil', pausedUntil);
        return { ok: true, pausedUntil };
      }
      case 'capture/resume':
        await setLocal('pausedUntil', 0);
        return { ok: true };
      case 'capture/page':
        return await capturePage(msg.tabId, msg.kind, deps);
    }
  } catch (err) {
    return failure(err);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Follow-ups (xapi-profile.md § Reflections): statements are immutable once sent.

const FOLLOW_UP_KINDS = new Set(['comment', 'void']);

function parseStatement(item: OutboxItem): XapiStatement | undefined {
  try {
    return JSON.parse(item.json) as XapiStatement;
  } catch {
    return undefined;
  }
}

/** A follow-up is said by the original's actor, in its language, now. */
function followUpContext(original: OutboxItem, deps: RecordDeps): StatementContext {
  const statement = parseStatement(original);
  if (!statement?.actor) throw new Error('The stored statement of this item cannot be read.');
  const now = deps.now();
  return {
    id: crypto.randomUUID(),
    actor: statement.actor,
    timestamp: new Date(now),
    now: new Date(now),
    language: statement.context?.language,
    platform: '',
    source: { surface: 'extension', version: deps.version ?? '0.0.0' },
  };
}

/**
 * A reflection or skills added after the item was frozen: one `commented` statement about the original, with
 * every skill the learner now gives it (the original's and the added ones) so a skill query finds it. When
 * only skills were added, the response says so in words (a `commented` statement needs a response).
 */
export async function addFollowUp(
  id: string,
  added: { reflection: string; addSkills: Array<{ id: string; name: string }> },
  deps: RecordDeps,
): Promise<{ ok: boolean; error?: string }> {
  const original = await deps.outbox.get(id);
  if (!original || original.state === 'discarded')
    return { ok: false, error: 'This item is no longer in the outbox.' };
  if (original.state !== 'ready') return { ok: false, error: 'This item is not sent yet: edit it instead.' };
  if (original.meta.deleted) return { ok: false, error: 'This item was deleted.' };
  if (FOLLOW_UP_KINDS.has(original.meta.kind))
    return { ok: false, error: 'Add reflections to the item itself.' };
  const known = new Set((original.meta.skills ?? []).map((s) => s.id));
  const newSkills: Array<{ id: string; name: string }> = [];
  for (const skill of added.addSkills) {
    if (known.has(skill.id)) continue;
    known.add(skill.id);
    newSkills.push(skill);
  }
  const reflection = added.reflection.trim();
  if (!reflection && newSkills.length === 0) return { ok: true }; // nothing new to say
  const skills = [...(original.meta.skills ?? []), ...newSkills];
  const ctx = followUpContext(original, deps);
  const response = reflection || `Skills added: ${newSkills.map((s) => s.name).join(', ')}`;
  const statement = buildCommented({ originalId: original.id, reflection: response, skills }, ctx);
  const at = deps.now();
  await deps.outbox.followUp(
    original.id,
    {
      id: statement.id,
      json: freezeStatement(statement),
      meta: { kind: 'comment', title: original.meta.title, skills, reflection: reflection || undefined },
    },
    at,
    (meta): ItemMeta => ({
      ...meta,
      skills,
      comments: [
        ...(meta.comments ?? []),
        {
          id: statement.id,
          at,
          ...(reflection ? { reflection } : {}),
          ...(newSkills.length ? { skills: newSkills } : {}),
        },
      ],
    }),
    (current) => current.meta.deleted !== undefined, // deleted meanwhile: nothing more about it
  );
  void deps.sync();
  return { ok: true };
}

/**
 * An `item/update` (the full skills and reflection, as the popup's card sends them) for an item that is frozen
 * meanwhile: what is new in it becomes a follow-up. A reflection equal to one already given is not new.
 */
export function followUpOf(
  item: OutboxItem,
  update: { skills: Array<{ id: string; name: string }>; reflection: string },
): { reflection: string; addSkills: Array<{ id: string; name: string }> } {
  const said = new Set([
    item.meta.reflection ?? '',
    ...(item.meta.comments ?? []).map((c) => c.reflection ?? ''),
  ]);
  const reflection = update.reflection.trim();
  return { reflection: said.has(reflection) ? '' : reflection, addSkills: update.skills };
}

/**
 * Delete an item. Unsent (held, in review): discarded, nothing is sent. Frozen: a `voided` statement is queued
 * for the destinations of the original and the item is kept as a tombstone (`meta.deleted`), hidden from the
 * learner's views but tracked until the void is sent; the comments sent about it are voided as well. Deleting
 * twice does nothing more.
 */
export async function deleteItem(id: string, deps: RecordDeps): Promise<{ ok: boolean; error?: string }> {
  const item = await deps.outbox.get(id);
  if (!item || item.state === 'discarded' || item.meta.deleted) return { ok: true };
  if (FOLLOW_UP_KINDS.has(item.meta.kind))
    return { ok: false, error: 'A follow-up is deleted with the item it belongs to.' };
  if (item.state !== 'ready') {
    await deps.outbox.discard(id);
    return { ok: true };
  }
  // The comments about it go too: each is a statement of its own that the LRS would keep showing. Each void is
  // recorded on what it voids (`meta.deleted`) in the same transaction, so a retry never voids anything twice.
  for (const comment of item.meta.comments ?? []) {
    const queued = await deps.outbox.get(comment.id);
    if (!queued || queued.state !== 'ready' || queued.meta.deleted) continue;
    await voidItem(queued, deps);
  }
  await voidItem(item, deps);
  void deps.sync();
  return { ok: true };
}

async function voidItem(item: OutboxItem, deps: RecordDeps): Promise<void> {
  const statement = buildVoided({ originalId: item.id }, followUpContext(item, deps));
  const at = deps.now();
  await deps.outbox.followUp(
    item.id,
    { id: statement.id, json: freezeStatement(statement), meta: { kind: 'void', title: item.meta.title } },
    at,
    (meta) => ({ ...meta, deleted: { at, voidId: statement.id } }),
    (current) => current.meta.deleted !== undefined, // deleted twice at once: one void
  );
}

// ---------------------------------------------------------------------------------------------------------
// "Capture this page" (issue 4 part 1): the learner says what the page is; xapi-profile.md "anything else"
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
    source: { surface: 'extension', version: deps.version ?? '0.0.0' },
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
// The record as My learning shows it.

interface Facts {
  deliveries: Map<string, Delivery[]>;
  destinations: Map<string, DestinationState>;
  configured: Set<string>;
  items: Map<string, OutboxItem>;
}

function deliveryStatus(item: OutboxItem, facts: Facts): { status: RecordStatus; problem?: string } {
  const mine = (facts.deliveries.get(item.id) ?? []).filter((d) => facts.configured.has(d.destinationId));
  const quarantined = mine.find((d) => d.state === 'quarantined');
  if (quarantined)
    return { status: 'failing', problem: quarantined.quarantine?.message ?? quarantined.lastError };
  const pending = mine.filter((d) => d.state === 'pending');
  if (mine.length > 0 && pending.length === 0) return { status: 'sent' };
  for (const d of pending) {
    const dest = facts.destinations.get(d.destinationId);
    if (dest && (dest.status === 'paused' || (dest.status === 'backoff' && dest.failures > 0)))
      return { status: 'failing', problem: dest.lastError ?? d.lastError };
  }
  return { status: 'waiting' };
}

function recordItemView(item: OutboxItem, facts: Facts): RecordItemView {
  const statement = parseStatement(item);
  const at = statement?.timestamp ? Date.parse(statement.timestamp) : NaN;
  const duration = statement?.result?.duration ? parseIsoDuration(statement.result.duration) : undefined;
  const deleted = item.meta.deleted;
  let status: { status: RecordStatus; problem?: string };
  if (item.state === 'held') status = { status: 'waiting' };
  else if (item.state === 'review') status = { status: 'review' };
  else if (deleted) status = { status: 'voided' };
  else status = deliveryStatus(item, facts);
  const sentFollowUp = (id: string) => {
    const f = facts.items.get(id);
    return f !== undefined && deliveryStatus(f, facts).status === 'sent';
  };
  return {
    id: item.id,
    kind: item.meta.kind,
    title: item.meta.title,
    url: item.meta.url,
    state: item.state,
    holdUntil: item.holdUntil,
    createdAt: item.createdAt,
    skills: item.meta.skills ?? [],
    reflection: item.meta.reflection ?? '',
    editable: (item.state === 'held' || item.state === 'review') && item.meta.draft !== undefined,
    at: Number.isFinite(at) ? at : item.createdAt,
    seconds: duration,
    ...status,
    commentable: item.state === 'ready' && !deleted,
    comments: (item.meta.comments ?? []).map((c) => ({
      at: c.at,
      reflection: c.reflection,
      skills: c.skills ?? [],
      sent: sentFollowUp(c.id),
    })),
    voidSent: deleted ? sentFollowUp(deleted.voidId) : undefined,
  };
}

/** Every item the learner has (not discarded, not a follow-up), newest first. */
export async function recordItems(deps: Pick<RecordDeps, 'outbox'>, configured: readonly string[]) {
  const all = await deps.outbox.list({ reverse: true });
  const deliveries = new Map<string, Delivery[]>();
  for (const d of await deps.outbox.allDeliveries()) {
    const list = deliveries.get(d.itemId);
    if (list) list.push(d);
    else deliveries.set(d.itemId, [d]);
  }
  const facts: Facts = {
    deliveries,
    destinations: new Map((await deps.outbox.destinations()).map((d) => [d.id, d])),
    configured: new Set(configured),
    items: new Map(all.map((i) => [i.id, i])),
  };
  return all
    .filter((i) => i.state !== 'discarded' && !FOLLOW_UP_KINDS.has(i.meta.kind))
    .map((i) => recordItemView(i, facts));
}

async function recordState(deps: RecordDeps): Promise<RecordState> {
  const resolved = await loadSettings();
  return {
    items: await recordItems(
      deps,
      syncDestinations(resolved).map((d) => d.id),
    ),
  };
}

const day = (now: number) => new Date(now).toISOString().slice(0, 10);

/**
 * xAPI JSON: the frozen statements (sent or queued to be sent exactly so), follow-ups included, as stored;
 * held items are left out (they may still change). CSV: one row per item, deleted ones marked `voided`.
 */
async function exportRecord(format: 'xapi' | 'csv', deps: RecordDeps) {
  if (format === 'xapi') {
    return {
      ok: true,
      filename: `trailnote-statements-${day(deps.now())}.json`,
      mimeType: 'application/json',
      text: await deps.outbox.exportXapiJson({ states: ['ready'] }),
    };
  }
  const resolved = await loadSettings();
  const items = await recordItems(
    deps,
    syncDestinations(resolved).map((d) => d.id),
  );
  return {
    ok: true,
    filename: `trailnote-record-${day(deps.now())}.csv`,
    mimeType: 'text/csv',
    text: recordCsv(
      items.map((i) => ({
        at: i.at,
        kind: i.kind,
        title: i.title,
        url: i.url,
        seconds: i.seconds,
        skills: i.skills,
        reflections: [i.reflection, ...i.comments.map((c) => c.reflection ?? '')].filter((r) => r !== ''),
        status: i.status,
      })),
    ),
  };
}
