// Freezing: a statement is checked and turned into JSON text once, when it is first queued, and that text is what
// every retry sends (docs/xapi-profile.md § Every statement: an LRS that already holds the id compares content and
// answers 409 on any difference, so a re-serialised, subtly different retry would be lost).
import type { XapiStatement } from './types';
import { checkStatement } from './check';

/** Thrown by freezeStatement / thawStatement; `problems` are checkStatement's lines, for quarantine messages. */
export class InvalidStatementError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[], id?: unknown) {
    const which = typeof id === 'string' ? ` ${id}` : '';
    super(`Invalid xAPI statement${which}:\n- ${problems.join('\n- ')}`);
    this.name = 'InvalidStatementError';
    this.problems = problems;
  }
}

/** Checks the statement and returns the exact JSON text to store and send. Throws InvalidStatementError. */
export function freezeStatement(statement: XapiStatement): string {
  const problems = checkStatement(statement);
  if (problems.length > 0) throw new InvalidStatementError(problems, statement.id);
  return JSON.stringify(statement);
}

/** Parses frozen text back into a statement (e.g. to show it), checking it again. Throws InvalidStatementError. */
export function thawStatement(json: string): XapiStatement {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new InvalidStatementError([`statement: not JSON (${String(error)})`]);
  }
  const problems = checkStatement(parsed);
  if (problems.length > 0) {
    throw new InvalidStatementError(
      problems,
      typeof parsed === 'object' && parsed !== null && 'id' in parsed ? parsed.id : undefined,
    );
  }
  return parsed as XapiStatement;
}
