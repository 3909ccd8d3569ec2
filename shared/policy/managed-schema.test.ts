import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MANAGED_SCHEMA_FILE, managedSchemaJson, toManagedStorageSchema } from './managed-schema';
import type { ManagedSchemaNode } from './managed-schema';
import { schemaPaths } from './schema-dsl';
import { policySchema } from './schema';
import { POLICY_MD_SAMPLE } from './test-fixtures/policy-md-sample';

const committedPath = fileURLToPath(new URL(`../../${MANAGED_SCHEMA_FILE}`, import.meta.url));

/** The node a schema path (`destinations[].endpoint`) leads to in a managed schema. */
function managedNodeAt(root: ManagedSchemaNode, path: string): ManagedSchemaNode | undefined {
  let node: ManagedSchemaNode | undefined = root;
  for (const step of path.replace(/\[\]/g, '.[]').split('.')) {
    if (!node) return undefined;
    node = step === '[]' ? node.items : node.properties?.[step];
  }
  return node;
}

/**
 * What Chromium hands the extension (components/policy SchemaMap::FilterBundle with SCHEMA_ALLOW_UNKNOWN):
 * undeclared properties removed at any depth; a top-level key whose value does not fit is dropped whole.
 */
function chromiumFilter(
  schema: ManagedSchemaNode,
  document: Record<string, unknown>,
): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(document)) {
    const property = schema.properties?.[key];
    if (!property) continue;
    const normalised = normalise(property, value);
    if (normalised.ok) kept[key] = normalised.value;
  }
  return kept;
}

function normalise(schema: ManagedSchemaNode, value: unknown): { ok: true; value: unknown } | { ok: false } {
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false };
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(value)) {
        const property = schema.properties?.[key];
        if (!property) continue;
        const normalised = normalise(property, child);
        if (!normalised.ok) return normalised;
        out[key] = normalised.value;
      }
      return { ok: true, value: out };
    }
    case 'array': {
      if (!Array.isArray(value) || !schema.items) return { ok: false };
      const out: unknown[] = [];
      for (const item of value) {
        const normalised = normalise(schema.items, item);
        if (!normalised.ok) return normalised;
        out.push(normalised.value);
      }
      return { ok: true, value: out };
    }
    case 'integer':
      return Number.isInteger(value) ? { ok: true, value } : { ok: false };
    case 'number':
      return typeof value === 'number' ? { ok: true, value } : { ok: false };
    case 'string':
    case 'boolean':
      return typeof value === schema.type ? { ok: true, value } : { ok: false };
  }
}

describe('the managed storage schema', () => {
  const generated = toManagedStorageSchema();

  it('is the committed extension/public/managed_schema.json (run: npx tsx scripts/gen-managed-schema.ts)', () => {
    const committed = readFileSync(committedPath, 'utf8');
    // Content first, for a readable diff; then the exact bytes the generator writes.
    expect(JSON.parse(committed)).toEqual(generated);
    expect(committed).toBe(managedSchemaJson());
  });

  it('declares every path the policy schema knows, recommended and list entries included', () => {
    const paths = schemaPaths(policySchema);
    expect(paths).toEqual(
      expect.arrayContaining([
        'destinations[].endpoint',
        'destinations[].token',
        'learner.mustIdentify',
        'capture.holdMinutes',
        'skills.frameworks[].skills[].altNames[]',
        'recommended.capture.holdMinutes',
        'recommended.learner.email',
        'recommended.skills.frameworks[].skills[].id',
      ]),
    );
    const missing = paths.filter((path) => managedNodeAt(generated, path) === undefined);
    expect(missing).toEqual([]);
  });

  it('lets the whole docs/policy.md sample through Chromium unchanged', () => {
    const sample = JSON.parse(POLICY_MD_SAMPLE) as Record<string, unknown>;
    expect(chromiumFilter(generated, sample)).toEqual(sample);
  });

  it('uses only what Chrome supports', () => {
    const allowed = new Set([
      'type',
      'title',
      'description',
      'properties',
      'items',
      'additionalProperties',
      'enum',
      'minimum',
      'maximum',
    ]);
    const types = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);
    const visit = (node: ManagedSchemaNode): void => {
      expect(Object.keys(node).filter((key) => !allowed.has(key))).toEqual([]);
      expect(types.has(node.type)).toBe(true);
      expect(node.description).toBeTruthy();
      Object.values(node.properties ?? {}).forEach(visit);
      if (node.items) visit(node.items);
    };
    expect(generated.type).toBe('object');
    visit(generated);
  });

  it('leaves ranges and enums to our validator by default, and can declare them', () => {
    const hold = managedNodeAt(generated, 'capture.holdMinutes');
    expect(hold).toMatchObject({ type: 'integer' });
    expect(hold?.maximum).toBeUndefined();
    expect(hold?.description).toContain('a whole number from 0 to 10080');
    expect(hold?.description).toContain('Default: 5.');

    const strict = toManagedStorageSchema({ constraints: true });
    expect(managedNodeAt(strict, 'capture.holdMinutes')).toMatchObject({ minimum: 0, maximum: 10080 });
    expect(managedNodeAt(strict, 'destinations[].xapiVersion')).toMatchObject({
      type: 'string',
      enum: ['auto', '1.0.3', '2.0.0'],
    });
  });

  it('is written as 2-space JSON with a final newline', () => {
    const text = managedSchemaJson();
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toMatch(/^ {2}"/);
  });
});
