import { describe, expect, it } from 'vitest';
import { isbnUrn, normaliseIsbn } from './isbn';

describe('normaliseIsbn', () => {
  it.each([
    ['9780132350884', '9780132350884'],
    ['978-0-13-235088-4', '9780132350884'],
    ['ISBN 978-0-13-235088-4', '9780132350884'],
    ['ISBN-13: 978 0 13 235088 4', '9780132350884'],
    // ISBN-10 → ISBN-13 (documented decision: one book, one id)
    ['0132350882', '9780132350884'],
    ['0-306-40615-2', '9780306406157'],
    ['080442957X', '9780804429573'],
    ['080442957x', '9780804429573'],
    ['979-10-90636-07-1', '9791090636071'],
  ])('%j → %s', (input, expected) => {
    expect(normaliseIsbn(input)).toBe(expected);
  });

  it.each([
    ['9780132350885', 'bad ISBN-13 check digit'],
    ['0132350883', 'bad ISBN-10 check digit'],
    ['1234567890123', '13 digits without the 978/979 prefix'],
    ['X132350882', 'X not in last place'],
    ['01323508', 'too short'],
    ['', 'empty'],
    ['abc', 'not digits'],
  ])('rejects %j (%s)', (input) => {
    expect(normaliseIsbn(input)).toBeUndefined();
  });
});

describe('isbnUrn', () => {
  it('is urn:isbn:<13 digits>', () => {
    expect(isbnUrn('0-13-235088-2')).toBe('urn:isbn:9780132350884');
    expect(isbnUrn('nope')).toBeUndefined();
  });
});
