import { describe, expect, it } from 'vitest';
import { isRecordFile, parseOutboxReply, parseUiArgs } from './ipc-validate';

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

describe('parseUiArgs: every channel, every payload', () => {
  it('accepts the exact shapes', () => {
    expect(parseUiArgs('saveQuickLog', [quickLog])).toEqual({ ok: true, value: [quickLog] });
    expect(parseUiArgs('saveSettings', [settings]).ok).toBe(true);
    expect(parseUiArgs('pause', ['tomorrow']).ok).toBe(true);
    expect(parseUiArgs('setStartAtLogin', [false]).ok).toBe(true);
    expect(parseUiArgs('updateItem', [{ id: ID, skills: [], reflection: 'r' }]).ok).toBe(true);
    expect(parseUiArgs('discardItem', [ID]).ok).toBe(true);
    for (const m of ['quickLogSetup', 'closeWindow', 'status', 'sendNow'] as const)
      expect(parseUiArgs(m, []).ok).toBe(true);
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
  ] as const)('refuses %s with %j', (method, args) => {
    expect(parseUiArgs(method, [...args]).ok).toBe(false);
  });

  it('refuses objects that are not plain data (a prototype other than Object)', () => {
    const tricky = Object.assign(Object.create({ polluted: true }) as object, quickLog);
    expect(parseUiArgs('saveQuickLog', [tricky]).ok).toBe(false);
  });
});

describe('parseOutboxReply', () => {
  it('accepts answers and errors with a request id, nothing else', () => {
    expect(parseOutboxReply({ requestId: 3, ok: true, value: null }).ok).toBe(true);
    expect(parseOutboxReply({ requestId: 3, ok: false, error: 'boom' }).ok).toBe(true);
    expect(parseOutboxReply({ requestId: 0, ok: true, value: null }).ok).toBe(false);
    expect(parseOutboxReply({ requestId: 3, ok: true }).ok).toBe(false);
    expect(parseOutboxReply({ requestId: 3, ok: false, error: 5 }).ok).toBe(false);
    expect(parseOutboxReply('reply').ok).toBe(false);
  });
});

describe('My learning payloads', () => {
  it('comments, deletions and exports: exact shapes, something to say, known formats', () => {
    const comment = { id: ID, reflection: 'Later thought.', addSkills: [] };
    expect(parseUiArgs('commentItem', [comment])).toEqual({ ok: true, value: [comment] });
    expect(parseUiArgs('commentItem', [{ ...comment, reflection: '  ' }]).ok).toBe(false);
    expect(parseUiArgs('commentItem', [{ ...comment, extra: 1 }]).ok).toBe(false);
    expect(parseUiArgs('commentItem', [{ ...comment, id: 'x' }]).ok).toBe(false);
    expect(
      parseUiArgs('commentItem', [{ ...comment, addSkills: [{ id: 'not an iri', name: 'N' }] }]).ok,
    ).toBe(false);
    expect(parseUiArgs('deleteItem', [ID]).ok).toBe(true);
    expect(parseUiArgs('deleteItem', ['../x']).ok).toBe(false);
    expect(parseUiArgs('exportRecord', ['csv']).ok).toBe(true);
    expect(parseUiArgs('exportRecord', ['pdf']).ok).toBe(false);
    expect(parseUiArgs('recordView', [1]).ok).toBe(false);
  });

  it("an export file from the outbox window has one of the exporter's names, never a path", () => {
    const file = { filename: 'trailnote-record-2026-11-30.csv', mimeType: 'text/csv', text: 'a' };
    expect(isRecordFile(file)).toBe(true);
    expect(isRecordFile({ ...file, filename: '../../.bashrc' })).toBe(false);
    expect(isRecordFile({ ...file, filename: 'trailnote-record-2026-11-30.csv/../x' })).toBe(false);
    expect(isRecordFile({ ...file, mimeType: 'text/html' })).toBe(false);
  });
});
