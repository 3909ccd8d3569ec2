import { describe, expect, it } from 'vitest';
import { checkStatement } from '../check';
import { findNullish, testContext } from '../test-support';
import { ACTIVITY_TYPES, VERB_IRIS } from '../vocab';
import { buildArticleRead } from './article';
import { buildCommented } from './commented';

const skills = [
  { id: 'https://skills.acme.example/s/writing', name: 'Writing' },
  { id: 'http://data.europa.eu/esco/skill/0a1b', name: 'communicate' },
];

describe('buildCommented', () => {
  const original = buildArticleRead(
    {
      url: 'https://example.com/a',
      keepQueryStrings: false,
      title: 'A',
      engagedSeconds: 60,
      completed: true,
    },
    testContext({ skills }),
  );
  const st = buildCommented(
    { originalId: original.id, reflection: '  I used this at work today.  ', skills },
    testContext({
      id: '9b2e7c1d-4f3a-4e5b-8c6d-1a2b3c4d5e6f',
      skills: [{ id: 'https://other.example/s', name: 'Other' }],
      reflection: 'ignored',
    }),
  );

  it('commented + StatementRef to the original + the text as result.response', () => {
    expect(st.verb).toEqual({ id: VERB_IRIS.commented, display: { en: 'commented' } });
    expect(st.object).toEqual({ objectType: 'StatementRef', id: original.id });
    expect(st.result).toEqual({ response: 'I used this at work today.' });
  });

  it('carries the same skill activities as the original (not ctx.skills)', () => {
    const skillIds = (s: typeof st) =>
      s.context.contextActivities.category
        .filter((a) => a.definition?.type === ACTIVITY_TYPES.competency)
        .map((a) => a.id);
    expect(skillIds(st)).toEqual(skillIds(original));
    expect(skillIds(st)).toEqual(skills.map((s) => s.id));
  });

  it('has no platform (object is not an Activity) and no reflection extension', () => {
    expect(st.context).not.toHaveProperty('platform');
    expect(st.context.extensions).toBeUndefined();
    expect(checkStatement(st)).toEqual([]);
    expect(findNullish(st)).toEqual([]);
  });

  it('refuses an empty reflection', () => {
    expect(() => buildCommented({ originalId: original.id, reflection: ' ', skills }, testContext())).toThrow(
      /empty/,
    );
  });
});
