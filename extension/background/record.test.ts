import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox } from '../../shared/outbox';
import {
  buildArticleRead,
  checkStatement,
  freezeStatement,
  thawStatement,
  VERB_IRIS,
} from '../../shared/xapi';
import { STARTER_FRAMEWORK_ID } from '../../shared/skills';
import type { RecordItemView } from '../platform/messages';
import { PAUSED_UNTIL_RESUMED } from '../../shared/learner/pause';
import { handlePageMessage, parsePageMessage } from './learner';
import { followUpOf, type RecordQuery } from '../../shared/record';
import type { RecordDeps } from './record';

vi.mock('wxt/browser', async () => ({
  browser: (await import('wxt/testing/fake-browser')).fakeBrowser,
}));
const { fakeBrowser } = await import('wxt/testing/fake-browser');

const NOW = Date.parse('2026-11-23T10:00:00Z');
const actor = { objectType: 'Agent' as const, mbox: 'mailto:ada@acme.example' };
const negotiation = { id: 'https://skills.acme.example/s/negotiation', name: 'Negotiation' };
const listening = { id: 'https://skills.acme.example/s/listening', name: 'Listening' };

let outbox: Outbox;
let deps: RecordDeps & { syncs: number };
let counter = 0;

beforeEach(async () => {
  fakeBrowser.reset();
  await fakeBrowser.storage.local.set({
    learnerSettings: {
      destinations: [{ id: 'lrs', name: 'My LRS', endpoint: 'https://lrs.example/xapi/', token: 't0ken' }],
      capture: { holdMinutes: 5 },
    },
  });
  outbox = Outbox.open(`record-test-${++counter}-${Math.random()}`);
  deps = {
    outbox,
    now: () => NOW,
    syncs: 0,
    sync() {
      deps.syncs++;
      return Promise.resolve();
    },
    tab: (tabId) =>
      Promise.resolve(
        tabId === 3
          ? {
              url: 'https://blog.example/post?utm_source=x',
              title: '  A talk worth hearing ',
              incognito: false,
            }
          : tabId === 4
            ? { url: 'https://accounts.google.com/signin', title: 'Sign in', incognito: false }
            : undefined,
      ),
    version: '1.2.3',
  };
});

/** A sent article with one skill and a reflection, as capture would have queued it. */
async function sentArticle(id = crypto.randomUUID()) {
  const statement = buildArticleRead(
    {
      url: 'https://blog.example/a',
      keepQueryStrings: false,
      title: 'Negotiation basics',
      engagedSeconds: 754,
      completed: true,
    },
    {
      id,
      actor,
      timestamp: new Date(NOW - 3_600_000),
      now: new Date(NOW),
      language: 'en-GB',
      platform: 'blog.example',
      source: { surface: 'extension', version: '1.0.0' },
      skills: [negotiation],
      reflection: 'Anchor high.',
    },
  );
  await outbox.enqueue(
    {
      id,
      json: freezeStatement(statement),
      meta: {
        kind: 'article',
        title: 'Negotiation basics',
        skills: [negotiation],
        reflection: 'Anchor high.',
      },
    },
    NOW - 3_000_000,
    ['lrs'],
  );
  await outbox.markSent(
    (await outbox.claim('lrs', 10)).map((c) => c.delivery),
    NOW - 2_000_000,
  );
  return id;
}

async function list(query: RecordQuery = {}): Promise<RecordItemView[]> {
  const state = await handlePageMessage({ type: 'record/list', query }, deps);
  return state.items;
}

describe('record messages: parsing', () => {
  it('accepts the contract and nothing else (item ids are statement UUIDs)', () => {
    const a = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(parsePageMessage({ type: 'record/list', extra: 1 })).toEqual({ type: 'record/list', query: {} });
    const page = { query: { skill: negotiation.id, status: 'sent' }, after: { at: 5, seq: 9 }, limit: 100 };
    expect(parsePageMessage({ type: 'record/list', ...page })).toEqual({ type: 'record/list', ...page });
    expect(parsePageMessage({ type: 'record/tally' })).toEqual({ type: 'record/tally' });
    expect(parsePageMessage({ type: 'record/export', format: 'csv' })).toEqual({
      type: 'record/export',
      format: 'csv',
    });
    expect(
      parsePageMessage({ type: 'record/export', format: 'xapi', cursor: { seq: 500, written: 499 } }),
    ).toEqual({ type: 'record/export', format: 'xapi', cursor: { seq: 500, written: 499 } });
    expect(
      parsePageMessage({
        type: 'item/comment',
        id: a,
        reflection: ' x ',
        addSkills: [{ ...negotiation }],
      }),
    ).toEqual({ type: 'item/comment', id: a, reflection: ' x ', addSkills: [negotiation] });
    expect(parsePageMessage({ type: 'capture/pause', until: 'tomorrow' })).toEqual({
      type: 'capture/pause',
      until: 'tomorrow',
    });
    expect(parsePageMessage({ type: 'capture/page', tabId: 3, kind: 'podcast' })).toEqual({
      type: 'capture/page',
      tabId: 3,
      kind: 'podcast',
    });
    for (const bad of [
      { type: 'record/list', query: { kind: '' } },
      { type: 'record/list', query: { status: 'lost' } },
      { type: 'record/list', query: { from: '2025-01-01' } },
      { type: 'record/list', after: { at: 1 } },
      { type: 'record/list', limit: 100_000 },
      { type: 'record/export', format: 'pdf' },
      { type: 'record/export', format: 'xapi', cursor: { seq: -1, written: 0 } },
      { type: 'record/export', format: 'xapi', cursor: { seq: 1, written: 0, more: 1 } },
      { type: 'record/export', format: 'xapi', cursor: 'next' },
      { type: 'item/comment', id: a, reflection: '', addSkills: [] }, // nothing to add
      { type: 'item/comment', id: a, reflection: 'x'.repeat(2001), addSkills: [] },
      { type: 'item/comment', id: a, reflection: 'x', addSkills: [{ id: 'not an iri', name: 'x' }] },
      { type: 'item/comment', id: a, reflection: 'x', addSkills: Array(21).fill(negotiation) },
      { type: 'item/comment', id: 'x'.repeat(65), reflection: 'x', addSkills: [] },
      { type: 'item/comment', id: 'a', reflection: 'x', addSkills: [] }, // not a UUID
      { type: 'item/comment', id: a, reflection: 'x', addSkills: [], more: 1 }, // a field too many
      { type: 'item/comment', id: a, reflection: 'x', addSkills: [{ id: negotiation.id, name: ' ' }] },
      { type: 'item/delete', id: '' },
      { type: 'item/delete', id: 5 },
      { type: 'capture/pause', until: 'forever' },
      { type: 'capture/pause', until: 99 },
      { type: 'capture/page', tabId: -1, kind: 'article' },
      { type: 'capture/page', tabId: 1.5, kind: 'article' },
      { type: 'capture/page', tabId: 1, kind: 'book' },
      { type: 'credentials/get' },
      'record/list',
      null,
    ])
      expect(parsePageMessage(bad)).toBeUndefined();
  });
});

describe('record messages: handling', () => {
  it('sends a reflection added after sending as `commented`, to the destinations of the original', async () => {
    const id = await sentArticle();
    const answer = await handlePageMessage(
      { type: 'item/comment', id, reflection: '  Used it today. ', addSkills: [negotiation, listening] },
      deps,
    );
    expect(answer).toEqual({ ok: true });
    expect(deps.syncs).toBe(1);
    const [claimed] = await outbox.claim('lrs', 10);
    const comment = thawStatement(claimed!.item!.json);
    expect(comment.id).toBe(claimed!.item!.id);
    expect(comment.actor).toEqual(actor);
    expect(comment.verb.id).toBe(VERB_IRIS.commented);
    expect(comment.object).toEqual({ objectType: 'StatementRef', id });
    expect(comment.result).toEqual({ response: 'Used it today.' });
    expect(comment.context.language).toBe('en-GB');
    expect(checkStatement(comment)).toEqual([]);
    expect(comment.context.contextActivities?.category?.slice(2).map((c) => c.id)).toEqual([
      negotiation.id,
      listening.id,
    ]);
    const [item] = await list();
    expect(item).toMatchObject({
      id,
      status: 'sent',
      commentable: true,
      editable: false,
      skills: [negotiation, listening],
      seconds: 754,
      at: NOW - 3_600_000,
      comments: [{ at: NOW, reflection: 'Used it today.', skills: [listening], sent: false }],
    });
  });

  it('says in words when only skills were added, and ignores a comment with nothing new', async () => {
    const id = await sentArticle();
    expect(
      await handlePageMessage({ type: 'item/comment', id, reflection: ' ', addSkills: [negotiation] }, deps),
    ).toEqual({ ok: true });
    expect(await outbox.claim('lrs', 10)).toEqual([]);
    await handlePageMessage({ type: 'item/comment', id, reflection: '', addSkills: [listening] }, deps);
    const [claimed] = await outbox.claim('lrs', 10);
    expect(thawStatement(claimed!.item!.json).result).toEqual({ response: 'Skills added: Listening' });
  });

  it('turns a popup update of an item frozen meanwhile into what is new', () => {
    const item = {
      id: 'a',
      seq: 1,
      state: 'ready' as const,
      createdAt: 0,
      json: '{}',
      meta: {
        kind: 'article',
        title: 'x',
        reflection: 'First',
        comments: [{ id: 'c', at: 1, reflection: 'Second' }],
      },
    };
    expect(followUpOf(item, { skills: [negotiation], reflection: 'Second ' })).toEqual({
      reflection: '',
      addSkills: [negotiation],
    });
    expect(followUpOf(item, { skills: [], reflection: 'Third' }).reflection).toBe('Third');
  });

  it('turns the popup’s item/update on an item sent meanwhile into a comment (learner.ts delegates)', async () => {
    const id = await sentArticle();
    const answer = await handlePageMessage(
      { type: 'item/update', id, skills: [negotiation, listening], reflection: 'Anchor high.' },
      deps,
    );
    expect(answer).toEqual({ ok: true });
    const [claimed] = await outbox.claim('lrs', 10);
    const comment = thawStatement(claimed!.item!.json);
    expect(comment.verb.id).toBe(VERB_IRIS.commented);
    expect(comment.result).toEqual({ response: 'Skills added: Listening' }); // the reflection was not new
    expect(parsePageMessage({ type: 'item/delete', id })).toEqual({ type: 'item/delete', id });
  });

  it('keeps popup/state light: the skill frameworks come apart, from skills/frameworks, under its stamp', async () => {
    const state = await handlePageMessage({ type: 'popup/state' }, deps);
    expect(state).not.toHaveProperty('frameworks');
    const view = await handlePageMessage({ type: 'skills/frameworks' }, deps);
    expect(view.stamp).toBe(state.frameworksStamp); // the pages fetch again only when it changes
    expect(view.frameworks.map((f) => f.id)).toEqual([STARTER_FRAMEWORK_ID]);
    expect(view.frameworks[0]!.skills.length).toBeGreaterThan(20);
    expect(JSON.stringify(state).length).toBeLessThan(1_000);
  });

  it('deletes a sent item with a `voided` statement and keeps a tombstone until it is sent', async () => {
    const id = await sentArticle();
    expect(await handlePageMessage({ type: 'item/delete', id }, deps)).toEqual({ ok: true });
    expect(await handlePageMessage({ type: 'item/delete', id }, deps)).toEqual({ ok: true }); // once
    const claimed = await outbox.claim('lrs', 10);
    expect(claimed).toHaveLength(1);
    const voiding = thawStatement(claimed[0]!.item!.json);
    expect(voiding.verb.id).toBe(VERB_IRIS.voided);
    expect(voiding.object).toEqual({ objectType: 'StatementRef', id });
    expect(checkStatement(voiding)).toEqual([]);
    expect(await list()).toEqual([]); // gone from the learner's view, shown when asked for
    expect(await list({ status: 'voided' })).toMatchObject([
      { id, status: 'voided', voidSent: false, commentable: false },
    ]);
    await outbox.markSent(
      claimed.map((c) => c.delivery),
      NOW,
    );
    expect(await list({ status: 'voided' })).toMatchObject([{ id, status: 'voided', voidSent: true }]);
    // No follow-ups on a deleted item.
    expect(
      await handlePageMessage({ type: 'item/comment', id, reflection: 'x', addSkills: [] }, deps),
    ).toEqual({
      ok: false,
      error: 'This item was deleted.',
    });
  });

  it('voids the comments with the item, once even when deleted twice at once', async () => {
    const id = await sentArticle();
    await handlePageMessage({ type: 'item/comment', id, reflection: 'Later.', addSkills: [] }, deps);
    const commentId = (await outbox.get(id))!.meta.comments![0]!.id;
    await Promise.all([
      handlePageMessage({ type: 'item/delete', id }, deps),
      handlePageMessage({ type: 'item/delete', id }, deps),
    ]);
    const queued = (await outbox.claim('lrs', 10)).map((c) => thawStatement(c.item!.json));
    expect(queued.map((st) => [st.verb.id, st.object])).toEqual([
      [VERB_IRIS.commented, { objectType: 'StatementRef', id }],
      [VERB_IRIS.voided, { objectType: 'StatementRef', id: commentId }],
      [VERB_IRIS.voided, { objectType: 'StatementRef', id }],
    ]);
    expect(await list({ status: 'voided' })).toMatchObject([{ id, status: 'voided' }]);
  });

  it('discards an unsent item instead, and tells failing items apart', async () => {
    await outbox.enqueue(
      { id: 'held', json: '{}', meta: { kind: 'video', title: 'Held' }, holdUntil: NOW + 1 },
      NOW,
      ['lrs'],
    );
    await outbox.enqueue({ id: 'bad', json: '{}', meta: { kind: 'video', title: 'Bad' } }, NOW, ['lrs']);
    const [bad] = await outbox.claim('lrs', 1);
    await outbox.quarantine(bad!.delivery, NOW, 400, 'verb.id is not an IRI');
    expect(await handlePageMessage({ type: 'item/delete', id: 'held' }, deps)).toEqual({ ok: true });
    expect((await outbox.get('held'))?.state).toBe('discarded');
    expect(await list()).toMatchObject([{ id: 'bad', status: 'failing', problem: 'verb.id is not an IRI' }]);
  });

  it('pauses capture for an hour, until tomorrow or until resumed, and resumes', async () => {
    expect(await handlePageMessage({ type: 'capture/pause', until: 'hour' }, deps)).toEqual({
      ok: true,
      pausedUntil: NOW + 3_600_000,
    });
    expect((await fakeBrowser.storage.local.get('pausedUntil')).pausedUntil).toBe(NOW + 3_600_000);
    await handlePageMessage({ type: 'capture/pause', until: 'resumed' }, deps);
    expect((await fakeBrowser.storage.local.get('pausedUntil')).pausedUntil).toBe(PAUSED_UNTIL_RESUMED);
    await handlePageMessage({ type: 'capture/resume' }, deps);
    expect((await fakeBrowser.storage.local.get('pausedUntil')).pausedUntil).toBeUndefined();
  });

  it('captures the tab’s page by hand as the kind chosen, held like other items, even while paused', async () => {
    await fakeBrowser.storage.local.set({ pausedUntil: PAUSED_UNTIL_RESUMED });
    const answer = await handlePageMessage({ type: 'capture/page', tabId: 3, kind: 'podcast' }, deps);
    expect(answer).toMatchObject({ ok: true });
    const item = await outbox.get((answer as { id: string }).id);
    expect(item).toMatchObject({ state: 'held', holdUntil: NOW + 5 * 60_000 });
    expect(item?.meta).toMatchObject({
      kind: 'podcast',
      title: 'A talk worth hearing',
      url: 'https://blog.example/post?utm_source=x',
    });
    const st = thawStatement(item!.json);
    expect(st.verb.id).toBe(VERB_IRIS.experienced);
    expect(st.object).toMatchObject({
      id: 'https://blog.example/post',
      definition: { type: 'https://w3id.org/xapi/audio/activity-type/audio' },
    });
    expect(st.context.platform).toBe('blog.example');
    expect(checkStatement(st)).toEqual([]);
    // Sign-in pages are never captured, and a tab without a page cannot be.
    expect(await handlePageMessage({ type: 'capture/page', tabId: 4, kind: 'article' }, deps)).toMatchObject({
      ok: false,
      reason: 'sensitive',
    });
    expect(await handlePageMessage({ type: 'capture/page', tabId: 9, kind: 'article' }, deps)).toMatchObject({
      ok: false,
      reason: 'not-http',
    });
  });

  it('exports the frozen statements exactly as stored, and a CSV row per item', async () => {
    const id = await sentArticle();
    await handlePageMessage({ type: 'item/comment', id, reflection: 'Later.', addSkills: [] }, deps);
    await handlePageMessage({ type: 'capture/page', tabId: 3, kind: 'article' }, deps); // held: not exported
    const json = await handlePageMessage({ type: 'record/export', format: 'xapi' }, deps);
    const original = (await outbox.get(id))!.json;
    const statements = JSON.parse((json as { text: string }).text) as Array<{ id: string }>;
    expect(statements).toHaveLength(2);
    expect((json as { text: string }).text.startsWith(`[${original},`)).toBe(true);
    expect(json).toMatchObject({
      ok: true,
      mimeType: 'application/json',
      filename: 'trailnote-statements-2026-11-23.json',
    });
    const csv = (await handlePageMessage({ type: 'record/export', format: 'csv' }, deps)) as {
      text: string;
    };
    expect(csv.text.split('\r\n')).toEqual([
      'date,kind,title,url,duration,skills,reflection,status',
      '2026-11-23T10:00:00.000Z,article,A talk worth hearing,https://blog.example/post?utm_source=x,,,,waiting',
      `2026-11-23T09:00:00.000Z,article,Negotiation basics,,00:12:34,Negotiation,"Anchor high.\n\nLater.",sent`,
      '',
    ]);
  });
});
