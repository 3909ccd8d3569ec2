/**
 * The one way extension pages (popup, options, My learning) talk to the background: typed by the
 * PageToBackground contract (messages.ts), so a request's payload and its answer's type come from one entry.
 */
import { browser } from 'wxt/browser';
import type { PageFailure, PageMessageOf, PagePayload, PageRequest, PageResponse } from './messages';

export type { PagePayload, PageRequest, PageResponse } from './messages';

/** The function type, for views that take it injected (tests pass a fake). */
export type SendToBackground = <K extends PageRequest>(
  type: K,
  payload: PagePayload<K>,
) => Promise<PageResponse<K>>;

/** The background's answer to a request whose handler threw (extension/background/dispatch.ts). */
function isFailure(v: unknown): v is PageFailure {
  return typeof v === 'object' && v !== null && Object.keys(v).length === 1 && 'failure' in v;
}

/**
 * Sends `{ type, ...payload }` and resolves with the background's answer. Rejects when the background does
 * not answer (every page request has an answer; `undefined` means no listener took it: the message did not fit
 * the contract) or when its handler failed.
 */
export async function sendToBackground<K extends PageRequest>(
  type: K,
  payload: PagePayload<K>,
): Promise<PageResponse<K>> {
  const message: PageMessageOf<K> = { ...payload, type };
  // The background answers with the response its route is typed to give (dispatch.ts), or a failure.
  const response = await browser.runtime.sendMessage<
    PageMessageOf<K>,
    PageResponse<K> | PageFailure | undefined
  >(message);
  if (response === undefined) throw new Error(`No answer from the background to "${type}".`);
  if (isFailure(response)) throw new Error(response.failure);
  return response;
}
