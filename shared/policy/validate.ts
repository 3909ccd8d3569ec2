/**
 * Validation of a policy document against schema.ts. An invalid document must never stop capture
 * (docs/policy.md § Meaning), so nothing here throws: each invalid key is dropped and named, its valid siblings
 * are kept. The output is built from the schema's own keys only, so keys such as `__proto__` in the input
 * can never reach (or pollute) it.
 */
import { isRecord } from '../guards';
import { checkFormat } from './formats';
import { describeValue, expectationOf } from './messages';
import type { ArrayNode, ObjectNode, SchemaNode, StringNode } from './schema-dsl';
import { policySchema } from './schema';
import type { PolicyDocument, PolicyIssue, PolicyValidation } from './types';

/** Per object, after this many unknown keys the rest are counted instead of listed. */
const MAX_UNKNOWN_KEYS_LISTED = 20;
const MAX_KEY_SHOWN = 60;

type Checked = { ok: true; value: unknown } | { ok: false };
const INVALID: Checked = { ok: false };

interface Context {
  issues: PolicyIssue[];
  source: string | undefined;
}

/**
 * Validates a policy document: a parsed value (managed storage, an imported object) or JSON text (a policy
 * file). `source` names where it came from in the issues. `undefined` means "no document" and is valid.
 */
export function validatePolicy(input: unknown, source?: string): PolicyValidation {
  const context: Context = { issues: [], source };
  try {
    let value = input;
    if (typeof input === 'string') {
      const parsed = parseJson(input);
      if (!parsed.ok) {
        report(context, '', parsed.problem);
        return { document: {}, issues: context.issues };
      }
      value = parsed.value;
    }
    if (value === undefined) return { document: {}, issues: [] };
    const checked = checkNode(policySchema, value, '', context);
    // The one place a checked value meets its type: checkNode kept only what the schema describes.
    const document = (checked.ok ? checked.value : {}) as PolicyDocument;
    return { document, issues: context.issues };
  } catch (error) {
    // Only exotic inputs get here (a Proxy or a getter that throws): treat the whole thing as unreadable.
    report(context, '', `could not be read (${errorText(error)}); it was ignored`);
    return { document: {}, issues: context.issues };
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  // Notepad on Windows saves policy.json with a byte order mark, which JSON.parse refuses.
  const json = text.replace(/^\uFEFF/, '');
  if (json.trim() === '') return { ok: false, problem: 'empty; expected a JSON object' };
  try {
    return { ok: true, value: JSON.parse(json) as unknown };
  } catch (error) {
    return { ok: false, problem: `not valid JSON (${errorText(error)}); nothing in it was applied` };
  }
}

function checkNode(node: SchemaNode, value: unknown, path: string, context: Context): Checked {
  switch (node.kind) {
    case 'object':
      return checkObject(node, value, path, context);
    case 'array':
      return checkArray(node, value, path, context);
    case 'string':
      return checkString(node, value, path, context);
    case 'integer':
    case 'number': {
      const fits =
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (node.kind === 'number' || Number.isInteger(value)) &&
        value >= node.min &&
        value <= node.max;
      return fits ? { ok: true, value } : expected(node, value, path, context);
    }
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : expected(node, value, path, context);
    case 'enum':
      return typeof value === 'string' && node.values.includes(value)
        ? { ok: true, value }
        : expected(node, value, path, context);
  }
}

function checkString(node: StringNode, value: unknown, path: string, context: Context): Checked {
  const secret = node.format === 'secret';
  if (typeof value !== 'string') return expected(node, value, path, context);
  const result = checkFormat(node.format, value, node.maxLength);
  if (!result.ok) {
    report(context, path, `expected ${result.expected}, got ${describeValue(value, { secret })}`);
    return INVALID;
  }
  if (node.reserved?.includes(result.value)) {
    report(
      context,
      path,
      `${describeValue(result.value)} is reserved; choose another ${expectationOf(node)}`,
    );
    return INVALID;
  }
  return { ok: true, value: result.value };
}

function checkObject(node: ObjectNode, value: unknown, path: string, context: Context): Checked {
  if (!isRecord(value)) return expected(node, value, path, context);
  reportUnknownKeys(node, value, path, context);

  const output: Record<string, unknown> = {};
  let anyInvalid = false;
  for (const [key, child] of Object.entries(node.properties)) {
    // Own keys only: an inherited `capture` (prototype tricks) is not part of the document.
    if (!Object.hasOwn(value, key) || value[key] === undefined) continue;
    const checked = checkNode(child, value[key], join(path, key), context);
    if (checked.ok) output[key] = checked.value;
    else anyInvalid = true;
  }
  for (const key of node.required ?? []) {
    if (Object.hasOwn(output, key) || (Object.hasOwn(value, key) && value[key] !== undefined)) continue;
    const child = node.properties[key];
    report(context, join(path, key), `missing; expected ${child ? expectationOf(child) : 'a value'}`);
    anyInvalid = true;
  }
  if (!anyInvalid && node.exactlyOneOf && !hasExactlyOneGroup(node.exactlyOneOf, output)) {
    const groups = node.exactlyOneOf.map((group) => group.join(' and ')).join(', or ');
    const given = node.exactlyOneOf.flat().filter((key) => Object.hasOwn(output, key));
    const got = given.length === 0 ? 'none of them' : given.join(', ');
    report(context, path, `expected either ${groups}, got ${got}`);
    anyInvalid = true;
  }
  return anyInvalid && node.wholeOrNothing ? INVALID : { ok: true, value: output };
}

function hasExactlyOneGroup(
  groups: readonly (readonly string[])[],
  output: Record<string, unknown>,
): boolean {
  const given = (key: string) => Object.hasOwn(output, key);
  const complete = groups.filter((group) => group.every(given));
  const touched = groups.filter((group) => group.some(given));
  return complete.length === 1 && touched.length === 1;
}

function reportUnknownKeys(
  node: ObjectNode,
  value: Record<string, unknown>,
  path: string,
  context: Context,
): void {
  const unknown = Object.keys(value).filter((key) => !Object.hasOwn(node.properties, key));
  for (const key of unknown.slice(0, MAX_UNKNOWN_KEYS_LISTED)) {
    const refused =
      node.refusedKeys && Object.hasOwn(node.refusedKeys, key) ? node.refusedKeys[key] : undefined;
    const suggestion = closestKey(key, Object.keys(node.properties));
    const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
    report(
      context,
      join(path, shownKey(key)),
      refused ? `${refused}; ignored` : `unknown key, ignored${hint}`,
    );
  }
  if (unknown.length > MAX_UNKNOWN_KEYS_LISTED) {
    const more = unknown.length - MAX_UNKNOWN_KEYS_LISTED;
    report(context, path, `${more} more unknown keys, ignored`);
  }
}

function checkArray(node: ArrayNode, value: unknown, path: string, context: Context): Checked {
  if (!Array.isArray(value)) return expected(node, value, path, context);
  let items: readonly unknown[] = value;
  if (items.length > node.maxItems) {
    report(context, path, `too many entries (${items.length}); kept the first ${node.maxItems}`);
    items = items.slice(0, node.maxItems);
  }
  const output: unknown[] = [];
  const firstIndexOf = new Map<unknown, number>();
  items.forEach((item, index) => {
    const itemPath = `${path}[${index}]`;
    const issuesBefore = context.issues.length;
    const checked = checkNode(node.items, item, itemPath, context);
    if (!checked.ok) {
      if (node.items.kind === 'object' && isRecord(item)) {
        const problems =
          context.issues.length - issuesBefore === 1 ? 'the problem above' : 'the problems above';
        report(context, itemPath, `this entry${idOf(item)} was ignored because of ${problems}`);
      }
      return;
    }
    const key = uniqueKey(node, checked.value);
    const first = key === undefined ? undefined : firstIndexOf.get(key);
    if (first !== undefined) {
      report(context, itemPath, `duplicate of ${path}[${first}] (${describeValue(key)}), ignored`);
      return;
    }
    if (key !== undefined) firstIndexOf.set(key, index);
    output.push(checked.value);
  });
  return { ok: true, value: output };
}

function uniqueKey(node: ArrayNode, value: unknown): unknown {
  if (node.uniqueBy === undefined) return undefined;
  if (node.uniqueBy === 'value') return value;
  return isRecord(value) ? value[node.uniqueBy] : undefined;
}

function expected(node: SchemaNode, value: unknown, path: string, context: Context): Checked {
  const secret = node.kind === 'string' && node.format === 'secret';
  report(context, path, `expected ${expectationOf(node)}, got ${describeValue(value, { secret })}`);
  return INVALID;
}

function report(context: Context, path: string, problem: string): void {
  const issue: PolicyIssue = { path, message: `${path || 'policy document'}: ${problem}` };
  if (context.source !== undefined) issue.source = context.source;
  context.issues.push(issue);
}

// ---- small helpers

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function shownKey(key: string): string {
  return key.length > MAX_KEY_SHOWN ? `${key.slice(0, MAX_KEY_SHOWN)}…` : key;
}

function idOf(item: Record<string, unknown>): string {
  const id = Object.hasOwn(item, 'id') ? item.id : undefined;
  return typeof id === 'string' && id.length <= MAX_KEY_SHOWN ? ` (id ${JSON.stringify(id)})` : '';
}

function errorText(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'unknown error';
  }
}

/** A known key the admin probably meant: same letters in another case, or at most two typos away. */
function closestKey(key: string, known: readonly string[]): string | undefined {
  if (key.length > MAX_KEY_SHOWN) return undefined;
  const lower = key.toLowerCase();
  const sameCase = known.find((candidate) => candidate.toLowerCase() === lower);
  if (sameCase) return sameCase;
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (
      distance <= 2 &&
      distance < Math.min(3, candidate.length / 2) &&
      (!best || distance < best.distance)
    ) {
      best = { key: candidate, distance };
    }
  }
  return best?.key;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
