import { describe, expect, it } from 'vitest';
import { chooseVersion } from './version';

describe('chooseVersion (docs/xapi-profile.md § Versions)', () => {
  it('auto: 2.0.0 when /about lists it, 1.0.3 when it lists only 1.0.x', () => {
    expect(chooseVersion('auto', { versions: ['1.0.0', '1.0.3', '2.0.0'] })).toEqual({ version: '2.0.0' });
    expect(chooseVersion('auto', { versions: ['1.0.1', '1.0.3'] })).toEqual({ version: '1.0.3' });
  });

  it('auto with an unreadable or useless /about: 1.0.3, and says why', () => {
    expect(chooseVersion('auto', { error: '/about has no "version" array' })).toEqual({
      version: '1.0.3',
      note: '/about has no "version" array; sending xAPI 1.0.3, which every conformant LRS speaks',
    });
    expect(chooseVersion('auto', { versions: ['0.95'] }).note).toMatch(
      /^\/about lists only 0.95; sending xAPI 1.0.3/,
    );
  });

  it('a configured version is used as is, with a note when /about does not list it', () => {
    expect(chooseVersion('2.0.0', { versions: ['2.0.0'] })).toEqual({ version: '2.0.0' });
    expect(chooseVersion('2.0.0', { versions: ['1.0.3'] })).toEqual({
      version: '2.0.0',
      note: 'the LRS lists 1.0.3 in /about, not 2.0.0, which is configured',
    });
    expect(chooseVersion('1.0.3', { error: 'reading /about failed: HTTP 404' }).version).toBe('1.0.3');
  });
});
