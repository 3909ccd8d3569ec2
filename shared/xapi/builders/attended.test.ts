import { describe, expect, it } from 'vitest';
import { checkStatement } from '../check';
import { findNullish, testContext } from '../test-support';
import { ACTIVITY_TYPES, AGENT_ROLES, EXTENSIONS, MENTOR_ACCOUNT_HOME_PAGE, VERB_IRIS } from '../vocab';
import { buildAttended, mentorAgent, type AttendedKind } from './attended';

describe('buildAttended', () => {
  it.each<[AttendedKind, string]>([
    ['course', ACTIVITY_TYPES.course],
    ['workshop', ACTIVITY_TYPES.course],
    ['conference', ACTIVITY_TYPES.conference],
    ['webinar', ACTIVITY_TYPES.webinar],
    ['mentoring', ACTIVITY_TYPES.tutorSession],
  ])('%s → attended, type %s, kind extension', (kind, type) => {
    const st = buildAttended({ kind, title: 'Session' }, testContext());
    expect(st.verb.id).toBe(VERB_IRIS.attended);
    expect(st.object).toMatchObject({ definition: { type } });
    expect(st.context.extensions).toEqual({ [EXTENSIONS.kind]: kind });
    expect(checkStatement(st)).toEqual([]);
    expect(findNullish(st)).toEqual([]);
  });

  it('a finished course is completed; a finished workshop is still attended', () => {
    const course = buildAttended({ kind: 'course', title: 'ML', completed: true }, testContext());
    expect(course.verb).toEqual({ id: VERB_IRIS.completed, display: { en: 'completed' } });
    expect(course.result).toEqual({ completion: true });
    const workshop = buildAttended({ kind: 'workshop', title: 'TDD', completed: true }, testContext());
    expect(workshop.verb.id).toBe(VERB_IRIS.attended);
    const unfinished = buildAttended({ kind: 'course', title: 'ML', completed: false }, testContext());
    expect(unfinished.verb.id).toBe(VERB_IRIS.attended);
  });

  it('id: the cleaned url, else a kind + title slug under the project IRI', () => {
    expect(
      buildAttended(
        { kind: 'webinar', title: 'W', url: 'https://events.example/w/1?utm_source=x' },
        testContext(),
      ).object.id,
    ).toBe('https://events.example/w/1');
    expect(buildAttended({ kind: 'conference', title: 'JSConf EU 2025' }, testContext()).object.id).toBe(
      'https://trailnote.app/xapi/activities/conference/jsconf-eu-2025',
    );
  });

  it('puts a mentor with an e-mail in context.contextAgents (xAPI 2.0) with mbox only and the mentor role', () => {
    const st = buildAttended(
      {
        kind: 'mentoring',
        title: 'Weekly 1:1',
        mentor: { name: 'Grace Hopper', email: 'Grace@Navy.example' },
        durationSeconds: 1800,
      },
      testContext(),
    );
    expect(st.context.contextAgents).toEqual([
      {
        objectType: 'contextAgent',
        agent: { objectType: 'Agent', name: 'Grace Hopper', mbox: 'mailto:grace@navy.example' },
        relevantTypes: [AGENT_ROLES.mentor],
      },
    ]);
    expect(st.context.instructor).toBeUndefined();
    const trainer = buildAttended({ kind: 'workshop', title: 'W', mentor: { name: 'Ada' } }, testContext());
    expect(trainer.context.contextAgents?.[0]?.relevantTypes).toEqual([AGENT_ROLES.instructor]);
    expect(st.result).toEqual({ duration: 'PT30M' });
    expect(checkStatement(st)).toEqual([]);
  });

  it('gives a mentor without e-mail an account under the mentors home page', () => {
    expect(mentorAgent({ name: '  Grace  Hopper ' })).toEqual({
      objectType: 'Agent',
      name: 'Grace Hopper',
      account: { homePage: MENTOR_ACCOUNT_HOME_PAGE, name: 'grace-hopper' },
    });
    expect(mentorAgent({ name: 'X', email: 'not-an-email' })).toMatchObject({ account: { name: 'x' } });
    expect(mentorAgent({ name: ' ' })).toBeUndefined();
  });

  it('requires a title', () => {
    expect(() => buildAttended({ kind: 'course', title: '' }, testContext())).toThrow(/title is required/);
  });
});
