/**
 * Dispatch of extension pages' requests through a route table typed by the page contract
 * (extension/platform/messages.ts PageToBackground): each request's route parses its payload and answers with
 * exactly the response the contract ties to it, checked by the compiler, with no cast at the boundary.
 */
import { isRecord, type UnknownRecord } from '../../shared/guards';
import type {
  PageFailure,
  PageMessageOf,
  PagePayload,
  PageRequest,
  PageResponse,
} from '../platform/messages';

/** One request's route: its payload validator and its handler. */
export interface PageRoute<K extends PageRequest, D> {
  /** The payload of a raw message of this type (a fresh object, bounded), or undefined when it does not fit. */
  parse(raw: UnknownRecord): PagePayload<K> | undefined;
  handle(payload: PagePayload<K>, deps: D): Promise<PageResponse<K>>;
}

/** Routes for some requests (a family: the record's, the options page's...). */
export type PageRoutesFor<K extends PageRequest, D> = { [P in K]: PageRoute<P, D> };
/** Routes for every request of the contract: a missing or mistyped route does not compile. */
export type PageRoutes<D> = PageRoutesFor<PageRequest, D>;

function isRequest<D>(routes: PageRoutes<D>, type: unknown): type is PageRequest {
  return typeof type === 'string' && Object.hasOwn(routes, type);
}

function parseAs<K extends PageRequest, D>(
  routes: PageRoutes<D>,
  type: K,
  raw: UnknownRecord,
): PageMessageOf<K> | undefined {
  const payload = routes[type].parse(raw);
  return payload === undefined ? undefined : { ...payload, type };
}

/**
 * A page's message validated by its route's parser (a fresh object: only the payload's own fields), or undefined
 * when it does not fit the contract (then it gets no answer).
 */
export function parsePageMessage<D>(
  routes: PageRoutes<D>,
  raw: unknown,
): PageMessageOf<PageRequest> | undefined {
  if (!isRecord(raw) || !isRequest(routes, raw.type)) return undefined;
  return parseAs(routes, raw.type, raw);
}

/** Answers a validated message with its route: the answer has the type the contract gives its request. */
export function handlePageMessage<K extends PageRequest, D>(
  routes: PageRoutes<D>,
  message: PageMessageOf<K>,
  deps: D,
): Promise<PageResponse<K>> {
  const route: PageRoute<K, D> = routes[message.type];
  return route.handle(message, deps);
}

/**
 * Runs a handler whose answer says `ok`, turning a thrown error into `{ ok: false, error }`: the learner sees why
 * the action failed where the page shows its answer. Handlers of other answers let errors reach pageFailure.
 */
export async function orFailure<R extends { ok: boolean; error?: string }>(
  action: () => Promise<R>,
): Promise<R | { ok: false; error: string }> {
  try {
    return await action();
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** What the page receives when a handler threw: its `sendToBackground` rejects with the message. */
export function pageFailure(err: unknown): PageFailure {
  return { failure: err instanceof Error ? err.message : String(err) };
}
