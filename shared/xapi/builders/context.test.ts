import { describe, expect, it } from 'vitest';
import { checkStatement } from '../check';
import { NOW, testContext } from '../test-support';
import { ACTIVITY_TYPES, PROFILE_ACTIVITY_ID, verb } from '../vocab';
import { activity, assembleStatement, categoryFor, clampTimestamp, prune } from './context';

describe('clampTimestamp', () => {
  it('keeps a past timestamp, as UTC ISO with milliseconds', () => {
    expect(clampTimestamp(new Date('2025-03-10T10:59:58.123+01:00'), NOW)).toBe('2025-03-10T09:59:58.123Z');
  });

  it('clamps a future timestamp (clock skew, bad input) to now', () => {
    expect(clampTimestamp(new Date('2025-03-10T12:00:00.001Z'), NOW)).toBe(NOW.toISOString());
    expect(clampTimestamp(new Date('2099-01-01T00:00:00Z'), NOW)).toBe(NOW.toISOString());
  });

  it('turns an invalid date into now', () => {
    expect(clampTimestamp(new Date('garbage'), NOW)).toBe(NOW.toISOString());
  });

  it('uses the real clock by default', () => {
    const before = Date.now();
    const clamped = Date.parse(clampTimestamp(new Date(before + 3_600_000)));
    expect(clamped).toBeGreaterThanOrEqual(before);
    expect(clamped).toBeLessThanOrEqual(Date.now());
  });
});

describe('categoryFor', () => {
  const source = { surface: 'desktop' as const, version: '2.0.0-beta.1' };

  it('is profile, source, then one competency per distinct skill, in order', () => {
    const category = categoryFor(source, [
      { id: 'http://data.europa.eu/esco/skill/abc', name: 'Negotiate' },
      { id: 'https://skills.acme.example/s/x', name: 'X' },
      { id: 'http://data.europa.eu/esco/skill/abc', name: 'Negotiate (duplicate)' },
    ]);
    expect(category.map((a) => [a.id, a.definition?.type])).toEqual([
      [PROFILE_ACTIVITY_ID, ACTIVITY_TYPES.profile],
      ['https://trailnote.app/xapi/source/desktop/2.0.0-beta.1', ACTIVITY_TYPES.source],
      ['http://data.europa.eu/esco/skill/abc', ACTIVITY_TYPES.competency],
      ['https://skills.acme.example/s/x', ACTIVITY_TYPES.competency],
    ]);
    expect(category[1]?.definition?.name).toEqual({ en: 'Trailnote desktop app 2.0.0-beta.1' });
    expect(category[2]?.definition?.name).toEqual({ en: 'Negotiate' });
  });

  it('uses the source name when given', () => {
    const [, sourceActivity] = categoryFor({
      surface: 'extension',
      version: '1.0.0',
      name: 'Trailnote for Firefox',
    });
    expect(sourceActivity?.definition?.name).toEqual({ en: 'Trailnote for Firefox' });
    expect(sourceActivity?.id).toBe('https://trailnote.app/xapi/source/extension/1.0.0');
  });
});

describe('prune', () => {
  it('removes undefined, null and empty objects at any depth, keeps false, 0 and empty strings', () => {
    expect(
      prune({
        a: undefined,
        b: null,
        c: { d: undefined },
        e: [1, null, { f: undefined, g: 0 }],
        h: false,
        i: '',
      }),
    ).toEqual({ e: [1, { g: 0 }], h: false, i: '' });
  });

  it('returns a copy, not the caller’s objects', () => {
    const input = { nested: { value: 1 } };
    const output = prune(input);
    output.nested.value = 2;
    expect(input.nested.value).toBe(1);
  });
});

describe('assembleStatement', () => {
  const object = activity('https://example.com/a', { type: ACTIVITY_TYPES.article, name: { en: 'A' } });

  it('defaults the id to a fresh UUID and sets language, platform and reflection', () => {
    const a = assembleStatement(
      testContext({ id: undefined, reflection: '  Worth it.  ', language: 'fr_FR' }),
      {
        verb: verb('read'),
        object,
      },
    );
    const b = assembleStatement(testContext({ id: undefined }), { verb: verb('read'), object });
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.id).not.toBe(b.id);
    expect(a.context.language).toBe('fr-FR');
    expect(a.context.platform).toBe('example.com');
    expect(a.context.extensions).toEqual({ 'http://id.tincanapi.com/extension/reflection': 'Worth it.' });
    expect(checkStatement(a)).toEqual([]);
  });

  it('omits a blank reflection and a blank platform', () => {
    const st = assembleStatement(testContext({ reflection: '   ', platform: ' ' }), {
      verb: verb('read'),
      object,
    });
    expect(st.context.extensions).toBeUndefined();
    expect(st.context).not.toHaveProperty('platform');
  });

  it('never sends stored, authority or version', () => {
    const st = assembleStatement(testContext(), { verb: verb('read'), object });
    expect(Object.keys(st).sort()).toEqual(['actor', 'context', 'id', 'object', 'timestamp', 'verb']);
  });
});
