import { describe, expect, it } from 'vitest';
import { buildArticleRead, thawStatement, type ArticleReadInput } from '../xapi';
import { testContext } from '../xapi/test-support';
import { buildFromRecipe, DRAFT_VERSION, storeDraft, upgradeDraft } from './drafts';
import { NOT_REBUILDABLE, rebuildWithTags } from './items';

const ID = '3f1c9a4e-8b2d-4c6f-9e1a-7d5b3c2a1f00';
const INPUT: ArticleReadInput = {
  url: 'https://news.example/a',
  title: 'An article',
  keepQueryStrings: false,
  engagedSeconds: 90,
  completed: true,
};
const SKILL = { id: 'https://skills.acme.example/s/negotiation', name: 'Negotiation' };
const ACTOR = { objectType: 'Agent' as const, name: 'Ada Lovelace', mbox: 'mailto:ada@acme.example' };
const SOURCE = { surface: 'extension' as const, version: '1.2.3' };
const CREATED_AT = Date.parse('2025-03-10T12:30:00.000Z');

/** The extension's drafts before v2, as IndexedDB gives them back: the builder input itself, `now` a Date. */
const EXTENSION_V1 = {
  builder: 'article',
  input: INPUT,
  context: {
    id: ID,
    actor: ACTOR,
    timestamp: '2025-03-10T11:00:00.000Z',
    now: new Date('2025-03-10T12:00:00.000Z'),
    language: 'en-GB',
    platform: 'news.example',
    source: SOURCE,
  },
};
/** The desktop's drafts before v2: `{ recipe }` as the input (so `durationUnknown` travels), `now` an ISO string. */
const DESKTOP_V1 = {
  builder: 'article',
  input: { recipe: { builder: 'article', input: INPUT, durationUnknown: true } },
  context: {
    id: ID,
    actor: ACTOR,
    timestamp: '2025-03-10T11:00:00.000Z',
    now: '2025-03-10T12:00:00.000Z',
    platform: 'Trailnote desktop',
    source: { surface: 'desktop', version: '0.4.0' },
  },
};

describe('upgradeDraft: both shapes stored before v2', () => {
  it('reads the extension’s shape (now a Date, or missing on the oldest items: the item’s creation time)', () => {
    expect(upgradeDraft(EXTENSION_V1, CREATED_AT)).toEqual({
      v: DRAFT_VERSION,
      builder: 'article',
      input: INPUT,
      context: {
        actor: ACTOR,
        timestamp: '2025-03-10T11:00:00.000Z',
        now: '2025-03-10T12:00:00.000Z',
        language: 'en-GB',
        platform: 'news.example',
        source: SOURCE,
      },
    });
    const { now: _now, ...noClock } = EXTENSION_V1.context;
    expect(upgradeDraft({ ...EXTENSION_V1, context: noClock }, CREATED_AT)?.context.now).toBe(
      '2025-03-10T12:30:00.000Z',
    );
    const epoch = { ...EXTENSION_V1.context, now: Date.parse('2025-03-10T12:00:00.000Z') };
    expect(upgradeDraft({ ...EXTENSION_V1, context: epoch }, CREATED_AT)?.context.now).toBe(
      '2025-03-10T12:00:00.000Z',
    );
  });

  it('reads the desktop’s shape, keeping its durationUnknown', () => {
    const draft = upgradeDraft(DESKTOP_V1, CREATED_AT);
    expect(draft).toMatchObject({ v: 2, builder: 'article', input: INPUT, durationUnknown: true });
    expect(draft?.context).toEqual({
      actor: ACTOR,
      timestamp: '2025-03-10T11:00:00.000Z',
      now: '2025-03-10T12:00:00.000Z',
      platform: 'Trailnote desktop',
      source: { surface: 'desktop', version: '0.4.0' },
    });
  });

  it('keeps a current draft as it is, and what storeDraft makes is current', () => {
    const stored = storeDraft({ builder: 'article', input: INPUT }, testContext());
    expect(JSON.parse(JSON.stringify(stored))).toEqual(stored); // plain JSON: no Date left
    expect(upgradeDraft(stored, CREATED_AT)).toBe(stored);
  });

  it('refuses what no app ever stored', () => {
    const bad: unknown[] = [
      undefined,
      'article',
      { ...EXTENSION_V1, builder: 'poem' },
      { ...DESKTOP_V1, builder: 'book' }, // the recipe says article
      { ...EXTENSION_V1, context: { ...EXTENSION_V1.context, platform: 3 } },
      { ...EXTENSION_V1, context: { ...EXTENSION_V1.context, timestamp: 'yesterday' } },
      { ...EXTENSION_V1, input: 'not an input' },
      { ...EXTENSION_V1, v: 3 },
      { ...storeDraft({ builder: 'article', input: INPUT }, testContext()), context: {} },
    ];
    for (const draft of bad) expect(upgradeDraft(draft, CREATED_AT)).toBeUndefined();
  });
});

describe('rebuildWithTags', () => {
  it('rebuilds either old shape with the same id, timestamp and the new tags, and stores the draft as v2', () => {
    for (const draft of [EXTENSION_V1, DESKTOP_V1]) {
      const item = { id: ID, createdAt: CREATED_AT, meta: { kind: 'article', title: 'An article', draft } };
      const { json, meta } = rebuildWithTags(item, { skills: [SKILL], reflection: ' Useful. ' });
      const statement = thawStatement(json);
      expect(statement.id).toBe(ID);
      expect(statement.timestamp).toBe('2025-03-10T11:00:00.000Z');
      expect(statement.context?.contextActivities?.category?.map((c) => c.id)).toContain(SKILL.id);
      expect(meta).toMatchObject({ skills: [SKILL], reflection: 'Useful.', draft: { v: 2 } });
      // The desktop's "no duration given" survives the upgrade: no result.duration is claimed.
      expect(statement.result?.duration === undefined).toBe(draft === DESKTOP_V1);
    }
  });

  it('refuses a draft it cannot read', () => {
    const item = { id: ID, createdAt: 0, meta: { kind: 'article', title: 't', draft: undefined } };
    expect(() => rebuildWithTags(item, { skills: [] })).toThrow(NOT_REBUILDABLE);
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
