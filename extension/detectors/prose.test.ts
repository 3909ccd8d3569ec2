// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { MIN_MAIN_CHARS, isProse, judgeProse, readProseFeatures, type ProseFeatures } from './prose';
import { testPage, type TestPage } from './testing';

const sentence = (i: number) =>
  `Sentence ${i} of this paragraph explains one idea in plain words, at the length people write.`;
const para = (n = 4, tag = 'p') =>
  `<${tag}>${Array.from({ length: n }, (_, i) => sentence(i)).join(' ')}</${tag}>`;
const paras = (count: number, n = 4) => Array.from({ length: count }, () => para(n)).join('');

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});

function features(html: string, url?: string): ProseFeatures {
  page = testPage(html, url);
  return readProseFeatures(page.doc);
}
const verdict = (html: string, url?: string) => judgeProse(features(html, url));

const base: ProseFeatures = {
  types: [],
  signIn: false,
  addToCart: false,
  mainChars: 3000,
  mainBlocks: 8,
  mainLinkDensity: 0.05,
  mainHeadings: 2,
  mainTeasers: 0,
  pageBlocks: 8,
};

describe('judgeProse (pure)', () => {
  it('takes a main text of several prose paragraphs for prose', () => {
    expect(judgeProse(base).prose).toBe(true);
  });

  it("says no when the page's own item is a product, profile, listing or media, unless it is also an article", () => {
    for (const type of [
      'Product',
      'ProfilePage',
      'ItemList',
      'CollectionPage',
      'SearchResultsPage',
      'MusicGroup',
      'PodcastSeries',
      'VideoObject',
    ])
      expect(judgeProse({ ...base, types: [type] }), type).toMatchObject({ prose: false });
    expect(judgeProse({ ...base, types: ['NewsArticle', 'VideoObject'] }).prose).toBe(true);
    expect(judgeProse({ ...base, types: ['BreadcrumbList', 'Organization', 'WebSite'] }).prose).toBe(true);
  });

  it('says no for og:type product, profile, music and video pages without article data', () => {
    for (const ogType of ['product', 'profile', 'music.song', 'music.musician', 'video.other'])
      expect(judgeProse({ ...base, ogType }).prose, ogType).toBe(false);
    expect(judgeProse({ ...base, ogType: 'video.other', types: ['NewsArticle'] }).prose).toBe(true);
  });

  it('says no for sign-in and add-to-cart forms', () => {
    expect(judgeProse({ ...base, mainChars: 1500, signIn: true }).reason).toBe('sign-in form');
    expect(judgeProse({ ...base, mainChars: 8000, signIn: true }).prose).toBe(true);
    expect(judgeProse({ ...base, addToCart: true }).reason).toBe('add-to-cart form');
  });

  it('needs enough prose, less with article markup', () => {
    const short = { ...base, mainChars: 700, mainBlocks: 3 };
    expect(judgeProse(short).prose).toBe(false);
    expect(judgeProse({ ...short, ogType: 'article' }).prose).toBe(true);
    expect(judgeProse({ ...short, types: ['BlogPosting'] }).prose).toBe(true);
    expect(judgeProse({ ...base, mainChars: MIN_MAIN_CHARS + 100, mainBlocks: 1 }).prose).toBe(false);
  });

  it('says no to cards (teasers under linked titles), link lists and headed blurbs', () => {
    expect(judgeProse({ ...base, mainTeasers: 6, mainBlocks: 8 }).reason).toMatch(/^cards/);
    expect(judgeProse({ ...base, mainTeasers: 2, mainBlocks: 12 }).prose).toBe(true);
    expect(judgeProse({ ...base, mainLinkDensity: 0.7 }).reason).toMatch(/^link density/);
    expect(judgeProse({ ...base, mainChars: 1300, mainBlocks: 6, mainHeadings: 6 }).reason).toMatch(
      /^blurbs/,
    );
    expect(judgeProse({ ...base, mainChars: 4000, mainBlocks: 6, mainHeadings: 6 }).prose).toBe(true);
  });
});

describe('readProseFeatures', () => {
  it('finds the main text and measures it, leaving navigation, asides and short bits out', () => {
    const f = features(
      `<body><nav>${para(3)}</nav><aside>${para(5)}</aside><main><article><h1>Title</h1><div class="body">${paras(6)}<p>Short caption.</p></div></article></main><footer>${para(3)}</footer></body>`,
    );
    expect(f.mainBlocks).toBe(6);
    expect(f.mainChars).toBeGreaterThan(6 * 300);
    expect(f.mainTeasers).toBe(0);
    expect(judgeProse(f).prose).toBe(true);
  });

  it('counts paragraphs wrapped in elements of their own under one main text', () => {
    const wrapped = Array.from(
      { length: 6 },
      () => `<div class="block"><div class="text">${para()}</div></div>`,
    ).join('');
    expect(features(`<body><article><h1>T</h1>${wrapped}</article></body>`)).toMatchObject({ mainBlocks: 6 });
  });

  it('counts list items written as sentences (a deals post) and text broken with <br>', () => {
    const items = Array.from({ length: 6 }, () => para(3, 'li')).join('');
    expect(verdict(`<body><h1>Deals</h1><ul>${items}</ul></body>`).prose).toBe(true);
    const text = Array.from({ length: 6 }, () =>
      Array.from({ length: 4 }, (_, i) => sentence(i)).join(' '),
    ).join('<br><br>');
    expect(features(`<body><table><tr><td><div>${text}</div></td></tr></table></body>`)).toMatchObject({
      mainBlocks: 6,
    });
  });

  it('counts <div>s used as paragraphs, but not wrappers', () => {
    const divs = Array.from({ length: 6 }, () => para(4, 'div')).join('');
    expect(features(`<body><div id="wrap"><article>${divs}</article></div></body>`)).toMatchObject({
      mainBlocks: 6,
    });
  });

  it('sees rows of excerpts after title links (a forum topic list) as teasers', () => {
    const rows = Array.from(
      { length: 10 },
      (_, i) =>
        `<tr><td><a class="title" href="/t/${i}">Topic number ${i} asks something</a><div class="excerpt">${sentence(i)} ${sentence(i + 1)}</div></td><td>${i}</td></tr>`,
    ).join('');
    expect(verdict(`<body><main><table>${rows}</table></main></body>`).reason).toMatch(/^cards: 10 of 10/);
  });

  it('sees teasers under linked titles, but not under a title linked to the page itself', () => {
    const cards = Array.from(
      { length: 6 },
      (_, i) => `<article class="card"><h3><a href="/story/${i}">Story ${i}</a></h3>${para(3)}</article>`,
    ).join('');
    expect(verdict(`<body><main>${cards}</main></body>`).reason).toMatch(/^cards: 6 of 6/);
    const url = 'https://blog.example/2026/03/post';
    expect(
      verdict(`<body><article><h1><a href="${url}">Post</a></h1>${paras(6)}</article></body>`, url).prose,
    ).toBe(true);
  });

  it('reads structured data, microdata and forms', () => {
    const f = features(
      `<head><script type="application/ld+json">{"@context":"https://schema.org","@type":"http://schema.org/Product"}</script></head><body><div itemscope itemtype="https://schema.org/Offer"><div itemscope itemtype="https://schema.org/Person"></div></div><main>${paras(4)}</main><form><input type="password"></form><button>Add to basket</button></body>`,
    );
    expect(f).toMatchObject({ types: ['Product', 'Offer'], signIn: true, addToCart: true });
    // With too little prose for an article, none of it is read.
    expect(features(`<body>${para()}<button>Add to basket</button></body>`)).toMatchObject({
      types: [],
      addToCart: false,
    });
  });

  it('stays bounded on a hostile page (30,000 paragraphs under one parent, deep nesting)', () => {
    page = testPage(
      `<body><div>${`<p>${sentence(1)} ${sentence(2)}</p>`.repeat(30_000)}</div>${'<div>'.repeat(1000)}text${'</div>'.repeat(1000)}</body>`,
    );
    expect(isProse(page.doc)).toBe(true);
    expect(readProseFeatures(page.doc).pageBlocks).toBe(3000);
  }, 30_000);
});
