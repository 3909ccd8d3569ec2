import { describe, expect, it } from 'vitest';
import { checkedAnswer, isRecordFile, parseOutboxReply } from './outbox-answers';

describe('parseOutboxReply', () => {
  it('accepts answers and errors with a request id, nothing else', () => {
    expect(parseOutboxReply({ requestId: 3, ok: true, value: null }).ok).toBe(true);
    expect(parseOutboxReply({ requestId: 3, ok: false, error: 'boom' }).ok).toBe(true);
    expect(parseOutboxReply({ requestId: 0, ok: true, value: null }).ok).toBe(false);
    expect(parseOutboxReply({ requestId: 1.5, ok: true, value: null }).ok).toBe(false);
    expect(parseOutboxReply({ requestId: 3, ok: true }).ok).toBe(false);
    expect(parseOutboxReply({ requestId: 3, ok: false, error: 5 }).ok).toBe(false);
    expect(parseOutboxReply('reply').ok).toBe(false);
  });
});

describe('checkedAnswer: the answer must fit the op that asked', () => {
  it('passes what fits, unchanged', () => {
    const summary = {
      waiting: 2,
      refused: 0,
      destinations: [{ state: { id: 'acme' }, pending: 2 }],
      items: [],
    };
    expect(checkedAnswer('summary', summary)).toBe(summary);
    expect(checkedAnswer('sync', { nextRunAt: undefined })).toEqual({ nextRunAt: undefined });
    expect(checkedAnswer('get', null)).toBeNull();
    expect(checkedAnswer('delete', { ok: true, queued: true })).toEqual({ ok: true, queued: true });
    expect(checkedAnswer('configure', null)).toBeNull();
    const refused = { count: 3, items: [{ id: 'i', title: 'T', destination: 'Acme', message: 'HTTP 400' }] };
    expect(checkedAnswer('refused', refused)).toBe(refused);
    expect(checkedAnswer('refused', null)).toBeNull();
    expect(checkedAnswer('resend', { requeued: 0 })).toEqual({ requeued: 0 });
    const page = { items: [{ id: 'i' }], next: { at: 5, seq: 2 } };
    expect(checkedAnswer('record', page)).toBe(page);
    const preparing = { items: [], preparing: 90_000 }; // an older outbox still being prepared
    expect(checkedAnswer('record', preparing)).toBe(preparing);
    const tally = [
      { kind: 'book', week: 7, items: 2, ms: 60_000, skills: [{ id: 's', name: 'S', items: 1, ms: 1 }] },
    ];
    expect(checkedAnswer('tally', tally)).toBe(tally);
  });

  it.each([
    ['record', [{ id: 'i' }]],
    ['record', { items: [{ id: 'i' }], next: { at: 5 } }],
    ['record', { items: [], preparing: '90000' }],
    ['tally', [{ kind: 'book', week: 7, items: -1, ms: 0, skills: [] }]],
    ['tally', [{ kind: 'book', week: 7, items: 1, ms: 0, skills: [{ id: 's', items: 1, ms: 1 }] }]],
    ['summary', { waiting: '2', refused: 0, destinations: [], items: [] }],
    ['summary', { waiting: 2, destinations: [], items: [] }],
    ['summary', { waiting: 2, refused: -1, destinations: [], items: [] }],
    ['summary', { waiting: 2, refused: 0, storageFullSince: 'now', destinations: [], items: [] }],
    ['refused', { count: 0, items: [] }],
    ['refused', { count: 1, items: [{ id: 'i', title: 'T', destination: 'Acme' }] }],
    [
      'refused',
      { count: 1, items: [1, 2].map((n) => ({ id: `${n}`, title: '', destination: '', message: '' })) },
    ],
    ['resend', { requeued: 1.5 }],
    ['resend', {}],
    ['summary', { waiting: 2, refused: 0, destinations: [{ state: {}, pending: 1 }], items: [] }],
    ['sync', { nextRunAt: 'soon' }],
    ['get', { id: 'x' }],
    ['enqueue', {}],
    ['record', [{ title: 'no id' }]],
    ['comment', { ok: 'yes' }],
    ['configure', {}],
  ] as const)('refuses a malformed %s answer', (op, value) => {
    expect(() => checkedAnswer(op, value)).toThrow(`malformed answer to "${op}"`);
  });

  it("an export file has one of the exporter's names, never a path", () => {
    const file = { filename: 'trailnote-record-2026-11-30.csv', mimeType: 'text/csv', text: 'a' };
    expect(isRecordFile(file)).toBe(true);
    expect(isRecordFile({ ...file, filename: '../../.bashrc' })).toBe(false);
    expect(isRecordFile({ ...file, filename: 'trailnote-record-2026-11-30.csv/../x' })).toBe(false);
    expect(isRecordFile({ ...file, mimeType: 'text/html' })).toBe(false);
    expect(() => checkedAnswer('export', { ...file, filename: 'x.csv' })).toThrow(/malformed/);
  });
});
