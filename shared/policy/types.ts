/**
 * Types of the policy document and of resolved settings, computed from schema.ts so they cannot drift from
 * what is validated. Only the resolved destination adds fields of its own (origin, defaults filled in).
 */
import type { FrameworkSource, RemoteFrameworkSource } from '../skills/source';
import type { SkillFramework } from '../skills/types';
import type { Infer, Resolve } from './schema-dsl';
import type {
  CAPTURE_KINDS,
  XAPI_VERSIONS,
  captureNode,
  destinationNode,
  frameworkNode,
  learnerNode,
  policySchema,
  skillsNode,
} from './schema';

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * A policy document as validated: every key optional. Admins distribute it (enforced keys at the top level,
 * learner-changeable defaults under `recommended`); learners import the same shape as their own settings.
 */
export type PolicyDocument = Infer<typeof policySchema>;

/** The part of a document that `recommended` may hold: `learner`, `capture`, `skills`. */
export type RecommendedDocument = NonNullable<PolicyDocument['recommended']>;

export type XapiVersion = (typeof XAPI_VERSIONS)[number];
export type CaptureKind = (typeof CAPTURE_KINDS)[number];

/** A destination as written in a document. Validation guarantees `username`+`password` or `token`. */
export type DestinationEntry = Infer<typeof destinationNode>;

/** Who configured a destination: the organisation's are read-only for the learner. */
export type DestinationOrigin = 'organisation' | 'learner';

/** A destination in resolved settings: defaults filled in and its origin marked. */
export type Destination = Simplify<
  DestinationEntry & { name: string; xapiVersion: XapiVersion; origin: DestinationOrigin }
>;

/** The xAPI actor as configured (all optional in documents; `mustIdentify` defaults to false once resolved). */
export type LearnerIdentity = Infer<typeof learnerNode>;
export type ResolvedLearner = Resolve<typeof learnerNode>;

export type CaptureSettings = Resolve<typeof captureNode>;

export type SkillsSettings = Simplify<
  Omit<Resolve<typeof skillsNode>, 'frameworks'> & { frameworks: FrameworkSource[] }
>;

/** Fully resolved settings: every key with a default has a value. */
export type Settings = Simplify<
  Omit<Resolve<typeof policySchema>, 'recommended' | 'destinations' | 'skills'> & {
    destinations: Destination[];
    skills: SkillsSettings;
  }
>;

/** One problem found in a policy document. The offending key was ignored; everything else still applies. */
export interface PolicyIssue {
  /** Where: `capture.holdMinutes`, `destinations[1].endpoint`; `""` for the document itself. */
  path: string;
  /** Starts with the path, says what is wrong and what was expected. */
  message: string;
  /** Where the document came from (a file path, "managed storage"), when the caller said. */
  source?: string;
}

export interface PolicyValidation {
  /** The valid part of the input, normalised (endpoints end with "/", domains lower case). */
  document: PolicyDocument;
  issues: PolicyIssue[];
}

export interface ResolvedSettings {
  settings: Settings;
  /** Dotted leaf paths (`capture.holdMinutes`, `destinations`) the learner cannot change. */
  locked: ReadonlySet<string>;
}

// The policy's framework entries are reused as shared/skills `FrameworkSource`s: inline ones as
// `SkillFramework`, the others as `RemoteFrameworkSource` (validation guarantees exactly one of `skills` or
// `url` + `format`).
// Fail to compile if the schema and those types stop describing the same thing.
type FrameworkEntry = Infer<typeof frameworkNode>;
type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type _InlineMatchesSkillTypes = Assert<
  MutuallyAssignable<
    Simplify<Omit<FrameworkEntry, 'url' | 'format' | 'skills'> & Required<Pick<FrameworkEntry, 'skills'>>>,
    SkillFramework
  >
>;
type _RemoteMatchesSourceType = Assert<
  MutuallyAssignable<
    Simplify<
      Omit<FrameworkEntry, 'url' | 'format' | 'skills'> & Required<Pick<FrameworkEntry, 'url' | 'format'>>
    >,
    RemoteFrameworkSource
  >
>;
