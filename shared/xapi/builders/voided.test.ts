import { describe, expect, it } from 'vitest';
import { checkStatement } from '../check';
import { findNullish, testContext } from '../test-support';
import { VERB_IRIS } from '../vocab';
import { buildVoided } from './voided';

describe('buildVoided', () => {
  const target = '5d6e7f80-1a2b-4c3d-9e8f-0a1b2c3d4e5f';
  const st = buildVoided({ originalId: target }, testContext({ reflection: 'not sent' }));

  it('voided + StatementRef, no result, no platform, no reflection', () => {
    expect(st.verb).toEqual({ id: VERB_IRIS.voided, display: { en: 'voided' } });
    expect(st.object).toEqual({ objectType: 'StatementRef', id: target });
    expect(st).not.toHaveProperty('result');
    expect(st.context).not.toHaveProperty('platform');
    expect(st.context.extensions).toBeUndefined();
  });

  it('still carries the profile category, and passes the checks', () => {
    expect(st.context.contextActivities.category).toHaveLength(2);
    expect(checkStatement(st)).toEqual([]);
    expect(findNullish(st)).toEqual([]);
  });

  it('fails the checks when the target is not a statement id', () => {
    expect(checkStatement(buildVoided({ originalId: 'not-a-uuid' }, testContext()))).toEqual([
      'statement.object.id: must be a UUID',
    ]);
  });
});
