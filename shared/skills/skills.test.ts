import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ESCO_ATTRIBUTION,
  STARTER_FRAMEWORK,
  createSkillIndex,
  mintCustomSkill,
  parseEscoCsv,
  slugify,
  suggestSkills,
  type SkillFramework,
} from './index';

const root = join(import.meta.dirname, '../..');
const realEsco = join(root, '../shared/data/esco');

const acme: SkillFramework = {
  id: 'acme',
  name: 'Acme competencies',
  skills: [
    {
      id: 'https://skills.acme.example/s/negotiation',
      name: 'Negotiation',
      altNames: ['negotiating', 'deal making'],
    },
    {
      id: 'https://skills.acme.example/s/project-management',
      name: 'Project management',
      altNames: ['managing projects'],
    },
    { id: 'https://skills.acme.example/s/cafe', name: 'Café operations' },
  ],
};

describe('starter framework', () => {
  it('is a few dozen real ESCO skills with the attribution ESCO requires', () => {
    expect(STARTER_FRAMEWORK.skills.length).toBeGreaterThanOrEqual(40);
    expect(STARTER_FRAMEWORK.skills.length).toBeLessThanOrEqual(60);
    for (const s of STARTER_FRAMEWORK.skills)
      expect(s.id).toMatch(/^http:\/\/data\.europa\.eu\/esco\/skill\/[0-9a-f-]{36}$/);
    expect(new Set(STARTER_FRAMEWORK.skills.map((s) => s.id)).size).toBe(STARTER_FRAMEWORK.skills.length);
    expect(STARTER_FRAMEWORK.attribution).toBe(
      'This service uses the ESCO classification of the European Commission.',
    );
    expect(ESCO_ATTRIBUTION).toBe(STARTER_FRAMEWORK.attribution);
  });

  it.skipIf(!existsSync(realEsco))('takes every IRI and label from the real ESCO collections', () => {
    const known = new Map<string, string>();
    for (const f of [
      'transversalSkillsCollection_en.csv',
      'digitalSkillsCollection_en.csv',
      'digCompSkillsCollection_en.csv',
    ]) {
      const { framework } = parseEscoCsv(readFileSync(join(realEsco, f), 'utf8'), { id: f, name: f });
      for (const s of framework.skills) known.set(s.id, s.name);
    }
    for (const s of STARTER_FRAMEWORK.skills) expect(known.get(s.id), s.id).toBe(s.name);
  });

  it.skipIf(!existsSync(realEsco))('parses the whole real digital collection without problems', () => {
    const text = readFileSync(join(realEsco, 'digitalSkillsCollection_en.csv'), 'utf8');
    const t0 = performance.now();
    const { framework, problems } = parseEscoCsv(text, { id: 'digital', name: 'ESCO digital' });
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(problems).toEqual([]);
    expect(framework.skills.length).toBeGreaterThanOrEqual(1200);
    expect(framework.attribution).toBe(ESCO_ATTRIBUTION);
  });
});

describe('parseEscoCsv', () => {
  const { framework, problems } = parseEscoCsv(
    readFileSync(join(root, 'test/fixtures/esco/sample.csv'), 'utf8'),
    { id: 's', name: 'Sample' },
  );

  it('reads real rows with their alternative labels', () => {
    const initiative = framework.skills.find((s) => s.name === 'show initiative');
    expect(initiative?.id).toBe('http://data.europa.eu/esco/skill/001115fb-569f-4ee6-8381-c6807ef2527f');
    expect(initiative?.altNames).toContain('take the initiative');
  });

  it('handles quoted commas, doubled quotes and multi-line fields', () => {
    const q = framework.skills.find((s) => s.id === 'https://skills.acme.example/s/q');
    expect(q?.name).toBe('quote "this", please');
    expect(q?.altNames).toEqual(['first alt', 'second alt']);
  });

  it('skips rows without an http(s) URI and says which line', () => {
    expect(framework.skills.map((s) => s.name)).not.toContain('urn skill');
    expect(problems).toHaveLength(2);
    for (const p of problems) expect(p).toMatch(/^line \d+:/);
  });

  it('copes with a BOM and CRLF line ends, and names missing columns', () => {
    const crlf =
      '\ufeffconceptUri,preferredLabel\r\nhttp://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000001,x\r\n';
    expect(parseEscoCsv(crlf, { id: 'c', name: 'c' }).framework.skills).toHaveLength(1);
    expect(
      parseEscoCsv('uri,label\nhttp://a.example/1,a\n', { id: 'c', name: 'c' }).problems.join(' '),
    ).toMatch(/conceptUri/i);
  });
});

describe('search', () => {
  const index = createSkillIndex([acme, STARTER_FRAMEWORK]);

  it('finds skills by word prefixes, alternative labels and without diacritics', () => {
    expect(index.search('proj man')[0]?.skill.id).toBe('https://skills.acme.example/s/project-management');
    expect(index.search('deal mak')[0]?.matchedLabel).toBe('deal making');
    expect(index.search('cafe')[0]?.skill.name).toBe('Café operations');
    expect(index.search('   ')).toEqual([]);
  });

  it('ranks an exact label first and respects the limit', () => {
    const hits = index.search('negotiation', 3);
    expect(hits[0]?.skill.id).toBe('https://skills.acme.example/s/negotiation');
    expect(hits.length).toBeLessThanOrEqual(3);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
  });

  it('looks skills up by IRI across frameworks', () => {
    expect(index.get('https://skills.acme.example/s/negotiation')?.name).toBe('Negotiation');
    expect(index.get(STARTER_FRAMEWORK.skills[0]!.id)?.name).toBe(STARTER_FRAMEWORK.skills[0]!.name);
    expect(index.get('https://nope.example/')).toBeUndefined();
  });
});

describe('suggestions for a page', () => {
  const index = createSkillIndex([acme, STARTER_FRAMEWORK]);

  it('suggests from the title and keywords', () => {
    const s = suggestSkills(index, { title: 'How to negotiate a raise', keywords: ['career'] });
    expect(s.map((m) => m.skill.id)).toContain('https://skills.acme.example/s/negotiation');
  });

  it('suggests nothing for a page about nothing in the frameworks', () => {
    expect(suggestSkills(index, { title: 'The', description: 'and of the' })).toEqual([]);
  });
});

describe('custom skills', () => {
  it('mints IRIs under the base IRI with an ASCII slug', () => {
    expect(
      mintCustomSkill('  Négociation avec fournisseurs! ', 'https://skills.acme.example/custom'),
    ).toEqual({
      id: 'https://skills.acme.example/custom/negociation-avec-fournisseurs',
      name: 'Négociation avec fournisseurs!',
      frameworkId: 'custom',
    });
    expect(slugify('x'.repeat(200))).toHaveLength(80);
  });

  it('refuses bad bases and empty names', () => {
    expect(() => mintCustomSkill('x', 'not a url')).toThrow(/absolute http/);
    expect(() => mintCustomSkill('x', 'https://a.example/c#frag')).toThrow(/without \? or #/);
    expect(() => mintCustomSkill('!!!', 'https://a.example/c/')).toThrow(/no letters or digits/);
  });
});
