// A reflection added after the statement was sent (docs/xapi-profile.md § Reflections; table row "reflection added
// after sending"): statements are immutable, so the comment is a statement of its own about the original.
import type { Skill } from '../../skills/types';
import type { XapiStatement } from '../types';
import { verb } from '../vocab';
import { assembleStatement, optionalText, type StatementContext } from './context';

export interface CommentedInput {
  /** The id of the statement the reflection is about. */
  originalId: string;
  reflection: string;
  /** The original statement's skills, so a skill query finds the comment with it. Replaces `ctx.skills`. */
  skills: Skill[];
}

export function buildCommented(input: CommentedInput, ctx: StatementContext): XapiStatement {
  const response = optionalText(input.reflection);
  if (response === undefined) throw new Error('buildCommented: the reflection is empty');
  return assembleStatement(ctx, {
    verb: verb('commented'),
    object: { objectType: 'StatementRef', id: input.originalId.trim() },
    result: { response },
    skills: input.skills,
    // The text is the result here; a second copy in context.extensions would only invite disagreement.
    withReflection: false,
  });
}
