// The learner's record as "My learning" shows it (issue 4, part 4), built from the outbox the same way in the
// extension's background and in the desktop's outbox window. Pure: it reads an Outbox and nothing else.
import {
  FOLLOW_UP_KINDS,
  inRecord,
  type Delivery,
  type DestinationState,
  type Outbox,
  type OutboxItem,
} from '../outbox';
import { withheldFrom, type WithheldFacts } from '../learner/withheld';
import { parseIsoDuration, type XapiStatement } from '../xapi';

/**
 * waiting: held or queued; review: waits for approval; sent: every destination has it; voided: deleted; local: ready
 * but going to no destination configured now (made ready before they were, docs/policy.md § New destinations and
 * the earlier record: it goes only if the learner sends their earlier record there).
 */
export type RecordStatus = 'waiting' | 'review' | 'sent' | 'failing' | 'voided' | 'local';

export const RECORD_STATUSES: readonly RecordStatus[] = [
  'waiting',
  'review',
  'sent',
  'failing',
  'voided',
  'local',
];

export type ExportFormat = 'xapi' | 'csv';

/** An item as the apps' item cards show it (popup, tray windows, My learning). Never credentials. */
export interface ItemView {
  id: string;
  kind: string;
  title: string;
  url?: string;
  state: OutboxItem['state'];
  holdUntil?: number;
  createdAt: number;
  skills: Array<{ id: string; name: string }>;
  reflection: string;
  /** Held or in review, with what it was built from: its statement can still be rebuilt. */
  editable: boolean;
}

export function itemView(item: OutboxItem): ItemView {
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
  };
}

/** One item of the learner's record. Never credentials or destinations' secrets. */
export interface RecordItemView extends ItemView {
  /** When the experience happened (the statement's timestamp), ms. */
  at: number;
  /** Time spent (the statement's `result.duration`), when known. */
  seconds?: number;
  status: RecordStatus;
  /** Why it is failing (the LRS's message or the destination's last error). */
  problem?: string;
  /** An LRS refused it (quarantined): the learner can send it again. */
  refused?: boolean;
  /** Frozen and not deleted: reflections and skills are added as follow-ups. */
  commentable: boolean;
  /** Reflections and skills added after it was frozen, oldest first. */
  comments: Array<{
    at: number;
    reflection?: string;
    skills: Array<{ id: string; name: string }>;
    sent: boolean;
  }>;
  /** For deleted items: whether the voiding statement has reached every destination. */
  voidSent?: boolean;
  /**
   * The destinations requiring identity this item is kept from: it carries the pseudonym for good
   * (shared/learner/withheld.ts; docs/policy.md § New destinations and the earlier record).
   */
  withheld?: string[];
}

export { FOLLOW_UP_KINDS };

export function parseStatement(item: OutboxItem): XapiStatement | undefined {
  try {
    return JSON.parse(item.json) as XapiStatement;
  } catch {
    return undefined;
  }
}

interface Facts {
  deliveries: Map<string, Delivery[]>;
  destinations: Map<string, DestinationState>;
  configured: Set<string>;
  items: Map<string, OutboxItem>;
  withheld?: WithheldFacts;
}

function deliveryStatus(
  item: OutboxItem,
  facts: Facts,
): { status: RecordStatus; problem?: string; refused?: boolean } {
  const mine = (facts.deliveries.get(item.id) ?? []).filter((d) => facts.configured.has(d.destinationId));
  const quarantined = mine.find((d) => d.state === 'quarantined');
  if (quarantined)
    return {
      status: 'failing',
      problem: quarantined.quarantine?.message ?? quarantined.lastError,
      refused: true,
    };
  if (mine.length === 0) return { status: 'local' };
  const pending = mine.filter((d) => d.state === 'pending');
  if (pending.length === 0) return { status: 'sent' };
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
  let status: ReturnType<typeof deliveryStatus>;
  if (item.state === 'held') status = { status: 'waiting' };
  else if (item.state === 'review') status = { status: 'review' };
  else if (deleted) status = { status: 'voided' };
  else status = deliveryStatus(item, facts);
  const sentFollowUp = (id: string) => {
    const f = facts.items.get(id);
    return f !== undefined && deliveryStatus(f, facts).status === 'sent';
  };
  return {
    ...itemView(item),
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
    ...withheldOf(item, facts),
  };
}

/**
 * The newest `limit` items of the record, read from the indexes (the items by seq, the deliveries of these
 * items and of their follow-ups only): the first screen of My learning costs the same at 100 items or 100,000.
 */
export async function recordPage(
  outbox: Outbox,
  configured: readonly string[],
  limit: number,
  beforeSeq?: number,
): Promise<RecordItemView[]> {
  return (await recordPageWithSeqs(outbox, configured, limit, beforeSeq)).map((p) => p.view);
}

/** recordPage with each item's seq, for whoever reads on (the export's next page). */
export async function recordPageWithSeqs(
  outbox: Outbox,
  configured: readonly string[],
  limit: number,
  beforeSeq?: number,
): Promise<Array<{ view: RecordItemView; seq: number }>> {
  const page = await outbox.newest(limit, inRecord, beforeSeq);
  const views = await recordViews(outbox, configured, page);
  return page.map((i, n) => ({ view: views[n]!, seq: i.seq }));
}

/**
 * The views of these items of the record: their deliveries and those of their follow-ups are read by index,
 * nothing else (a page costs the same at 100 items or 100,000).
 */
export async function recordViews(
  outbox: Outbox,
  configured: readonly string[],
  page: readonly OutboxItem[],
  withheld?: WithheldFacts,
): Promise<RecordItemView[]> {
  const followUpIds = page.flatMap((i) => [
    ...(i.meta.comments ?? []).map((c) => c.id),
    ...(i.meta.deleted ? [i.meta.deleted.voidId] : []),
  ]);
  const [found, destinations] = await Promise.all([
    outbox.db.items.bulkGet(followUpIds),
    outbox.destinations(),
  ]);
  const followUps = found.filter((i): i is OutboxItem => !!i);
  // Deliveries exist only to destinations configured now or stored: the page's by seq range over those.
  const destinationIds = [...new Set([...configured, ...destinations.map((d) => d.id)])];
  const [own, ofFollowUps] = await Promise.all([
    outbox.deliveriesOfItems(page, destinationIds),
    outbox.deliveriesOfItems(followUps),
  ]);
  const facts = factsOf(destinations, configured, [...page, ...followUps], [...own, ...ofFollowUps]);
  return page.map((i) => recordItemView(i, { ...facts, withheld }));
}

/** Where a ready item carrying the pseudonym for good is kept from (shared/learner/withheld.ts); nothing else. */
function withheldOf(item: OutboxItem, facts: Facts): { withheld?: string[] } {
  if (!facts.withheld || item.state !== 'ready' || item.meta.deleted) return {};
  const names = withheldFrom(item.json, facts.deliveries.get(item.id) ?? [], facts.withheld);
  return names.length > 0 ? { withheld: names } : {};
}

function factsOf(
  destinations: readonly DestinationState[],
  configured: readonly string[],
  items: readonly OutboxItem[],
  all: readonly Delivery[],
): Facts {
  const deliveries = new Map<string, Delivery[]>();
  for (const d of all) {
    const list = deliveries.get(d.itemId);
    if (list) list.push(d);
    else deliveries.set(d.itemId, [d]);
  }
  return {
    deliveries,
    destinations: new Map(destinations.map((d) => [d.id, d])),
    configured: new Set(configured),
    items: new Map(items.map((i) => [i.id, i])),
  };
}
