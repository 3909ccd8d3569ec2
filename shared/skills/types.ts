/** A skill as it travels through Trailnote: the IRI from its framework and the label shown to the learner. */
export interface Skill {
  /** The skill's IRI in its framework (ESCO concept URI, CASE item URI, an organisation's own IRI...). */
  id: string;
  /** Preferred label, used as the xAPI `definition.name`. */
  name: string;
  /** Alternative labels, used for search and suggestions. */
  altNames?: string[];
  /** The id of the framework this skill came from (`custom` for learner-minted skills). */
  frameworkId?: string;
  /** The framework's own description, shown to help the learner choose between similar skills. */
  description?: string;
}

/**
 * Longest skill name the background accepts (extension/background/record.ts parseSkills); the picker and the
 * framework importers keep names within it.
 */
export const MAX_SKILL_NAME_LENGTH = 200;

export interface SkillFramework {
  id: string;
  name: string;
  skills: Skill[];
  /** Attribution text that must be shown wherever this framework's labels appear (ESCO requires one). */
  attribution?: string;
}
