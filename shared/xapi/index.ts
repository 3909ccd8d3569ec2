// Public API of shared/xapi: pure statement building for the extension and the desktop app
// (contract: docs/xapi-profile.md; policy keys: docs/policy.md).
export type * from './types';
export * from './vocab';
export { toIsoDuration, parseIsoDuration, PROFILE_DURATION_PATTERN } from './duration';
export {
  canonicalUrl,
  cleanUrl,
  hostOf,
  isHttpUrl,
  isTrackingParam,
  TRACKING_PARAMS,
  TRACKING_PARAM_PREFIXES,
  CONTENT_PARAMS,
  type CanonicalUrlOptions,
  type UrlCleaning,
  type ContentParamsRule,
} from './url';
export { actorFor, isIdentified, newInstallId, mboxFor, type LearnerIdentity, type Pseudonym } from './actor';
export { normaliseLanguage, isLanguageTag, langMap, FALLBACK_LANGUAGE } from './language';
export { slugify, iriSegment, isAbsoluteIri, joinIri } from './iri';
export { normaliseIsbn, isbnUrn } from './isbn';
export {
  clampTimestamp,
  categoryFor,
  profileActivity,
  sourceActivity,
  skillActivity,
  type StatementContext,
  type StatementSource,
} from './builders/context';
export { buildArticleRead, type ArticleReadInput } from './builders/article';
export {
  buildMediaPlayed,
  showActivity,
  localMediaActivityId,
  isLocalMediaUrl,
  type MediaPlayedInput,
  type MediaShow,
  type PlayedSegment,
} from './builders/media';
export { buildBookRead, bookActivityId, type BookReadInput } from './builders/book';
export {
  buildAttended,
  mentorAgent,
  ATTENDED_TYPES,
  type AttendedInput,
  type AttendedKind,
  type Mentor,
} from './builders/attended';
export { buildExperienced, type ExperiencedInput } from './builders/experienced';
export { buildCommented, type CommentedInput } from './builders/commented';
export { buildVoided, type VoidedInput } from './builders/voided';
export { checkStatement } from './check';
export { compareStatements, sameStatement, type StatementComparison } from './compare';
export { statementForVersion, type StatementVersion } from './versions';
export { freezeStatement, thawStatement, InvalidStatementError } from './freeze';
// Demo and test statements (shared/xapi/samples.ts) are imported from their file, not from the library's index.
