// Public API of the skills module: frameworks (ESCO starter, ESCO CSV and CASE import, download and cache),
// search, suggestions, custom skills.

export type { Skill, SkillFramework } from './types';
export { ESCO_ATTRIBUTION, ESCO_IRI_PREFIX, isEscoIri } from './esco';
export { STARTER_FRAMEWORK, STARTER_FRAMEWORK_ID } from './starter';
export { parseEscoCsv } from './esco-csv';
export type { EscoCsvResult } from './esco-csv';
export { classifyCaseItemType, parseCaseJson } from './case-json';
export { MAX_FRAMEWORK_SKILLS } from './parse-result';
export type { FrameworkParseResult, ParseLimits } from './parse-result';
export { FRAMEWORK_FORMATS, isRemoteSource } from './source';
export type { FrameworkFormat, FrameworkSource, RemoteFrameworkSource } from './source';
export {
  FRAMEWORK_MAX_AGE_MS,
  FRAMEWORK_MAX_BYTES,
  FRAMEWORK_RETRY_MS,
  cacheKey,
  formatCopyDate,
  frameworkAttribution,
  frameworkRefreshDue,
  loadFrameworks,
} from './remote';
export type {
  CachedFramework,
  FetchFunction,
  FrameworkCache,
  FrameworkLoadState,
  FrameworkRefresh,
  FrameworkStatus,
  LoadedFrameworks,
  LoadOptions,
} from './remote';
export { parseCsv } from './csv';
export type { CsvParseResult, CsvRecord } from './csv';
export { createSkillIndex } from './search';
export type { FrameworkRef, IndexedLabel, IndexedSkill, SkillIndex, SkillMatch } from './search';
export { suggestSkills } from './suggest';
export type { PageText } from './suggest';
export { CUSTOM_FRAMEWORK_ID, mintCustomSkill, slugify } from './custom';
export { isHttpIri } from './iri';
