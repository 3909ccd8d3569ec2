/**
 * The outbox's records. An item is one captured or logged experience and its statement; a delivery is that
 * item's journey to one destination (LRS). Destinations carry the per-LRS sync state (backoff, pause).
 */

/** held: waiting out the hold time; review: waiting for the learner's approval; ready: frozen and queued. */
export type ItemState = 'held' | 'review' | 'ready' | 'discarded';

/** What the learner sees of an item; never sent as such (the statement is in `json`). */
export interface ItemMeta {
  /** article, video, audio, book, course, mentoring... or `comment` / `void` for follow-up statements. */
  kind: string;
  title: string;
  url?: string;
  skills?: Array<{ id: string; name: string }>;
  reflection?: string;
  /** `extension` or `desktop`, for the learner's record. */
  source?: string;
  /** Anything else an app wants to keep for display (engaged seconds, show name...). */
  details?: Record<string, string | number | boolean>;
  /**
   * What the statement was built from (builder name and input), so it can be rebuilt with the learner's skills
   * and reflection while the item is held or in review. Plain JSON: shared/learner/drafts.ts StoredDraft (`v: 2`);
   * items stored before it carry one of two older shapes, upgraded when they are rebuilt.
   */
  draft?: { v?: number; builder: string; input: unknown; context: unknown };
  /** For follow-up statements (`comment`, `void`): the id of the statement they refer to. */
  followUpOf?: string;
  /**
   * On an original: the follow-ups the learner added after it was frozen (docs/xapi-profile.md § Reflections),
   * oldest first. `skills` are the skills added by that comment (already merged into `skills`).
   */
  comments?: Array<{
    id: string;
    at: number;
    reflection?: string;
    skills?: Array<{ id: string; name: string }>;
  }>;
  /** On an original the learner deleted after it was frozen: when, and the voiding statement's id. */
  deleted?: { at: number; voidId: string };
}

export interface OutboxItem {
  /** The statement id (UUID); the outbox's primary key, so an item can never be queued twice. */
  id: string;
  /** Position in FIFO order, assigned at enqueue from a persisted counter. */
  seq: number;
  state: ItemState;
  createdAt: number;
  /** For `held`: when the item becomes ready. */
  holdUntil?: number;
  /** When the item became ready (its JSON was frozen). */
  readyAt?: number;
  /**
   * The statement's JSON text. Editable while held or in review; frozen once ready, except that its actor is
   * replaced while no destination has been attempted yet (./stamp.ts).
   */
  json: string;
  /** When the statement's actor was last replaced (./stamp.ts). */
  actorStampedAt?: number;
  meta: ItemMeta;
}

export type SkillKey = [skillId: string, at: number, seq: number];

/**
 * An item of the learner's record in the record table (./tally.ts recordRow; db.ts v5): the keys My learning's
 * timeline walks (by when it happened, by kind, by skill), apart from the items so that a database an older
 * version left opens at once and these are filled after opening (./fill.ts). Items outside the record (follow-up
 * statements, discarded items) have none.
 */
export interface RecordRow {
  /** The item's seq (the primary key). */
  seq: number;
  id: string;
  /** When the experience happened (the timeline's order, its date filter). */
  at: number;
  kind: string;
  /** `[skill id, at, seq]` per distinct skill (the skill filter's index). */
  skillKeys: SkillKey[];
}

/**
 * `queued`: stored only, by enqueue; pending or sent by its destination's "sent through" mark (./sent-through.ts).
 * The Outbox's reads give it as `pending` or `sent`, so no reader outside the outbox sees it.
 */
export type DeliveryState = 'pending' | 'sent' | 'quarantined' | 'queued';

export interface Delivery {
  destinationId: string;
  /** The item's seq, so pending deliveries come out in FIFO order per destination. */
  seq: number;
  itemId: string;
  state: DeliveryState;
  attempts: number;
  lastAttemptAt?: number;
  lastError?: string;
  /** For `quarantined`: the HTTP status (0 when the problem was found locally) and the LRS's own message. */
  quarantine?: { status: number; message: string; at: number };
}

export type DestinationStatus = 'active' | 'backoff' | 'paused';

export interface DestinationState {
  id: string;
  /**
   * When this outbox first had the destination configured. Items made ready from then on get a delivery to it;
   * earlier ones only when the learner chooses to send their earlier record (./earlier.ts). Absent on
   * destinations stored by a version before this field, whose deliveries were all created already.
   */
  since?: number;
  status: DestinationStatus;
  /** Consecutive failed attempts, for exponential backoff. */
  failures: number;
  /** Do not contact the destination before this instant (backoff, Retry-After, pause recheck). */
  nextAttemptAt: number;
  lastAttemptAt?: number;
  lastSuccessAt?: number;
  /** Human-readable reason for the current status (the LRS's message where it gave one). */
  lastError?: string;
  /** HTTP status of the last failure, 0 for network errors and timeouts. */
  lastErrorStatus?: number;
  /** For `paused` and `backoff`: a fingerprint of the configuration that failed; a changed one retries at once. */
  failedConfig?: string;
  /** The xAPI version chosen from the LRS's `/about`, and when it was read. */
  xapiVersion?: string;
  aboutCheckedAt?: number;
  /** Why that version may not be what the admin expects (an unreadable `/about`...), for the status view. */
  versionNote?: string;
  /** Largest batch the LRS accepted after a 413 (undefined: no limit seen). */
  maxBatch?: number;
  /**
   * Highest delivery `seq` ever put on the wire to this destination, written before the request leaves: an LRS
   * may have stored those statements even when no answer was recorded (the worker was stopped mid-request),
   * so their content must never change again (./stamp.ts).
   */
  wireSeq?: number;
  /** Statements refused in a row for one reason since the last success (shared/sync/refusals.ts). */
  refusals?: { reason: string; seqs: number[] };
  /**
   * Items never sent here because their statement carries the pseudonymous install account for good and this
   * destination requires identity (./stamp.ts `withhold`): counted in the transaction that drops their
   * deliveries (Outbox.withhold; putDestination never lowers it), so the status rows say so without
   * scanning the outbox.
   */
  withheld?: number;
}

export interface NewItem {
  id: string;
  json: string;
  meta: ItemMeta;
  /** Hold until this instant (ms); absent or past: ready at once unless `review`. */
  holdUntil?: number;
  /** Wait for the learner's approval. */
  review?: boolean;
}

export interface StateCounts {
  held: number;
  review: number;
  ready: number;
  discarded: number;
}

export interface DeliveryCounts {
  pending: number;
  sent: number;
  quarantined: number;
}
