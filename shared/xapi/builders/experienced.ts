// Anything else the learner logs (practice, a project, "other") and pages captured by hand
// (docs/xapi-profile.md § What is captured, "anything else" row).
import type { XapiStatement } from '../types';
import { toIsoDuration } from '../duration';
import { isAbsoluteIri, iriSegment, joinIri } from '../iri';
import { langMap } from '../language';
import { cleanUrl } from '../url';
import { ACTIVITY_ID_BASE, EXTENSIONS, verb } from '../vocab';
import { activity, assembleStatement, requiredText, singleLine, type StatementContext } from './context';

export interface ExperiencedInput {
  title: string;
  url?: string;
  /** docs/policy.md `capture.keepQueryStrings` for `url`; default false, as in the policy. */
  keepQueryStrings?: boolean;
  /** A fitting activity type (e.g. ACTIVITY_TYPES.page, ACTIVITY_TYPES.project), or none. Must be an IRI. */
  typeIri?: string;
  durationSeconds?: number;
  /** The learner's word for it ("practice", "project"); goes in the `kind` context extension. */
  kindLabel?: string;
}

export function buildExperienced(input: ExperiencedInput, ctx: StatementContext): XapiStatement {
  const title = requiredText(input.title, 'title', 'buildExperienced');
  const kind = singleLine(input.kindLabel);
  const typeIri = singleLine(input.typeIri);
  if (typeIri !== undefined && !isAbsoluteIri(typeIri)) {
    throw new Error(
      `buildExperienced: typeIri must be an absolute IRI, got ${JSON.stringify(input.typeIri)}`,
    );
  }
  const url = singleLine(input.url);
  // Without a URL: ${ACTIVITY_ID_BASE}/<slug of kind, or "experience">/<slug of title>.
  const id =
    url === undefined
      ? joinIri(`${ACTIVITY_ID_BASE}/${iriSegment(kind ?? 'experience')}`, iriSegment(title))
      : cleanUrl(url, { keepQueryStrings: input.keepQueryStrings === true });

  return assembleStatement(ctx, {
    verb: verb('experienced'),
    object: activity(id, { type: typeIri, name: langMap(title, ctx.language) }),
    result: {
      duration: input.durationSeconds === undefined ? undefined : toIsoDuration(input.durationSeconds),
    },
    contextExtensions: kind === undefined ? undefined : { [EXTENSIONS.kind]: kind },
  });
}
