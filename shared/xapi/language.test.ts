import { describe, expect, it } from 'vitest';
import { isLanguageTag, langMap, normaliseLanguage } from './language';

describe('normaliseLanguage', () => {
  it.each([
    ['en-gb', 'en-GB'],
    ['EN', 'en'],
    ['de-de', 'de-DE'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['en_GB.UTF-8', 'en-GB'],
    ['de_DE@euro', 'de-DE'],
    [' fr-ca ', 'fr-CA'],
  ])('%j → %s', (input, expected) => {
    expect(normaliseLanguage(input)).toBe(expected);
  });

  it.each([undefined, '', '   ', 'C', 'POSIX', 'und', 'x', 'english!', '12-34', 'en--GB'])(
    '%j → en',
    (input) => {
      expect(normaliseLanguage(input)).toBe('en');
    },
  );
});

describe('isLanguageTag', () => {
  it('accepts well-formed tags and rejects others', () => {
    expect(isLanguageTag('en-GB')).toBe(true);
    expect(isLanguageTag('zh-Hant-TW')).toBe(true);
    expect(isLanguageTag('en_GB')).toBe(false);
    expect(isLanguageTag('')).toBe(false);
  });
});

describe('langMap', () => {
  it('keys the text by the normalised language, en when unknown', () => {
    expect(langMap('Hallo', 'de-de')).toEqual({ 'de-DE': 'Hallo' });
    expect(langMap('Hello', undefined)).toEqual({ en: 'Hello' });
    expect(langMap('Hello', 'garbage tag')).toEqual({ en: 'Hello' });
  });
});
