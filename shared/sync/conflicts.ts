// A batch answered 409 (docs/xapi-profile.md § The 409 rule): the LRS already holds at least one of its ids. An
// LRS may answer 409 for an id it holds even with identical content (ADL's does; xAPI allows 409 or 204), and a
// batch is all-or-nothing, so after a lost answer a re-sent batch meets 409 as a whole. Bisecting it costs about
// two requests per statement; instead what the LRS holds is read back and compared (xAPI's comparison rules,
// shared/xapi/compare.ts): first one query for the learner's most recently stored statements (after a lost
// answer the batch is there), then one read per id still unaccounted for.
import { compareStatements } from '../xapi/compare';
import { VERB_IRIS } from '../xapi/vocab';
import { lrsMessage, tryJson } from './answers';
import type { LrsClient, LrsResponse } from './lrs-client';

/** What the LRS holds under one id of a 409 batch. */
export type HeldStatement =
  | { kind: 'same' }
  | { kind: 'different'; differences: string[] }
  /** Neither stored nor voided (or not yet readable, X-Experience-API-Consistent-Through): to be sent. */
  | { kind: 'absent' };

export type ReadBack =
  | { ok: true; held: HeldStatement[]; requests: number }
  /** A read that neither found nor missed a statement: nothing can be concluded, everything stays queued. */
  | { ok: false; status: number; message: string; error?: unknown };

/** Parallel single reads: a few at a time, so a slow LRS is not flooded. */
const CONCURRENCY = 4;
/** Statements per query page; 100 is what ADL's LRS serves at most (SERVER_STMT_LIMIT). */
const PAGE = 100;

/** Reads back each statement (`sent`: the exact JSON that was posted) and compares it with what the LRS holds. */
export async function readBackHeld(
  client: LrsClient,
  sent: ReadonlyArray<{ id: string; json: string }>,
  version: string,
): Promise<ReadBack> {
  const statements = sent.map((s) => JSON.parse(s.json) as Record<string, unknown>);
  const stored = new Map<string, unknown>();
  let requests = 0;
  const agent = commonAgent(statements);
  // True when the query returned every statement the LRS holds (voided ones aside) for this learner.
  let complete = false;
  if (agent && sent.length > 1) {
    requests++;
    let res: LrsResponse;
    try {
      res = await client.queryStatements(
        { agent: JSON.stringify(agent), limit: String(Math.max(PAGE, sent.length)) },
        version,
      );
    } catch (error) {
      return transport(error);
    }
    // A refused or odd query only costs the shortcut: the single reads below decide.
    const page = res.status === 200 ? tryJson(res.body) : undefined;
    const result = page?.ok ? (page.value as { statements?: unknown; more?: unknown } | null) : undefined;
    const list = result?.statements;
    if (Array.isArray(list)) {
      complete = list.length < Math.max(PAGE, sent.length) && !result?.more;
      for (const s of list) {
        const id = (s as { id?: unknown } | null)?.id;
        if (typeof id === 'string') stored.set(id.toLowerCase(), s);
      }
    }
  }

  // Only a statement voided by a voiding statement of this same batch can be voided already: batches go out in
  // order and a later void waits for this batch. Those are read with voidedStatementId.
  const voided = voidTargets(statements);
  const held: HeldStatement[] = new Array<HeldStatement>(sent.length);
  const missing: number[] = [];
  sent.forEach((s, i) => {
    const found = stored.get(s.id.toLowerCase());
    if (found !== undefined) held[i] = judge(statements[i]!, found);
    else if (complete && !voided.has(s.id.toLowerCase())) held[i] = { kind: 'absent' };
    else missing.push(i);
  });

  let failure: ReadBack | undefined;
  let next = 0;
  const worker = async () => {
    while (failure === undefined && next < missing.length) {
      const i = missing[next++]!;
      const id = sent[i]!.id;
      try {
        let res = await client.getStatement(id, version);
        requests++;
        if (res.status === 404 && voided.has(id.toLowerCase())) {
          res = await client.getStatement(id, version, true);
          requests++;
        }
        if (res.status === 404) {
          held[i] = { kind: 'absent' };
          continue;
        }
        const body = res.status === 200 ? tryJson(res.body) : undefined;
        if (!body?.ok || typeof body.value !== 'object' || body.value === null) {
          failure = readFailure(res, id);
          return;
        }
        held[i] = judge(statements[i]!, body.value);
      } catch (error) {
        failure = transport(error);
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, missing.length) }, worker));
  return failure ?? { ok: true, held, requests };
}

/** The quarantine message for a statement the LRS holds with other content. */
export function differentContentMessage(
  id: string,
  differences: readonly string[],
  conflict: string,
): string {
  const shown = differences.slice(0, 3).join('; ');
  const more = differences.length > 3 ? ` (and ${differences.length - 3} more)` : '';
  return `the LRS holds different content under statement id ${id}: ${shown}${more} — ${conflict}`;
}

function judge(sent: unknown, stored: unknown): HeldStatement {
  const c = compareStatements(sent, stored);
  return c.same ? { kind: 'same' } : { kind: 'different', differences: c.differences };
}

function voidTargets(statements: ReadonlyArray<Record<string, unknown>>): Set<string> {
  const out = new Set<string>();
  for (const s of statements) {
    const verb = (s.verb as { id?: unknown } | undefined)?.id;
    const object = s.object as { objectType?: unknown; id?: unknown } | undefined;
    if (verb === VERB_IRIS.voided && object?.objectType === 'StatementRef') {
      if (typeof object.id === 'string') out.add(object.id.toLowerCase());
    }
  }
  return out;
}

/** The actor every statement shares, as an Agent with its identifier only (the `agent` query parameter). */
function commonAgent(statements: ReadonlyArray<Record<string, unknown>>): object | undefined {
  const ifi = (actor: unknown): object | undefined => {
    if (typeof actor !== 'object' || actor === null) return undefined;
    const a = actor as Record<string, unknown>;
    if (a.objectType !== undefined && a.objectType !== 'Agent') return undefined;
    for (const key of ['mbox', 'mbox_sha1sum', 'openid', 'account']) {
      if (a[key] !== undefined) return { objectType: 'Agent', [key]: a[key] };
    }
    return undefined;
  };
  const first = ifi(statements[0]?.actor);
  if (!first) return undefined;
  const key = JSON.stringify(first);
  return statements.every((s) => JSON.stringify(ifi(s.actor)) === key) ? first : undefined;
}

function readFailure(res: LrsResponse, id: string): ReadBack {
  return {
    ok: false,
    status: res.status,
    message:
      res.status === 401 || res.status === 403
        ? `the LRS answered 409 (it already holds some of these statements) and these credentials may not read statements back to check them (${lrsMessage(res)}); they stay queued: allow this key to read statements`
        : `the LRS answered 409 (it already holds some of these statements), then reading statement ${id} back failed: ${res.status === 200 ? 'its answer is not a statement' : lrsMessage(res)}`,
  };
}

function transport(error: unknown): ReadBack {
  return { ok: false, status: 0, message: error instanceof Error ? error.message : String(error), error };
}
