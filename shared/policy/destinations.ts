/**
 * Which Learning Record Stores receive statements: the organisation's, plus the learner's own when the
 * organisation allows it (docs/policy.md § Meaning, `destinations`).
 */
import type { DestinationConfig } from '../sync/engine';
import type { Destination, DestinationEntry, DestinationOrigin, ResolvedSettings } from './types';

/** How to authenticate to a destination; the same shape as the sync engine's `Credentials`. */
export type DestinationCredentials =
  { kind: 'basic'; username: string; password: string } | { kind: 'bearer'; token: string };

/**
 * The organisation's destinations, then the learner's when `allowLearner`. A learner destination whose id is
 * taken by the organisation is dropped: delivery state is kept per id, and the organisation's must win.
 */
export function mergeDestinations(
  organisation: readonly DestinationEntry[],
  learner: readonly DestinationEntry[],
  allowLearner: boolean,
): Destination[] {
  const merged = organisation.map((entry) => resolveDestination(entry, 'organisation'));
  if (!allowLearner) return merged;
  const taken = new Set(merged.map((destination) => destination.id));
  for (const entry of learner) {
    if (taken.has(entry.id)) continue;
    taken.add(entry.id);
    merged.push(resolveDestination(entry, 'learner'));
  }
  return merged;
}

function resolveDestination(entry: DestinationEntry, origin: DestinationOrigin): Destination {
  return {
    ...entry,
    name: entry.name ?? hostOf(entry.endpoint),
    xapiVersion: entry.xapiVersion ?? 'auto',
    origin,
  };
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

/**
 * The credentials of a validated destination (validation guarantees username+password or token; undefined
 * only for an entry that did not go through it).
 */
export function destinationCredentials(destination: DestinationEntry): DestinationCredentials | undefined {
  if (destination.token !== undefined) return { kind: 'bearer', token: destination.token };
  if (destination.username !== undefined && destination.password !== undefined) {
    return { kind: 'basic', username: destination.username, password: destination.password };
  }
  return undefined;
}

/** The resolved destinations as the sync engine takes them (credentials included: keep them in the sender). */
export function syncDestinations(resolved: ResolvedSettings): DestinationConfig[] {
  return resolved.settings.destinations.map((d) => ({
    id: d.id,
    name: d.name,
    endpoint: d.endpoint,
    credentials: destinationCredentials(d) ?? { kind: 'none' },
    xapiVersion: d.xapiVersion,
    // docs/policy.md `learner.mustIdentify` is the organisation's demand on its own destinations.
    requiresIdentity: d.origin === 'organisation' && resolved.settings.learner.mustIdentify,
  }));
}
