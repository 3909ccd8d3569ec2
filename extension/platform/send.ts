/**
 * The one way extension pages (popup, later options and My learning) talk to the background: typed by the
 * PageToBackground contract, so a message and its answer can never drift from what the background handles.
 */
import { browser } from 'wxt/browser';
import type { PageMessage, PageToBackground } from './messages';

export type PageRequest = keyof PageToBackground;
export type PagePayload<K extends PageRequest> = PageToBackground[K]['payload'];
export type PageResponse<K extends PageRequest> = PageToBackground[K]['response'];

/** The function type, for views that take it injected (tests pass a fake). */
export type SendToBackground = <K extends PageRequest>(
  type: K,
  payload: PagePayload<K>,
) => Promise<PageResponse<K>>;

/**
 * Sends `{ type, ...payload }` and resolves with the background's answer. Rejects when the background does
 * not answer (every page request has an answer; `undefined` means no listener took it).
 */
export async function sendToBackground<K extends PageRequest>(
  type: K,
  payload: PagePayload<K>,
): Promise<PageResponse<K>> {
  const message = { ...payload, type } as PageMessage;
  const response: unknown = await browser.runtime.sendMessage(message);
  if (response === undefined) throw new Error(`No answer from the background to "${type}".`);
  return response as PageResponse<K>;
}
