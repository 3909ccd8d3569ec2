/**
 * The actor of a statement that no LRS can hold yet. Statements are frozen with the actor of the moment they
 * were queued; captured before the learner identified, that is the pseudonymous per-install account
 * (docs/xapi-profile.md § Every statement, `actor`), and under docs/policy.md `learner.mustIdentify` the organisation must
 * never receive it. So the actor is given at the last moment, when a batch is claimed for sending: an item with
 * no delivery attempt anywhere takes the current actor then. That costs O(batch) per claim, never a walk over
 * the backlog. An item with any attempt (sent, quarantined, tried, or put on the wire) keeps its bytes exactly
 * (§ Every statement: "a retry sends exactly the same bytes").
 */
import { isRecord } from '../guards';
import { freezeStatement, thawStatement, type XapiAgent, type XapiStatement } from '../xapi';
import type { Delivery, OutboxItem } from './types';

/** The actor to give never-attempted items of a claimed batch, and the time to record on them. */
export interface ActorStamp {
  actor: XapiAgent;
  now: number;
  /**
   * For a destination whose policy requires identity (docs/policy.md `learner.mustIdentify`): the pseudonymous
   * install account. An item that still carries it once stamped (its bytes were fixed by an earlier attempt
   * elsewhere) never goes there: its delivery is dropped as it is claimed.
   */
  withhold?: XapiAgent;
}

/**
 * Whether a statement's actor is the pseudonymous install account. Compared by the account's name, the install id
 * (a random UUID, unique to this install): the home page can change with the policy, and `name` with the learner.
 */
export function carriesPseudonym(json: string, pseudonym: XapiAgent): boolean {
  const wanted = pseudonym.account?.name;
  if (wanted === undefined) return false;
  try {
    const parsed = JSON.parse(json) as { actor?: { account?: { name?: unknown } } } | null;
    return parsed?.actor?.account?.name === wanted;
  } catch {
    return false;
  }
}

/**
 * Whether a delivery may already be held by its LRS. `wireSeq`: the destination's highest seq put on the wire.
 * Give it rows as the Outbox's reads see them (./sent-through.ts `asSeen`): a stored `queued` row, sent or not,
 * counts as possibly stored, the side that never changes a statement's bytes.
 */
export function maybeStored(d: Delivery, wireSeq: number): boolean {
  return d.attempts > 0 || d.state !== 'pending' || d.lastAttemptAt !== undefined || d.seq <= wireSeq;
}

/** The statement's actor as JSON text, or undefined when the text is not a statement (the engine quarantines it). */
export function actorText(json: string): string | undefined {
  try {
    const parsed = JSON.parse(json) as { actor?: unknown } | null;
    return parsed && typeof parsed === 'object' ? JSON.stringify(parsed.actor) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The item with its statement's (and draft's) actor replaced, or undefined when it already carries it. A stored
 * text that is not a valid statement is left alone for the sync engine to quarantine with its message; a valid
 * one that fails with the new actor means the actor is wrong, which throws (nothing changes).
 */
export function withActor(item: OutboxItem, stamp: ActorStamp): OutboxItem | undefined {
  const wanted = JSON.stringify(stamp.actor);
  let statement: XapiStatement;
  try {
    statement = thawStatement(item.json);
  } catch {
    return undefined;
  }
  if (JSON.stringify(statement.actor) === wanted) return undefined;
  const next: OutboxItem = { ...item, actorStampedAt: stamp.now };
  try {
    next.json = freezeStatement({ ...statement, actor: stamp.actor });
  } catch (error) {
    throw new ActorStampError(`The current actor cannot go into statement ${item.id}: ${String(error)}`);
  }
  const draft = item.meta.draft;
  const context = draft?.context;
  if (draft && isRecord(context)) {
    next.meta = { ...item.meta, draft: { ...draft, context: { ...context, actor: stamp.actor } } };
  }
  return next;
}

export class ActorStampError extends Error {
  override name = 'ActorStampError';
}
