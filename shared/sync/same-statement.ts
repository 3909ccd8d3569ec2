/**
 * Does the statement an LRS holds say the same as the one we queued? Used after a 409 (xapi-profile.md
 * § Sending): the LRS adds `stored`, `authority` and `version`, may spell out default `objectType`s and may
 * rewrite the timestamp's format, none of which changes what the statement says (D 2.4, statement comparison).
 */
export function sameStatement(queued: unknown, stored: unknown): boolean {
  return stableJson(comparable(queued)) === stableJson(comparable(stored));
}

const LRS_OWNED = new Set(['stored', 'authority', 'version']);

function comparable(statement: unknown): unknown {
  if (!isRecord(statement)) return statement;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(statement)) {
    if (LRS_OWNED.has(key)) continue;
    out[key] = key === 'timestamp' && typeof value === 'string' ? Date.parse(value) : dropDefaults(value);
  }
  return out;
}

function dropDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => dropDefaults(v));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'objectType' && (v === 'Agent' || v === 'Activity')) continue;
    out[k] = dropDefaults(v);
  }
  return out;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
