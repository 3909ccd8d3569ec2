import { describe, expect, it } from 'vitest';
import { leafPaths, nodeAt, schemaPaths } from './schema-dsl';
import type { SchemaNode } from './schema-dsl';
import { policySchema } from './schema';
import { POLICY_MD_SAMPLE } from './test-fixtures/policy-md-sample';

/** Paths of a JSON value in the `a.b[].c` notation of schemaPaths. */
function valuePaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value))
    return value.flatMap((item) => [`${prefix}[]`, ...valuePaths(item, `${prefix}[]`)]);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [path, ...valuePaths(child, path)];
  });
}

describe('the policy schema', () => {
  it('knows every key of the docs/policy.md sample', () => {
    const known = new Set(schemaPaths(policySchema));
    const unknown = valuePaths(JSON.parse(POLICY_MD_SAMPLE)).filter((path) => !known.has(path));
    expect(unknown).toEqual([]);
  });

  it('keeps the key names admins depend on (docs/policy.md; never rename)', () => {
    expect(leafPaths(policySchema).filter((path) => !path.startsWith('recommended.'))).toEqual([
      'destinations',
      'allowLearnerDestinations',
      'learner.name',
      'learner.email',
      'learner.accountHomePage',
      'learner.accountName',
      'learner.mustIdentify',
      'capture.enabled',
      'capture.kinds',
      'capture.articleMinSeconds',
      'capture.mediaMinSeconds',
      'capture.mediaMinPercent',
      'capture.holdMinutes',
      'capture.reviewBeforeSync',
      'capture.blockedDomains',
      'capture.allowedDomains',
      'capture.allowedPrivateHosts',
      'capture.keepQueryStrings',
      'skills.frameworks',
      'skills.allowCustom',
      'skills.customBaseIri',
    ]);
    expect(schemaPaths(policySchema)).toEqual(
      expect.arrayContaining([
        'destinations[].id',
        'destinations[].name',
        'destinations[].endpoint',
        'destinations[].username',
        'destinations[].password',
        'destinations[].token',
        'destinations[].xapiVersion',
        'skills.frameworks[].id',
        'skills.frameworks[].name',
        'skills.frameworks[].skills[].id',
        'skills.frameworks[].skills[].name',
        'skills.frameworks[].skills[].altNames',
        'recommended.capture.holdMinutes',
      ]),
    );
  });

  it('describes every key for admins', () => {
    const visit = (node: SchemaNode, path: string): void => {
      expect(node.description.trim(), path).not.toBe('');
      if (node.kind === 'object')
        for (const [key, child] of Object.entries(node.properties)) visit(child, `${path}.${key}`);
      if (node.kind === 'array') visit(node.items, `${path}[]`);
    };
    visit(policySchema, '');
  });

  it('gives sensible ranges and defaults inside them', () => {
    const visit = (node: SchemaNode): void => {
      if (node.kind === 'integer' || node.kind === 'number') {
        expect(node.min).toBeLessThanOrEqual(node.max);
        if (node.default !== undefined) expect(node.default).toBeGreaterThanOrEqual(node.min);
        if (node.default !== undefined) expect(node.default).toBeLessThanOrEqual(node.max);
      }
      if (node.kind === 'enum' && node.default !== undefined) expect(node.values).toContain(node.default);
      if (node.kind === 'object') Object.values(node.properties).forEach(visit);
      if (node.kind === 'array') visit(node.items);
    };
    visit(policySchema);
  });

  it('finds nodes by dotted path', () => {
    expect(nodeAt(policySchema, 'capture.holdMinutes')).toMatchObject({ kind: 'integer', max: 10080 });
    expect(nodeAt(policySchema, 'capture.nope')).toBeUndefined();
    expect(nodeAt(policySchema, 'capture.holdMinutes.deeper')).toBeUndefined();
    expect(nodeAt(policySchema, 'toString')).toBeUndefined();
  });
});
