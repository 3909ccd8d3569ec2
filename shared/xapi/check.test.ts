import { describe, expect, it } from 'vitest';
import { buildArticleRead } from './builders/article';
import { buildVoided } from './builders/voided';
import { checkStatement } from './check';
import { testContext } from './test-support';
import type { XapiStatement } from './types';

type Mutation = (st: XapiStatement) => void;

function validStatement(): XapiStatement {
  const st = buildArticleRead(
    {
      url: 'https://example.com/a',
      keepQueryStrings: false,
      title: 'A',
      engagedSeconds: 61,
      completed: true,
      scrollDepth: 0.5,
    },
    testContext({ reflection: 'r' }),
  );
  return JSON.parse(JSON.stringify(st)) as XapiStatement;
}

/** The object holding the last segment of a dotted path (creating nothing: the path must exist). */
function parentOf(root: unknown, path: string): [Record<string, unknown>, string] {
  const keys = path.split('.');
  const last = keys.pop() ?? '';
  let node = root;
  for (const key of keys) node = (node as Record<string, unknown>)[key];
  return [node as Record<string, unknown>, last];
}

/** A mutation setting `path` (dotted) to any value, including ones the types forbid. */
const set =
  (path: string, value: unknown): Mutation =>
  (st) => {
    const [parent, key] = parentOf(st, path);
    parent[key] = value;
  };

/** A mutation deleting `path`. */
const del =
  (path: string): Mutation =>
  (st) => {
    const [parent, key] = parentOf(st, path);
    delete parent[key];
  };

/** Applies mutations to a fresh valid statement (as plain JSON) and returns the problems found. */
function problemsAfter(...mutations: Mutation[]): string[] {
  const st = validStatement();
  for (const mutate of mutations) mutate(st);
  return checkStatement(st);
}

describe('checkStatement', () => {
  it('accepts a statement from the builders', () => {
    expect(checkStatement(validStatement())).toEqual([]);
  });

  it('rejects a non-object', () => {
    expect(checkStatement(null)).toEqual(['statement: must be a JSON object']);
    expect(checkStatement([])).toEqual(['statement: must be a JSON object']);
  });

  it.each<[string, Mutation, string]>([
    ['non-UUID id', set('id', 'abc'), 'statement.id: must be a UUID'],
    ['missing id', del('id'), 'statement.id: must be a UUID'],
    [
      'stored',
      set('stored', '2025-01-01T00:00:00Z'),
      'statement.stored: is set by the LRS and must not be sent',
    ],
    [
      'authority',
      set('authority', { objectType: 'Agent', mbox: 'mailto:lrs@acme.example' }),
      'statement.authority: is set by the LRS and must not be sent',
    ],
    ['version', set('version', '1.0.3'), 'statement.version: is set by the LRS and must not be sent'],
    ['unknown property', set('foo', 1), 'statement.foo: is not a property we send'],
    [
      'two IFIs',
      set('actor.account', { homePage: 'https://sso.example', name: 'ada' }),
      'statement.actor: must have exactly one identifier (mbox, mbox_sha1sum or account), has 2',
    ],
    [
      'no IFI',
      del('actor.mbox'),
      'statement.actor: must have exactly one identifier (mbox, mbox_sha1sum or account), has 0',
    ],
    [
      'mbox without mailto',
      set('actor.mbox', 'ada@acme.example'),
      'statement.actor.mbox: must be mailto:<address>',
    ],
    [
      'relative account homePage',
      (st) => {
        del('actor.mbox')(st);
        set('actor.account', { homePage: '/sso', name: 'ada' })(st);
      },
      'statement.actor.account.homePage: must be an absolute IRI',
    ],
    ['relative verb id', set('verb.id', 'read'), 'statement.verb.id: must be an absolute IRI'],
    [
      'empty verb display',
      set('verb.display', {}),
      'statement.verb.display: must be a non-empty language map',
    ],
    [
      'bad language key',
      set('verb.display', { en_GB: 'read' }),
      'statement.verb.display.en_GB: key is not a language tag',
    ],
    ['relative object id', set('object.id', '/a'), 'statement.object.id: must be an absolute IRI'],
    [
      'relative type',
      set('object.definition.type', 'article'),
      'statement.object.definition.type: must be an absolute IRI',
    ],
    [
      'empty name value',
      set('object.definition.name', { en: '' }),
      'statement.object.definition.name.en: must be a non-empty string',
    ],
    [
      'null in definition',
      set('object.definition.description', null),
      'statement.object.definition.description: is null',
    ],
    [
      'SubStatement object',
      set('object.objectType', 'SubStatement'),
      'statement.object.objectType: must be "Activity" or "StatementRef"',
    ],
    [
      'P1D duration',
      set('result.duration', 'P1DT1H'),
      'statement.result.duration: must be PT#H#M#.##S (at most 2 decimals)',
    ],
    [
      '3-decimal duration',
      set('result.duration', 'PT1.123S'),
      'statement.result.duration: must be PT#H#M#.##S (at most 2 decimals)',
    ],
    [
      'non-boolean completion',
      set('result.completion', 'yes'),
      'statement.result.completion: must be a boolean',
    ],
    [
      'relative extension key',
      set('result.extensions', { depth: 1 }),
      'statement.result.extensions["depth"]: must be an absolute IRI',
    ],
    [
      'NaN in extensions',
      set('result.extensions', { 'https://x.example/e': Number.NaN }),
      'statement.result.extensions.https://x.example/e: is not a finite number',
    ],
    [
      'single object instead of array',
      set('context.contextActivities.parent', { objectType: 'Activity', id: 'https://x.example' }),
      'statement.context.contextActivities.parent: must be an array',
    ],
    [
      'category without profile',
      (st) => void st.context.contextActivities.category.shift(),
      'statement.context.contextActivities.category: must hold the Trailnote profile activity',
    ],
    [
      'bad context language',
      set('context.language', 'english!'),
      'statement.context.language: must be a language tag',
    ],
    [
      'missing context',
      del('context'),
      'statement.context: must be an object (every statement carries the profile category)',
    ],
    [
      'bad timestamp',
      set('timestamp', '10 March 2025'),
      'statement.timestamp: must be an ISO 8601 timestamp with a time zone',
    ],
    [
      'timestamp without zone',
      set('timestamp', '2025-03-10T10:00:00'),
      'statement.timestamp: must be an ISO 8601 timestamp with a time zone',
    ],
    [
      '-00:00 offset',
      set('timestamp', '2025-03-10T10:00:00-00:00'),
      'statement.timestamp: must not use the -00:00 offset',
    ],
  ])('%s', (_name, mutate, expected) => {
    expect(problemsAfter(mutate)).toContain(expected);
  });

  it('allows null inside extensions (the spec does), but not undefined anywhere', () => {
    expect(problemsAfter(set('context.extensions', { 'https://x.example/e': null }))).toEqual([]);
    expect(problemsAfter(set('context.extensions', { 'https://x.example/e': undefined }))).toEqual([
      'statement.context.extensions.https://x.example/e: is undefined',
    ]);
  });

  it('rejects platform when the object is a StatementRef', () => {
    const voided = buildVoided({ originalId: '5d6e7f80-1a2b-4c3d-9e8f-0a1b2c3d4e5f' }, testContext());
    expect(checkStatement(voided)).toEqual([]);
    voided.context.platform = 'example.com';
    expect(checkStatement(voided)).toEqual([
      'statement.context.platform: is only allowed when the object is an Activity',
    ]);
  });

  it('reports every problem at once', () => {
    const problems = problemsAfter(set('id', 'x'), set('verb.id', 'y'), set('timestamp', 'z'));
    expect(problems).toHaveLength(3);
  });
});
