import { describe, expect, it } from 'vitest';
import { loadPolicyFile, loadSystemPolicy, policyFilePath } from './policy-file';

const enoent = () => Promise.reject(Object.assign(new Error('missing'), { code: 'ENOENT' }));

describe('policyFilePath (docs/policy.md § Where it comes from)', () => {
  it('uses the platform location unless TRAILNOTE_POLICY names another', () => {
    expect(policyFilePath('linux', {})).toBe('/etc/trailnote/policy.json');
    expect(policyFilePath('darwin', {})).toBe('/Library/Application Support/Trailnote/policy.json');
    expect(policyFilePath('win32', { ProgramData: 'D:\\ProgramData' })).toBe(
      'D:\\ProgramData\\Trailnote\\policy.json',
    );
    expect(policyFilePath('linux', { TRAILNOTE_POLICY: '/tmp/p.json' })).toBe('/tmp/p.json');
  });
});

describe('loadPolicyFile', () => {
  it('no file at the usual place is no policy, without a message', async () => {
    expect(await loadSystemPolicy('linux', {}, enoent)).toEqual({
      path: '/etc/trailnote/policy.json',
      found: false,
      document: {},
      issues: [],
    });
  });

  it('a missing file that TRAILNOTE_POLICY names is reported', async () => {
    const result = await loadSystemPolicy('linux', { TRAILNOTE_POLICY: '/nope.json' }, enoent);
    expect(result.issues[0]?.message).toMatch(/TRAILNOTE_POLICY names \/nope\.json, which does not exist/);
  });

  it('invalid JSON gives a clear message and applies nothing', async () => {
    const result = await loadPolicyFile('/p.json', false, () => Promise.resolve('{ "capture": '));
    expect(result.found).toBe(true);
    expect(result.document).toEqual({});
    expect(result.issues[0]?.message).toMatch(/not valid JSON/);
    expect(result.issues[0]?.source).toBe('/p.json');
  });

  it('invalid keys are named and ignored; valid keys still apply', async () => {
    const text = JSON.stringify({ capture: { holdMinutes: 'ten', reviewBeforeSync: true }, colour: 'blue' });
    const result = await loadPolicyFile('/p.json', false, () => Promise.resolve(text));
    expect(result.document).toEqual({ capture: { reviewBeforeSync: true } });
    expect(result.issues.map((i) => i.path).sort()).toEqual(['capture.holdMinutes', 'colour']);
  });

  it('an http:// endpoint off this computer is refused with a message naming the key, not a network error', async () => {
    const text = JSON.stringify({
      destinations: [
        { id: 'acme', endpoint: 'http://lrs.acme.example/xapi/', username: 'k', password: 's' },
        { id: 'local', endpoint: 'http://127.0.0.1:8080/xapi/', username: 'k', password: 's' },
      ],
    });
    const result = await loadPolicyFile('/p.json', false, () => Promise.resolve(text));
    expect(result.document.destinations?.map((d) => d.id)).toEqual(['local']);
    expect(result.issues[0]?.message).toMatch(
      /^destinations\[0\]\.endpoint: expected an https:\/\/ URL \(http:\/\/ only on this computer/,
    );
  });

  it('an unreadable file is reported with its error code', async () => {
    const denied = () => Promise.reject(Object.assign(new Error('denied'), { code: 'EACCES' }));
    const result = await loadPolicyFile('/p.json', false, denied);
    expect(result.issues[0]?.message).toMatch(/could not be read \(EACCES\)/);
  });
});
