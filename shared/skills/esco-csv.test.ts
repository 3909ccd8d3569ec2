import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ESCO_ATTRIBUTION } from './esco';
import { parseEscoCsv, splitAltLabels } from './esco-csv';

const root = join(import.meta.dirname, '../..');
const fixture = (name: string): string => readFileSync(join(root, 'test/fixtures/esco', name), 'utf8');
// TRAILNOTE_ESCO_DIR lets a run pretend the collections are absent (point it at a missing directory).
const realEscoDir = process.env.TRAILNOTE_ESCO_DIR ?? join(root, '../shared/data/esco');

describe('parseEscoCsv on real ESCO rows', () => {
  const { framework, problems } = parseEscoCsv(fixture('digital-sample.csv'), { id: 'd', name: 'Digital' });

  it('reads every row, with the meta, the frameworkId and the ESCO attribution', () => {
    expect(problems).toEqual([]);
    expect(framework.id).toBe('d');
    expect(framework.name).toBe('Digital');
    expect(framework.attribution).toBe(ESCO_ATTRIBUTION);
    expect(framework.skills.map((skill) => skill.name).sort()).toEqual([
      'C#',
      'C++',
      'Java (computer programming)',
      'JavaScript',
      'Python (computer programming)',
      'SQL',
      'cloud technologies',
    ]);
    expect(framework.skills.every((skill) => skill.frameworkId === 'd')).toBe(true);
  });

  it('splits alternative labels on " | " and keeps the description', () => {
    const python = framework.skills.find((skill) => skill.name === 'Python (computer programming)');
    expect(python).toMatchObject({
      id: 'http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d',
      altNames: ['Python 3K', 'Python'],
    });
    expect(python?.description).toMatch(/^The techniques and principles of software development/);
    // C++ has no alternative labels in ESCO: no empty array is stored.
    expect(framework.skills.find((skill) => skill.name === 'C++')).not.toHaveProperty('altNames');
  });

  it('finds the columns by name whatever their order', () => {
    // The transversal collection puts preferredLabel after skillType and reuseLevel.
    const transversal = parseEscoCsv(fixture('transversal-sample.csv'), { id: 't', name: 'T' });
    expect(transversal.problems).toEqual([]);
    expect(transversal.framework.skills[0]?.name).toBe('negotiate compromises');
    expect(transversal.framework.skills[0]?.altNames).toContain('negotiate');
  });
});

describe('parseEscoCsv on malformed input', () => {
  const meta = { id: 'x', name: 'x' };
  const text = fixture('edge-cases.csv');
  const expectedProblems = [
    'line 6: missing conceptUri',
    'line 7: conceptUri "mailto:someone@example.org" is not an absolute http(s) IRI',
    'line 8: missing preferredLabel for https://example.org/skills/nolabel',
    'line 9: duplicate conceptUri https://example.org/skills/alpha (first on line 2)',
    'line 10: 6 fields but the header has 5',
    'line 12: missing conceptUri',
  ];

  it('keeps the good rows, cleaned up', () => {
    const { framework } = parseEscoCsv(text, { id: 'e', name: 'Edge' });
    expect(framework.skills).toEqual([
      {
        id: 'https://example.org/skills/alpha',
        name: 'Alpha skill',
        frameworkId: 'e',
        altNames: ['alpha one', 'alpha two'],
        description: 'Handles "quotes", commas',
      },
      {
        id: 'https://example.org/skills/beta',
        name: 'Beta skill',
        frameworkId: 'e',
        altNames: ['beta one', 'beta two'],
        description: 'plain',
      },
      {
        id: 'https://example.org/skills/resume',
        name: 'Résumé writing',
        frameworkId: 'e',
        altNames: ['Café', 'crème brûlée'],
        description: 'Gestion du café',
      },
      // Whitespace collapsed; the empty and the preferred-label-again alternatives dropped.
      {
        id: 'https://example.org/skills/gamma',
        name: 'Gamma skill',
        frameworkId: 'e',
        altNames: ['gamma one'],
      },
    ]);
    expect(framework.attribution).toBeUndefined();
  });

  it('reports every skipped row with its line number', () => {
    expect(parseEscoCsv(text, { id: 'e', name: 'Edge' }).problems).toEqual(expectedProblems);
  });

  it('gives the same result with CRLF line ends and a byte-order mark', () => {
    const windows = `\ufeff${text.replace(/\n/g, '\r\n')}`;
    const lf = parseEscoCsv(text, { id: 'e', name: 'Edge' });
    const crlf = parseEscoCsv(windows, { id: 'e', name: 'Edge' });
    expect(crlf.problems).toEqual(expectedProblems);
    // Only the line break inside Beta's quoted alternative labels differs, and it is a separator.
    expect(crlf.framework).toEqual(lf.framework);
  });

  it('names missing columns and an empty file', () => {
    expect(parseEscoCsv('uri,label\nhttp://a.example/1,a\n', { id: 'x', name: 'x' }).problems).toEqual([
      'line 1: missing column conceptUri and preferredLabel',
    ]);
    expect(parseEscoCsv('conceptUri,name\n', { id: 'x', name: 'x' }).problems).toEqual([
      'line 1: missing column preferredLabel',
    ]);
    expect(parseEscoCsv('', { id: 'x', name: 'x' })).toEqual({
      framework: { id: 'x', name: 'x', skills: [] },
      problems: ['line 1: the file has no header row'],
    });
  });

  it('accepts header names in any case and needs no altLabels or description column', () => {
    const { framework, problems } = parseEscoCsv('ConceptURI,PREFERREDLABEL\nhttps://a.example/s/1,One\n', {
      id: 'x',
      name: 'x',
    });
    expect(problems).toEqual([]);
    expect(framework.skills).toEqual([{ id: 'https://a.example/s/1', name: 'One', frameworkId: 'x' }]);
  });

  it('sets the ESCO attribution as soon as one IRI is ESCO’s', () => {
    const text =
      'conceptUri,preferredLabel\nhttps://a.example/s/1,One\nhttp://data.europa.eu/esco/skill/x,Two\n';
    expect(parseEscoCsv(text, { id: 'x', name: 'x' }).framework.attribution).toBe(ESCO_ATTRIBUTION);
  });

  it('keeps the first skills up to the limit and says how many rows were left out', () => {
    const rows = Array.from({ length: 5 }, (_, i) => `https://a.example/s/${i},Skill ${i}\n`).join('');
    const { framework, problems } = parseEscoCsv(`conceptUri,preferredLabel\n${rows}`, meta, {
      maxSkills: 2,
    });
    expect(framework.skills.map((skill) => skill.name)).toEqual(['Skill 0', 'Skill 1']);
    expect(problems).toEqual(['more than 2 skills: kept the first 2, left out 3']);
  });

  it('caps a flood of problems with a summary', () => {
    const broken = `conceptUri,preferredLabel\n${'not-a-uri,x\n'.repeat(120)}`;
    const { problems } = parseEscoCsv(broken, { id: 'x', name: 'x' });
    expect(problems).toHaveLength(51);
    expect(problems[50]).toBe('... and 70 more problems');
  });
});

describe('splitAltLabels', () => {
  it('splits on " | " and on line breaks, not on a bare pipe', () => {
    expect(splitAltLabels('a | b\nc\r\nd|e', 'x')).toEqual(['a', 'b', 'c', 'd|e']);
  });

  it('drops blanks, repeats (ignoring case and accents) and the preferred label', () => {
    expect(splitAltLabels(' Cafe |  | café | CAFE | Tea ', 'tea')).toEqual(['Cafe']);
  });
});

describe.skipIf(!existsSync(realEscoDir))('the real ESCO v1.2.0 collections', () => {
  const read = (file: string): string => readFileSync(join(realEscoDir, file), 'utf8');

  // A guard against a quadratic parser, not a benchmark: shared machines are noisy, so the bound is generous.
  it('parses the whole digital collection, without problems, in well under a second', () => {
    const text = read('digitalSkillsCollection_en.csv');
    parseEscoCsv(text, { id: 'warm-up', name: 'warm-up' }); // measure the parser, not the JIT's first pass
    const started = performance.now();
    const { framework, problems } = parseEscoCsv(text, { id: 'digital', name: 'ESCO digital' });
    const elapsed = performance.now() - started;
    expect(problems).toEqual([]);
    expect(framework.skills.length).toBeGreaterThanOrEqual(1200);
    expect(framework.attribution).toBe(ESCO_ATTRIBUTION);
    expect(elapsed).toBeLessThan(1000);
  });

  it('parses the transversal and DigComp collections without problems', () => {
    for (const file of ['transversalSkillsCollection_en.csv', 'digCompSkillsCollection_en.csv']) {
      const { framework, problems } = parseEscoCsv(read(file), { id: file, name: file });
      expect(problems, file).toEqual([]);
      expect(framework.skills.length, file).toBeGreaterThan(20);
    }
  });
});
