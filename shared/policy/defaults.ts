/**
 * The built-in defaults: the bottom layer of settings. The values themselves are written next to each key
 * in schema.ts (so the managed schema can tell admins about them); this module assembles them.
 */
import type { ObjectNode } from './schema-dsl';
import { policySchema } from './schema';
import type { Settings } from './types';

export { CUSTOM_FRAMEWORK_ID, DEFAULT_CUSTOM_SKILL_BASE_IRI } from './schema';

/** The top-level key that holds a layer of its own rather than settings. */
const RECOMMENDED = 'recommended';

/**
 * A fresh copy of the built-in settings (callers may change it): capture on for all kinds, 30 s of reading,
 * 60 s and 50 % of media, a 5-minute hold, no review, learners may add destinations and invent skills, no
 * destinations.
 */
export function builtInDefaults(): Settings {
  // Sound because Resolve<> requires exactly the keys that have a default or are groups (schema-dsl.ts),
  // and those are the keys collected here; defaults.test.ts compares the result with docs/policy.md.
  return defaultsOf(policySchema, true) as Settings;
}

function defaultsOf(node: ObjectNode, topLevel = false): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(node.properties)) {
    if (topLevel && key === RECOMMENDED) continue;
    if (child.kind === 'object') values[key] = defaultsOf(child);
    else if (child.default !== undefined) values[key] = structuredClone(child.default);
  }
  return values;
}
