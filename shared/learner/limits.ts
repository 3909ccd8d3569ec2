/**
 * The learner-facing limits, in one place for both apps' validators (shared/learner/payloads.ts, the quick log's
 * field checks) and their UIs (the reflection field, the skill picker). A limit changed here changes everywhere.
 */
import { isUuid } from '../guards';
import { MAX_SKILL_NAME_LENGTH } from '../skills/types';

/**
 * Characters in one reflection (UTF-16 code units, as a textarea's maxlength counts them). 2,000: what both apps'
 * reflection field always allowed; the desktop's IPC check let 10,000 through, which no form could send.
 */
export const MAX_REFLECTION_LENGTH = 2_000;

/** Skills on one item (the skill picker refuses more). */
export const MAX_SKILLS = 20;
/** A skill's IRI. */
export const MAX_SKILL_ID_LENGTH = 2_048;
/** A skill's label (shared/skills owns it: frameworks' names are cut to it when they are parsed). */
export { MAX_SKILL_NAME_LENGTH };

/**
 * An outbox item's id IS its statement's id (docs/xapi-profile.md § Every statement: set once at capture), a UUID
 * in both apps: every item, capture, quick log, "capture this page" and follow-up, takes `crypto.randomUUID()`.
 */
export function isItemId(value: unknown): value is string {
  return isUuid(value);
}

/** The quick log's fields, as the learner sees them checked (a message per field when one is too long). */
export const QUICK_LOG_LIMITS = {
  title: 300,
  link: 2_048,
  mentor: 200,
  /** A week: longer than any one sitting; a longer course is logged per session or without a duration. */
  minutes: 10_080,
  skills: MAX_SKILLS,
  skillName: MAX_SKILL_NAME_LENGTH,
  reflection: MAX_REFLECTION_LENGTH,
} as const;

/**
 * The quick log's raw fields' outer bounds, before the field checks: generous (a too-long title gets its message
 * from the form's check), but small enough that a runaway payload is refused whole. The reflection's is its
 * limit: the field cannot hold more.
 */
export const QUICK_LOG_INPUT_BOUNDS = {
  kind: 32,
  title: 1_000,
  link: 4_096,
  when: 40,
  minutes: 12,
  mentor: 1_000,
  reflection: MAX_REFLECTION_LENGTH,
} as const;

/** A page of My learning: items asked for at once. */
export const MAX_RECORD_PAGE = 1_000;
