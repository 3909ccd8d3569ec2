// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { isPageFacts } from '../background/validate';
import { jsonLdTypes, pageFactsSource, readMediaSession, readPageFacts } from './page-facts';
import { testPage, type TestPage } from './testing';

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});

const open = (head: string, body = '<p>Hello</p>', url?: string, htmlAttrs = 'lang="en-GB"') => {
  page = testPage(`<!doctype html><html ${htmlAttrs}><head>${head}</head><body>${body}</body></html>`, url);
  return page;
};

const ld = (json: string) => `<script type="application/ld+json">${json}</script>`;

describe('readPageFacts', () => {
  it('reads title, canonical link, language, description, keywords, og:type, JSON-LD types and feeds', () => {
    const { doc, win } = open(
      `<title>Learning in the flow of work | Trailnote Journal</title>
       <meta property="og:title" content="  Learning in the   flow of work ">
       <meta name="description" content="Why most learning happens between meetings.">
       <meta property="og:description" content="OG description loses to the meta description">
       <meta name="keywords" content="learning, work ,, informal learning,learning">
       <meta property="article:tag" content="xAPI">
       <meta property="article:tag" content="learning">
       <meta property="og:type" content="article">
       <link rel="canonical" href="/articles/learning-in-the-flow-of-work">
       <link rel="alternate" type="application/rss+xml" href="/feed.xml">
       <link rel="alternate" type="application/atom+xml; charset=utf-8" href="https://cdn.example.org/atom.xml">
       <link rel="alternate" hreflang="de" href="/de/">
       ${ld('{"@context":"https://schema.org","@type":"Article","headline":"x","author":{"@type":"Person"}}')}
       ${ld('{"@graph":[{"@type":["WebPage","ItemPage"],"mainEntity":{"@type":"PodcastEpisode"}},{"@type":"BreadcrumbList"}]}')}`,
      '<p>Hi</p>',
      'https://example.org/a/b?utm_source=x#top',
    );
    const facts = readPageFacts(doc, win);
    expect(facts).toEqual({
      url: 'https://example.org/a/b?utm_source=x#top',
      title: 'Learning in the flow of work',
      canonicalHref: 'https://example.org/articles/learning-in-the-flow-of-work',
      lang: 'en-GB',
      description: 'Why most learning happens between meetings.',
      keywords: ['learning', 'work', 'informal learning', 'xAPI'],
      ogType: 'article',
      jsonLdTypes: ['Article', 'WebPage', 'ItemPage', 'PodcastEpisode', 'BreadcrumbList'],
      feedLinks: ['https://example.org/feed.xml', 'https://cdn.example.org/atom.xml'],
    });
    expect(isPageFacts(facts)).toBe(true);
  });

  it('falls back to <title>, og:description, and leaves out what the page does not say', () => {
    const { doc, win } = open(
      '<title>Plain page</title><meta property="og:description" content="From OG">',
      '',
      undefined,
      '',
    );
    expect(readPageFacts(doc, win)).toEqual({
      url: 'https://example.org/articles/one',
      title: 'Plain page',
      description: 'From OG',
    });
  });

  it('ignores an empty canonical href and cuts oversized values to what the background accepts', () => {
    const long = 'x'.repeat(5000);
    const { doc, win } = open(
      `<title>${long}</title><link rel="canonical" href=""><meta name="description" content="${long}">
       <meta name="keywords" content="${Array.from({ length: 200 }, (_, i) => `k${i}`).join(',')},${long}">
       <link rel="alternate" type="application/rss+xml" href="/${long}">`,
      '',
      `https://example.org/${long}`,
      `lang="${long}"`,
    );
    const facts = readPageFacts(doc, win);
    expect(facts.canonicalHref).toBeUndefined();
    expect(facts.title).toHaveLength(1000);
    expect(facts.url.length).toBeLessThanOrEqual(2048);
    expect(facts.keywords).toHaveLength(30);
    expect(facts.feedLinks).toBeUndefined();
    expect(isPageFacts(facts)).toBe(true);
  });
});

describe('jsonLdTypes with hostile input', () => {
  it('skips malformed, non-object, oversized and deeply nested blocks without throwing', () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const { doc } = open(
      [
        ld('{"@type": "Article",'), // truncated
        ld('not json at all <b>'),
        ld('null'),
        ld('42'),
        ld('"PodcastEpisode"'), // a string, not an object
        ld(deep),
        ld(`{"@type":"Huge","pad":"${'x'.repeat(250_000)}"}`),
        ld('{"@type": {"nested": "object"}}'),
        ld('{"@type": [1, null, true, "", "   ", "VideoObject"]}'),
        ld(`{"@type": "${'Y'.repeat(600)}"}`),
        ld('{"__proto__": {"@type": "Polluted"}, "constructor": {"@type": "Nope"}, "@type": "Recipe"}'),
        ld('<!-- {"@type":"MusicRecording"} -->'),
        ld('{"@graph": {"@graph": {"@graph": {"@type": "Deep"}}}}'),
        ld('[{"@type":"A1"},[{"@type":"A2"}]]'),
      ].join(''),
    );
    let types: string[] = [];
    expect(() => (types = jsonLdTypes(doc))).not.toThrow();
    expect(types).toEqual(['VideoObject', 'Recipe', 'MusicRecording', 'Deep', 'A1', 'A2']);
    expect(({} as Record<string, unknown>)['@type']).toBeUndefined();
  });

  it('bounds the number of types and the work per block', () => {
    const many = JSON.stringify({ '@graph': Array.from({ length: 5000 }, (_, i) => ({ '@type': `T${i}` })) });
    const { doc } = open(ld(many) + ld('{"@type":"Later"}'));
    const types = jsonLdTypes(doc);
    expect(types).toHaveLength(30);
    expect(types[0]).toBe('T0');
  });
});

describe('media session', () => {
  it('reads title, artist, album and the artwork count when the page set metadata', () => {
    const { win } = open('');
    expect(readMediaSession(win)).toBeUndefined();
    Object.defineProperty(win.navigator, 'mediaSession', {
      configurable: true,
      value: { metadata: { title: ' Episode 7 ', artist: 'Ada', album: 'The Show', artwork: [{}, {}] } },
    });
    expect(readMediaSession(win)).toEqual({
      title: 'Episode 7',
      artist: 'Ada',
      album: 'The Show',
      artworkCount: 2,
    });
    Object.defineProperty(win.navigator, 'mediaSession', {
      configurable: true,
      get() {
        throw new Error('hostile getter');
      },
    });
    expect(readMediaSession(win)).toBeUndefined();
  });
});

describe('pageFactsSource', () => {
  it('reads the DOM once, again only when the URL or title changes, and the media session every time', () => {
    const { doc, win } = open('<title>One</title><meta name="description" content="first">');
    const facts = pageFactsSource(doc, win);
    expect(facts().description).toBe('first');
    doc.querySelector('meta[name=description]')!.setAttribute('content', 'changed');
    expect(facts().description).toBe('first'); // cached
    const metadata = { title: 'Now playing' };
    Object.defineProperty(win.navigator, 'mediaSession', { configurable: true, value: { metadata } });
    expect(facts({ mediaSession: true }).mediaSession).toEqual({ title: 'Now playing' });
    metadata.title = 'Next track';
    expect(facts({ mediaSession: true }).mediaSession).toEqual({ title: 'Next track' });
    win.history.pushState({}, '', '/articles/two');
    expect(facts()).toMatchObject({ url: 'https://example.org/articles/two', description: 'changed' });
  });

  it('reads only the basics unless asked: no JSON-LD parsing, no media session', () => {
    const { doc, win } = open(
      `<title>T</title><meta name="keywords" content="a, b">${ld('{"@type":"Article"}')}
       <link rel="alternate" type="application/rss+xml" href="/feed.xml">`,
    );
    let touched = 0;
    Object.defineProperty(win.navigator, 'mediaSession', {
      configurable: true,
      get: () => (touched++, { metadata: { title: 'Song' } }),
    });
    const parse = JSON.parse;
    let parsed = 0;
    JSON.parse = ((text: string) => (parsed++, parse(text) as unknown)) as typeof JSON.parse;
    try {
      const facts = pageFactsSource(doc, win);
      expect(facts()).toEqual({ url: 'https://example.org/articles/one', title: 'T', lang: 'en-GB' });
      expect([touched, parsed]).toEqual([0, 0]);
      expect(facts({ classify: true })).toMatchObject({ keywords: ['a', 'b'], jsonLdTypes: ['Article'] });
      expect(facts({ classify: true }).feedLinks).toEqual(['https://example.org/feed.xml']);
      expect([touched, parsed]).toEqual([0, 1]); // parsed once, then cached
      expect(facts({ mediaSession: true }).mediaSession).toEqual({ title: 'Song' });
      expect(touched).toBe(1);
    } finally {
      JSON.parse = parse;
    }
  });

  it('drops per-item metadata a single-page app left behind when it changed the title', () => {
    const { doc, win } = open(
      `<title>Video A - Tube</title><meta property="og:title" content="Video A">
       <link rel="canonical" href="https://tube.example/watch?v=A"><meta name="description" content="About A">
       ${ld('{"@type":"VideoObject"}')}<link rel="alternate" type="application/rss+xml" href="/feed.xml">`,
      '',
      'https://tube.example/watch?v=A',
    );
    const source = pageFactsSource(doc, win);
    const facts = () => source({ classify: true });
    expect(facts()).toMatchObject({ title: 'Video A', canonicalHref: 'https://tube.example/watch?v=A' });
    win.history.pushState({}, '', '/watch?v=B');
    // URL changed, title not yet: nothing says the head is stale.
    expect(facts()).toMatchObject({ url: 'https://tube.example/watch?v=B', title: 'Video A' });
    doc.title = 'Video B - Tube';
    expect(facts()).toEqual({
      url: 'https://tube.example/watch?v=B',
      title: 'Video B - Tube',
      lang: 'en-GB',
      feedLinks: ['https://tube.example/feed.xml'],
    });
    // An app that maintains its head is trusted again.
    doc.querySelector('meta[property="og:title"]')!.setAttribute('content', 'Video B');
    doc.querySelector('link[rel=canonical]')!.setAttribute('href', 'https://tube.example/watch?v=B');
    doc.title = 'Video B | Tube';
    expect(facts()).toMatchObject({ title: 'Video B', canonicalHref: 'https://tube.example/watch?v=B' });
  });
});
