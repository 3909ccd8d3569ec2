// Retracting a sent statement (docs/xapi-profile.md § Reflections: "to retract a statement, send a voided statement
// whose object is a StatementRef"). Unlike @xapi/xapi's voidStatement, this has an id, so a retry is idempotent.
import type { XapiStatement } from '../types';
import { verb } from '../vocab';
import { assembleStatement, type StatementContext } from './context';

export interface VoidedInput {
  /** The id of the statement to void. It must not itself be a voiding statement. */
  originalId: string;
}

export function buildVoided(input: VoidedInput, ctx: StatementContext): XapiStatement {
  return assembleStatement(ctx, {
    verb: verb('voided'),
    object: { objectType: 'StatementRef', id: input.originalId.trim() },
    withReflection: false,
  });
}
