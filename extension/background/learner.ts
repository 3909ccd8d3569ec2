/**
 * The learner's side of the background, as one route table over the page contract (extension/platform/messages.ts
 * PageToBackground): every request extension pages send (popup, options, My learning) has exactly one route,
 * whose payload is validated before its handler runs; nothing answered carries credentials.
 */
import type { Outbox } from '../../shared/outbox';
import type { PageMessageOf, PageRequest, PageResponse } from '../platform/messages';
import * as dispatch from './dispatch';
import { earlierRoutes } from './earlier';
import { itemRoutes } from './items';
import type { OptionsDeps } from './options';
import { optionsRoutes } from './options-routes';
import { recordRoutes } from './record-routes';

export interface LearnerDeps extends OptionsDeps {
  outbox: Outbox;
  now: () => number;
  /** `force`: try destinations waiting out a backoff now (the learner asked). */
  sync: (force?: boolean) => Promise<void>;
  /** The URL and private-window flag of a tab, if it exists. */
  tab: (tabId: number) => Promise<{ url?: string; title?: string; incognito: boolean } | undefined>;
  /** The extension's version (statements' source activity). */
  version?: string;
}

/** Every page request's route; the compiler checks that none is missing and that each answers its response. */
export const pageRoutes: dispatch.PageRoutes<LearnerDeps> = {
  ...itemRoutes,
  ...recordRoutes,
  ...optionsRoutes,
  ...earlierRoutes,
};

/** A message from an extension page, validated against the contract, or undefined when it does not fit. */
export function parsePageMessage(raw: unknown): PageMessageOf<PageRequest> | undefined {
  return dispatch.parsePageMessage(pageRoutes, raw);
}

/** Answers a validated page message with the response its request has in the contract. */
export function handlePageMessage<K extends PageRequest>(
  message: PageMessageOf<K>,
  deps: LearnerDeps,
): Promise<PageResponse<K>> {
  return dispatch.handlePageMessage(pageRoutes, message, deps);
}
