// The policy module: one schema for the admin policy document (docs/policy.md), and everything derived from it.
export type {
  CaptureKind,
  CaptureSettings,
  Destination,
  DestinationEntry,
  DestinationOrigin,
  LearnerIdentity,
  PolicyDocument,
  PolicyIssue,
  PolicyValidation,
  RecommendedDocument,
  ResolvedLearner,
  ResolvedSettings,
  Settings,
  SkillsSettings,
  XapiVersion,
} from './types';
export {
  CAPTURE_KINDS,
  CUSTOM_FRAMEWORK_ID,
  DEFAULT_CUSTOM_SKILL_BASE_IRI,
  XAPI_VERSIONS,
  policySchema,
  type PolicySchema,
} from './schema';
export { schemaPaths, type SchemaNode } from './schema-dsl';
export { builtInDefaults } from './defaults';
export { validatePolicy } from './validate';
export { describeIssues } from './messages';
export { SETTINGS_LEAF_PATHS, isLocked, readPath, resolveSettings, type SettingsLayers } from './layer';
export {
  destinationCredentials,
  mergeDestinations,
  syncDestinations,
  type DestinationCredentials,
} from './destinations';
export { learnerActor, maySend, pseudonymActor } from './sending';
export {
  SENSITIVE_HOST_LABELS,
  SENSITIVE_SITES,
  activityDecision,
  captureDecision,
  domainMatches,
  matchesAnyDomain,
  sensitiveSiteOf,
  siteDecision,
  type CaptureDecision,
  type CaptureSkipReason,
  type CaptureState,
  type SensitiveCategory,
  type SensitiveSite,
} from './domains';
export {
  MANAGED_SCHEMA_FILE,
  managedSchemaJson,
  toManagedStorageSchema,
  type ManagedSchemaNode,
  type ManagedSchemaOptions,
} from './managed-schema';
