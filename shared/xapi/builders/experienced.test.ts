import { describe, expect, it } from 'vitest';
import { checkStatement } from '../check';
import { findNullish, testContext } from '../test-support';
import { ACTIVITY_TYPES, EXTENSIONS, VERB_IRIS } from '../vocab';
import { buildExperienced } from './experienced';

describe('buildExperienced', () => {
  it('practice without url or type: id from kind + title, kind extension, duration', () => {
    const st = buildExperienced(
      { title: 'Guitar scales', kindLabel: 'Practice', durationSeconds: 1200 },
      testContext(),
    );
    expect(st.verb).toEqual({ id: VERB_IRIS.experienced, display: { en: 'experienced' } });
    expect(st.object).toEqual({
      objectType: 'Activity',
      id: 'https://trailnote.app/xapi/activities/practice/guitar-scales',
      definition: { name: { 'en-GB': 'Guitar scales' } },
    });
    expect(st.result).toEqual({ duration: 'PT20M' });
    expect(st.context.extensions).toEqual({ [EXTENSIONS.kind]: 'Practice' });
    expect(checkStatement(st)).toEqual([]);
  });

  it('a page captured by hand: cleaned url, page type, no result', () => {
    const st = buildExperienced(
      {
        title: 'MDN: fetch()',
        url: 'https://developer.mozilla.org/en-US/docs/Web/API/fetch?utm_source=x#syntax',
        typeIri: ACTIVITY_TYPES.page,
      },
      testContext(),
    );
    expect(st.object).toEqual({
      objectType: 'Activity',
      id: 'https://developer.mozilla.org/en-US/docs/Web/API/fetch',
      definition: { type: ACTIVITY_TYPES.page, name: { 'en-GB': 'MDN: fetch()' } },
    });
    expect(st.result).toBeUndefined();
    expect(findNullish(st)).toEqual([]);
  });

  it('without kind: under /activities/experience/', () => {
    expect(buildExperienced({ title: 'Something' }, testContext()).object.id).toBe(
      'https://trailnote.app/xapi/activities/experience/something',
    );
  });

  it('rejects a type that is not an IRI and a missing title', () => {
    expect(() => buildExperienced({ title: 'x', typeIri: 'project' }, testContext())).toThrow(/absolute IRI/);
    expect(() => buildExperienced({ title: '' }, testContext())).toThrow(/title is required/);
  });
});
