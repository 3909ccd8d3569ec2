// Label search over several skill frameworks at once, for the skill picker: the learner types a few letters
// and expects "proj man" to find "project management", "resume" to find "résumé", and an exact label first.
// The index is built once. Label words are kept as ids into one vocabulary, so a search tests each query
// word against each distinct word once, then scans labels with integer lookups: about a millisecond per
// keystroke over ESCO's whole digital and transversal collections (~1,400 skills, ~7,600 labels).

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
  /** Higher is better; only meaningful for comparing matches of the same query or page. */
  score: number;
}

export interface IndexedLabel {
  text: string;
  /** Preferred label of the skill (else an alternative label). */
  preferred: boolean;
}

export interface IndexedSkill {
  skill: Skill;
  framework: FrameworkRef;
  /** The preferred label first, then alternative labels (including those of later duplicates). */
  labels: IndexedLabel[];
}

export interface SkillIndex {
  /** Best matches for what the learner typed, best first; [] for a blank query. */
  search(query: string, limit?: number): SkillMatch[];
  /** The skill with this IRI, from the first framework that lists it. */
  get(iri: string): Skill | undefined;
  /** Every distinct skill with its labels (read by suggestions). */
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
/** Compact substrings shorter than this match nearly everything ("c#" compacts to "c"). */
const MIN_COMPACT_QUERY = 3;

interface SearchLabel extends IndexedLabel {
  /** Folded and whitespace-collapsed, for whole-label comparison. */
  normalized: string;
  /** `normalized` without spaces or punctuation, so "frontend" meets "front-end". */
  compact: string;
  /** Vocabulary ids of the label's words, in order. */
  wordIds: number[];
  /** Vocabulary ids of the stems of those words. */
  stemIds: number[];
}

interface SearchEntry extends IndexedSkill {
  labels: SearchLabel[];
}

/** Distinct words and stems of all labels; ids index the flag arrays built per query. */
class Vocabulary {
  readonly terms: string[] = [];
  private readonly ids = new Map<string, number>();

  idOf(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.ids.set(term, id);
    }
    return id;
  }

  /** flags[id] = 1 when the term with that id starts with `prefix`. */
  prefixFlags(prefix: string): Uint8Array {
    const flags = new Uint8Array(this.terms.length);
    this.terms.forEach((term, id) => {
      if (term.startsWith(prefix)) flags[id] = 1;
    });
    return flags;
  }
}

function compactForm(normalized: string): string {
  return normalized.replace(/[^\p{L}\p{N}]+/gu, '');
}

/** True when each query word (as its flag array) matches a label word after the previous one matched. */
function matchesInOrder(queryFlags: readonly Uint8Array[], ids: readonly number[]): boolean {
  let next = 0;
  for (const flags of queryFlags) {
    while (next < ids.length && flags[ids[next] ?? -1] !== 1) next++;
    if (next === ids.length) return false;
    next++;
  }
  return true;
}

/** True when each query word matches a distinct label word, in any order (greedy; labels are short). */
function matchesAnyOrder(queryFlags: readonly Uint8Array[], ids: readonly number[]): boolean {
  let used = 0; // bit i: label word i taken (beyond 31 words a label word may serve twice; harmless)
  for (const flags of queryFlags) {
    let found = false;
    for (let i = 0; i < ids.length; i++) {
      const bit = i < 31 ? 1 << i : 0;
      if (used & bit || flags[ids[i] ?? -1] !== 1) continue;
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
  wordFlags: Uint8Array[];
  stemFlags: Uint8Array[];
}

function strengthOf(query: PreparedQuery, label: SearchLabel): Strength {
  // One indexOf answers exact, prefix and substring at once; string work dominates the cost of a search.
  const at = label.normalized.indexOf(query.normalized);
  if (at === 0) {
    return label.normalized.length === query.normalized.length ? Strength.Exact : Strength.LabelPrefix;
  }
  const wordCount = query.wordFlags.length;
  if (wordCount > 0 && wordCount <= label.wordIds.length) {
    if (matchesInOrder(query.wordFlags, label.wordIds)) return Strength.WordPrefixesInOrder;
    if (matchesAnyOrder(query.wordFlags, label.wordIds)) return Strength.WordPrefixesAnyOrder;
    if (matchesAnyOrder(query.stemFlags, label.stemIds)) return Strength.StemPrefixes;
  }
  if (at > 0) return Strength.Substring;
  if (query.compact.length >= MIN_COMPACT_QUERY && label.compact.includes(query.compact)) {
    return Strength.Substring;
  }
  return Strength.None;
}

function scoreOf(strength: Strength, query: PreparedQuery, label: SearchLabel): number {
  // Among labels matched equally well, the one the query covers most closely is the likelier intent
  // ("java" → "JavaScript" before "JavaScript Framework").
  const closeness = Math.min(1, query.normalized.length / Math.max(1, label.normalized.length));
  return strength * STRENGTH_STEP + (label.preferred ? PREFERRED_BONUS : 0) + closeness * MAX_CLOSENESS_BONUS;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Deterministic order: score, then label, then IRI (so equal scores never shuffle between runs). */
export function compareMatches(a: SkillMatch, b: SkillMatch): number {
  return (
    b.score - a.score ||
    compareStrings(a.matchedLabel, b.matchedLabel) ||
    compareStrings(a.skill.id, b.skill.id)
  );
}

/**
 * Builds a search index over the given frameworks. A skill IRI listed by several frameworks appears once,
 * as the first framework has it (frameworks earlier in the list win, e.g. the organisation's own before
 * ESCO); the labels of the later copies still find it, as alternative labels.
 */
export function createSkillIndex(frameworks: readonly SkillFramework[]): SkillIndex {
  const vocabulary = new Vocabulary();
  const byIri = new Map<string, SearchEntry>();
  const attributions: string[] = [];

  function addLabel(entry: SearchEntry, text: string, preferred: boolean): void {
    const normalized = normalizeLabel(text);
    if (normalized === '' || entry.labels.some((known) => known.normalized === normalized)) return;
    const labelWords = words(text);
    entry.labels.push({
      text,
      preferred,
      normalized,
      compact: compactForm(normalized),
      wordIds: labelWords.map((word) => vocabulary.idOf(word)),
      stemIds: labelWords.map((word) => vocabulary.idOf(stem(word))),
    });
  }

  for (const framework of frameworks) {
    if (framework.attribution && !attributions.includes(framework.attribution)) {
      attributions.push(framework.attribution);
    }
    const ref: FrameworkRef = { id: framework.id, name: framework.name };
    for (const skill of framework.skills) {
      const existing = byIri.get(skill.id);
      const entry = existing ?? { skill, framework: ref, labels: [] };
      [skill.name, ...(skill.altNames ?? [])].forEach((text, i) =>
        addLabel(entry, text, !existing && i === 0),
      );
      if (!existing) byIri.set(skill.id, entry);
    }
  }
  const entries = [...byIri.values()];

  function search(query: string, limit = 10): SkillMatch[] {
    const normalized = normalizeLabel(query);
    if (normalized === '' || !(limit > 0)) return [];
    const queryWords = words(query);
    const prepared: PreparedQuery = {
      normalized,
      compact: compactForm(normalized),
      wordFlags: queryWords.map((word) => vocabulary.prefixFlags(word)),
      stemFlags: queryWords.map((word) => vocabulary.prefixFlags(stem(word))),
    };
    const matches: SkillMatch[] = [];
    for (const entry of entries) {
      let best: SkillMatch | undefined;
      for (const label of entry.labels) {
        const strength = strengthOf(prepared, label);
        if (strength === Strength.None) continue;
        const score = scoreOf(strength, prepared, label);
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
