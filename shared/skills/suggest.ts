// Skill suggestions for the page the learner is on, from what the page says about itself. A skill is
// suggested when one of its labels is "said" by the page: every content word of the label (stemmed, so
// "negotiating" meets "negotiate") occurs in the page. Words in the title or keywords count more than
// words in the description, which count more than words in the body text.

import type { SkillIndex, SkillMatch } from './search';
import { compareMatches } from './search';
import { stem } from './stem';
import { STOPWORDS } from './stopwords';
import { words } from './text';

export interface PageText {
  title?: string;
  description?: string;
  keywords?: string[];
  /** Body text; only the start is read (see MAX_TEXT_CHARS). */
  text?: string;
}

// A single-word label needs one title, keyword or description mention, or about three in the body text.
const FIELD_WEIGHT = { title: 3, keywords: 3, description: 1.5, text: 0.75 } as const;
/** Below this a match rests on a stray word of body text; one title or description word is enough. */
const MIN_SCORE = 1.5;
/** The opening of an article says what it is about; reading further costs time and adds noise. */
const MAX_TEXT_CHARS = 20_000;
/** Optional label words count for a little when present. */
const OPTIONAL_WORD_FACTOR = 0.25;

// Verbs and qualifiers that ESCO wraps around the subject of a skill ("use spreadsheets software",
// "apply statistical analysis techniques", "principles of artificial intelligence"). A page about
// spreadsheets rarely says "use" or "software", so these words may be missing; they add a little when
// present.
const OPTIONAL_LABEL_STEMS: ReadonlySet<string> = new Set(
  'use apply perform demonstrate show conduct execute undertake implement carry make principles techniques methods ict basic skills software tools'
    .split(' ')
    .map(stem),
);

interface PreparedLabel {
  text: string;
  preferred: boolean;
  required: string[];
  optional: string[];
}

interface PreparedSkill {
  index: number;
  labels: PreparedLabel[];
}

// Preparing the labels of a big framework takes a few milliseconds: do it once per index, not per page.
const preparedByIndex = new WeakMap<SkillIndex, PreparedSkill[]>();

function contentStems(text: string): string[] {
  const stems = new Set<string>();
  for (const word of words(text)) {
    if (!STOPWORDS.has(word)) stems.add(stem(word));
  }
  return [...stems];
}

// ESCO's parenthetical qualifiers ("Python (computer programming)", "ML (computer programming)") are kept
// required: they tell apart skills whose bare name is ambiguous, and each such skill in ESCO also has the
// bare name ("Python") as an alternative label for pages that do not qualify it.
function prepareLabel(text: string, preferred: boolean): PreparedLabel | undefined {
  const all = contentStems(text);
  if (all.length === 0) return undefined;
  const required = all.filter((s) => !OPTIONAL_LABEL_STEMS.has(s));
  // A label made only of optional words ("use") needs all of them.
  if (required.length === 0) return { text, preferred, required: all, optional: [] };
  return { text, preferred, required, optional: all.filter((s) => OPTIONAL_LABEL_STEMS.has(s)) };
}

function prepare(index: SkillIndex): PreparedSkill[] {
  const cached = preparedByIndex.get(index);
  if (cached) return cached;
  const prepared: PreparedSkill[] = [];
  index.entries.forEach((entry, i) => {
    const labels: PreparedLabel[] = [];
    for (const label of entry.labels) {
      const preparedLabel = prepareLabel(label.text, label.preferred);
      if (preparedLabel) labels.push(preparedLabel);
    }
    if (labels.length > 0) prepared.push({ index: i, labels });
  });
  preparedByIndex.set(index, prepared);
  return prepared;
}

/** Weight of each stem in the page: per field, its weight dampened by repetition (1 + ln count). */
function pageStemWeights(page: PageText): Map<string, number> {
  const fields: [string, number][] = [
    [page.title ?? '', FIELD_WEIGHT.title],
    [(page.keywords ?? []).join(' , '), FIELD_WEIGHT.keywords],
    [page.description ?? '', FIELD_WEIGHT.description],
    [(page.text ?? '').slice(0, MAX_TEXT_CHARS), FIELD_WEIGHT.text],
  ];
  const weights = new Map<string, number>();
  for (const [text, fieldWeight] of fields) {
    const counts = new Map<string, number>();
    for (const word of words(text)) {
      if (STOPWORDS.has(word)) continue;
      const s = stem(word);
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    for (const [s, count] of counts) {
      weights.set(s, (weights.get(s) ?? 0) + fieldWeight * (1 + Math.log(count)));
    }
  }
  return weights;
}

function labelScore(label: PreparedLabel, weights: ReadonlyMap<string, number>): number {
  let score = 0;
  for (const s of label.required) {
    const weight = weights.get(s);
    if (weight === undefined) return 0;
    score += weight;
  }
  for (const s of label.optional) score += (weights.get(s) ?? 0) * OPTIONAL_WORD_FACTOR;
  return score;
}

/**
 * Suggests up to `limit` skills for a page, best first. Deterministic: equal scores are ordered by label
 * and IRI. Returns [] when the page says nothing that matches.
 */
export function suggestSkills(index: SkillIndex, page: PageText, limit = 5): SkillMatch[] {
  if (!(limit > 0)) return [];
  const weights = pageStemWeights(page);
  if (weights.size === 0) return [];
  const matches: SkillMatch[] = [];
  for (const { index: i, labels } of prepare(index)) {
    const entry = index.entries[i];
    if (!entry) continue;
    let best: SkillMatch | undefined;
    for (const label of labels) {
      const score = labelScore(label, weights);
      if (score < MIN_SCORE) continue;
      // Strictly greater: labels come preferred first, so a tie keeps the preferred label.
      if (!best || score > best.score) {
        best = { skill: entry.skill, framework: entry.framework, matchedLabel: label.text, score };
      }
    }
    if (best) matches.push(best);
  }
  return matches.sort(compareMatches).slice(0, Math.floor(limit));
}
