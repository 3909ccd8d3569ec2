// What the framework importers (esco-csv.ts, case-json.ts) return, and the limits and problem reporting they
// share: bad rows or items are skipped and reported rather than failing the whole file.

import type { SkillFramework } from './types';

export interface FrameworkParseResult {
  framework: SkillFramework;
  /** Human-readable problems, each naming its line or item; the rows or items concerned were skipped. */
  problems: string[];
}

export interface ParseLimits {
  /** Skills kept at most; the rest are dropped with a problem saying so. */
  maxSkills?: number;
}

/** As the policy's inline `skills` list (schema.ts): the same cap whichever way a framework arrives. */
export const MAX_FRAMEWORK_SKILLS = 20_000;

/** A broken file would otherwise produce one message per row; beyond this many they are summarised. */
const MAX_PROBLEMS = 50;

/**
 * The problems as reported: first, when `dropped` skills were left out beyond `maxSkills`, a note saying so;
 * then at most MAX_PROBLEMS of them, the rest summarised.
 */
export function reportProblems(problems: readonly string[], dropped = 0, maxSkills = 0): string[] {
  const all =
    dropped > 0
      ? [`more than ${maxSkills} skills: kept the first ${maxSkills}, left out ${dropped}`, ...problems]
      : [...problems];
  if (all.length <= MAX_PROBLEMS) return all;
  const kept = all.slice(0, MAX_PROBLEMS);
  kept.push(`... and ${all.length - MAX_PROBLEMS} more problems`);
  return kept;
}
