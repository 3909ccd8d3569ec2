import { describe, expect, it } from 'vitest';
import { CUSTOM_FRAMEWORK_ID, mintCustomSkill, slugify } from './custom';

describe('slugify', () => {
  it('lower-cases, folds diacritics and joins words with single dashes', () => {
    expect(slugify('Négociation avec fournisseurs!')).toBe('negociation-avec-fournisseurs');
    expect(slugify('  --Hello__World--  ')).toBe('hello-world');
    expect(slugify('C++ & C#')).toBe('c-c');
    // Diacritics fold; letters with no decomposition (ß, æ, ł) stay, as IRIs allow.
    expect(slugify('Straße, Ærø, Łódź')).toBe('straße-ærø-łodz');
    expect(slugify('Négociation avancée')).toBe('negociation-avancee');
    expect(slugify('Version 2.0')).toBe('version-2-0');
  });

  it('stops at 80 characters without leaving a dash at the end', () => {
    expect(slugify('x'.repeat(200))).toBe('x'.repeat(80));
    expect(slugify(`${'a'.repeat(79)} b`)).toBe('a'.repeat(79));
  });

  it('keeps letters of every script, and says "untitled" when nothing is left', () => {
    expect(slugify('数据分析')).toBe('数据分析');
    expect(slugify(' !? ')).toBe('untitled');
  });
});

describe('mintCustomSkill', () => {
  it('puts the slug under the base IRI with exactly one slash between', () => {
    for (const base of [
      'https://skills.acme.example/custom',
      'https://skills.acme.example/custom/',
      'https://skills.acme.example/custom///',
      ' https://skills.acme.example/custom/ ',
    ]) {
      expect(mintCustomSkill('Supplier negotiation', base).id, base).toBe(
        'https://skills.acme.example/custom/supplier-negotiation',
      );
    }
    expect(mintCustomSkill('Kanban', 'http://intranet.example').id).toBe('http://intranet.example/kanban');
  });

  it('keeps the learner’s wording as the name and marks the skill custom', () => {
    expect(mintCustomSkill('  Négociation   avec fournisseurs ', 'https://a.example/s/')).toEqual({
      id: 'https://a.example/s/negociation-avec-fournisseurs',
      name: 'Négociation avec fournisseurs',
      frameworkId: CUSTOM_FRAMEWORK_ID,
    });
    expect(CUSTOM_FRAMEWORK_ID).toBe('custom');
  });

  it('gives the same IRI for the same name, on any device', () => {
    expect(mintCustomSkill('Deal making', 'https://a.example/s').id).toBe(
      mintCustomSkill('deal   MAKING!', 'https://a.example/s/').id,
    );
  });

  it('refuses a base IRI that is not absolute http(s), or that has a query or fragment', () => {
    for (const base of [
      '',
      'skills/custom',
      '/custom/',
      'ftp://a.example/custom/',
      'urn:example:skills',
      'https://',
      'https://a.example/custom?x=1',
      'https://a.example/custom#',
      'https://a .example/custom',
    ]) {
      expect(() => mintCustomSkill('Kanban', base), base).toThrow(/absolute http\(s\) IRI/);
    }
  });

  it('refuses a name without letters or digits to slug', () => {
    expect(() => mintCustomSkill('!!!', 'https://a.example/c/')).toThrow(/no letters or digits/);
    expect(() => mintCustomSkill(' - ', 'https://a.example/c/')).toThrow(/no letters or digits/);
  });

  it('mints skills named in any script', () => {
    expect(mintCustomSkill('数据分析', 'https://a.example/c/').id).toBe('https://a.example/c/数据分析');
  });
});
