import { describe, expect, it } from 'vitest';
import { actorFor, isIdentified, mboxFor, newInstallId } from './actor';
import { DEFAULT_ACCOUNT_HOME_PAGE } from './vocab';

const pseudonym = { homePage: 'https://lrs-accounts.acme.example', name: 'install-123' };

/** The IFI keys present on an agent. */
const ifis = (agent: object): string[] =>
  ['mbox', 'mbox_sha1sum', 'account', 'openid'].filter((key) => key in agent);

describe('actorFor', () => {
  it('uses mbox with a trimmed, lower-cased address when an e-mail is known (even with an account)', () => {
    const agent = actorFor(
      {
        name: 'Ada Lovelace',
        email: '  Ada@ACME.example ',
        accountHomePage: 'https://sso.acme.example',
        accountName: 'ada',
      },
      pseudonym,
    );
    expect(agent).toEqual({ objectType: 'Agent', name: 'Ada Lovelace', mbox: 'mailto:ada@acme.example' });
    expect(ifis(agent)).toEqual(['mbox']);
  });

  it('uses the account when there is no e-mail', () => {
    const agent = actorFor({ accountHomePage: 'https://sso.acme.example', accountName: ' ada ' }, pseudonym);
    expect(agent).toEqual({
      objectType: 'Agent',
      account: { homePage: 'https://sso.acme.example', name: 'ada' },
    });
    expect(ifis(agent)).toEqual(['account']);
  });

  it('falls back to the pseudonymous account, with the name when known', () => {
    expect(actorFor({ name: 'Ada' }, pseudonym)).toEqual({
      objectType: 'Agent',
      name: 'Ada',
      account: { homePage: 'https://lrs-accounts.acme.example', name: 'install-123' },
    });
    expect(actorFor(undefined, pseudonym)).toEqual({
      objectType: 'Agent',
      account: { homePage: 'https://lrs-accounts.acme.example', name: 'install-123' },
    });
  });

  it('defaults the pseudonym home page to the project IRI', () => {
    for (const homePage of [undefined, '', 'not a url']) {
      expect(actorFor({}, { homePage, name: 'i-1' })).toEqual({
        objectType: 'Agent',
        account: { homePage: DEFAULT_ACCOUNT_HOME_PAGE, name: 'i-1' },
      });
    }
  });

  it('ignores an incomplete account and an e-mail an LRS would reject', () => {
    const fallback = { objectType: 'Agent', account: { homePage: pseudonym.homePage, name: pseudonym.name } };
    expect(actorFor({ accountHomePage: 'https://sso.acme.example' }, pseudonym)).toEqual(fallback);
    expect(actorFor({ accountName: 'ada' }, pseudonym)).toEqual(fallback);
    expect(actorFor({ accountHomePage: 'sso', accountName: 'ada' }, pseudonym)).toEqual(fallback);
    expect(actorFor({ email: 'ada' }, pseudonym)).toEqual(fallback);
    expect(actorFor({ email: 'ada@localhost' }, pseudonym)).toEqual(fallback);
  });

  it('refuses a pseudonym without a name rather than sending an invalid account', () => {
    expect(() => actorFor(undefined, { name: ' ' })).toThrow(/newInstallId/);
  });
});

describe('isIdentified', () => {
  it('is true only for a usable e-mail or a complete account', () => {
    expect(isIdentified(undefined)).toBe(false);
    expect(isIdentified({ name: 'Ada' })).toBe(false);
    expect(isIdentified({ email: 'nope' })).toBe(false);
    expect(isIdentified({ accountName: 'ada' })).toBe(false);
    expect(isIdentified({ email: 'ada@acme.example' })).toBe(true);
    expect(isIdentified({ accountHomePage: 'https://sso.acme.example', accountName: 'ada' })).toBe(true);
  });
});

describe('mboxFor and newInstallId', () => {
  it('mboxFor normalises or refuses', () => {
    expect(mboxFor(' Grace.Hopper+x@Navy.MIL ')).toBe('mailto:grace.hopper+x@navy.mil');
    expect(mboxFor('two words@example.com')).toBeUndefined();
    expect(mboxFor(undefined)).toBeUndefined();
  });

  it('newInstallId makes distinct UUIDs', () => {
    const a = newInstallId();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newInstallId()).not.toBe(a);
  });
});
