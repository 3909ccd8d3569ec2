import { describe, expect, it } from 'vitest';
import { iriSegment, isAbsoluteIri, joinIri, slugify } from './iri';

describe('slugify', () => {
  it.each([
    ['Café Society: A Guide!', 'cafe-society-a-guide'],
    ['  --Hello,   World--  ', 'hello-world'],
    ['Straße', 'straße'],
    ['C++ & Rust', 'c-rust'],
    ['機械学習入門', '機械学習入門'],
    ['', 'untitled'],
    ['!!!', 'untitled'],
  ])('%j → %j', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it('cuts at 80 characters without a trailing hyphen', () => {
    const slug = slugify(`${'a'.repeat(79)} b`);
    expect(slug).toBe('a'.repeat(79));
    expect(Array.from(slugify('word '.repeat(40))).length).toBeLessThanOrEqual(80);
  });
});

describe('iriSegment, joinIri, isAbsoluteIri', () => {
  it('percent-encodes non-ASCII slugs', () => {
    expect(iriSegment('Straße')).toBe('stra%C3%9Fe');
  });

  it('joins with exactly one separator', () => {
    expect(joinIri('https://x.example/skills', 'a')).toBe('https://x.example/skills/a');
    expect(joinIri('https://x.example/skills/', 'a')).toBe('https://x.example/skills/a');
    expect(joinIri('https://x.example/skills#', 'a')).toBe('https://x.example/skills#a');
  });

  it('tells absolute IRIs from the rest', () => {
    expect(isAbsoluteIri('https://example.com/a')).toBe(true);
    expect(isAbsoluteIri('urn:isbn:9780132350884')).toBe(true);
    expect(isAbsoluteIri('mailto:a@b.example')).toBe(true);
    expect(isAbsoluteIri('/relative')).toBe(false);
    expect(isAbsoluteIri('has space:x')).toBe(false);
    expect(isAbsoluteIri('https://')).toBe(false);
    expect(isAbsoluteIri('https://exa mple.com')).toBe(false);
    expect(isAbsoluteIri(42)).toBe(false);
  });
});
