/**
 * Words for admins: what a key expects, what a value was, and the summary shown on the extension's options
 * page and in the desktop status window. Kept apart from validation so both surfaces phrase things alike.
 */
import { FORMAT_EXPECTATION } from './formats';
import type { SchemaNode } from './schema-dsl';
import type { PolicyIssue } from './types';

/** Beyond this many, the summary says how many more there are instead of listing them. */
const MAX_LISTED_ISSUES = 50;
const MAX_QUOTED_LENGTH = 60;

/** "a whole number from 0 to 10080", "one of "auto", "1.0.3", "2.0.0"", ... */
export function expectationOf(node: SchemaNode): string {
  switch (node.kind) {
    case 'string':
      return FORMAT_EXPECTATION[node.format];
    case 'integer':
      return `a whole number from ${node.min} to ${node.max}`;
    case 'number':
      return `a number from ${node.min} to ${node.max}`;
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${node.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'array':
      return `a list (each ${expectationOf(node.items)})`;
    case 'object':
      return 'an object';
  }
}

/**
 * How to name a value the admin wrote. Secrets are only described by kind, so a wrong password never ends up
 * on screen or in a log.
 */
export function describeValue(value: unknown, options: { secret?: boolean } = {}): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  switch (typeof value) {
    case 'string':
      if (options.secret) return value === '' ? 'an empty text' : 'a text';
      return JSON.stringify(
        value.length > MAX_QUOTED_LENGTH ? `${value.slice(0, MAX_QUOTED_LENGTH)}…` : value,
      );
    case 'number':
      return options.secret ? 'a number' : String(value);
    case 'boolean':
      return options.secret ? 'true or false' : String(value);
    case 'object':
      return 'an object';
    case 'undefined':
      return 'nothing';
    default:
      return `a ${typeof value}`;
  }
}

/**
 * A multi-line summary of validation issues for people, grouped by source; `''` when there are none, so
 * callers can show nothing.
 */
export function describeIssues(issues: readonly PolicyIssue[]): string {
  if (issues.length === 0) return '';
  const bySource = new Map<string, PolicyIssue[]>();
  for (const issue of issues) {
    const source = issue.source ?? 'the policy';
    bySource.set(source, [...(bySource.get(source) ?? []), issue]);
  }
  const lines: string[] = [];
  let listed = 0;
  for (const [source, group] of bySource) {
    const count = group.length === 1 ? '1 problem' : `${group.length} problems`;
    lines.push(`${count} in ${source}. The keys named were ignored; everything else applies.`);
    for (const issue of group) {
      if (listed === MAX_LISTED_ISSUES) break;
      lines.push(`  • ${issue.message}`);
      listed += 1;
    }
    if (listed === MAX_LISTED_ISSUES) break;
  }
  if (issues.length > listed) lines.push(`  …and ${issues.length - listed} more.`);
  return lines.join('\n');
}
