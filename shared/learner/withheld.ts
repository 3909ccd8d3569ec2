/**
 * Issue 11 point 6 in My learning: an item whose statement was fixed with the pseudonymous install account (it was
 * sent or attempted somewhere before the learner identified) never goes to a destination whose policy requires
 * identity (shared/outbox/stamp.ts `withhold`; docs/policy.md § New destinations and the earlier record). Its entry
 * says where it was kept from, from facts the record view already reads (the item's deliveries): no extra query.
 * The words: t('record.withheld', { names: names.join(', ') }) (shared/ui/i18n.ts).
 */
import { carriesPseudonym } from '../outbox/stamp';
import type { Delivery } from '../outbox/types';
import type { XapiAgent } from '../xapi';

/** The destinations that require identity (the configured organisation ones under `mustIdentify`), by id. */
export interface WithheldFacts {
  pseudonym: XapiAgent | undefined;
  requiring: ReadonlyArray<{ id: string; name: string }>;
}

/**
 * The names of the destinations this item is kept from: its statement carries the pseudonym, its bytes are fixed
 * (a delivery elsewhere was sent or attempted, so it can no longer take the learner's actor), and the destination
 * requiring identity has no delivery of it.
 */
export function withheldFrom(
  json: string,
  deliveries: ReadonlyArray<Pick<Delivery, 'destinationId' | 'state' | 'attempts'>>,
  facts: WithheldFacts,
): string[] {
  if (!facts.pseudonym || facts.requiring.length === 0) return [];
  const fixed = deliveries.some((d) => d.state !== 'pending' || d.attempts > 0);
  if (!fixed || !carriesPseudonym(json, facts.pseudonym)) return [];
  const has = new Set(deliveries.map((d) => d.destinationId));
  return facts.requiring.filter((d) => !has.has(d.id)).map((d) => d.name);
}
