import { describe, expect, it } from 'vitest';
import { builtInDefaults } from './defaults';
import { captureDecision, domainMatches, isSensitiveHost, SENSITIVE_SITES } from './domains';
import { validatePolicy } from './validate';
import type { CaptureState } from './domains';
import type { Settings } from './types';

describe('domainMatches', () => {
  it.each([
    ['bank.example', 'bank.example', true],
    ['www.bank.example', 'bank.example', true],
    ['a.b.bank.example', 'bank.example', true],
    ['notbank.example', 'bank.example', false],
    ['bank.example.evil.test', 'bank.example', false],
    ['bank.example', 'www.bank.example', false],
    ['example', 'bank.example', false],
    ['WWW.Bank.EXAMPLE', 'bank.example', true],
    ['www.bank.example', 'BANK.example', true],
    ['www.bank.example.', 'bank.example', true],
    ['www.bank.example', 'bank.example.', true],
    ['www.bank.example', '*.bank.example', true],
    ['bank.example', '*.bank.example', true],
    ['xn--bcher-kva.example', 'bücher.example', true],
    ['shop.bücher.example', 'xn--bcher-kva.example', true],
    ['127.0.0.1', '127.0.0.1', true],
    ['10.0.0.1', '0.0.1', false],
    ['10.0.0.1', '0.0.0.1', false],
    ['localhost', 'localhost', true],
    ['[::1]', '[::1]', true],
    ['bank.example', '', false],
    ['', 'bank.example', false],
    ['anything.bank', 'bank', true],
    ['bank.example', '.example', false],
  ])('%s under %s → %s', (host, domain, expected) => {
    expect(domainMatches(host, domain)).toBe(expected);
  });
});

describe('the built-in sensitive list', () => {
  it('has a few dozen valid, distinct domains', () => {
    const domains = SENSITIVE_SITES.map((site) => site.domain);
    expect(domains.length).toBeGreaterThanOrEqual(36);
    expect(new Set(domains).size).toBe(domains.length);
    const { issues } = validatePolicy({ capture: { blockedDomains: domains } });
    expect(issues).toEqual([]);
    for (const category of ['banking', 'health', 'webmail', 'sign-in']) {
      expect(SENSITIVE_SITES.some((site) => site.category === category)).toBe(true);
    }
  });

  it.each([
    'www.paypal.com',
    'secure.chase.com',
    'mail.google.com',
    'outlook.live.com',
    'login.microsoftonline.com',
    'accounts.google.com',
    'acme.okta.com',
    'myhealth.va.gov',
    'online.anything.bank',
    'sso.acme.example',
    'login.intranet.acme.example',
    'mychart.hospital.example',
  ])('%s is sensitive', (host) => {
    expect(isSensitiveHost(host)).toBe(true);
  });

  it.each([
    'www.google.com',
    'en.wikipedia.org',
    'www.youtube.com',
    'docs.acme.example',
    'localhost',
    '127.0.0.1',
  ])('%s is not', (host) => {
    expect(isSensitiveHost(host)).toBe(false);
  });
});

describe('captureDecision', () => {
  const settings = (capture: Partial<Settings['capture']> = {}): Settings => {
    const base = builtInDefaults();
    return { ...base, capture: { ...base.capture, ...capture } };
  };
  const state = (extra: Partial<CaptureState> = {}): CaptureState => ({
    incognito: false,
    now: 1_000_000,
    kind: 'article',
    ...extra,
  });

  it('captures an ordinary http(s) page, loopback included', () => {
    expect(captureDecision('https://en.wikipedia.org/wiki/XAPI', settings(), state())).toEqual({
      capture: true,
    });
    expect(captureDecision('http://127.0.0.1:8080/article.html', settings(), state())).toEqual({
      capture: true,
    });
    expect(captureDecision('http://localhost:3000/', settings(), state({ kind: 'video' }))).toEqual({
      capture: true,
    });
  });

  it.each([
    ['chrome://settings', settings(), state(), 'not-http'],
    ['file:///home/ada/notes.html', settings(), state(), 'not-http'],
    ['about:blank', settings(), state(), 'not-http'],
    ['not a url', settings(), state(), 'not-http'],
    ['https://en.wikipedia.org/', settings(), state({ incognito: true }), 'incognito'],
    ['https://en.wikipedia.org/', settings({ enabled: false }), state(), 'disabled'],
    ['https://en.wikipedia.org/', settings(), state({ pausedUntil: 1_000_001 }), 'paused'],
    [
      'https://www.youtube.com/watch?v=x',
      settings({ kinds: ['article'] }),
      state({ kind: 'video' }),
      'kind-off',
    ],
    ['https://www.bank.example/', settings({ blockedDomains: ['bank.example'] }), state(), 'blocked'],
    ['https://mail.google.com/mail/u/0/', settings(), state(), 'sensitive'],
    ['https://en.wikipedia.org/', settings({ allowedDomains: ['acme.example'] }), state(), 'not-allowed'],
  ] as const)('%s → %s', (url, currentSettings, currentState, reason) => {
    expect(captureDecision(url, currentSettings, currentState)).toEqual({ capture: false, reason });
  });

  it('resumes once the pause has passed', () => {
    expect(captureDecision('https://a.example/', settings(), state({ pausedUntil: 1_000_000 }))).toEqual({
      capture: true,
    });
  });

  it('captures inside allowedDomains, subdomains included', () => {
    const allowed = settings({ allowedDomains: ['acme.example'] });
    expect(captureDecision('https://docs.acme.example/guide', allowed, state())).toEqual({ capture: true });
    expect(captureDecision('https://notacme.example/', allowed, state())).toEqual({
      capture: false,
      reason: 'not-allowed',
    });
  });

  it('lets blocks win over allowedDomains', () => {
    const both = settings({ allowedDomains: ['acme.example'], blockedDomains: ['hr.acme.example'] });
    expect(captureDecision('https://hr.acme.example/pay', both, state())).toEqual({
      capture: false,
      reason: 'blocked',
    });
    expect(captureDecision('https://sso.acme.example/', both, state())).toEqual({
      capture: false,
      reason: 'sensitive',
    });
  });

  it('never captures a private window, even where allowed', () => {
    const allowed = settings({ allowedDomains: ['acme.example'] });
    expect(captureDecision('https://docs.acme.example/', allowed, state({ incognito: true }))).toEqual({
      capture: false,
      reason: 'incognito',
    });
  });
});
