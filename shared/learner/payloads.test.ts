import { describe, expect, it } from 'vitest';
import { MAX_REFLECTION_LENGTH, MAX_SKILLS } from './limits';
import {
  parseExportFormat,
  parseItemComment,
  parseItemId,
  parseItemRef,
  parseItemTags,
  parseQuickLogInput,
  parseSkills,
  payloadOf,
} from './payloads';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const SKILL = { id: 'https://skills.example/s/1', name: 'One' };
const QUICK_LOG = {
  kind: 'book',
  title: 'T',
  link: '',
  when: '',
  minutes: '',
  mentor: '',
  completed: true,
  skills: [SKILL],
  reflection: '',
};

describe('the learner payloads, one validator each for both apps', () => {
  it('item ids are statement UUIDs (the extension once took any 1-64 characters)', () => {
    expect(parseItemId(ID)).toEqual({ ok: true, value: ID });
    for (const bad of ['a', '', 'x'.repeat(36), '../x', 42, null]) expect(parseItemId(bad).ok).toBe(false);
    expect(parseItemRef({ id: ID })).toEqual({ ok: true, value: { id: ID } });
    expect(parseItemRef({ id: ID, more: 1 }).ok).toBe(false);
  });

  it('skills: exact {id, name}, IRIs, names trimmed and not blank, at most MAX_SKILLS', () => {
    expect(parseSkills([{ id: SKILL.id, name: ' One ' }])).toEqual({ ok: true, value: [SKILL] });
    expect(parseSkills(Array(MAX_SKILLS).fill(SKILL)).ok).toBe(true);
    for (const bad of [
      Array(MAX_SKILLS + 1).fill(SKILL),
      [{ id: 'not an iri', name: 'x' }],
      [{ id: SKILL.id, name: '  ' }], // the desktop let a blank name through
      [{ id: SKILL.id, name: 'x'.repeat(201) }],
      [{ ...SKILL, extra: true }],
      [{ id: `https://s.example/${'x'.repeat(2048)}`, name: 'x' }],
      'One',
    ])
      expect(parseSkills(bad).ok).toBe(false);
  });

  it('reflections: MAX_REFLECTION_LENGTH (2,000) for tags and comments in both apps', () => {
    const at = 'x'.repeat(MAX_REFLECTION_LENGTH);
    expect(parseItemTags({ id: ID, skills: [], reflection: at }).ok).toBe(true);
    expect(parseItemTags({ id: ID, skills: [], reflection: `${at}x` }).ok).toBe(false); // desktop took 10,000
    expect(parseItemComment({ id: ID, reflection: at, addSkills: [] }).ok).toBe(true);
    expect(parseItemComment({ id: ID, reflection: `${at}x`, addSkills: [] }).ok).toBe(false);
  });

  it('item tags and comments: exact shapes; a comment must add something', () => {
    const tags = { id: ID, skills: [SKILL], reflection: 'r' };
    expect(parseItemTags(tags)).toEqual({ ok: true, value: tags });
    expect(parseItemTags({ ...tags, extra: 1 }).ok).toBe(false);
    expect(parseItemTags(Object.assign(Object.create({ polluted: true }) as object, tags)).ok).toBe(false);
    const comment = { id: ID, reflection: 'Later.', addSkills: [] };
    expect(parseItemComment(comment)).toEqual({ ok: true, value: comment });
    expect(parseItemComment({ ...comment, reflection: ' ' })).toEqual({
      ok: false,
      reason: 'comment: nothing to add',
    });
    expect(parseItemComment({ ...comment, reflection: ' ', addSkills: [SKILL] }).ok).toBe(true);
  });

  it('export formats and the quick log’s raw fields', () => {
    expect(parseExportFormat('csv').ok).toBe(true);
    expect(parseExportFormat('pdf').ok).toBe(false);
    expect(parseQuickLogInput(QUICK_LOG)).toEqual({ ok: true, value: QUICK_LOG });
    for (const bad of [
      { ...QUICK_LOG, extra: 1 },
      { ...QUICK_LOG, title: 'x'.repeat(1001) },
      { ...QUICK_LOG, completed: 'yes' },
      { ...QUICK_LOG, reflection: 'x'.repeat(MAX_REFLECTION_LENGTH + 1) },
      { ...QUICK_LOG, skills: [{ id: 'nope', name: 'x' }] },
    ])
      expect(parseQuickLogInput(bad).ok).toBe(false);
  });

  it('an extension message is validated as its payload: the message without its type', () => {
    expect(parseItemRef(payloadOf({ type: 'item/delete', id: ID }))).toEqual({ ok: true, value: { id: ID } });
    expect(parseItemRef(payloadOf(Object.assign(Object.create({ x: 1 }) as object, { id: ID }))).ok).toBe(
      false,
    );
  });
});
