// Courses, workshops, conferences, webinars and mentoring, logged by the learner (docs/xapi-profile.md § What is
// captured, course/workshop/... row).
import type { XapiAgent, XapiStatement } from '../types';
import { mboxFor } from '../actor';
import { toIsoDuration } from '../duration';
import { iriSegment, joinIri, slugify } from '../iri';
import { langMap } from '../language';
import { cleanUrl } from '../url';
import {
  ACTIVITY_ID_BASE,
  ACTIVITY_TYPES,
  AGENT_ROLES,
  EXTENSIONS,
  MENTOR_ACCOUNT_HOME_PAGE,
  verb,
} from '../vocab';
import { activity, assembleStatement, requiredText, singleLine, type StatementContext } from './context';

export type AttendedKind = 'course' | 'workshop' | 'conference' | 'webinar' | 'mentoring';

/**
 * Object types per the profile table. The table names no workshop type and no published vocabulary has one in
 * xAPI use, so a workshop is a course; the learner's word ("workshop") goes in the `kind` context extension.
 */
export const ATTENDED_TYPES: Record<AttendedKind, string> = {
  course: ACTIVITY_TYPES.course,
  workshop: ACTIVITY_TYPES.course,
  conference: ACTIVITY_TYPES.conference,
  webinar: ACTIVITY_TYPES.webinar,
  mentoring: ACTIVITY_TYPES.tutorSession,
};

export interface Mentor {
  name: string;
  email?: string;
}

export interface AttendedInput {
  kind: AttendedKind;
  /** For a course: finished (verb `completed`). Other kinds are always `attended`. */
  completed?: boolean;
  title: string;
  url?: string;
  /** docs/policy.md `capture.keepQueryStrings` for `url`; default false, as in the policy. */
  keepQueryStrings?: boolean;
  mentor?: Mentor;
  durationSeconds?: number;
}

/**
 * The mentor as an Agent with exactly one IFI: `mbox` when a usable e-mail is known, else an account under
 * MENTOR_ACCOUNT_HOME_PAGE named by the slug of the name (so "Grace Hopper" logged twice is one Agent).
 */
export function mentorAgent(mentor: Mentor): XapiAgent | undefined {
  const name = singleLine(mentor.name);
  if (name === undefined) return undefined;
  const mbox = mboxFor(mentor.email);
  if (mbox !== undefined) return { objectType: 'Agent', name, mbox };
  return { objectType: 'Agent', name, account: { homePage: MENTOR_ACCOUNT_HOME_PAGE, name: slugify(name) } };
}

/** The mentor (of a mentoring session) or instructor (of the other kinds) as a context agent with its role. */
function participantOf(input: AttendedInput): { agent: XapiAgent; role: string } | undefined {
  const agent = input.mentor === undefined ? undefined : mentorAgent(input.mentor);
  if (agent === undefined) return undefined;
  return { agent, role: input.kind === 'mentoring' ? AGENT_ROLES.mentor : AGENT_ROLES.instructor };
}

export function buildAttended(input: AttendedInput, ctx: StatementContext): XapiStatement {
  const title = requiredText(input.title, 'title', 'buildAttended');
  const url = singleLine(input.url);
  const cleaning = { keepQueryStrings: input.keepQueryStrings === true };
  const id =
    url === undefined
      ? joinIri(`${ACTIVITY_ID_BASE}/${input.kind}`, iriSegment(title))
      : cleanUrl(url, cleaning);
  const finishedCourse = input.kind === 'course' && input.completed === true;

  return assembleStatement(ctx, {
    verb: verb(finishedCourse ? 'completed' : 'attended'),
    object: activity(id, { type: ATTENDED_TYPES[input.kind], name: langMap(title, ctx.language) }),
    result: {
      completion: typeof input.completed === 'boolean' ? input.completed : undefined,
      duration: input.durationSeconds === undefined ? undefined : toIsoDuration(input.durationSeconds),
    },
    participant: participantOf(input),
    contextExtensions: { [EXTENSIONS.kind]: input.kind },
  });
}
