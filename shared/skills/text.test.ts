import { describe, expect, it } from 'vitest';
import { stem } from './stem';
import { collapseWhitespace, foldText, normalizeLabel, words } from './text';

describe('text normalisation', () => {
  it('folds case, diacritics, ligatures and full-width forms', () => {
    expect(foldText('Résumé ÉCOLE naïve')).toBe('resume ecole naive');
    expect(foldText('Straße Ærø Œuvre Łódź')).toBe('strasse aero oeuvre lodz');
    expect(foldText('ﬁle ＡＢＣ')).toBe('file abc');
    expect(foldText('plain ASCII')).toBe('plain ascii');
  });

  it('collapses whitespace in labels', () => {
    expect(collapseWhitespace('  a \t b\n c  ')).toBe('a b c');
    expect(normalizeLabel('  Café\u00a0 Crème ')).toBe('cafe creme');
  });

  it('splits words and keeps C++, C# and F# whole', () => {
    expect(words('Learn C++, C# and F#; not issue#5 or node.js!')).toEqual([
      'learn',
      'c++',
      'c#',
      'and',
      'f#',
      'not',
      'issue',
      '5',
      'or',
      'node',
      'js',
    ]);
    expect(words('  ')).toEqual([]);
  });
});

describe('stem', () => {
  it('brings plural, -ing, -ed, -ment and -ation forms together', () => {
    const same = (...forms: string[]): void => {
      expect(new Set(forms.map(stem)), forms.join(' ')).toHaveLength(1);
    };
    same('negotiate', 'negotiates', 'negotiating', 'negotiated', 'negotiation', 'negotiations');
    same('program', 'programs', 'programming', 'programmed');
    same('database', 'databases');
    same('strategy', 'strategies');
    same('manage', 'managing', 'managed', 'management');
    same('install', 'installing', 'installed');
    same('test', 'tests', 'testing', 'tested');
    same('business', 'businesses');
    same('access', 'accessing', 'accessed');
  });

  it('leaves short words, words with digits or symbols, and -us/-is endings alone', () => {
    expect(stem('use')).toBe('use');
    expect(stem('html5')).toBe('html5');
    expect(stem('c++')).toBe('c++');
    expect(stem('status')).toBe('status');
    expect(stem('analysis')).toBe('analysis');
    expect(stem('thing')).toBe('thing');
  });
});
