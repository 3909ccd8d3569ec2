// xAPI 2.0 and 1.0.3 forms of one frozen statement (docs/xapi-profile.md § xAPI 2.0 and 1.0.3).
//
// Statements are frozen at enqueue in their canonical xAPI 2.0 form (freeze.ts). At send time the sync engine
// asks for the form of the destination's version: for 2.0.0 the frozen bytes as they are; for 1.0.3 the frozen
// bytes as they are when they hold nothing 2.0-only (almost every statement), else a deterministic conversion of
// them. The same frozen bytes always give the same converted bytes, so a retry to a destination sends exactly
// what it sent before (an LRS comparing content on a re-sent id sees the same statement), per version.
//
// The 1.0.3 rule, lossless: `context.contextAgents` becomes
//   - `context.instructor`: the first context agent whose role is a mentor or instructor (AGENT_ROLES), which is
//     what 1.0.3 means by instructor, and
//   - the context extension EXTENSIONS.contextAgents: the whole `contextAgents` array, as it was.
// Nothing else in our statements is 2.0-only (timestamps are already RFC 3339 UTC).
import { AGENT_ROLES, EXTENSIONS } from './vocab';

export type StatementVersion = '1.0.3' | '2.0.0';

/** The JSON to send to an LRS speaking `version`, from the frozen (2.0) JSON. */
export function statementForVersion(frozenJson: string, version: StatementVersion): string {
  if (version === '2.0.0' || !frozenJson.includes('"contextAgents"')) return frozenJson;
  const statement = JSON.parse(frozenJson) as Record<string, unknown>;
  const context = statement.context as Record<string, unknown> | undefined;
  if (!context || !Array.isArray(context.contextAgents)) return frozenJson;
  return JSON.stringify({ ...statement, context: contextFor103(context) });
}

const TEACHING_ROLES: readonly string[] = [AGENT_ROLES.mentor, AGENT_ROLES.instructor];

function contextFor103(context: Record<string, unknown>): Record<string, unknown> {
  const agents = context.contextAgents as Array<{ agent?: unknown; relevantTypes?: unknown }>;
  const teacher = agents.find(
    (a) =>
      Array.isArray(a.relevantTypes) && a.relevantTypes.some((t) => TEACHING_ROLES.includes(t as string)),
  );
  // Rebuilt key by key so the output order depends only on the input order.
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(context)) {
    if (key === 'contextAgents') {
      if (teacher?.agent !== undefined && context.instructor === undefined) out.instructor = teacher.agent;
      continue;
    }
    out[key] = value;
  }
  out.extensions = {
    ...(context.extensions as Record<string, unknown> | undefined),
    [EXTENSIONS.contextAgents]: agents,
  };
  return out;
}
