import { describe, expect, it } from 'vitest';
import {
  SECRET_UNCHANGED,
  checkDestination,
  secretInput,
  withChoices,
  withoutKept,
  type DestinationForm,
} from './settings';

const saved = {
  id: 'mine',
  endpoint: 'https://lrs.example/xapi/',
  username: 'key',
  password: 's3cret',
};
const form = (over: Partial<DestinationForm> = {}): DestinationForm => ({
  id: 'mine',
  endpoint: 'https://lrs.example/xapi',
  auth: 'basic',
  username: 'key',
  password: 'new-secret',
  ...over,
});

describe('checkDestination: credentials kept by an explicit marker', () => {
  it('a blank form field is the marker, never a string that passes for a password', () => {
    expect(secretInput('')).toBe(SECRET_UNCHANGED);
    expect(secretInput('x')).toBe('x');
    expect(typeof SECRET_UNCHANGED).toBe('object');
  });

  it('keeps the saved secret for a field left unchanged, validating with the real value', () => {
    const result = checkDestination(form({ password: SECRET_UNCHANGED }), saved, 'your settings');
    expect(result).toMatchObject({
      ok: true,
      entry: { endpoint: 'https://lrs.example/xapi/', username: 'key', password: 's3cret' },
      kept: ['password'],
    });
    // A store that keeps secrets apart writes the entry without it.
    if (result.ok) expect(withoutKept(result.entry, result.kept)).not.toHaveProperty('password');
  });

  // The rule for the disagreement: each credential field is kept on its own (the extension used to keep them only
  // when both were blank; the desktop kept the password with a new key).
  it('keeps each credential field on its own: a new key with the saved secret', () => {
    const result = checkDestination(form({ username: 'key2', password: SECRET_UNCHANGED }), saved, 's');
    expect(result).toMatchObject({
      ok: true,
      entry: { username: 'key2', password: 's3cret' },
      kept: ['password'],
    });
    const both = checkDestination(
      form({ username: SECRET_UNCHANGED, password: SECRET_UNCHANGED }),
      saved,
      's',
    );
    expect(both).toMatchObject({ ok: true, kept: ['username', 'password'] });
  });

  it('says which credential is missing when nothing is saved for it', () => {
    expect(checkDestination(form({ password: SECRET_UNCHANGED }), undefined, 's')).toEqual({
      ok: false,
      issues: [{ path: 'password', message: 'password: required (nothing is saved to keep)', source: 's' }],
      missing: ['password'],
    });
    // A saved token does not stand in for a password.
    const token = { id: 'mine', endpoint: saved.endpoint, token: 't0ken' };
    expect(checkDestination(form({ password: SECRET_UNCHANGED }), token, 's')).toMatchObject({
      ok: false,
      missing: ['password'],
    });
    expect(checkDestination(form({ auth: 'token', token: SECRET_UNCHANGED }), token, 's')).toMatchObject({
      ok: true,
      entry: { token: 't0ken' },
      kept: ['token'],
    });
  });

  it('maps validation issues to the form fields', () => {
    const result = checkDestination(form({ endpoint: 'ftp://nope' }), saved, 's');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path)).toEqual(['endpoint']);
    expect(result.issues[0]?.message).not.toMatch(/^destinations\[0\]/);
  });
});

describe('withChoices', () => {
  it("replaces the groups the form saves, keeps the learner's own value of an enforced key", () => {
    const stored = {
      learner: { name: 'Ada', email: 'own@example.org' },
      capture: { holdMinutes: 5 },
      destinations: [saved],
    };
    const result = withChoices(
      stored,
      { learner: { name: 'Ada L.', email: 'typed@example.org' }, capture: { holdMinutes: 10 } },
      ['learner.email'],
      'your settings',
    );
    expect(result).toEqual({
      ok: true,
      document: {
        learner: { name: 'Ada L.', email: 'own@example.org' },
        capture: { holdMinutes: 10 },
        destinations: [saved],
      },
    });
  });

  it('an empty group is removed; invalid values come back with their paths', () => {
    expect(withChoices({ capture: { holdMinutes: 5 } }, { capture: {} }, [], 's')).toEqual({
      ok: true,
      document: {},
    });
    const bad = withChoices({}, { learner: { email: 'not an address' } }, [], 's');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]?.path).toBe('learner.email');
  });
});
