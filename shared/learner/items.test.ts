import { describe, expect, it } from 'vitest';
import { Outbox } from '../outbox';
import { addFollowUp } from '../record';
import { EXTENSIONS, thawStatement, VERB_IRIS } from '../xapi';
import { isItemId } from './limits';
import { holdFor, newItem, pageRecipe, tagOrComment, type ItemEnv, type TagPorts } from './items';

const NOW = Date.parse('2026-12-01T10:00:00.000Z');
const ENV: ItemEnv = {
  actor: { objectType: 'Agent', name: 'Ada', mbox: 'mailto:ada@example.org' },
  source: { surface: 'extension', version: '1.2.3' },
};
const SKILL = { id: 'https://skills.example/s/negotiation', name: 'Negotiation' };
const PAGE = { url: 'https://blog.example/post?utm_source=x', title: '  A post  ' };

/** A page captured by hand, held five minutes (or, with `null`, ready at once). */
function pageItem(
  hold: { holdUntil: number; review: boolean } | null = holdFor(
    { holdMinutes: 5, reviewBeforeSync: false },
    NOW,
  ),
) {
  const recipe = pageRecipe(PAGE, 'article', false);
  return newItem(recipe, ENV, {
    timestamp: new Date(NOW - 60_000),
    now: NOW,
    platform: 'blog.example',
    meta: { kind: 'article', title: recipe.input.title, url: PAGE.url },
    hold: hold ?? undefined,
  });
}

/** The real outbox, as the extension's background uses it; follow-ups through shared/record. */
function ports(outbox: Outbox): TagPorts {
  return {
    get: (id) => outbox.get(id),
    revise: (id, json, meta) => outbox.revise(id, json, meta),
    comment: ({ id, ...added }) => addFollowUp(id, added, { outbox, now: () => NOW + 1, source: ENV.source }),
  };
}

describe('newItem: the one way both apps make an outbox item', () => {
  it('builds and freezes the statement, keeps a v2 draft, and holds it as the policy says', () => {
    const item = pageItem();
    expect(isItemId(item.id)).toBe(true);
    const statement = thawStatement(item.json);
    expect(statement.id).toBe(item.id);
    expect(statement.timestamp).toBe(new Date(NOW - 60_000).toISOString());
    expect(statement.object).toMatchObject({ id: 'https://blog.example/post' }); // tracking parameter dropped
    expect(item).toMatchObject({ holdUntil: NOW + 5 * 60_000, review: false });
    expect(item.meta).toMatchObject({
      kind: 'article',
      title: 'A post',
      source: 'extension',
      draft: { v: 2 },
    });
    expect(item.meta).not.toHaveProperty('skills'); // no tags given: none claimed
  });

  it('keeps a chosen id, puts the tags in the statement and the meta, and is ready at once without a hold', () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const item = newItem(pageRecipe(PAGE, 'video', true), ENV, {
      id,
      timestamp: new Date(NOW),
      now: NOW,
      platform: 'blog.example',
      tags: { skills: [SKILL], reflection: 'Worth it.' },
      meta: { kind: 'video', title: 'v' },
    });
    expect(item.id).toBe(id);
    expect(item).not.toHaveProperty('holdUntil');
    const statement = thawStatement(item.json);
    expect(statement.context?.extensions?.[EXTENSIONS.reflection]).toBe('Worth it.');
    expect(item.meta).toMatchObject({ skills: [SKILL], reflection: 'Worth it.' });
  });
});

describe('tagOrComment: before and after sending', () => {
  it('rebuilds a held item with the same id and timestamp', async () => {
    const outbox = Outbox.open(`learner-items-${Math.random()}`);
    const item = pageItem();
    await outbox.enqueue(item, NOW, ['lrs']);
    const result = await tagOrComment(
      { id: item.id, skills: [SKILL], reflection: ' Useful. ' },
      ports(outbox),
    );
    expect(result).toEqual({ ok: true, changed: true });
    const stored = await outbox.get(item.id);
    const statement = thawStatement(stored!.json);
    expect(statement.id).toBe(item.id);
    expect(statement.timestamp).toBe(thawStatement(item.json).timestamp);
    expect(statement.context?.contextActivities?.category?.map((c) => c.id)).toContain(SKILL.id);
    expect(stored!.meta).toMatchObject({ skills: [SKILL], reflection: 'Useful.' });
    outbox.close();
  });

  it('says what is new about a sent item as a commented follow-up, and nothing when nothing is new', async () => {
    const outbox = Outbox.open(`learner-items-${Math.random()}`);
    const item = pageItem(null);
    await outbox.enqueue(item, NOW, ['lrs']);
    const frozen = (await outbox.get(item.id))!.json;
    const tags = { id: item.id, skills: [SKILL], reflection: 'Later thought.' };
    expect(await tagOrComment(tags, ports(outbox))).toEqual({ ok: true, changed: true });
    expect((await outbox.get(item.id))!.json).toBe(frozen); // a sent statement never changes
    const [, comment] = await outbox.list();
    expect(thawStatement(comment!.json).verb.id).toBe(VERB_IRIS.commented);
    // The same tags again: the reflection was said and the skill is known.
    expect(await tagOrComment(tags, ports(outbox))).toEqual({ ok: true, changed: false });
    expect(await outbox.list()).toHaveLength(2);
    outbox.close();
  });

  it('answers with a message when the item is gone or its draft cannot be read', async () => {
    const outbox = Outbox.open(`learner-items-${Math.random()}`);
    const gone = await tagOrComment({ id: 'x', skills: [], reflection: '' }, ports(outbox));
    expect(gone).toEqual({ ok: false, error: 'This item is no longer in the outbox.' });
    const bare = { ...pageItem(), meta: { kind: 'article', title: 'no draft' } };
    await outbox.enqueue(bare, NOW, ['lrs']);
    const result = await tagOrComment({ id: bare.id, skills: [], reflection: 'x' }, ports(outbox));
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/cannot be changed here/);
    outbox.close();
  });
});
