import { describe, expect, it } from 'vitest';
import { checkStatement } from '../check';
import { findNullish, NOW, testContext } from '../test-support';
import { ACTIVITY_TYPES, EXTENSIONS, PROFILE_ACTIVITY_ID, VERB_IRIS } from '../vocab';
import { buildArticleRead, type ArticleReadInput } from './article';

const input: ArticleReadInput = {
  url: 'https://www.example.com/posts/learning-in-public?utm_source=twitter&ref=x#comments',
  keepQueryStrings: false,
  title: '  Learning\n  in public ',
  description: 'Why sharing notes helps.',
  engagedSeconds: 185.256,
  completed: true,
  scrollDepth: 0.87654,
  wordCount: 1520.4,
};

describe('buildArticleRead', () => {
  it('builds the article statement of the profile table', () => {
    const st = buildArticleRead(
      input,
      testContext({ skills: [{ id: 'https://skills.acme.example/s/writing', name: 'Writing' }] }),
    );
    expect(st).toEqual({
      id: '3f1c9a4e-8b2d-4c6f-9e1a-7d5b3c2a1f00',
      actor: { objectType: 'Agent', name: 'Ada Lovelace', mbox: 'mailto:ada@acme.example' },
      verb: { id: VERB_IRIS.read, display: { en: 'read' } },
      object: {
        objectType: 'Activity',
        id: 'https://www.example.com/posts/learning-in-public',
        definition: {
          type: ACTIVITY_TYPES.article,
          name: { 'en-GB': 'Learning in public' },
          description: { 'en-GB': 'Why sharing notes helps.' },
          moreInfo: 'https://www.example.com/posts/learning-in-public',
          extensions: { [EXTENSIONS.wordCount]: 1520 },
        },
      },
      result: {
        completion: true,
        duration: 'PT3M5.26S',
        extensions: { [EXTENSIONS.scrollDepth]: 0.877 },
      },
      context: {
        contextActivities: {
          category: [
            expect.objectContaining({ id: PROFILE_ACTIVITY_ID }),
            expect.objectContaining({ id: 'https://trailnote.app/xapi/source/extension/1.2.3' }),
            {
              objectType: 'Activity',
              id: 'https://skills.acme.example/s/writing',
              definition: { type: ACTIVITY_TYPES.competency, name: { en: 'Writing' } },
            },
          ],
        },
        platform: 'example.com',
        language: 'en-GB',
      },
      timestamp: '2025-03-10T11:00:00.000Z',
    });
    expect(checkStatement(st)).toEqual([]);
  });

  it('uses the canonical link for the id but the visited page for moreInfo', () => {
    const st = buildArticleRead(
      {
        ...input,
        url: 'https://m.example.com/p/42?session=abc',
        canonicalHref: 'https://www.example.com/p/42',
      },
      testContext(),
    );
    expect(st.object.id).toBe('https://www.example.com/p/42');
    expect(st.object.objectType === 'Activity' && st.object.definition?.moreInfo).toBe(
      'https://m.example.com/p/42',
    );
  });

  it('keeps non-tracking query parameters in id and moreInfo when the policy says so', () => {
    const st = buildArticleRead(
      { ...input, url: 'https://example.com/read?doc=7&utm_medium=x', keepQueryStrings: true },
      testContext(),
    );
    expect(st.object.id).toBe('https://example.com/read?doc=7');
  });

  it('has no null or undefined anywhere, even with minimal input', () => {
    const st = buildArticleRead(
      {
        url: 'https://example.com/a',
        keepQueryStrings: false,
        title: '',
        engagedSeconds: 0,
        completed: false,
      },
      testContext({ language: undefined }),
    );
    expect(findNullish(st)).toEqual([]);
    expect(JSON.stringify(st)).not.toContain('null');
    // Title falls back to the id; result keeps completion=false and PT0S.
    expect(st.object.objectType === 'Activity' && st.object.definition?.name).toEqual({
      en: 'https://example.com/a',
    });
    expect(st.result).toEqual({ completion: false, duration: 'PT0S' });
    expect(checkStatement(st)).toEqual([]);
  });

  it('clamps scroll depth to 0..1 and drops nonsense word counts', () => {
    const st = buildArticleRead({ ...input, scrollDepth: 1.7, wordCount: -3 }, testContext());
    expect(st.result?.extensions).toEqual({ [EXTENSIONS.scrollDepth]: 1 });
    expect(st.object.objectType === 'Activity' && st.object.definition?.extensions).toBeUndefined();
  });

  it('clamps a future timestamp to now', () => {
    const st = buildArticleRead(input, testContext({ timestamp: new Date('2030-01-01T00:00:00Z') }));
    expect(st.timestamp).toBe(NOW.toISOString());
  });

  it('throws for a non-http page', () => {
    expect(() => buildArticleRead({ ...input, url: 'file:///tmp/a.html' }, testContext())).toThrow(
      /http\(s\)/,
    );
  });
});
