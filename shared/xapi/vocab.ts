// Every IRI Trailnote puts in a statement lives here, so the vocabulary can be reviewed (and versioned) in one
// place. Published IRIs come from the ADL vocabulary, Activity Streams 1.0, the TinCan registry and the xAPI
// Video/Audio/TLA profiles, as listed in docs/xapi-profile.md; our own terms live under PROJECT_IRI.
import type { XapiVerb } from './types';

/** The root of every IRI Trailnote mints. Changing it changes every activity id: treat as frozen. */
export const PROJECT_IRI = 'https://trailnote.app/xapi';

/** The Trailnote profile activity that every statement carries in `category` (docs/xapi-profile.md § Every statement). */
export const PROFILE_ACTIVITY_ID = `${PROJECT_IRI}/profile`;

/** Pseudonymous accounts use this `homePage` unless one is configured (docs/xapi-profile.md § Every statement). */
export const DEFAULT_ACCOUNT_HOME_PAGE = PROJECT_IRI;

/**
 * `homePage` for mentors known only by name. Kept apart from learner accounts so a mentor's name slug can never
 * collide with a learner's per-install id or with a real account name under an organisation's SSO home page.
 */
export const MENTOR_ACCOUNT_HOME_PAGE = `${PROJECT_IRI}/mentors`;

/**
 * Suggested base for skills the learner invents when the policy sets no `skills.customBaseIri` (docs/policy.md § Shape).
 * Minting itself is shared/skills/custom.ts's job; the constant lives here so every Trailnote IRI is in one file.
 */
export const DEFAULT_CUSTOM_SKILL_BASE_IRI = `${PROJECT_IRI}/skills/custom/`;

/** Base for activity ids we mint when the experience has no URL (books without ISBN, logged courses...). */
export const ACTIVITY_ID_BASE = `${PROJECT_IRI}/activities`;

export type SourceSurface = 'extension' | 'desktop';

/** The capture-source activity id: one per surface and version (docs/xapi-profile.md § Every statement). */
export function sourceActivityId(surface: SourceSurface, version: string): string {
  return `${PROJECT_IRI}/source/${surface}/${encodeURIComponent(version.trim() || 'unknown')}`;
}

export const VERB_IRIS = {
  read: 'http://activitystrea.ms/schema/1.0/read',
  watch: 'http://activitystrea.ms/schema/1.0/watch',
  listen: 'http://activitystrea.ms/schema/1.0/listen',
  attended: 'http://adlnet.gov/expapi/verbs/attended',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  experienced: 'http://adlnet.gov/expapi/verbs/experienced',
  commented: 'http://adlnet.gov/expapi/verbs/commented',
  voided: 'http://adlnet.gov/expapi/verbs/voided',
} as const;

export type VerbName = keyof typeof VERB_IRIS;

// Displays are English words we wrote, so they are keyed `en` whatever the page language is (the page language
// keys text that came from the page: titles, descriptions).
const VERB_DISPLAY: Record<VerbName, string> = {
  read: 'read',
  watch: 'watched',
  listen: 'listened to',
  attended: 'attended',
  completed: 'completed',
  experienced: 'experienced',
  commented: 'commented',
  voided: 'voided',
};

/** A fresh verb object (never a shared one a caller could mutate). */
export function verb(name: VerbName): XapiVerb {
  return { id: VERB_IRIS[name], display: { en: VERB_DISPLAY[name] } };
}

export const ACTIVITY_TYPES = {
  article: 'http://activitystrea.ms/schema/1.0/article',
  /** A web page captured by hand that is not known to be an article. */
  page: 'http://activitystrea.ms/schema/1.0/page',
  video: 'https://w3id.org/xapi/video/activity-type/video',
  audio: 'https://w3id.org/xapi/audio/activity-type/audio',
  book: 'http://id.tincanapi.com/activitytype/book',
  /** Courses and workshops: the profile table names no separate workshop type (see builders/attended.ts). */
  course: 'http://adlnet.gov/expapi/activities/course',
  conference: 'http://id.tincanapi.com/activitytype/conference',
  webinar: 'http://id.tincanapi.com/activitytype/webinar',
  /** Mentoring sessions. */
  tutorSession: 'http://id.tincanapi.com/activitytype/tutor-session',
  /** A podcast show or video series, used as `contextActivities.parent` of an episode. */
  collection: 'http://id.tincanapi.com/activitytype/collection-simple',
  project: 'http://id.tincanapi.com/activitytype/project',
  competency: 'https://w3id.org/xapi/tla/activity-types/competency',
  profile: 'http://adlnet.gov/expapi/activities/profile',
  source: 'http://id.tincanapi.com/activitytype/source',
} as const;

/**
 * xAPI 2.0 `context.contextAgents[].relevantTypes`: the part a person played (docs/xapi-profile.md § xAPI 2.0).
 * No published vocabulary names these roles, so they are ours.
 */
export const AGENT_ROLES = {
  /** The mentor of a mentoring session. */
  mentor: `${PROJECT_IRI}/roles/mentor`,
  /** Whoever taught a course, workshop, conference talk or webinar the learner logged. */
  instructor: `${PROJECT_IRI}/roles/instructor`,
} as const;

export const EXTENSIONS = {
  /** Result: share of the media played, 0..1 with 3 decimals (Video Profile; the Audio Profile reuses it). */
  progress: 'https://w3id.org/xapi/video/extensions/progress',
  /** Result: `"0.000[.]12.000[,]14.000[.]21.000"` (Video Profile). */
  playedSegments: 'https://w3id.org/xapi/video/extensions/played-segments',
  /** Context: media length in seconds (Video Profile). */
  length: 'https://w3id.org/xapi/video/extensions/length',
  /** Context: the learner's reflection written before sending (docs/xapi-profile.md § Reflections). */
  reflection: 'http://id.tincanapi.com/extension/reflection',
  /** Result: how far down the article the learner scrolled, 0..1 with 3 decimals. */
  scrollDepth: `${PROJECT_IRI}/extensions/scroll-depth`,
  /** Activity definition: the article's word count. */
  wordCount: `${PROJECT_IRI}/extensions/word-count`,
  /** Activity definition: a book's author. */
  author: `${PROJECT_IRI}/extensions/author`,
  /** Activity definition: a media item's artist/host (MediaSession `artist`, MPRIS `xesam:artist`). */
  artist: `${PROJECT_IRI}/extensions/artist`,
  /** Context: what the learner called the experience (`workshop`, `practice`, ...) when the type is coarser. */
  kind: `${PROJECT_IRI}/extensions/kind`,
  /**
   * Context, xAPI 1.0.3 only: the statement's 2.0 `contextAgents`, kept whole when it is converted for an LRS
   * that speaks only 1.0.3 (shared/xapi/versions.ts), so the conversion loses nothing.
   */
  contextAgents: `${PROJECT_IRI}/extensions/context-agents`,
  /** Context: marks a statement sent by `trailnote check-lrs` to test an LRS (voided right after). */
  testStatement: `${PROJECT_IRI}/extensions/test-statement`,
} as const;
