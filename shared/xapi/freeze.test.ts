import { describe, expect, it } from 'vitest';
import { buildMediaPlayed } from './builders/media';
import { freezeStatement, InvalidStatementError, thawStatement } from './freeze';
import { testContext } from './test-support';
import type { XapiStatement } from './types';

const statement = buildMediaPlayed(
  {
    media: 'video',
    url: 'https://vimeo.com/1',
    keepQueryStrings: false,
    title: 'Talk',
    lengthSeconds: 60,
    playedSeconds: 30,
    segments: [[0, 30]],
    completed: false,
  },
  testContext(),
);

describe('freezeStatement', () => {
  it('returns the JSON text, which thaws back to an equal statement', () => {
    const frozen = freezeStatement(statement);
    expect(frozen).toBe(JSON.stringify(statement));
    expect(thawStatement(frozen)).toEqual(statement);
  });

  it('is byte-stable: freezing a thawed statement gives the same bytes (what a retry sends)', () => {
    const frozen = freezeStatement(statement);
    expect(freezeStatement(thawStatement(frozen))).toBe(frozen);
  });

  it('throws an InvalidStatementError listing every problem', () => {
    const broken: XapiStatement = { ...statement, id: 'nope', timestamp: 'later' };
    let caught: unknown;
    try {
      freezeStatement(broken);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidStatementError);
    const error = caught as InvalidStatementError;
    expect(error.problems).toEqual([
      'statement.id: must be a UUID',
      'statement.timestamp: must be an ISO 8601 timestamp with a time zone',
    ]);
    expect(error.message).toContain('- statement.id: must be a UUID');
  });
});

describe('thawStatement', () => {
  it('refuses text that is not JSON or not a valid statement', () => {
    expect(() => thawStatement('{')).toThrow(InvalidStatementError);
    expect(() => thawStatement('{"id":"x"}')).toThrow(/statement.id: must be a UUID/);
  });
});
