/**
 * The contract between main and the hidden outbox window (desktop/README.md § Outbox): one map from each request
 * to its payload and answer (`OutboxRequests`); main's OutboxLink sends a request and accepts only an answer that
 * passes that request's check (outbox-answers.ts). Credentials travel only here, to the outbox window
 * (OutboxConfig), never to a UI window.
 */
import type { WeekTally } from '../../shared/insights';
import type { DestinationState, NewItem, OutboxItem } from '../../shared/outbox';
import type {
  ExportCursor,
  ExportFormat,
  ExportPage,
  RecordCursor,
  RecordPage,
  RecordQuery,
  RefusedView,
} from '../../shared/record';
import type { EarlierRecordResult, EarlierRecordView } from '../../shared/ui/record/EarlierRecord';
import type { DestinationConfig } from '../../shared/sync';
import type { XapiAgent } from '../../shared/xapi';
import type { ActionResult, ItemComment } from './ui-contract';

/** Where statements go and whether they may go yet (docs/policy.md `learner.mustIdentify`). */
export interface OutboxConfig {
  destinations: DestinationConfig[];
  maySend: boolean;
  /**
   * The current actor (docs/xapi-profile.md § Every statement, `actor`). Before a pass sends anything, items never
   * attempted anywhere take it as their batch is claimed (shared/outbox/stamp.ts), so nothing captured before the
   * learner identified goes out with the pseudonym.
   */
  actor: XapiAgent;
  /** The pseudonymous install account: never sent to a destination that requires identity (shared/outbox/stamp.ts). */
  pseudonym?: XapiAgent;
  /** The app's version: the source activity of follow-up statements the outbox window makes. */
  version: string;
}

export interface OutboxSummary {
  waiting: number;
  /** Deliveries an LRS refused (quarantined) at the configured destinations: the tray's "N refused". */
  refused: number;
  /** Since when the outbox has refused new items for a full disk (shared/outbox/quota.ts); absent: it has room. */
  storageFullSince?: number;
  /**
   * The outbox is still opening (an older version's upgrade, shared/outbox/opening.ts): this message, and the
   * numbers are not known yet (all empty). Absent: open.
   */
  opening?: string;
  destinations: Array<{ state: DestinationState; pending: number }>;
  items: OutboxItem[];
}

/** Every request main makes of the outbox window: its payload (beside `op`) and its answer. */
export interface OutboxRequests {
  configure: { payload: { config: OutboxConfig }; answer: null };
  enqueue: { payload: { item: NewItem }; answer: { added: boolean } };
  sync: { payload: { force: boolean }; answer: { nextRunAt: number | undefined } };
  summary: { payload: Record<never, never>; answer: OutboxSummary };
  get: { payload: { id: string }; answer: OutboxItem | null };
  revise: { payload: { id: string; json: string; meta: NewItem['meta'] }; answer: null };
  discard: { payload: { id: string }; answer: null };
  approve: { payload: { id: string }; answer: null };
  /** A page of My learning's timeline (shared/record/query.ts): never the whole record. */
  record: { payload: { query: RecordQuery; limit: number; after?: RecordCursor }; answer: RecordPage };
  /** The record's running totals (shared/insights/tally.ts): the chart, filter menus and counts. */
  tally: { payload: Record<never, never>; answer: WeekTally[] };
  /** `changed`: a statement was queued (false when nothing new was said). */
  comment: { payload: { comment: ItemComment }; answer: ActionResult & { changed?: boolean } };
  /** `queued`: a `voided` statement was queued. */
  delete: { payload: { id: string }; answer: ActionResult & { queued?: boolean } };
  /** One page of the export file (shared/record/export.ts): ask again with `next` until a page has none. */
  export: { payload: { format: ExportFormat; cursor?: ExportCursor }; answer: ExportPage };
  /** A destination's earlier record (docs/policy.md § New destinations and the earlier record): its size... */
  earlierCount: { payload: { destinationId: string }; answer: EarlierRecordView };
  /** ...and the learner's choice to send it there. */
  queueEarlier: { payload: { destinationId: string }; answer: EarlierRecordResult };
  /** Items an LRS refused (issue 11 point 4): each with its destination's name and the LRS's message; null: none. */
  refused: { payload: Record<never, never>; answer: RefusedView | null };
  /** "Send again": one item's refused deliveries, or all of them; `requeued`: how many went back in the queue. */
  resend: { payload: { id?: string }; answer: { requeued: number } };
}

export type OutboxOp = keyof OutboxRequests;

/** A request as sent: `{ op, ...payload }`. */
export type OutboxRequest = { [Op in OutboxOp]: { op: Op } & OutboxRequests[Op]['payload'] }[OutboxOp];

/** The answer of each op. */
export type OutboxAnswers = { [Op in OutboxOp]: OutboxRequests[Op]['answer'] };

/** Main's side of the outbox window: one request, one checked answer (or a thrown error). */
export interface OutboxLink {
  request<R extends OutboxRequest>(request: R): Promise<OutboxAnswers[R['op']]>;
}

/** A request on the wire, with the id its reply carries back. */
export type OutboxEnvelope = { requestId: number } & OutboxRequest;

/** A reply on the wire: its `value` is checked by main against the op it asked (outbox-answers.ts). */
export type OutboxReply = { requestId: number } & (
  { ok: true; value: unknown } | { ok: false; error: string }
);

/** The API the preload exposes to the hidden outbox window. */
export interface OutboxHostApi {
  /** Serve main's requests; the handler's answer (or error) goes back as the reply. */
  serve(handler: (request: OutboxRequest) => Promise<OutboxAnswers[OutboxOp]>): void;
  /** The page's `online` event: the network came back. */
  networkOnline(): void;
}

/** The IPC channels between main and the outbox window. */
export const OUTBOX_CHANNELS = {
  request: 'trailnote:outbox-request',
  reply: 'trailnote:outbox-reply',
  ready: 'trailnote:outbox-ready',
  networkOnline: 'trailnote:network-online',
} as const;
