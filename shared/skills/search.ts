// Label search over several skill frameworks at once, for the skill picker: the learner types a few letters
// and expects "proj man" to find "project management", "resume" to find "résumé", and an exact label first.
// The index is built once; each search is a linear scan over pre-normalised labels, which stays well under
// a millisecond per keystroke for the ~1,400 skills of ESCO's digital and transversal collections.

import { stem } from './stem';
import { normalizeLabel, words } from './text';
import type { Skill, SkillFramework } from './types';

export interface FrameworkRef {
  id: string;
  name: string;
}

export interface SkillMatch {
  skill: Skill;
  framework: FrameworkRef;
  /** The label (preferred or alternative) that matched, as written in the framework. */
  matchedLabel: string;
  /** Higher is better; only meaningful for comparing matches of the same query. */
  score: number;
}

export interface IndexedLabel {
  text: string;
  /** Folded and whitespace-collapsed, for whole-label comparison. */
  normalized: string;
  /** `normalized` without spaces or punctuation, so "front end" and "front-end" meet "frontend". */
  compact: string;
  words: string[];
  /** `words`, stemmed. */
  stems: string[];
  /** Preferred label of the skill (else an alternative label). */
  preferred: boolean;
}

export interface IndexedSkill {
  skill: Skill;
  framework: FrameworkRef;
  labels: IndexedLabel[];
}

export interface SkillIndex {
  /** Best matches for what the learner typed, best first; [] for a blank query. */
  search(query: string, limit?: number): SkillMatch[];
  /** The skill with this IRI, from the first framework that lists it. */
  get(iri: string): Skill | undefined;
  /** Every distinct skill with its searchable labels (read by suggestions). */
  readonly entries: readonly IndexedSkill[];
  /** Distinct attribution texts of the indexed frameworks, to show next to their labels. */
  readonly attributions: readonly string[];
}

/** How a label matched, weakest first. Each step is worth more than any bonus within a step. */
const Strength = {
  None: 0,
  Substring: 1,
  /** Same word stems: "negotiation" finds "negotiate", "time management" finds "manage time". */
  StemPrefixes: 2,
  WordPrefixesAnyOrder: 3,
  WordPrefixesInOrder: 4,
  LabelPrefix: 5,
  Exact: 6,
} as const;
type Strength = (typeof Strength)[keyof typeof Strength];
const STRENGTH_STEP = 10;
/** Preferred over alternative label at equal strength: larger than the largest closeness bonus. */
const PREFERRED_BONUS = 5;
const MAX_CLOSENESS_BONUS = 4;

function indexLabel(text: string, preferred: boolean): IndexedLabel {
  const normalized = normalizeLabel(text);
  const labelWords = words(text);
  return {
    text,
    normalized,
    compact: compactForm(normalized),
    words: labelWords,
    stems: labelWords.map(stem),
    preferred,
  };
}

function compactForm(normalized: string): string {
  return normalized.replace(/[^\p{L}\p{N}]+/gu, '');
}

/** True when every query word is the prefix of a later label word than the previous one matched. */
function wordPrefixesInOrder(queryWords: readonly string[], labelWords: readonly string[]): boolean {
  let next = 0;
  for (const queryWord of queryWords) {
    while (next < labelWords.length && !labelWords[next]?.startsWith(queryWord)) next++;
    if (next === labelWords.length) return false;
    next++;
  }
  return true;
}

/**
 * True when every query word is the prefix of a distinct label word, in any order (also used on stems).
 * Greedy; labels are short, and this runs for every label on every keystroke, so it allocates nothing.
 */
function wordPrefixesAnyOrder(queryWords: readonly string[], labelWords: readonly string[]): boolean {
  let used = 0; // bit i set: label word i already taken (labels beyond 31 words fall back to reuse)
  for (const queryWord of queryWords) {
    let found = false;
    for (let i = 0; i < labelWords.length; i++) {
      const bit = i < 31 ? 1 << i : 0;
      if (used & bit || !labelWords[i]?.startsWith(queryWord)) continue;
      used |= bit;
      found = true;
      break;
    }
    if (!found) return false;
  }
  return true;
}

interface PreparedQuery {
  normalized: string;
  compact: string;
  words: string[];
  stems: string[];
}

function prepareQuery(query: string): PreparedQuery {
  const normalized = normalizeLabel(query);
  const queryWords = words(query);
  return { normalized, compact: compactForm(normalized), words: queryWords, stems: queryWords.map(stem) };
}

function strengthOf(query: PreparedQuery, label: IndexedLabel): Strength {
  if (label.normalized === query.normalized) return Strength.Exact;
  if (label.normalized.startsWith(query.normalized)) return Strength.LabelPrefix;
  if (query.words.length > 0 && query.words.length <= label.words.length) {
    if (wordPrefixesInOrder(query.words, label.words)) return Strength.WordPrefixesInOrder;
    if (wordPrefixesAnyOrder(query.words, label.words)) return Strength.WordPrefixesAnyOrder;
    if (wordPrefixesAnyOrder(query.stems, label.stems)) return Strength.StemPrefixes;
  }
  if (label.normalized.includes(query.normalized)) return Strength.Substring;
  // Only for queries with some substance: "c#" compacts to "c", which is in almost every label.
  if (query.compact.length >= 3 && label.compact.includes(query.compact)) return Strength.Substring;
  return Strength.None;
}

function scoreOf(strength: Strength, query: string, label: IndexedLabel): number {
  // Among labels matched equally well, the one the query covers most closely is the likelier intent
  // ("java" → "Java" before "JavaScript frameworks").
  const closeness = Math.min(1, query.length / Math.max(1, label.normalized.length));
  return strength * STRENGTH_STEP + (label.preferred ? PREFERRED_BONUS : 0) + closeness * MAX_CLOSENESS_BONUS;
}

/** Deterministic order: score, then label, then IRI (so equal scores never shuffle between runs). */
export function compareMatches(a: SkillMatch, b: SkillMatch): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.matchedLabel !== b.matchedLabel) return a.matchedLabel < b.matchedLabel ? -1 : 1;
  return a.skill.id < b.skill.id ? -1 : a.skill.id > b.skill.id ? 1 : 0;
}

/**
 * Builds a search index over the given frameworks. A skill IRI listed by several frameworks appears once,
 * as the first framework has it (frameworks earlier in the list win, e.g. the organisation's own before
 * ESCO); the labels of the later copies still find it.
 */
export function createSkillIndex(frameworks: readonly SkillFramework[]): SkillIndex {
  const byIri = new Map<string, IndexedSkill>();
  const attributions: string[] = [];
  for (const framework of frameworks) {
    if (framework.attribution && !attributions.includes(framework.attribution)) {
      attributions.push(framework.attribution);
    }
    const ref: FrameworkRef = { id: framework.id, name: framework.name };
    for (const skill of framework.skills) {
      const existing = byIri.get(skill.id);
      const texts = [skill.name, ...(skill.altNames ?? [])];
      if (existing) {
        for (const text of texts) addLabel(existing, text, false);
        continue;
      }
      const entry: IndexedSkill = { skill, framework: ref, labels: [] };
      texts.forEach((text, i) => addLabel(entry, text, i === 0));
      byIri.set(skill.id, entry);
    }
  }
  const entries = [...byIri.values()];

  function search(query: string, limit = 10): SkillMatch[] {
    const prepared = prepareQuery(query);
    if (prepared.normalized === '' || !(limit > 0)) return [];
    const matches: SkillMatch[] = [];
    for (const entry of entries) {
      let best: SkillMatch | undefined;
      for (const label of entry.labels) {
        const strength = strengthOf(prepared, label);
        if (strength === Strength.None) continue;
        const score = scoreOf(strength, prepared.normalized, label);
        if (!best || score > best.score) {
          best = { skill: entry.skill, framework: entry.framework, matchedLabel: label.text, score };
        }
      }
      if (best) matches.push(best);
    }
    return matches.sort(compareMatches).slice(0, Math.floor(limit));
  }

  return {
    search,
    get: (iri) => byIri.get(iri)?.skill,
    entries,
    attributions,
  };
}

function addLabel(entry: IndexedSkill, text: string, preferred: boolean): void {
  const label = indexLabel(text, preferred);
  if (label.normalized === '' || entry.labels.some((known) => known.normalized === label.normalized)) return;
  entry.labels.push(label);
}
