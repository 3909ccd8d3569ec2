import { describe, expect, it } from 'vitest';
import { parseUiPayload } from './ui-payloads';

const quickLog = {
  kind: 'book',
  title: 'T',
  link: '',
  when: '',
  minutes: '',
  mentor: '',
  completed: true,
  skills: [{ id: 'https://skills.example/s/1', name: 'One' }],
  reflection: '',
};
const settings = {
  name: '',
  email: '',
  captureEnabled: true,
  holdMinutes: 5,
  reviewBeforeSync: false,
  destination: null,
};
const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('parseUiPayload: every request, every payload', () => {
  it('accepts the exact shapes', () => {
    expect(parseUiPayload('saveQuickLog', [quickLog])).toEqual({ ok: true, value: quickLog });
    expect(parseUiPayload('saveSettings', [settings]).ok).toBe(true);
    expect(parseUiPayload('pause', ['tomorrow']).ok).toBe(true);
    expect(parseUiPayload('pause', ['resume']).ok).toBe(true);
    expect(parseUiPayload('setStartAtLogin', [false]).ok).toBe(true);
    expect(parseUiPayload('updateItem', [{ id: ID, skills: [], reflection: 'r' }]).ok).toBe(true);
    expect(parseUiPayload('discardItem', [ID]).ok).toBe(true);
    for (const r of ['quickLogSetup', 'closeWindow', 'status', 'sendNow'] as const)
      expect(parseUiPayload(r, [])).toEqual({ ok: true, value: undefined });
  });

  it.each([
    ['saveQuickLog', [{ ...quickLog, extra: 1 }]],
    ['saveQuickLog', [{ ...quickLog, title: 'x'.repeat(1001) }]],
    ['saveQuickLog', [{ ...quickLog, completed: 'yes' }]],
    ['saveQuickLog', [{ ...quickLog, skills: [{ id: 'not-an-iri', name: 'x' }] }]],
    ['saveQuickLog', [{ ...quickLog, skills: Array.from({ length: 21 }, () => quickLog.skills[0]) }]],
    ['saveQuickLog', [quickLog, quickLog]],
    ['saveQuickLog', []],
    ['saveSettings', [{ ...settings, holdMinutes: -1 }]],
    ['saveSettings', [{ ...settings, holdMinutes: 1.5 }]],
    ['saveSettings', [{ ...settings, destination: { endpoint: 'https://x/', username: 'u' } }]],
    ['pause', ['forever']],
    ['setStartAtLogin', ['true']],
    ['updateItem', [{ id: 'not-a-uuid', skills: [], reflection: '' }]],
    ['discardItem', [42]],
    ['status', ['unexpected']],
  ] as const)('refuses %s with %j', (request, args) => {
    expect(parseUiPayload(request, [...args]).ok).toBe(false);
  });

  it('refuses objects that are not plain data (a prototype other than Object)', () => {
    const tricky = Object.assign(Object.create({ polluted: true }) as object, quickLog);
    expect(parseUiPayload('saveQuickLog', [tricky]).ok).toBe(false);
  });

  it('My learning: comments, deletions and exports: exact shapes, something to say, known formats', () => {
    const comment = { id: ID, reflection: 'Later thought.', addSkills: [] };
    expect(parseUiPayload('commentItem', [comment])).toEqual({ ok: true, value: comment });
    expect(parseUiPayload('commentItem', [{ ...comment, reflection: '  ' }]).ok).toBe(false);
    expect(parseUiPayload('commentItem', [{ ...comment, extra: 1 }]).ok).toBe(false);
    expect(parseUiPayload('commentItem', [{ ...comment, id: 'x' }]).ok).toBe(false);
    expect(
      parseUiPayload('commentItem', [{ ...comment, addSkills: [{ id: 'not an iri', name: 'N' }] }]).ok,
    ).toBe(false);
    expect(parseUiPayload('deleteItem', [ID]).ok).toBe(true);
    expect(parseUiPayload('deleteItem', ['../x']).ok).toBe(false);
    expect(parseUiPayload('exportRecord', ['csv']).ok).toBe(true);
    expect(parseUiPayload('exportRecord', ['pdf']).ok).toBe(false);
    expect(parseUiPayload('recordView', [1]).ok).toBe(false);
  });

  it('My learning pages: a checked query (shared/record/query.ts), a page size, a cursor; nothing else', () => {
    const query = { skill: 'https://s.example/x', from: 1, status: 'sent' };
    expect(parseUiPayload('recordView', [{ query, limit: 100 }])).toEqual({
      ok: true,
      value: { query, limit: 100 },
    });
    expect(parseUiPayload('recordPage', [{ query: {}, after: { at: 3, seq: 2 } }]).ok).toBe(true);
    for (const bad of [
      [],
      [{ query }],
      [{ query, limit: 0 }],
      [{ query, limit: 5000 }],
      [{ query: { kind: 7 }, limit: 10 }],
      [{ query: { status: 'gone' }, limit: 10 }],
      [{ query, limit: 10, extra: 1 }],
    ])
      expect(parseUiPayload('recordView', bad).ok, JSON.stringify(bad)).toBe(false);
    for (const bad of [
      [{ query: {} }],
      [{ query: {}, after: { at: 3 } }],
      [{ query: {}, after: { at: 3, seq: -1 } }],
    ])
      expect(parseUiPayload('recordPage', bad).ok, JSON.stringify(bad)).toBe(false);
  });

  it('"Send again": one item id, nothing else', () => {
    expect(parseUiPayload('resendItem', [ID])).toEqual({ ok: true, value: ID });
    expect(parseUiPayload('resendItem', []).ok).toBe(false);
    expect(parseUiPayload('resendItem', [{ id: ID }]).ok).toBe(false);
    expect(parseUiPayload('resendItem', ['']).ok).toBe(false);
    expect(parseUiPayload('resendItem', [ID, ID]).ok).toBe(false);
    expect(parseUiPayload('resendRefused', [])).toEqual({ ok: true, value: undefined });
    expect(parseUiPayload('resendRefused', [ID]).ok).toBe(false);
  });
});
