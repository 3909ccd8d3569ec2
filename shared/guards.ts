/**
 * The small type guards every parser in shared/ and both apps starts with: written once here. It sits at the
 * root of shared/ (not in shared/learner) because shared/xapi, shared/policy and shared/skills need it too and
 * must not depend on the learner layer above them (shared/learner imports shared/xapi, never the reverse).
 */

export type UnknownRecord = Record<string, unknown>;

/** An object (not null, not an array): the first check of every parser of unknown JSON. */
export function isRecord(value: unknown): value is UnknownRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A plain object as JSON or structured clone makes it (prototype Object.prototype or null): what a payload
 * crossing a process or extension boundary must be. Class instances, Dates and proxies of other shapes are not.
 */
export function isPlainRecord(value: unknown): value is UnknownRecord {
  if (!isRecord(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Exactly these own keys, no more and no fewer (a payload with a surprise field is refused as a whole). */
export function hasExactKeys(value: UnknownRecord, keys: readonly string[]): boolean {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((k) => Object.hasOwn(value, k));
}

/** A string of at most `max` characters (UTF-16 code units, as `maxLength` counts). */
export function isStringUpTo(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

/** A non-empty string of at most `max` characters. */
export function isNonEmptyStringUpTo(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

/** A finite number (NaN and ±Infinity are not: JSON would carry them as null). */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID in its canonical 8-4-4-4-12 hex form (any version; `crypto.randomUUID()` gives v4). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
