import { describe, expect, it } from 'vitest';
import { buildArticleRead, type ArticleReadInput } from './builders/article';
import { buildFromRecipe, rebuildWithTags } from './drafts';
import { thawStatement } from './freeze';
import { testContext } from './test-support';

const INPUT: ArticleReadInput = {
  url: 'https://news.example/a',
  title: 'An article',
  keepQueryStrings: false,
  engagedSeconds: 90,
  completed: true,
};
const SKILL = { id: 'https://skills.acme.example/s/negotiation', name: 'Negotiation' };
const CONTEXT = { ...testContext(), timestamp: '2025-03-10T11:00:00.000Z', now: '2025-03-10T12:00:00.000Z' };

describe('rebuildWithTags', () => {
  it('rebuilds either draft layout with the same id and the new tags', () => {
    for (const input of [INPUT, { recipe: { builder: 'article', input: INPUT } }]) {
      const item = {
        id: '3f1c9a4e-8b2d-4c6f-9e1a-7d5b3c2a1f00',
        createdAt: 0,
        meta: { draft: { builder: 'article', input, context: CONTEXT } },
      };
      const { json, meta } = rebuildWithTags(item, { skills: [SKILL], reflection: ' Useful. ' }, 'not ours');
      const statement = thawStatement(json);
      expect(statement.id).toBe('3f1c9a4e-8b2d-4c6f-9e1a-7d5b3c2a1f00');
      expect(statement.timestamp).toBe('2025-03-10T11:00:00.000Z');
      expect(statement.context?.contextActivities?.category?.map((c) => c.id)).toContain(SKILL.id);
      expect(meta).toMatchObject({ skills: [SKILL], reflection: 'Useful.' });
    }
  });

  it('refuses a draft it cannot rebuild', () => {
    const bad = [
      undefined,
      { builder: 'poem', input: INPUT, context: CONTEXT },
      { builder: 'book', input: { recipe: { builder: 'article', input: INPUT } }, context: CONTEXT },
      { builder: 'article', input: INPUT, context: { ...CONTEXT, platform: 3 } },
    ];
    for (const draft of bad) {
      expect(() =>
        rebuildWithTags({ id: 'x', createdAt: 0, meta: { draft } }, { skills: [] }, 'not ours'),
      ).toThrow('not ours');
    }
  });
});

describe('buildFromRecipe', () => {
  it('leaves the duration out when it is unknown', () => {
    const ctx = testContext();
    expect(buildArticleRead(INPUT, ctx).result?.duration).toBeDefined();
    expect(
      buildFromRecipe({ builder: 'article', input: INPUT, durationUnknown: true }, ctx).result?.duration,
    ).toBeUndefined();
  });
});
