import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEscoCsv } from './esco-csv';
import { createSkillIndex } from './search';
import { STARTER_FRAMEWORK } from './starter';
import type { SkillFramework } from './types';

const fixture = (name: string): string =>
  readFileSync(join(import.meta.dirname, '../../test/fixtures/esco', name), 'utf8');

const acme: SkillFramework = {
  id: 'acme',
  name: 'Acme competencies',
  skills: [
    { id: 'https://skills.acme.example/s/pm', name: 'Project management', altNames: ['managing projects'] },
    { id: 'https://skills.acme.example/s/pp', name: 'Project planning' },
    {
      id: 'https://skills.acme.example/s/mp',
      name: 'Management of programmes',
      altNames: ['programme management'],
    },
    { id: 'https://skills.acme.example/s/ipm', name: 'IT project management' },
    { id: 'https://skills.acme.example/s/resume', name: 'Résumé writing', altNames: ['CV writing'] },
    { id: 'https://skills.acme.example/s/negotiation', name: 'Negotiation', altNames: ['deal making'] },
    { id: 'https://skills.acme.example/s/ske', name: 'Skiing', altNames: ['Łódź office onboarding'] },
  ],
};

const ids = (matches: { skill: { id: string } }[]): string[] => matches.map((match) => match.skill.id);
const acmeId = (slug: string): string => `https://skills.acme.example/s/${slug}`;

describe('createSkillIndex().search', () => {
  const index = createSkillIndex([acme]);

  it('returns nothing for a blank query or a non-positive limit', () => {
    expect(index.search('')).toEqual([]);
    expect(index.search('  \t ')).toEqual([]);
    expect(index.search('project', 0)).toEqual([]);
  });

  it('ranks exact label > label prefix > word prefixes in order > any order > substring', () => {
    const tiers = createSkillIndex([
      {
        id: 'tiers',
        name: 'Tiers',
        // Listed weakest first, so the order of the result cannot come from the input order.
        skills: [
          { id: 'https://t.example/substring', name: 'Steam workflow' },
          { id: 'https://t.example/any-order', name: 'Working in a team' },
          { id: 'https://t.example/in-order', name: 'Team and working methods' },
          { id: 'https://t.example/prefix', name: 'Team workshops' },
          { id: 'https://t.example/exact', name: 'Team work' },
          { id: 'https://t.example/none', name: 'Teamwork' },
        ],
      },
    ]);
    const matches = tiers.search('team work');
    expect(matches.slice(0, 4).map((match) => match.skill.id)).toEqual([
      'https://t.example/exact',
      'https://t.example/prefix',
      'https://t.example/in-order',
      'https://t.example/any-order',
    ]);
    // Substrings come last: of words ("sTEAM WORKflow") or of the compact form ("Teamwork").
    expect(
      matches
        .slice(4)
        .map((match) => match.skill.id)
        .sort(),
    ).toEqual(['https://t.example/none', 'https://t.example/substring']);
    expect(tiers.search('teamwork')[0]?.skill.id).toBe('https://t.example/none');
    expect(tiers.search('teamwork').map((match) => match.skill.id)).toContain('https://t.example/exact');
  });

  it('finds "proj man" in project management skills, best first', () => {
    expect(ids(index.search('proj man'))).toEqual([acmeId('pm'), acmeId('ipm')]);
    // In order in the alternative label "managing projects": above the any-order match.
    expect(index.search('man proj')[0]).toMatchObject({
      skill: { id: acmeId('pm') },
      matchedLabel: 'managing projects',
    });
    // Equal strength: the label the query covers more closely first.
    expect(ids(index.search('project'))).toEqual([acmeId('pp'), acmeId('pm'), acmeId('ipm')]);
  });

  it('puts the word-order match above the any-order match', () => {
    const inOrder = index.search('proj man').find((m) => m.skill.id === acmeId('ipm'))!;
    const anyOrder = index.search('man proj').find((m) => m.skill.id === acmeId('ipm'))!;
    expect(inOrder.score).toBeGreaterThan(anyOrder.score);
  });

  it('prefers the preferred label over an alternative label that matches as well', () => {
    const matches = index.search('management');
    // "Management of programmes" (preferred, prefix) before "programme management" (alternative, word prefix).
    expect(matches[0]).toMatchObject({
      skill: { id: acmeId('mp') },
      matchedLabel: 'Management of programmes',
    });

    const tie = createSkillIndex([
      {
        id: 't',
        name: 'T',
        skills: [
          { id: 'https://t.example/alt', name: 'Something else', altNames: ['Writing reports'] },
          { id: 'https://t.example/pref', name: 'Writing reviews' },
        ],
      },
    ]);
    // Both are label-prefix matches of equal closeness: the preferred label wins.
    expect(ids(tie.search('writing r'))).toEqual(['https://t.example/pref', 'https://t.example/alt']);
  });

  it('reports which label matched, and lists each skill once', () => {
    const [match, ...rest] = index.search('deal');
    expect(match).toMatchObject({
      skill: { id: acmeId('negotiation'), name: 'Negotiation' },
      framework: { id: 'acme', name: 'Acme competencies' },
      matchedLabel: 'deal making',
    });
    expect(rest).toEqual([]);
    const managing = index.search('manag');
    expect(new Set(ids(managing)).size).toBe(managing.length);
  });

  it('ignores case and diacritics on both sides', () => {
    expect(ids(index.search('resume'))).toEqual([acmeId('resume')]);
    expect(ids(index.search('RÉSUMÉ WRI'))).toEqual([acmeId('resume')]);
    expect(index.search('resume')[0]?.matchedLabel).toBe('Résumé writing');
    expect(ids(index.search('lodz'))).toEqual([acmeId('ske')]); // ł is not a decomposable letter
    expect(ids(index.search('ＰＲＯＪＥＣＴ ＰＬＡＮ'))).toEqual([acmeId('pp')]); // full-width forms
  });

  it('matches word stems, so "negotiating" finds "Negotiation" and "plan project" finds "Project planning"', () => {
    expect(ids(index.search('negotiating'))).toEqual([acmeId('negotiation')]);
    expect(ids(index.search('planning projects'))).toEqual([acmeId('pp')]);
  });

  it('respects the limit and orders deterministically', () => {
    expect(index.search('p', 2)).toHaveLength(2);
    expect(index.search('p')).toEqual(index.search('p'));
    const scores = index.search('p').map((match) => match.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('ranks "java" as Java before JavaScript, and tells C++ from C# (real ESCO rows)', () => {
    const digital = parseEscoCsv(fixture('digital-sample.csv'), { id: 'd', name: 'Digital' }).framework;
    const esco = createSkillIndex([digital]);
    expect(esco.search('java').map((m) => m.skill.name)).toEqual([
      'Java (computer programming)',
      'JavaScript',
    ]);
    expect(esco.search('java')[0]?.matchedLabel).toBe('Java');
    expect(esco.search('c++').map((m) => m.skill.name)).toEqual(['C++']);
    expect(esco.search('c#')[0]?.skill.name).toBe('C#');
    expect(esco.search('c sharp')[0]?.matchedLabel).toBe('C Sharp');
    expect(esco.search('cloud comp')[0]).toMatchObject({
      skill: { name: 'cloud technologies' },
      matchedLabel: 'cloud computing',
    });
  });
});

describe('createSkillIndex across frameworks', () => {
  const shared = 'http://data.europa.eu/esco/skill/7954861c-86d4-4529-afbb-2c23dab9ac74';
  const org: SkillFramework = {
    id: 'org',
    name: 'Org',
    skills: [{ id: shared, name: 'Negotiation skills', altNames: ['haggling'] }],
  };

  it('keeps one entry per IRI, as the first framework has it, found by every copy’s labels', () => {
    const index = createSkillIndex([org, STARTER_FRAMEWORK]);
    expect(index.entries.filter((entry) => entry.skill.id === shared)).toHaveLength(1);
    expect(index.get(shared)?.name).toBe('Negotiation skills');
    const viaEsco = index.search('negotiate compromises');
    expect(viaEsco[0]).toMatchObject({ skill: { name: 'Negotiation skills' }, framework: { id: 'org' } });
    expect(viaEsco[0]?.matchedLabel).toBe('negotiate compromises');
    expect(index.search('haggl').map((m) => m.skill.id)).toEqual([shared]);
  });

  it('gets skills by IRI and lists the attributions to show', () => {
    const index = createSkillIndex([acme, STARTER_FRAMEWORK, STARTER_FRAMEWORK]);
    expect(index.get(acmeId('pm'))?.name).toBe('Project management');
    expect(index.get(STARTER_FRAMEWORK.skills[0]!.id)).toBe(STARTER_FRAMEWORK.skills[0]);
    expect(index.get('https://nowhere.example/')).toBeUndefined();
    expect(index.attributions).toEqual([STARTER_FRAMEWORK.attribution]);
    expect(createSkillIndex([acme]).attributions).toEqual([]);
  });

  it('finds starter skills by what people type', () => {
    const index = createSkillIndex([STARTER_FRAMEWORK]);
    const first = (query: string): string | undefined => index.search(query)[0]?.skill.name;
    expect(first('critical thinking')).toBe('think critically');
    expect(first('python')).toBe('Python (computer programming)');
    expect(first('time management')).toBe('manage time');
    expect(first('negotiation')).toBe('negotiate compromises');
    expect(first('git')).toBe('tools for software configuration management');
    expect(first('cloud computing')).toBe('cloud technologies');
    expect(first('ux')).toBe('create prototype of user experience solutions');
    expect(first('frontend')).toBe('implement front-end website design');
  });
});
