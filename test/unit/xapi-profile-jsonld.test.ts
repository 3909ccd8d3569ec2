/**
 * docs/trailnote.jsonld is the profile of docs/xapi-profile.md as an xAPI Profile (JSON-LD, xAPI Profiles 1.0).
 * No JSON-LD processor runs here (none is installed, and the profile context lives online), so its structure is
 * checked against the Profiles spec's terms, and its IRIs against the code's vocabulary, both ways.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAbsoluteIri } from '../../shared/xapi/iri';
import {
  ACTIVITY_TYPES,
  AGENT_ROLES,
  EXTENSIONS,
  PROFILE_ACTIVITY_ID,
  VERB_IRIS,
} from '../../shared/xapi/vocab';

type Json = Record<string, unknown>;
const doc = JSON.parse(readFileSync('docs/trailnote.jsonld', 'utf8')) as Json;
const concepts = doc.concepts as Json[];
const templates = doc.templates as Json[];
const version = (doc.versions as Json[])[0]!.id as string;

const PROFILE_KEYS = [
  '@context',
  'id',
  'type',
  'conformsTo',
  'prefLabel',
  'definition',
  'seeAlso',
  'versions',
  'author',
  'concepts',
  'templates',
  'patterns',
];
const CONCEPT_KEYS = [
  'id',
  'type',
  'inScheme',
  'prefLabel',
  'definition',
  'deprecated',
  'broader',
  'narrower',
  'related',
  'exactMatch',
  'context',
  'recommendedActivityTypes',
  'recommendedVerbs',
  'inlineSchema',
  'schema',
];
const TEMPLATE_KEYS = [
  'id',
  'type',
  'inScheme',
  'prefLabel',
  'definition',
  'deprecated',
  'verb',
  'objectActivityType',
  'contextGroupingActivityType',
  'contextParentActivityType',
  'contextOtherActivityType',
  'contextCategoryActivityType',
  'attachmentUsageType',
  'objectStatementRefTemplate',
  'contextStatementRefTemplate',
  'rules',
];
const RULE_KEYS = ['location', 'selector', 'presence', 'any', 'all', 'none', 'scopeNote'];
const CONCEPT_TYPES = [
  'Verb',
  'ActivityType',
  'AttachmentUsageType',
  'ContextExtension',
  'ResultExtension',
  'ActivityExtension',
  'Document',
  'Activity',
];

const ids = (type: (t: string) => boolean) =>
  new Set(concepts.filter((c) => type(c.type as string)).map((c) => c.id as string));
const langMap = (v: unknown) =>
  typeof v === 'object' &&
  v !== null &&
  Object.entries(v).every(
    ([k, s]) => /^[a-z]{2}(-[A-Z]{2})?$/.test(k) && typeof s === 'string' && s.length > 0,
  );

describe('docs/trailnote.jsonld (xAPI Profile)', () => {
  it('is a Profile document in the xAPI Profiles JSON-LD vocabulary', () => {
    expect(doc['@context']).toBe('https://w3id.org/xapi/profiles/context');
    expect(doc).toMatchObject({ type: 'Profile', conformsTo: 'https://w3id.org/xapi/profiles#1.0' });
    expect(doc.id).toBe(PROFILE_ACTIVITY_ID);
    expect(Object.keys(doc).filter((k) => !PROFILE_KEYS.includes(k))).toEqual([]);
    expect(langMap(doc.prefLabel) && langMap(doc.definition)).toBe(true);
    for (const c of concepts) {
      expect(
        Object.keys(c).filter((k) => !CONCEPT_KEYS.includes(k)),
        String(c.id),
      ).toEqual([]);
      expect(CONCEPT_TYPES, String(c.id)).toContain(c.type);
      expect(c.inScheme, String(c.id)).toBe(version);
      expect(langMap(c.prefLabel) && langMap(c.definition), String(c.id)).toBe(true);
      if (c.inlineSchema !== undefined)
        expect(() => JSON.parse(c.inlineSchema as string) as unknown).not.toThrow();
    }
    for (const t of templates) {
      expect(
        Object.keys(t).filter((k) => !TEMPLATE_KEYS.includes(k)),
        String(t.id),
      ).toEqual([]);
      expect(t).toMatchObject({ type: 'StatementTemplate', inScheme: version });
      for (const r of t.rules as Json[]) {
        expect(Object.keys(r).filter((k) => !RULE_KEYS.includes(k))).toEqual([]);
        expect(r.location).toMatch(/^\$\./);
        expect(['included', 'excluded', 'recommended']).toContain(r.presence);
      }
    }
  });

  it('uses absolute, unique IRIs for every id', () => {
    const all = [doc.id, version, ...concepts.map((c) => c.id), ...templates.map((t) => t.id)] as string[];
    for (const id of all) expect(isAbsoluteIri(id), id).toBe(true);
    expect(new Set(all).size).toBe(all.length);
  });

  it("has exactly the code's verbs, activity types and extensions (shared/xapi/vocab.ts), both ways", () => {
    const sorted = (xs: Iterable<string>) => [...xs].sort();
    expect(sorted(ids((t) => t === 'Verb'))).toEqual(sorted(Object.values(VERB_IRIS)));
    expect(sorted(ids((t) => t === 'ActivityType'))).toEqual(sorted(Object.values(ACTIVITY_TYPES)));
    expect(sorted(ids((t) => t.endsWith('Extension')))).toEqual(sorted(Object.values(EXTENSIONS)));
    const roles = new Set(
      templates.flatMap((t) =>
        (t.rules as Json[]).flatMap((r) =>
          (r.location as string).includes('relevantTypes') ? (r.any as string[]) : [],
        ),
      ),
    );
    expect(sorted(roles)).toEqual(sorted(Object.values(AGENT_ROLES)));
  });

  it('templates refer only to concepts the profile defines', () => {
    const known = new Set(concepts.map((c) => c.id as string));
    for (const t of templates) {
      expect(known.has(t.verb as string), `${String(t.id)} verb`).toBe(true);
      for (const key of ['objectActivityType', 'contextCategoryActivityType', 'contextParentActivityType']) {
        const v = t[key];
        for (const iri of v === undefined ? [] : Array.isArray(v) ? v : [v])
          expect(known.has(iri as string), `${String(t.id)} ${key}`).toBe(true);
      }
    }
  });
});
