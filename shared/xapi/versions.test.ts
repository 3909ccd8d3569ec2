import { describe, expect, it } from 'vitest';
import { checkStatement } from './check';
import { freezeStatement } from './freeze';
import { sampleStatements } from './samples';
import { statementForVersion } from './versions';
import { AGENT_ROLES, EXTENSIONS } from './vocab';

describe('statementForVersion (docs/xapi-profile.md § xAPI 2.0 and 1.0.3)', () => {
  const samples = sampleStatements();
  const mentoring = freezeStatement(samples.mentoring);
  const article = freezeStatement(samples.article);

  it('sends the frozen bytes unchanged to a 2.0 LRS, and to a 1.0.3 LRS when nothing is 2.0-only', () => {
    expect(statementForVersion(mentoring, '2.0.0')).toBe(mentoring);
    expect(statementForVersion(article, '1.0.3')).toBe(article);
  });

  it('moves context agents to instructor + an extension for 1.0.3, losing nothing, valid, byte-identical on retry', () => {
    const once = statementForVersion(mentoring, '1.0.3');
    expect(statementForVersion(mentoring, '1.0.3')).toBe(once);
    const converted = JSON.parse(once) as typeof samples.mentoring;
    const agents = samples.mentoring.context.contextAgents!;
    expect(agents[0]!.relevantTypes).toEqual([AGENT_ROLES.mentor]);
    expect(converted.context.contextAgents).toBeUndefined();
    expect(converted.context.instructor).toEqual(agents[0]!.agent);
    expect(converted.context.extensions?.[EXTENSIONS.contextAgents]).toEqual(agents);
    // The reflection extension and every other property stay as they were.
    expect(converted.context.extensions?.[EXTENSIONS.reflection]).toBe(
      samples.mentoring.context.extensions?.[EXTENSIONS.reflection],
    );
    const { context: c1, ...rest1 } = converted;
    const { context: c2, ...rest2 } = samples.mentoring;
    expect(rest1).toEqual(rest2);
    expect(c1.contextActivities).toEqual(c2.contextActivities);
    expect(checkStatement(converted)).toEqual([]);
    expect(once).not.toContain('"contextAgents"');
  });

  it('keeps an instructor a statement already has, and only teaching roles become instructor', () => {
    const other = JSON.parse(mentoring) as { context: { contextAgents: Array<{ relevantTypes: string[] }> } };
    other.context.contextAgents[0]!.relevantTypes = ['https://example.org/roles/observer'];
    const converted = JSON.parse(
      statementForVersion(JSON.stringify(other), '1.0.3'),
    ) as typeof samples.mentoring;
    expect(converted.context.instructor).toBeUndefined();
    expect(converted.context.extensions?.[EXTENSIONS.contextAgents]).toEqual(other.context.contextAgents);
  });
});
