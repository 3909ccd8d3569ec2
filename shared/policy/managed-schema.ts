/**
 * Chrome's managed-storage schema (`storage.managed_schema` in the manifest), generated from schema.ts.
 *
 * Chromium hands the extension only what this schema declares: an undeclared key or nested property never
 * reaches `chrome.storage.managed` (ENVIRONMENT.md). So every key, down to list entries, is declared here.
 *
 * Chromium also checks each top-level key's whole value against the schema (components/policy, SchemaMap::
 * FilterBundle) and drops the key entirely when anything inside it fails. Declaring ranges and enums would
 * therefore turn one out-of-range `capture.holdMinutes` into a silently missing `capture`. By default we
 * declare types and structure only, and leave ranges to validatePolicy, which drops just the bad leaf and
 * names it (docs/policy.md: valid keys still apply). The ranges are still written in each description.
 */
import { FORMAT_EXPECTATION } from './formats';
import { expectationOf } from './messages';
import type { SchemaNode } from './schema-dsl';
import { policySchema } from './schema';

/** The part of JSON Schema that Chrome's policy schema understands and that we use. */
export interface ManagedSchemaNode {
  type: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  title?: string;
  description?: string;
  properties?: Record<string, ManagedSchemaNode>;
  items?: ManagedSchemaNode;
  enum?: string[];
  minimum?: number;
  maximum?: number;
}

export interface ManagedSchemaOptions {
  /**
   * Also declare `minimum`, `maximum` and `enum`. Off by default: Chrome would then drop a whole top-level
   * key for one bad value inside it, without telling the extension (see above).
   */
  constraints?: boolean;
}

/** The file the extension ships, relative to the repository root. */
export const MANAGED_SCHEMA_FILE = 'extension/public/managed_schema.json';

export function toManagedStorageSchema(options: ManagedSchemaOptions = {}): ManagedSchemaNode {
  return { title: 'Trailnote policy', ...toManaged(policySchema, options) };
}

/** The file's exact text: 2-space JSON and a final newline. */
export function managedSchemaJson(options: ManagedSchemaOptions = {}): string {
  return `${JSON.stringify(toManagedStorageSchema(options), null, 2)}\n`;
}

function toManaged(node: SchemaNode, options: ManagedSchemaOptions): ManagedSchemaNode {
  const description = describeForAdmins(node);
  switch (node.kind) {
    case 'object': {
      const properties: Record<string, ManagedSchemaNode> = {};
      for (const [key, child] of Object.entries(node.properties)) properties[key] = toManaged(child, options);
      return { type: 'object', description, properties };
    }
    case 'array':
      return { type: 'array', description, items: toManaged(node.items, options) };
    case 'string':
      return { type: 'string', description };
    case 'enum':
      return { type: 'string', description, ...(options.constraints ? { enum: [...node.values] } : {}) };
    case 'integer':
    case 'number':
      return {
        type: node.kind,
        description,
        ...(options.constraints ? { minimum: node.min, maximum: node.max } : {}),
      };
    case 'boolean':
      return { type: 'boolean', description };
  }
}

/** The key's sentence, plus what it accepts and its default, so admins see the contract in their tools. */
function describeForAdmins(node: SchemaNode): string {
  const parts = [node.description];
  if (node.kind === 'string') parts.push(`Expects ${FORMAT_EXPECTATION[node.format]}.`);
  if (node.kind === 'integer' || node.kind === 'number' || node.kind === 'enum') {
    parts.push(`Expects ${expectationOf(node)}.`);
  }
  if (node.kind === 'object' && node.required) parts.push(`Required: ${node.required.join(', ')}.`);
  if (node.kind === 'object' && node.exactlyOneOf) {
    const groups = node.exactlyOneOf.map((group) => group.join(' and ')).join(', or ');
    parts.push(`Give either ${groups}.`);
  }
  if (node.kind !== 'object' && node.default !== undefined)
    parts.push(`Default: ${JSON.stringify(node.default)}.`);
  return parts.join(' ');
}
