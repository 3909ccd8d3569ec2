import { describe, expect, it } from 'vitest';
import { builtInDefaults } from './defaults';
import {
  activityDecision,
  captureDecision,
  domainMatches,
  SENSITIVE_SITES,
  sensitiveSiteOf,
} from './domains';
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
    for (const category of ['banking', 'health', 'webmail', 'sign-in', 'document-sharing']) {
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
    expect(sensitiveSiteOf(`https://${host}/`)).toBeDefined();
  });

  it.each([
    'www.google.com',
    'en.wikipedia.org',
    'www.youtube.com',
    'docs.acme.example',
    'localhost',
    '127.0.0.1',
  ])('%s is not', (host) => {
    expect(sensitiveSiteOf(`https://${host}/`)).toBeUndefined();
  });

  it.each([
    'https://docs.google.com/document/d/1AbC/edit',
    'https://drive.google.com/file/d/1AbC/view',
    'https://acme.sharepoint.com/sites/hr/Shared%20Documents/plan.docx',
    'https://acme-my.sharepoint.com/personal/ada/Documents/notes.docx',
    'https://onedrive.live.com/?id=123',
    'https://www.dropbox.com/scl/fi/abc/report.pdf?rlkey=x',
    'https://app.box.com/s/abc',
    'https://www.notion.so/acme/Plan-0123456789abcdef',
    'https://acme.notion.site/Handbook-0123',
    'https://miro.com/app/board/uXjV=/',
    'https://www.figma.com/design/AbC123/Checkout',
    'https://www.figma.com/file/AbC123/Checkout',
    'https://acme.atlassian.net/wiki/spaces/ENG/pages/1/Runbook',
    'https://hackmd.io/@ada/notes',
    'https://pastebin.com/abcd1234',
    'https://gist.github.com/ada/0123abcd',
    'https://wetransfer.com/downloads/abc',
  ])('%s is a document-sharing page', (url) => {
    expect(sensitiveSiteOf(url)?.category).toBe('document-sharing');
  });

  it.each([
    'https://www.figma.com/community/file/123',
    'https://www.figma.com/blog/design-systems',
    'https://www.canva.com/learn/colour-theory/',
    'https://github.com/ada/project',
    'https://www.google.com/search?q=x',
  ])('%s is not', (url) => {
    expect(sensitiveSiteOf(url)).toBeUndefined();
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

  it('captures an ordinary http(s) page, and loopback once allowedPrivateHosts lists it', () => {
    expect(captureDecision('https://en.wikipedia.org/wiki/XAPI', settings(), state())).toEqual({
      capture: true,
    });
    const loopback = settings({ allowedPrivateHosts: ['127.0.0.0/8', 'localhost'] });
    expect(captureDecision('http://127.0.0.1:8080/article.html', loopback, state())).toEqual({
      capture: true,
    });
    expect(captureDecision('http://localhost:3000/', loopback, state({ kind: 'video' }))).toEqual({
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
    ['https://docs.google.com/document/d/1/edit', settings(), state(), 'document'],
    ['http://127.0.0.1:8080/article.html', settings(), state(), 'private-host'],
    ['http://wiki/Main_Page', settings(), state(), 'private-host'],
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

  describe('private hosts', () => {
    // Every form a held-out page used, and the spellings URL parsing turns into them.
    it.each([
      'http://localhost:3000/guide',
      'http://app.localhost/guide',
      'http://127.0.0.1/guide',
      'http://2130706433/guide',
      'http://0x7f.0.0.1/guide',
      'http://0177.0.0.1/guide',
      'http://[::1]:8080/guide',
      'http://[::ffff:127.0.0.1]/guide',
      'http://[::ffff:10.0.0.8]/guide',
      'http://10.0.0.8/guide',
      'http://172.20.1.1/guide',
      'http://192.168.1.10/guide',
      'http://169.254.169.254/latest/meta-data',
      'http://[fe80::1]/guide',
      'http://[fd00:1::2]/guide',
      'https://policies.corp.internal/leave',
      'http://printer.local/manual',
      'http://wiki/Onboarding',
      'http://intranet./news',
    ])('%s is not captured by default', (url) => {
      expect(captureDecision(url, settings(), state())).toEqual({ capture: false, reason: 'private-host' });
    });

    it.each([
      ['http://wiki/Onboarding', ['wiki']],
      ['http://team.wiki/Onboarding', ['wiki']],
      ['https://policies.corp.internal/leave', ['corp.internal']],
      ['https://policies.corp.internal/leave', ['*.internal']],
      ['http://192.168.1.10/guide', ['192.168.1.0/24']],
      ['http://192.168.1.10/guide', ['192.168.1.10']],
      ['http://[::ffff:192.168.1.10]/guide', ['192.168.0.0/16']],
      ['http://[fd00:1::2]/guide', ['fd00::/8']],
      ['http://[fe80::1]/guide', ['[fe80::]/10']],
      ['http://3232235786/guide', ['192.168.1.10']],
    ])('%s is captured when allowedPrivateHosts lists %j', (url, allowedPrivateHosts) => {
      expect(captureDecision(url, settings({ allowedPrivateHosts }), state())).toEqual({ capture: true });
    });

    it.each([
      ['http://192.168.2.10/guide', ['192.168.1.0/24']],
      ['http://wiki/Onboarding', ['wiki.internal']],
      ['http://corp.internal/x', ['policies.corp.internal']],
      ['http://10.0.0.8/', ['localhost']],
      ['http://localhost/', ['127.0.0.1']],
    ])('%s stays out with %j', (url, allowedPrivateHosts) => {
      expect(captureDecision(url, settings({ allowedPrivateHosts }), state())).toEqual({
        capture: false,
        reason: 'private-host',
      });
    });

    it('allowedDomains alone does not reopen a private host, and still limits capture', () => {
      const onlyWiki = settings({ allowedDomains: ['wiki.internal'] });
      expect(captureDecision('https://wiki.internal/a', onlyWiki, state())).toEqual({
        capture: false,
        reason: 'private-host',
      });
      const both = settings({ allowedDomains: ['wiki.internal'], allowedPrivateHosts: ['wiki.internal'] });
      expect(captureDecision('https://wiki.internal/a', both, state())).toEqual({ capture: true });
      expect(
        captureDecision(
          'http://10.0.0.1/',
          { capture: { ...both.capture, allowedPrivateHosts: ['10.0.0.0/8'] } },
          state(),
        ),
      ).toEqual({
        capture: false,
        reason: 'not-allowed',
      });
    });

    it('blocks win over allowedPrivateHosts', () => {
      const s = settings({ allowedPrivateHosts: ['localhost'], blockedDomains: ['blocked.localhost'] });
      expect(captureDecision('http://blocked.localhost/', s, state())).toEqual({
        capture: false,
        reason: 'blocked',
      });
      expect(captureDecision('http://media.localhost/', s, state())).toEqual({ capture: true });
    });
  });

  describe('document-sharing sites', () => {
    const doc = 'https://docs.google.com/document/d/1AbC/edit';

    it('are reopened by naming the site in allowedDomains, not a parent domain', () => {
      expect(captureDecision(doc, settings({ allowedDomains: ['docs.google.com'] }), state())).toEqual({
        capture: true,
      });
      expect(captureDecision(doc, settings({ allowedDomains: ['google.com'] }), state())).toEqual({
        capture: false,
        reason: 'document',
      });
      const tenant = 'https://acme.sharepoint.com/sites/learning/guide.aspx';
      expect(captureDecision(tenant, settings({ allowedDomains: ['acme.sharepoint.com'] }), state())).toEqual(
        {
          capture: true,
        },
      );
      expect(
        captureDecision(
          'https://other.sharepoint.com/x',
          settings({ allowedDomains: ['acme.sharepoint.com'] }),
          state(),
        ),
      ).toEqual({ capture: false, reason: 'document' });
    });

    it('other sensitive categories cannot be reopened', () => {
      expect(
        captureDecision(
          'https://mail.google.com/mail/u/0/',
          settings({ allowedDomains: ['mail.google.com'] }),
          state(),
        ),
      ).toEqual({ capture: false, reason: 'sensitive' });
    });
  });
});

describe('activityDecision: the page URL and the URL its statement would name', () => {
  const capture = { ...builtInDefaults().capture, blockedDomains: ['hr.acme.example'] };

  it('checks a same-site canonical against the blocked and sensitive lists', () => {
    expect(
      activityDecision(
        { url: 'https://www.acme.example/a', canonicalHref: 'https://hr.acme.example/pay/ada' },
        capture,
      ),
    ).toEqual({ capture: false, reason: 'blocked' });
    expect(
      activityDecision(
        { url: 'https://sites.google.com/view/x', canonicalHref: 'https://docs.google.com/document/d/1' },
        capture,
      ),
    ).toEqual({ capture: false, reason: 'document' });
    expect(
      activityDecision({ url: 'https://www.acme.example/a', canonicalHref: '/articles/a' }, capture),
    ).toEqual({ capture: true });
  });

  it('ignores a canonical on another site (the page URL is used), and checks the page itself', () => {
    expect(
      activityDecision(
        { url: 'https://blog.example/a', canonicalHref: 'https://hr.acme.example/pay/ada' },
        capture,
      ),
    ).toEqual({ capture: true });
    expect(
      activityDecision(
        { url: 'https://hr.acme.example/pay', canonicalHref: 'https://www.acme.example/a' },
        capture,
      ),
    ).toEqual({ capture: false, reason: 'blocked' });
    expect(
      activityDecision({ url: 'http://10.0.0.1/a', canonicalHref: 'https://example.com/a' }, capture),
    ).toEqual({
      capture: false,
      reason: 'private-host',
    });
  });
});
