/**
 * Layering: built-in defaults < the organisation's `recommended` < the learner's own settings < the
 * organisation's top-level (enforced) keys, decided per leaf: a scalar or a whole list (lists replace, they
 * do not merge). Two lists are exceptions because they are collections of things, not one choice:
 * `destinations` and `skills.frameworks` add the learner's entries to the organisation's.
 *
 * Both documents are expected to come out of validatePolicy.
 */
import { builtInDefaults } from './defaults';
import { mergeDestinations } from './destinations';
import { isObjectNode, leafPaths, nodeAt } from './schema-dsl';
import { policySchema } from './schema';
import type { FrameworkSource } from '../skills/source';
import type { PolicyDocument, ResolvedSettings } from './types';

type FrameworkEntry = NonNullable<NonNullable<PolicyDocument['skills']>['frameworks']>[number];

export interface SettingsLayers {
  /** The organisation's document (managed storage, policy file). */
  enforced?: PolicyDocument;
  /** The learner's own settings, in the same shape. */
  learner?: PolicyDocument;
}

/** Leaves resolved by their own rules below instead of by precedence. */
const COLLECTIONS = new Set(['destinations', 'skills.frameworks']);
/** Permissions only the organisation sets: a learner's value is ignored. */
const ORGANISATION_ONLY = new Set(['allowLearnerDestinations']);

/** The settings leaves (`capture.holdMinutes`, `destinations`, ...), without the `recommended` layer. */
export const SETTINGS_LEAF_PATHS: readonly string[] = leafPaths(policySchema).filter(
  (path) => !path.startsWith('recommended.'),
);

export function resolveSettings(layers: SettingsLayers = {}): ResolvedSettings {
  const enforced = layers.enforced ?? {};
  const learner = layers.learner ?? {};
  const recommended = enforced.recommended ?? {};
  const settings = builtInDefaults();
  const locked = new Set<string>();

  for (const path of SETTINGS_LEAF_PATHS) {
    if (COLLECTIONS.has(path)) continue;
    const segments = path.split('.');
    const enforcedValue = readPath(enforced, segments);
    if (enforcedValue !== undefined) locked.add(path);
    const learnerValue = ORGANISATION_ONLY.has(path) ? undefined : readPath(learner, segments);
    const value = enforcedValue ?? learnerValue ?? readPath(recommended, segments);
    if (value !== undefined) writePath(settings, segments, copy(value));
  }

  settings.destinations = mergeDestinations(
    enforced.destinations ?? [],
    learner.destinations ?? [],
    settings.allowLearnerDestinations,
  );
  // With nothing to add, the learner cannot change the list at all; organisation entries are marked by
  // `origin` and are never the learner's to change.
  if (!settings.allowLearnerDestinations) locked.add('destinations');

  // The learner's list (or, until they make one, the recommended one) comes after the organisation's.
  settings.skills.frameworks = uniqueById([
    ...(enforced.skills?.frameworks ?? []),
    ...(learner.skills?.frameworks ?? recommended.skills?.frameworks ?? []),
  ])
    .map(toFrameworkSource)
    .filter((source) => source !== undefined)
    .map(copy);

  return { settings, locked };
}

/**
 * Whether the learner cannot change `path`: a locked leaf, anything inside one (`destinations[0].name`), or
 * a group whose leaves are all locked (`capture`).
 */
export function isLocked(resolved: ResolvedSettings, path: string): boolean {
  if (resolved.locked.has(path)) return true;
  for (const lockedPath of resolved.locked) {
    if (path.startsWith(`${lockedPath}.`) || path.startsWith(`${lockedPath}[`)) return true;
  }
  const node = nodeAt(policySchema, path);
  if (!node || !isObjectNode(node)) return false;
  return leafPaths(node, path).every((leaf) => resolved.locked.has(leaf));
}

/**
 * A framework entry as settings hold it: its skills, or its url and format (validation guarantees exactly
 * one; an entry with neither cannot be used and is left out).
 */
function toFrameworkSource(entry: FrameworkEntry): FrameworkSource | undefined {
  const { id, name, attribution, skills, url, format } = entry;
  const extra = attribution === undefined ? {} : { attribution };
  if (skills) return { id, name, ...extra, skills };
  if (url !== undefined && format !== undefined) return { id, name, ...extra, url, format };
  return undefined;
}

function uniqueById<T extends { id: string }>(frameworks: readonly T[]): T[] {
  const seen = new Set<string>();
  const unique: T[] = [];
  for (const framework of frameworks) {
    if (seen.has(framework.id)) continue;
    seen.add(framework.id);
    unique.push(framework);
  }
  return unique;
}

/** The value at a path of a policy-shaped document (own properties only), or undefined. */
export function readPath(document: unknown, segments: readonly string[]): unknown {
  let value: unknown = document;
  for (const segment of segments) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function writePath(target: object, segments: readonly string[], value: unknown): void {
  let node = target as Record<string, unknown>;
  for (const segment of segments.slice(0, -1)) {
    // Every group exists already: settings start as a full copy of the built-in defaults.
    node = node[segment] as Record<string, unknown>;
  }
  const last = segments[segments.length - 1];
  if (last !== undefined) node[last] = value;
}

/** Settings never share lists or entries with the documents they came from. */
function copy<T>(value: T): T {
  return typeof value === 'object' && value !== null ? structuredClone(value) : value;
}
