import { describe, expect, it } from 'vitest';
import { compareStatements, sameStatement } from './compare';

const sent = {
  id: '3f1c2a9e-5b7d-4e8f-9a1b-2c3d4e5f6a7b',
  actor: { objectType: 'Agent', account: { homePage: 'https://trailnote.app/xapi', name: 'a1' } },
  verb: { id: 'http://activitystrea.ms/schema/1.0/read', display: { en: 'read' } },
  object: {
    objectType: 'Activity',
    id: 'https://martinfowler.com/articles/practical-test-pyramid.html',
    definition: {
      type: 'http://activitystrea.ms/schema/1.0/article',
      name: { 'en-GB': 'The Practical Test Pyramid' },
    },
  },
  result: {
    duration: 'PT23M32.37S',
    completion: true,
    extensions: { 'https://trailnote.app/xapi/extensions/scroll-depth': 0.873 },
  },
  context: {
    instructor: { objectType: 'Agent', name: 'Ada', mbox: 'mailto:Ada.Trainer@Example.com' },
    contextActivities: {
      category: [
        {
          objectType: 'Activity',
          id: 'https://trailnote.app/xapi/profile',
          definition: { name: { en: 'Trailnote xAPI profile' } },
        },
      ],
    },
    platform: 'martinfowler.com',
    language: 'en-GB',
  },
  timestamp: '2026-11-23T09:00:00.120Z',
};

/** What ADL's LRS returned for such a statement (seen 2026-12): its own additions and rewrites. */
const asAdlReturnsIt = {
  ...sent,
  id: sent.id.toUpperCase(),
  actor: { account: sent.actor.account, objectType: 'Agent' },
  object: {
    id: sent.object.id,
    objectType: 'Activity',
    definition: { ...sent.object.definition, description: { en: 'x' } },
  },
  result: { ...sent.result, duration: 'PT23M32.36S' },
  context: {
    ...sent.context,
    instructor: { ...sent.context.instructor, mbox: 'mailto:Ada.Trainer@example.COM' },
  },
  timestamp: '2026-11-23T10:00:00.120000+01:00',
  stored: '2026-12-02T07:11:17.322097+00:00',
  version: '1.0.0',
  authority: { objectType: 'Agent', name: 't', mbox: 'mailto:t@example.org' },
};

const withChange = (path: string[], value: unknown) => {
  const copy = JSON.parse(JSON.stringify(sent)) as Record<string, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[path.at(-1)!] = value;
  return copy;
};

describe('compareStatements (xAPI-Data.md § 2.3.1 Statement Comparison Requirements)', () => {
  it('takes the LRS’s own properties, reformatted timestamp, id case, mbox domain case, duration precision and definitions as the same statement', () => {
    const c = compareStatements(sent, asAdlReturnsIt);
    expect(c.differences).toEqual([]);
    expect(c.same).toBe(true);
    expect(c.allowed.join('\n')).toMatch(/timestamp: .* is returned as 2026-11-23T10:00:00.120000\+01:00/);
    expect(c.allowed.join('\n')).toMatch(/result.duration: PT23M32.37S is returned as PT23M32.36S/);
    expect(c.allowed.join('\n')).toMatch(/object.definition/);
  });

  it.each([
    ['PT23M32.37S', 'PT23M32.36S', true],
    ['PT1.15S', 'PT1.14S', true],
    ['PT1.159S', 'PT1.15S', true],
    ['PT1M', 'PT60S', true],
    ['PT1.15S', 'PT1.13S', false],
    ['PT1M', 'PT2M', false],
    ['PT1M', 'P1M', false],
    ['PT1M', 'not a duration', false],
  ])('duration %s against %s: same = %s', (a, b, same) => {
    expect(sameStatement(withChange(['result', 'duration'], a), withChange(['result', 'duration'], b))).toBe(
      same,
    );
  });

  it('a different instant, verb, object, result, extension value or actor is a difference, named by its path', () => {
    const cases: Array<[string[], unknown, RegExp]> = [
      [
        ['timestamp'],
        '2026-11-23T09:00:01.120Z',
        /^timestamp: sent 2026-11-23T09:00:00.120Z, the LRS holds 2026-11-23T09:00:01.120Z$/,
      ],
      [['verb'], { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { en: 'read' } }, /^verb.id:/],
      [['object', 'id'], 'https://martinfowler.com/other', /^object.id:/],
      [['result', 'completion'], false, /^result.completion: sent true, the LRS holds false$/],
      [
        ['result', 'extensions'],
        { 'https://trailnote.app/xapi/extensions/scroll-depth': 0.5 },
        /^result.extensions.*scroll-depth: sent 0.873/,
      ],
      [
        ['actor', 'account'],
        { homePage: 'https://trailnote.app/xapi', name: 'someone-else' },
        /^actor.account.name:/,
      ],
      [['context', 'platform'], 'example.org', /^context.platform:/],
      [['id'], '00000000-5b7d-4e8f-9a1b-2c3d4e5f6a7b', /^id:/],
    ];
    for (const [path, value, message] of cases) {
      const c = compareStatements(sent, withChange(path, value));
      expect(c.same, path.join('.')).toBe(false);
      expect(c.differences).toHaveLength(1);
      expect(c.differences[0]).toMatch(message);
    }
  });

  it('a property missing on either side is a difference; the local part of an mbox keeps its case', () => {
    const { result: _r, ...noResult } = sent;
    expect(compareStatements(sent, noResult).differences).toEqual([
      expect.stringMatching(/^result: sent .*, the LRS holds nothing$/),
    ]);
    expect(
      sameStatement(
        sent,
        withChange(['context', 'instructor'], {
          ...sent.context.instructor,
          mbox: 'mailto:ada.trainer@example.com',
        }),
      ),
    ).toBe(false);
  });

  it('ignores a verb display and definitions, but not what an activity is', () => {
    expect(sameStatement(sent, withChange(['verb', 'display'], { 'en-US': 'skimmed' }))).toBe(true);
    const otherCategory = withChange(['context', 'contextActivities'], {
      category: [{ objectType: 'Activity', id: 'https://trailnote.app/xapi/other' }],
    });
    expect(compareStatements(sent, otherCategory).differences).toEqual([
      expect.stringMatching(/^context.contextActivities.category\[0\].id:/),
    ]);
  });

  it("treats a Group's members as unordered, other arrays as ordered", () => {
    const a = { mbox: 'mailto:a@x.example' };
    const b = { mbox: 'mailto:b@x.example' };
    const group = (member: object[]) => withChange(['actor'], { objectType: 'Group', name: 'team', member });
    expect(sameStatement(group([a, b]), group([b, a]))).toBe(true);
    const cats = (ids: string[]) =>
      withChange(['context', 'contextActivities'], {
        category: ids.map((id) => ({ objectType: 'Activity', id })),
      });
    expect(
      sameStatement(
        cats(['https://a.example', 'https://b.example']),
        cats(['https://b.example', 'https://a.example']),
      ),
    ).toBe(false);
  });

  it('compares 2.0 context agents with their relevant types', () => {
    const agents = (type: string) =>
      withChange(
        ['context', 'contextAgents'],
        [{ objectType: 'contextAgent', agent: { mbox: 'mailto:ada@example.com' }, relevantTypes: [type] }],
      );
    expect(
      sameStatement(
        agents('https://trailnote.app/xapi/roles/mentor'),
        agents('https://trailnote.app/xapi/roles/mentor'),
      ),
    ).toBe(true);
    expect(
      sameStatement(
        agents('https://trailnote.app/xapi/roles/mentor'),
        agents('https://trailnote.app/xapi/roles/other'),
      ),
    ).toBe(false);
  });

  it('says a non-object is not the same statement', () => {
    expect(compareStatements(sent, '<html>').same).toBe(false);
    expect(compareStatements(null, sent).same).toBe(false);
  });
});
