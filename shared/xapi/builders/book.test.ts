import { describe, expect, it } from 'vitest';
import { checkStatement } from '../check';
import { findNullish, testContext } from '../test-support';
import { ACTIVITY_TYPES, EXTENSIONS, VERB_IRIS } from '../vocab';
import { bookActivityId, buildBookRead } from './book';

describe('bookActivityId', () => {
  it('urn:isbn with ISBN-13 digits for a valid ISBN-10 or -13', () => {
    expect(bookActivityId({ title: 'Clean Code', isbn: '0-13-235088-2' })).toBe('urn:isbn:9780132350884');
    expect(bookActivityId({ title: 'Clean Code', isbn: '978-0-13-235088-4', url: 'https://x.example' })).toBe(
      'urn:isbn:9780132350884',
    );
  });

  it('falls back to the cleaned url when the ISBN is invalid or missing', () => {
    expect(
      bookActivityId({
        title: 'Clean Code',
        isbn: '978-0-13-235088-5',
        url: 'https://books.example/cc?utm_source=a#x',
      }),
    ).toBe('https://books.example/cc');
  });

  it('falls back to a title slug under the project IRI', () => {
    expect(bookActivityId({ title: 'Thinking, Fast and Slow' })).toBe(
      'https://trailnote.app/xapi/activities/book/thinking-fast-and-slow',
    );
  });
});

describe('buildBookRead', () => {
  it('read + book type + author + optional result', () => {
    const st = buildBookRead(
      {
        title: 'Clean Code',
        isbn: '0132350882',
        author: 'Robert C. Martin',
        url: 'https://books.example/cc',
        durationSeconds: 5400,
        completed: false,
      },
      testContext({ platform: 'Trailnote', reflection: 'Chapter 3 is the best.' }),
    );
    expect(st.verb.id).toBe(VERB_IRIS.read);
    expect(st.object).toEqual({
      objectType: 'Activity',
      id: 'urn:isbn:9780132350884',
      definition: {
        type: ACTIVITY_TYPES.book,
        name: { 'en-GB': 'Clean Code' },
        moreInfo: 'https://books.example/cc',
        extensions: { [EXTENSIONS.author]: 'Robert C. Martin' },
      },
    });
    expect(st.result).toEqual({ completion: false, duration: 'PT1H30M' });
    expect(st.context.extensions).toEqual({ [EXTENSIONS.reflection]: 'Chapter 3 is the best.' });
    expect(checkStatement(st)).toEqual([]);
  });

  it('omits result when neither duration nor completion is known, and moreInfo when it is the id', () => {
    const st = buildBookRead({ title: 'A Book', url: 'https://books.example/a' }, testContext());
    expect(st.result).toBeUndefined();
    expect(st.object).toEqual({
      objectType: 'Activity',
      id: 'https://books.example/a',
      definition: { type: ACTIVITY_TYPES.book, name: { 'en-GB': 'A Book' } },
    });
    expect(findNullish(st)).toEqual([]);
  });

  it('requires a title', () => {
    expect(() => buildBookRead({ title: '  ', isbn: '0132350882' }, testContext())).toThrow(
      /title is required/,
    );
  });
});
