import { describe, expect, it } from 'vitest';
import { canonicalUrl, cleanUrl, hostOf, isTrackingParam, TRACKING_PARAMS } from './url';

const strict = { keepQueryStrings: false };
const loose = { keepQueryStrings: true };

describe('canonicalUrl: fragments and tracking parameters', () => {
  it('drops the fragment', () => {
    expect(canonicalUrl('https://example.com/a/b#section-2', strict)).toBe('https://example.com/a/b');
    expect(canonicalUrl('https://example.com/a/b#section-2', loose)).toBe('https://example.com/a/b');
  });

  it('strips utm_* and click ids even when query strings are kept', () => {
    const url =
      'https://example.com/post?utm_source=x&UTM_Medium=y&fbclid=1&gclid=2&msclkid=3&mc_eid=4&_hsenc=5&si=6&topic=ai';
    expect(canonicalUrl(url, loose)).toBe('https://example.com/post?topic=ai');
  });

  it('matches tracking names case-insensitively and by prefix', () => {
    expect(isTrackingParam('utm_whatever')).toBe(true);
    expect(isTrackingParam('FBCLID')).toBe(true);
    expect(isTrackingParam('pk_campaign')).toBe(true);
    expect(isTrackingParam('page')).toBe(false);
    expect(isTrackingParam('v')).toBe(false);
    expect(TRACKING_PARAMS.every((name) => name === name.toLowerCase())).toBe(true);
  });

  it('leaves no dangling "?" when every parameter goes', () => {
    expect(canonicalUrl('https://example.com/x?utm_source=a', loose)).toBe('https://example.com/x');
  });
});

describe('canonicalUrl: keepQueryStrings', () => {
  it('false strips every parameter that does not identify content', () => {
    expect(canonicalUrl('https://blog.example.com/post/1?ref=hn&session=abc&q=secret', strict)).toBe(
      'https://blog.example.com/post/1',
    );
  });

  it('true keeps non-tracking parameters, sorted by name, in their original encoding', () => {
    expect(canonicalUrl('https://example.com/search?q=a%20b&lang=de&page=2&utm_source=x', loose)).toBe(
      'https://example.com/search?lang=de&page=2&q=a%20b',
    );
  });

  it('sorting is stable for repeated names', () => {
    expect(canonicalUrl('https://example.com/?b=1&a=2&b=0', loose)).toBe('https://example.com/?a=2&b=1&b=0');
  });
});

describe('canonicalUrl: content-identifying parameters (keepQueryStrings false)', () => {
  it.each([
    [
      'https://www.youtube.com/watch?v=abc123&t=42s&feature=share&si=x',
      'https://www.youtube.com/watch?v=abc123',
    ],
    ['https://m.youtube.com/watch?v=abc123', 'https://m.youtube.com/watch?v=abc123'],
    ['https://music.youtube.com/watch?v=abc123&list=RD1', 'https://music.youtube.com/watch?v=abc123'],
    ['https://www.youtube.com/watch?list=PL1&v=abc123&index=3', 'https://www.youtube.com/watch?v=abc123'],
    ['https://www.youtube.com/playlist?list=PL1&si=x', 'https://www.youtube.com/playlist?list=PL1'],
    ['https://youtu.be/abc123?t=42&si=x', 'https://youtu.be/abc123'],
    ['https://vimeo.com/76979871?share=copy', 'https://vimeo.com/76979871'],
    ['https://news.ycombinator.com/item?id=123&p=2', 'https://news.ycombinator.com/item?id=123'],
    [
      'https://podcasts.apple.com/us/podcast/show/id123?i=1000456&uo=4',
      'https://podcasts.apple.com/us/podcast/show/id123?i=1000456',
    ],
    ['https://wp.example.com/?p=123&replytocom=9', 'https://wp.example.com/?p=123'],
    ['https://wp.example.com/index.php?page_id=45', 'https://wp.example.com/index.php?page_id=45'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalUrl(input, strict)).toBe(expected);
  });

  it('does not keep `p` outside the site root (there it is usually a page number)', () => {
    expect(canonicalUrl('https://forum.example.com/thread/9?p=2', strict)).toBe(
      'https://forum.example.com/thread/9',
    );
  });

  it('does not keep `v` on hosts other than YouTube', () => {
    expect(canonicalUrl('https://example.com/watch?v=abc', strict)).toBe('https://example.com/watch');
  });
});

describe('canonicalUrl: <link rel=canonical>', () => {
  const page = 'https://www.example.com/news/2025/03/story.html?utm_source=x&from=home#comments';

  it('prefers an absolute canonical URL', () => {
    expect(canonicalUrl(page, { ...strict, canonicalHref: 'https://example.com/story' })).toBe(
      'https://example.com/story',
    );
  });

  it('resolves a relative canonical against the page URL', () => {
    expect(canonicalUrl(page, { ...strict, canonicalHref: '../story-canonical.html' })).toBe(
      'https://www.example.com/news/2025/story-canonical.html',
    );
    expect(canonicalUrl(page, { ...strict, canonicalHref: '/s/42' })).toBe('https://www.example.com/s/42');
  });

  it('cleans the canonical URL too', () => {
    expect(
      canonicalUrl(page, { ...loose, canonicalHref: 'https://example.com/story?utm_campaign=c&id=7#top' }),
    ).toBe('https://example.com/story?id=7');
  });

  it('ignores non-http(s) canonicals and falls back to the page URL', () => {
    for (const canonicalHref of ['javascript:alert(1)', 'ftp://example.com/story', 'data:text/html,x']) {
      expect(canonicalUrl(page, { ...strict, canonicalHref })).toBe(
        'https://www.example.com/news/2025/03/story.html',
      );
    }
  });

  it('ignores blank canonicals and a canonical that points a deep page at the site root', () => {
    expect(canonicalUrl(page, { ...strict, canonicalHref: '  ' })).toBe(
      'https://www.example.com/news/2025/03/story.html',
    );
    expect(canonicalUrl(page, { ...strict, canonicalHref: 'https://www.example.com/' })).toBe(
      'https://www.example.com/news/2025/03/story.html',
    );
    expect(canonicalUrl('https://www.example.com/', { ...strict, canonicalHref: '/' })).toBe(
      'https://www.example.com/',
    );
  });
});

describe('canonicalUrl: a canonical on another site is ignored', () => {
  it.each([
    ['https://blog.example.com/post', 'https://other.example.org/post', 'https://blog.example.com/post'],
    ['https://news.bbc.co.uk/a/1', 'https://www.other.co.uk/a/1', 'https://news.bbc.co.uk/a/1'],
    ['https://alice.github.io/notes/1', 'https://bob.github.io/notes/1', 'https://alice.github.io/notes/1'],
    ['http://10.0.0.5/wiki/a', 'http://10.0.0.6/wiki/a', 'http://10.0.0.5/wiki/a'],
    ['https://bank.example/x/1', 'https://docs.google.com/document/d/1', 'https://bank.example/x/1'],
  ])('%s with canonical %s → %s', (page, canonicalHref, expected) => {
    expect(canonicalUrl(page, { ...strict, canonicalHref })).toBe(expected);
  });

  it.each([
    ['https://m.example.com/post', 'https://www.example.com/post'],
    ['https://news.bbc.co.uk/a/1', 'https://www.bbc.co.uk/news/a-1'],
    ['https://alice.github.io/notes/1', 'https://alice.github.io/notes/one'],
    ['https://amp.example.com/a', 'https://EXAMPLE.com./a'],
  ])('keeps %s → %s (the same registrable domain)', (page, canonicalHref) => {
    expect(canonicalUrl(page, { ...strict, canonicalHref })).toBe(
      new URL(canonicalHref).href.replace('.com./', '.com/'),
    );
  });
});

describe('canonicalUrl: normalisation and errors', () => {
  it('lower-cases the host, drops default ports, credentials and the host trailing dot, keeps the path', () => {
    expect(canonicalUrl('HTTPS://User:Pw@Example.COM.:443/Some/Path/', strict)).toBe(
      'https://example.com/Some/Path/',
    );
    expect(canonicalUrl('http://example.com:80/a', strict)).toBe('http://example.com/a');
    expect(canonicalUrl('http://example.com:8080/a', strict)).toBe('http://example.com:8080/a');
  });

  it.each([
    'file:///home/ada/notes.html',
    'chrome-extension://abc/options.html',
    'about:blank',
    'not a url',
    '',
  ])('throws a clear error for %j', (url) => {
    expect(() => canonicalUrl(url, strict)).toThrow(/http\(s\)|Not a valid URL/);
  });
});

describe('cleanUrl and hostOf', () => {
  it('cleanUrl never substitutes a canonical link, only cleans', () => {
    expect(cleanUrl('https://Example.com/a?utm_source=x&id=1#f', loose)).toBe('https://example.com/a?id=1');
    expect(cleanUrl('https://Example.com/a?utm_source=x&id=1#f', strict)).toBe('https://example.com/a');
  });

  it('hostOf returns the lower-case host name without port', () => {
    expect(hostOf('https://WWW.Example.com:8443/x')).toBe('www.example.com');
    expect(() => hostOf('mailto:ada@example.com')).toThrow();
  });
});
