import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEscoCsv } from './esco-csv';
import { createSkillIndex } from './search';
import { STARTER_FRAMEWORK } from './starter';
import { suggestSkills } from './suggest';
import type { SkillFramework } from './types';

const fixture = (name: string): string =>
  readFileSync(join(import.meta.dirname, '../../test/fixtures/esco', name), 'utf8');

const tech: SkillFramework = {
  id: 'tech',
  name: 'Tech',
  skills: [
    { id: 'https://t.example/kotlin', name: 'Kotlin' },
    { id: 'https://t.example/rust', name: 'Rust' },
    { id: 'https://t.example/ml', name: 'machine learning', altNames: ['ML'] },
    { id: 'https://t.example/db', name: 'design databases' },
    { id: 'https://t.example/resume', name: 'Résumé writing' },
    { id: 'https://t.example/sheets', name: 'use spreadsheets software' },
    { id: 'https://t.example/it', name: 'IT' }, // only a stopword: never suggested, still searchable
  ],
};
const index = createSkillIndex([tech]);
const names = (page: Parameters<typeof suggestSkills>[1]): string[] =>
  suggestSkills(index, page).map((match) => match.skill.name);

describe('suggestSkills', () => {
  const starter = createSkillIndex([STARTER_FRAMEWORK]);

  it('suggests the ESCO Python skill for a page about Python type hints', () => {
    const [first] = suggestSkills(starter, { title: 'Getting started with Python type hints' });
    expect(first?.skill.id).toBe('http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d');
    expect(first?.skill.name).toBe('Python (computer programming)');
    expect(first?.matchedLabel).toBe('Python');
    expect(first?.framework).toEqual({ id: 'esco-starter', name: 'ESCO starter skills' });

    const digital = createSkillIndex([
      parseEscoCsv(fixture('digital-sample.csv'), { id: 'd', name: 'Digital' }).framework,
    ]);
    const fromRealRows = suggestSkills(digital, { title: 'Getting started with Python type hints' });
    expect(fromRealRows.map((match) => match.skill.name)).toEqual(['Python (computer programming)']);
  });

  it('suggests negotiation skills for "How to negotiate a raise" and its variants', () => {
    const negotiate = 'http://data.europa.eu/esco/skill/7954861c-86d4-4529-afbb-2c23dab9ac74';
    for (const title of ['How to negotiate a raise', 'Negotiating your salary', 'Negotiation tactics']) {
      expect(suggestSkills(starter, { title })[0]?.skill.id, title).toBe(negotiate);
    }
  });

  it('suggests starter skills from a description and keywords', () => {
    const page = {
      title: 'Giving feedback that lands',
      description: 'How managers can give constructive feedback to their team.',
      keywords: ['management', 'time management'],
    };
    const suggested = suggestSkills(starter, page).map((match) => match.skill.name);
    expect(suggested).toContain('advise others');
    expect(suggested).toContain('manage time');
  });

  it('weights the title and keywords above the description and the body text', () => {
    const page = { title: 'Kotlin coroutines', text: 'Unlike Rust, ... rust ... RUST.' };
    const matches = suggestSkills(index, page);
    expect(matches.map((match) => match.skill.name)).toEqual(['Kotlin', 'Rust']);
    expect(matches[0]!.score).toBeGreaterThan(matches[1]!.score);
    expect(names({ keywords: ['rust'], description: 'kotlin' })).toEqual(['Rust', 'Kotlin']);
  });

  it('ignores a word that the body text mentions only in passing', () => {
    expect(names({ title: 'Kotlin coroutines', text: 'Unlike Rust, coroutines are built in.' })).toEqual([
      'Kotlin',
    ]);
    expect(names({ text: 'Rust here, rust there.' })).toEqual([]);
    expect(names({ text: 'Rust here, rust there, rust everywhere.' })).toEqual(['Rust']);
  });

  it('needs every content word of a multi-word label', () => {
    expect(names({ title: 'Machine shop safety' })).toEqual([]);
    expect(names({ title: 'Learning about machine learning' })).toEqual(['machine learning']);
    expect(names({ title: 'What ML engineers do' })).toEqual(['machine learning']);
    expect(names({ title: 'Database design patterns' })).toEqual(['design databases']);
  });

  it('lets ESCO’s framing words be missing ("use ... software")', () => {
    expect(names({ title: 'Spreadsheets for household budgets' })).toEqual(['use spreadsheets software']);
  });

  it('folds diacritics and light inflections', () => {
    expect(names({ title: 'Writing a great resume' })).toEqual(['Résumé writing']);
    expect(names({ title: 'Designing relational databases' })).toEqual(['design databases']);
  });

  it('suggests nothing for an empty page or one made of stopwords', () => {
    expect(suggestSkills(index, {})).toEqual([]);
    expect(suggestSkills(index, { title: 'How it is: the what and the why of it' })).toEqual([]);
    expect(index.search('IT')[0]?.skill.name).toBe('IT');
  });

  it('is deterministic, best first, and respects the limit', () => {
    const tied = createSkillIndex([
      {
        id: 'tie',
        name: 'Tie',
        skills: [
          { id: 'https://t.example/b', name: 'beta' },
          { id: 'https://t.example/a2', name: 'alpha' },
          { id: 'https://t.example/a1', name: 'Alpha' },
        ],
      },
    ]);
    const page = { title: 'alpha beta' };
    const ids = suggestSkills(tied, page).map((match) => match.skill.id);
    // Equal scores: by label (code-point order, so "Alpha" < "alpha" < "beta"), then IRI.
    expect(ids).toEqual(['https://t.example/a1', 'https://t.example/a2', 'https://t.example/b']);
    expect(suggestSkills(tied, page)).toEqual(suggestSkills(tied, page));
    expect(suggestSkills(tied, page, 2)).toHaveLength(2);
    expect(suggestSkills(tied, page, 0)).toEqual([]);
  });
});
