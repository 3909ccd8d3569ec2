// Public API of the skills module: frameworks (ESCO starter, CSV import), search, suggestions, custom skills.

export type { Skill, SkillFramework } from './types';
export { ESCO_ATTRIBUTION, ESCO_IRI_PREFIX, isEscoIri } from './esco';
export { STARTER_FRAMEWORK, STARTER_FRAMEWORK_ID } from './starter';
export { parseEscoCsv } from './esco-csv';
export type { EscoCsvResult } from './esco-csv';
export { parseCsv } from './csv';
export type { CsvParseResult, CsvRecord } from './csv';
export { createSkillIndex } from './search';
export type { FrameworkRef, IndexedLabel, IndexedSkill, SkillIndex, SkillMatch } from './search';
export { suggestSkills } from './suggest';
export type { PageText } from './suggest';
export { CUSTOM_FRAMEWORK_ID, mintCustomSkill, slugify } from './custom';
export { isHttpIri } from './iri';
