// Turns a 1EdTech CASE 1.0/1.1 package (CFPackage: CFDocument + CFItems + CFAssociations, as a CASE
// provider's /CFPackages/{id} endpoint returns it) into a SkillFramework. Like the ESCO CSV importer, bad
// items are skipped and reported rather than failing the whole package.
//
// Which items are skills: a CASE framework mixes the statements learners work towards with the headings
// that organise them (domains, strands, clusters, grade levels...) and annotations (clarifications,
// examples). An item is a skill when
//   1. its type (CFItemType, else the title of its CFItemTypeURI) names a skill-like type (competency,
//      skill, standard, learning objective, outcome, indicator, ...): kept, even if it has children;
//   2. its type names a structural or annotation type (domain, strand, cluster, category, grade level,
//      course, unit, section, clarification, example, ...): left out;
//   3. otherwise (no type, or one we do not know): kept only when it is a leaf, i.e. no other item is
//      `isChildOf` it: a node that groups other items is taken for a heading.

import { isRecord, type UnknownRecord } from '../guards';
import { collapseWhitespace, normalizeLabel } from './text';
import { isHttpIri } from './iri';
import {
  MAX_FRAMEWORK_SKILLS,
  reportProblems,
  type FrameworkParseResult,
  type ParseLimits,
} from './parse-result';
import { MAX_SKILL_NAME_LENGTH, type Skill, type SkillFramework } from './types';

/** As the policy's skill `description` (schema.ts). */
const MAX_DESCRIPTION_LENGTH = 2_000;

const SKILL_TYPES = new Set([
  'ability',
  'benchmark',
  'competence',
  'competency',
  'element',
  'expectation',
  'indicator',
  'knowledge',
  'learning objective',
  'learning outcome',
  'learning target',
  'objective',
  'outcome',
  'performance expectation',
  'performance indicator',
  'skill',
  'standard',
  'sub competency',
  'target',
]);

const NON_SKILL_TYPES = new Set([
  'category',
  'chapter',
  'clarification',
  'cluster',
  'competency framework',
  'competency group',
  'course',
  'domain',
  'example',
  'framework',
  'grade',
  'grade level',
  'group',
  'grouping',
  'heading',
  'note',
  'section',
  'skill group',
  'standard grouping',
  'strand',
  'sub strand',
  'subject',
  'unit',
]);

const text = (value: unknown): string => (typeof value === 'string' ? collapseWhitespace(value) : '');

/** "Learning_Objective", "sub-strand", "Standards" → "learning objective", "sub strand", "standards". */
function typeKey(type: string): string {
  return normalizeLabel(type.replace(/[-_]+/g, ' '));
}

/** Whether an item type names a skill (true), a non-skill (false), or nothing we know (undefined). */
export function classifyCaseItemType(type: string): boolean | undefined {
  const key = typeKey(type);
  if (key === '') return undefined;
  const singular = key.endsWith('ies') ? `${key.slice(0, -3)}y` : key.endsWith('s') ? key.slice(0, -1) : key;
  if (SKILL_TYPES.has(key) || SKILL_TYPES.has(singular)) return true;
  if (NON_SKILL_TYPES.has(key) || NON_SKILL_TYPES.has(singular)) return false;
  return undefined;
}

/** A label that fits the background's limit: cut at a word boundary, with an ellipsis. */
function clipName(name: string): string {
  if (name.length <= MAX_SKILL_NAME_LENGTH) return name;
  const cut = name.slice(0, MAX_SKILL_NAME_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_SKILL_NAME_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The package itself, whether given bare or wrapped as `{ "CFPackage": { ... } }`. */
function packageOf(value: unknown): UnknownRecord | undefined {
  if (!isRecord(value)) return undefined;
  if (Array.isArray(value.CFItems)) return value;
  return isRecord(value.CFPackage) ? value.CFPackage : undefined;
}

/** Identifiers and URIs of every node some other node `isChildOf`. */
function parentsOf(associations: unknown): Set<string> {
  const parents = new Set<string>();
  if (!Array.isArray(associations)) return parents;
  for (const association of associations) {
    if (!isRecord(association) || association.associationType !== 'isChildOf') continue;
    const destination = association.destinationNodeURI;
    if (!isRecord(destination)) continue;
    for (const key of ['identifier', 'uri'] as const) {
      const value = destination[key];
      if (typeof value === 'string' && value !== '') parents.add(value);
    }
  }
  return parents;
}

/** Titles of the package's item types by identifier and URI (for items that only link their type). */
function itemTypeTitles(definitions: unknown): Map<string, string> {
  const titles = new Map<string, string>();
  const types = isRecord(definitions) ? definitions.CFItemTypes : undefined;
  if (!Array.isArray(types)) return titles;
  for (const type of types) {
    if (!isRecord(type) || typeof type.title !== 'string') continue;
    if (typeof type.identifier === 'string') titles.set(type.identifier, type.title);
    if (typeof type.uri === 'string') titles.set(type.uri, type.title);
  }
  return titles;
}

function itemTypeOf(item: UnknownRecord, titles: ReadonlyMap<string, string>): string {
  const direct = text(item.CFItemType);
  if (direct !== '') return direct;
  const link = item.CFItemTypeURI;
  if (!isRecord(link)) return '';
  const title = text(link.title);
  if (title !== '') return title;
  for (const key of ['identifier', 'uri'] as const) {
    const value = link[key];
    const known = typeof value === 'string' ? titles.get(value) : undefined;
    if (known) return known;
  }
  return '';
}

function isLeaf(item: UnknownRecord, parents: ReadonlySet<string>): boolean {
  return ![item.identifier, item.uri].some((key) => typeof key === 'string' && parents.has(key));
}

/** Parses the JSON text of a CASE package. */
export function parseCaseJson(
  json: string,
  meta: { id: string; name: string },
  limits: ParseLimits = {},
): FrameworkParseResult {
  const framework: SkillFramework = { id: meta.id, name: meta.name, skills: [] };
  const problems: string[] = [];
  let value: unknown;
  try {
    value = JSON.parse(json.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { framework, problems: [`not valid JSON (${reason})`] };
  }
  const pkg = packageOf(value);
  if (!pkg) {
    return { framework, problems: ['not a CASE package: expected an object with a CFItems list'] };
  }

  const maxSkills = limits.maxSkills ?? MAX_FRAMEWORK_SKILLS;
  const parents = parentsOf(pkg.CFAssociations);
  const typeTitles = itemTypeTitles(pkg.CFDefinitions);
  const items = pkg.CFItems as unknown[];
  const firstIndexOf = new Map<string, number>();
  let dropped = 0;

  items.forEach((item, index) => {
    const where = `CFItems[${index}]`;
    if (!isRecord(item)) {
      problems.push(`${where}: not an object`);
      return;
    }
    const type = itemTypeOf(item, typeTitles);
    const kind = classifyCaseItemType(type);
    if (kind === false || (kind === undefined && !isLeaf(item, parents))) return; // a heading: rule above

    const uri = typeof item.uri === 'string' ? item.uri.trim() : '';
    const identifier = text(item.identifier);
    const label = identifier === '' ? where : `${where} (${identifier})`;
    if (!isHttpIri(uri)) {
      problems.push(
        uri === '' ? `${label}: missing uri` : `${label}: uri "${uri}" is not an absolute http(s) IRI`,
      );
      return;
    }
    const full = text(item.fullStatement);
    const abbreviated = text(item.abbreviatedStatement);
    const statement = abbreviated || full;
    if (statement === '') {
      problems.push(`${label}: missing fullStatement`);
      return;
    }
    const first = firstIndexOf.get(uri);
    if (first !== undefined) {
      problems.push(`${label}: duplicate uri ${uri} (first in CFItems[${first}])`);
      return;
    }
    if (framework.skills.length >= maxSkills) {
      dropped++;
      return;
    }
    firstIndexOf.set(uri, index);

    const name = clipName(statement);
    const skill: Skill = { id: uri, name, frameworkId: meta.id };
    const seen = new Set([normalizeLabel(name)]);
    const altNames: string[] = [];
    const keywords: unknown[] = Array.isArray(item.conceptKeywords) ? item.conceptKeywords : [];
    for (const alt of [item.humanCodingScheme, full, ...keywords].map(text)) {
      const key = normalizeLabel(alt);
      if (key === '' || seen.has(key) || alt.length > MAX_SKILL_NAME_LENGTH) continue;
      seen.add(key);
      altNames.push(alt);
    }
    if (altNames.length > 0) skill.altNames = altNames;
    if (full !== '' && full !== name) skill.description = full.slice(0, MAX_DESCRIPTION_LENGTH);
    framework.skills.push(skill);
  });

  if (framework.skills.length === 0 && problems.length === 0) {
    problems.push(
      'no skills found: every item is a heading (domain, strand, cluster...) or the list is empty',
    );
  }
  return { framework, problems: reportProblems(problems, dropped, maxSkills) };
}
