import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyCaseItemType, parseCaseJson } from './case-json';
import { MAX_SKILL_NAME_LENGTH } from './types';

const fixture = readFileSync(
  join(import.meta.dirname, '../../test/fixtures/case/collaboration-package.json'),
  'utf8',
);
const ITEM = 'https://case.example.org/ims/case/v1p0/CFItems/9d3f6a2e-0b4c-4e8f-a1d2-00000000000';
const meta = { id: 'collab', name: 'Collaboration' };

/** A minimal package around the given items (and isChildOf links child → parent). */
function pkg(items: unknown[], children: Array<[string, string]> = []): string {
  return JSON.stringify({
    CFDocument: { identifier: 'd', uri: 'https://case.example.org/d', title: 'D' },
    CFItems: items,
    CFAssociations: children.map(([child, parent]) => ({
      associationType: 'isChildOf',
      originNodeURI: { identifier: child },
      destinationNodeURI: { identifier: parent },
    })),
  });
}

describe('parseCaseJson on a CASE package', () => {
  const { framework, problems } = parseCaseJson(fixture, meta);

  it('keeps the skill-like items and leaves out headings and annotations', () => {
    expect(problems).toEqual([]);
    expect(framework.id).toBe('collab');
    expect(framework.name).toBe('Collaboration');
    // 1 Domain, 5 untyped grouping ("Netiquette"), 7 Clarification: left out.
    expect(framework.skills.map((skill) => skill.id)).toEqual([2, 3, 4, 6, 8].map((n) => `${ITEM}${n}`));
    expect(framework.skills.every((skill) => skill.frameworkId === 'collab')).toBe(true);
    expect(framework.attribution).toBeUndefined();
  });

  it('names a skill by its abbreviated statement, else its full statement, and finds it by its code', () => {
    const [competency, objective, leaf] = framework.skills;
    expect(competency).toMatchObject({
      name: 'Collaborate through digital technologies',
      altNames: [
        '2.4',
        'Use digital tools and technologies for collaborative processes, and for co-construction and co-creation of resources and knowledge.',
      ],
      description: expect.stringMatching(/^Use digital tools and technologies/) as unknown,
    });
    // Its type is only linked (CFItemTypeURI without a title): looked up in CFDefinitions.CFItemTypes.
    expect(objective?.name).toMatch(/^Co-author a document/);
    expect(objective?.altNames).toEqual(['2.4.1']);
    expect(objective).not.toHaveProperty('description');
    expect(leaf?.altNames).toEqual(['2.4.2', 'video calls', 'online meetings']);
  });

  it('cuts a statement longer than the background accepts at a word, keeping it whole as description', () => {
    const long = framework.skills[4];
    expect(long?.name.length).toBeLessThanOrEqual(MAX_SKILL_NAME_LENGTH);
    expect(long?.name).toMatch(/^Plan, run and follow up a remote workshop .*\w…$/);
    expect(long?.description).toMatch(/review and amend afterwards$/);
    expect(long?.altNames).toEqual(['2.4.3']);
  });

  it('accepts the package wrapped as { CFPackage: ... }', () => {
    const wrapped = `{"CFPackage": ${fixture}}`;
    expect(parseCaseJson(wrapped, meta).framework.skills).toHaveLength(5);
  });
});

describe('parseCaseJson on bad input', () => {
  it('says so for text that is not JSON or not a package', () => {
    expect(parseCaseJson('<html>', meta).problems[0]).toMatch(/^not valid JSON \(/);
    expect(parseCaseJson('{"CFDocument": {}}', meta).problems).toEqual([
      'not a CASE package: expected an object with a CFItems list',
    ]);
    expect(parseCaseJson('[]', meta).framework.skills).toEqual([]);
  });

  it('reports items without a usable uri or statement, and duplicates', () => {
    const { framework, problems } = parseCaseJson(
      pkg([
        'nonsense',
        { identifier: 'a', fullStatement: 'No uri' },
        { identifier: 'b', uri: 'urn:uuid:b', fullStatement: 'Urn uri' },
        { identifier: 'c', uri: 'https://s.example/c', fullStatement: '  ' },
        { identifier: 'd', uri: 'https://s.example/d', fullStatement: 'Good' },
        { identifier: 'e', uri: 'https://s.example/d', fullStatement: 'Same uri' },
      ]),
      meta,
    );
    expect(framework.skills.map((skill) => skill.name)).toEqual(['Good']);
    expect(problems).toEqual([
      'CFItems[0]: not an object',
      'CFItems[1] (a): missing uri',
      'CFItems[2] (b): uri "urn:uuid:b" is not an absolute http(s) IRI',
      'CFItems[3] (c): missing fullStatement',
      'CFItems[5] (e): duplicate uri https://s.example/d (first in CFItems[4])',
    ]);
  });

  it('keeps the first skills up to the limit and says how many were left out', () => {
    const items = Array.from({ length: 5 }, (_, i) => ({
      uri: `https://s.example/${i}`,
      fullStatement: `Skill ${i}`,
    }));
    const { framework, problems } = parseCaseJson(pkg(items), meta, { maxSkills: 3 });
    expect(framework.skills).toHaveLength(3);
    expect(problems).toEqual(['more than 3 skills: kept the first 3, left out 2']);
  });

  it('explains a package made only of headings', () => {
    const { problems } = parseCaseJson(
      pkg([{ uri: 'https://s.example/x', fullStatement: 'Area', CFItemType: 'Strand' }]),
      meta,
    );
    expect(problems).toEqual([expect.stringMatching(/^no skills found/) as unknown]);
  });

  it('takes an untyped node with children for a heading, a typed skill with children for a skill', () => {
    const items = [
      { identifier: 'g', uri: 'https://s.example/g', fullStatement: 'Group' },
      { identifier: 's', uri: 'https://s.example/s', fullStatement: 'Skill', CFItemType: 'Skill' },
      { identifier: 'l', uri: 'https://s.example/l', fullStatement: 'Leaf' },
    ];
    const parsed = parseCaseJson(
      pkg(items, [
        ['s', 'g'],
        ['l', 's'],
      ]),
      meta,
    );
    expect(parsed.framework.skills.map((skill) => skill.name)).toEqual(['Skill', 'Leaf']);
  });
});

describe('classifyCaseItemType', () => {
  it('knows skill-like and structural types, in any case, plural or with separators', () => {
    expect(classifyCaseItemType('Learning_Objective')).toBe(true);
    expect(classifyCaseItemType('Standards')).toBe(true);
    expect(classifyCaseItemType('Competency')).toBe(true);
    expect(classifyCaseItemType('Competencies')).toBe(true);
    expect(classifyCaseItemType('Sub-Strand')).toBe(false);
    expect(classifyCaseItemType('Grade Level')).toBe(false);
    expect(classifyCaseItemType('clusters')).toBe(false);
    expect(classifyCaseItemType('Widget')).toBeUndefined();
    expect(classifyCaseItemType('')).toBeUndefined();
  });
});
