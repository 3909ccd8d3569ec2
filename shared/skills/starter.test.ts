import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ESCO_COLLECTIONS,
  STARTER_SELECTION,
  buildStarterSkills,
  curateFromDirectory,
  renderStarterJson,
  type StarterJson,
} from '../../scripts/curate-esco';
import { parseEscoCsv } from './esco-csv';
import { ESCO_ATTRIBUTION, STARTER_FRAMEWORK, STARTER_FRAMEWORK_ID } from './starter';
import type { SkillFramework } from './types';

const jsonPath = join(import.meta.dirname, 'starter-esco.json');
const jsonText = readFileSync(jsonPath, 'utf8');
// TRAILNOTE_ESCO_DIR lets a run pretend the collections are absent (point it at a missing directory).
const realEscoDir = process.env.TRAILNOTE_ESCO_DIR ?? join(import.meta.dirname, '../../../shared/data/esco');
const hasRealEsco = existsSync(realEscoDir);

describe('STARTER_FRAMEWORK', () => {
  it('is 40 to 60 distinct ESCO skills', () => {
    const ids = STARTER_FRAMEWORK.skills.map((skill) => skill.id);
    expect(ids.length).toBeGreaterThanOrEqual(40);
    expect(ids.length).toBeLessThanOrEqual(60);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^http:\/\/data\.europa\.eu\/esco\/skill\/[0-9a-f-]{36}$/);
  });

  it('carries ESCO’s required attribution, word for word', () => {
    expect(ESCO_ATTRIBUTION).toBe('This service uses the ESCO classification of the European Commission.');
    expect(STARTER_FRAMEWORK).toMatchObject({
      id: 'esco-starter',
      name: 'ESCO starter skills',
      attribution: ESCO_ATTRIBUTION,
    });
  });

  it('gives every skill a label, a handful of alternative labels at most, and its framework id', () => {
    for (const skill of STARTER_FRAMEWORK.skills) {
      expect(skill.name.trim(), skill.id).not.toBe('');
      expect(skill.frameworkId).toBe(STARTER_FRAMEWORK_ID);
      expect(skill.altNames?.length ?? 0, skill.name).toBeLessThanOrEqual(8);
      expect(skill.altNames ?? []).not.toContain(skill.name);
    }
  });

  it('cannot be changed by one of its users', () => {
    const skill = STARTER_FRAMEWORK.skills[0]!;
    expect(() => STARTER_FRAMEWORK.skills.push(skill)).toThrow(TypeError);
    expect(() => {
      skill.name = 'changed';
    }).toThrow(TypeError);
    expect(() => skill.altNames?.push('changed')).toThrow(TypeError);
  });
});

describe('starter-esco.json and scripts/curate-esco.ts', () => {
  const json = JSON.parse(jsonText) as StarterJson;

  it('holds exactly the script’s selection, in its order', () => {
    expect(json.skills.map((skill) => skill.id)).toEqual(STARTER_SELECTION.map((pick) => pick.uri));
    expect(json.skills.map((skill) => skill.name)).toEqual(STARTER_SELECTION.map((pick) => pick.name));
    expect(json.skills.map((skill) => skill.altNames)).toEqual(
      STARTER_SELECTION.map((pick) => pick.altNames),
    );
  });

  it('is byte for byte what the script renders (key order, indentation, final newline)', () => {
    // Without the CSVs, feed the JSON's own skills back through the script: same selection, same bytes.
    const asCollection: SkillFramework = { id: 'json', name: 'json', skills: json.skills };
    expect(renderStarterJson(buildStarterSkills([asCollection]))).toBe(jsonText);
  });

  it.skipIf(!hasRealEsco)('is exactly what the script produces from the real ESCO CSVs', () => {
    expect(curateFromDirectory(realEscoDir)).toBe(jsonText);
  });

  it.skipIf(!hasRealEsco)('takes every IRI, label and alternative label from the real ESCO CSVs', () => {
    const real = new Map<string, { name: string; altNames: string[] }>();
    for (const file of ESCO_COLLECTIONS) {
      const { framework } = parseEscoCsv(readFileSync(join(realEscoDir, file), 'utf8'), {
        id: file,
        name: file,
      });
      for (const skill of framework.skills)
        real.set(skill.id, { name: skill.name, altNames: skill.altNames ?? [] });
    }
    for (const skill of STARTER_FRAMEWORK.skills) {
      const esco = real.get(skill.id);
      expect(esco?.name, skill.id).toBe(skill.name);
      for (const alt of skill.altNames ?? []) expect(esco?.altNames, skill.name).toContain(alt);
    }
  });

  it('refuses a selection that ESCO does not back, naming every problem', () => {
    const collection: SkillFramework = {
      id: 'c',
      name: 'c',
      skills: [{ id: 'http://data.europa.eu/esco/skill/a', name: 'real label', altNames: ['real alt'] }],
    };
    expect(() =>
      buildStarterSkills(
        [collection],
        [
          {
            uri: 'http://data.europa.eu/esco/skill/a',
            name: 'wrong label',
            altNames: ['real alt', 'made up'],
          },
          { uri: 'http://data.europa.eu/esco/skill/missing', name: 'x', altNames: [] },
          { uri: 'http://data.europa.eu/esco/skill/a', name: 'real label', altNames: [] },
        ],
      ),
    ).toThrow(
      new RegExp(
        [
          'is "real label" in ESCO, not "wrong label"',
          '"made up" is not an ESCO alternative label',
          'skill/missing is not in the ESCO collections',
          'skill/a is selected twice',
        ].join('[\\s\\S]*'),
      ),
    );
  });
});
