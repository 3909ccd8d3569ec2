/**
 * PageFacts read from the DOM: what the background needs to name and classify what this frame reads or plays
 * (messages.ts `PageFacts`, podcast.ts `AudioFacts`). Read lazily, only when a detector asks and only the parts it
 * asks for, and cached until the URL or the document title changes; `navigator.mediaSession` is read fresh on
 * every call that wants it (four property reads), since pages set or mutate it as playback starts.
 *
 * Single-page apps often update the URL and `<title>` on navigation but leave the server-rendered head as it was
 * (og:title, canonical link, JSON-LD of the first page). Taking those for the new item would merge two videos
 * into one activity. So when the title has changed since the script started while og:title and the canonical
 * link have not, the per-item metadata is taken as stale: the title comes from `<title>`, and the canonical link,
 * description, keywords, og:type and JSON-LD types are left out (the background then falls back to the URL).
 * Site-wide facts (language, feed links) are kept.
 */
import type { PageFacts } from '../platform/content-messages';
import { MAX_DESCRIPTION, MAX_ITEM, MAX_LANG, MAX_LIST, MAX_TITLE, MAX_URL, cleanText } from './bounds';

/** JSON-LD blocks larger than this are skipped (parsing them would cost more than they could tell). */
const MAX_JSON_LD_CHARS = 200_000;
/** Objects and arrays visited per JSON-LD block, and how deep. */
const MAX_JSON_LD_NODES = 500;
const MAX_JSON_LD_DEPTH = 8;
/** Keys whose values are the page's own items (not authors, publishers, breadcrumbs...). */
const JSON_LD_ITEM_KEYS = ['@graph', 'mainEntity'] as const;

/** `<link rel=alternate type=…>` types that are feeds. */
const FEED_TYPE = /^\s*application\/(?:rss|atom)\+xml\s*(?:;|$)/i;

type MediaSessionFacts = NonNullable<PageFacts['mediaSession']>;

/** What a caller needs beyond the basics (URL, title, canonical link, description, language). */
export interface PageFactsOptions {
  /** Keywords, og:type, JSON-LD types and feed links: what classifies media (podcast or music). */
  classify?: boolean;
  /**
   * `navigator.mediaSession.metadata`. Only where media plays: the first touch of `navigator.mediaSession`
   * instantiates it, which costs milliseconds on a page that never uses it.
   */
  mediaSession?: boolean;
}

type DocumentFacts = Omit<PageFacts, 'url' | 'mediaSession'>;
type ClassifyingFacts = Pick<PageFacts, 'keywords' | 'ogType' | 'jsonLdTypes' | 'feedLinks'>;

/** The facts of `doc` now, uncached. `stale` drops the per-item metadata (see the file comment). */
export function readPageFacts(
  doc: Document,
  win: Window,
  options: PageFactsOptions = { classify: true, mediaSession: true },
  stale = false,
): PageFacts {
  const facts: PageFacts = { ...readBasicFacts(doc, stale), url: currentUrl(doc, win) };
  if (options.classify) Object.assign(facts, readClassifyingFacts(doc, stale));
  if (options.mediaSession) {
    const session = readMediaSession(win);
    if (session) facts.mediaSession = session;
  }
  return facts;
}

/**
 * A cached `(options) => PageFacts` for one frame. The cache is keyed on the URL and the document title (reading
 * both costs next to nothing); the meta tags are read again only when one of them changed, and the classifying
 * facts (JSON-LD parsing included) only when a caller asks for them. Nothing is read before the first call: the
 * title and head the stale-metadata check compares against are the ones seen then.
 */
export function pageFactsSource(doc: Document, win: Window): (options?: PageFactsOptions) => PageFacts {
  let first: { title: string; fingerprint: string } | undefined;
  let cacheKey: string | undefined;
  let stale = false;
  let basic: DocumentFacts | undefined;
  let classifying: ClassifyingFacts | undefined;
  return (options = {}) => {
    const url = currentUrl(doc, win);
    const title = doc.title;
    first ??= { title, fingerprint: headFingerprint(doc) };
    const key = `${url}\n${title}`;
    if (key !== cacheKey) {
      cacheKey = key;
      stale = title !== first.title && headFingerprint(doc) === first.fingerprint;
      basic = undefined;
      classifying = undefined;
    }
    basic ??= readBasicFacts(doc, stale);
    const facts: PageFacts = { ...basic, url };
    if (options.classify) Object.assign(facts, (classifying ??= readClassifyingFacts(doc, stale)));
    if (options.mediaSession) {
      const session = readMediaSession(win);
      if (session) facts.mediaSession = session;
    }
    return facts;
  };
}

function currentUrl(doc: Document, win: Window): string {
  return (win.location?.href ?? doc.URL).slice(0, MAX_URL);
}

/** og:title and the canonical link as written: what a single-page app that maintains its head would change. */
function headFingerprint(doc: Document): string {
  const canonical = doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href') ?? '';
  return `${metaContent(doc, 'og:title') ?? ''}\n${canonical}`;
}

function readBasicFacts(doc: Document, stale: boolean): DocumentFacts {
  const facts: DocumentFacts = {
    title:
      cleanText(stale ? undefined : metaContent(doc, 'og:title'), MAX_TITLE) ??
      cleanText(doc.title, MAX_TITLE) ??
      '',
  };
  const lang = cleanText(doc.documentElement?.getAttribute('lang'), MAX_LANG);
  if (lang) facts.lang = lang;
  if (stale) return facts;
  const canonical = canonicalHref(doc);
  if (canonical) facts.canonicalHref = canonical;
  const description = cleanText(
    metaContent(doc, 'description') ?? metaContent(doc, 'og:description'),
    MAX_DESCRIPTION,
  );
  if (description) facts.description = description;
  return facts;
}

function readClassifyingFacts(doc: Document, stale: boolean): ClassifyingFacts {
  const facts: ClassifyingFacts = {};
  const feeds = feedLinks(doc);
  if (feeds.length) facts.feedLinks = feeds;
  if (stale) return facts;
  const keywords = keywordsOf(doc);
  if (keywords.length) facts.keywords = keywords;
  const ogType = cleanText(metaContent(doc, 'og:type'), MAX_ITEM);
  if (ogType) facts.ogType = ogType;
  const types = jsonLdTypes(doc);
  if (types.length) facts.jsonLdTypes = types;
  return facts;
}

/** `<meta name=…>` or `<meta property=…>` content (sites use both spellings for Open Graph). */
function metaContent(doc: Document, name: string): string | undefined {
  const el = doc.querySelector(`meta[property="${name}" i], meta[name="${name}" i]`);
  const content = el?.getAttribute('content');
  return content && content.trim() !== '' ? content : undefined;
}

/** The canonical link resolved against the document's base (so `<base href>` is honoured). */
function canonicalHref(doc: Document): string | undefined {
  const link = doc.querySelector<HTMLLinkElement>('link[rel~="canonical" i][href]');
  if (!link || (link.getAttribute('href') ?? '').trim() === '') return undefined;
  const href = link.href;
  return href && href.length <= MAX_URL ? href : undefined;
}

function feedLinks(doc: Document): string[] {
  const out = new Set<string>();
  for (const link of doc.querySelectorAll<HTMLLinkElement>('link[rel~="alternate" i][type][href]')) {
    if (!FEED_TYPE.test(link.type)) continue;
    const href = link.href;
    if (href && href.length <= MAX_ITEM) out.add(href);
    if (out.size >= MAX_LIST) break;
  }
  return [...out];
}

function keywordsOf(doc: Document): string[] {
  const out = new Set<string>();
  const add = (raw: string | null | undefined, split: boolean) => {
    for (const part of split ? (raw ?? '').split(',') : [raw ?? '']) {
      if (out.size >= MAX_LIST) return;
      const word = cleanText(part, MAX_ITEM);
      if (word) out.add(word);
    }
  };
  add(metaContent(doc, 'keywords'), true);
  for (const tag of doc.querySelectorAll('meta[property="article:tag" i]'))
    add(tag.getAttribute('content'), false);
  return [...out];
}

/**
 * schema.org `@type`s of the page's own items: each JSON-LD block's top-level objects (or array members), their
 * `@graph` members and `mainEntity`. Nested values such as `author` or `publisher` are not the page's item and
 * are not collected. Hostile input (malformed JSON, huge or deeply nested blocks, odd `@type` values) is skipped,
 * never thrown.
 */
export function jsonLdTypes(doc: Document): string[] {
  const out = new Set<string>();
  for (const script of doc.querySelectorAll('script[type="application/ld+json" i]')) {
    if (out.size >= MAX_LIST) break;
    const text = script.textContent ?? '';
    if (text.length > MAX_JSON_LD_CHARS) continue;
    let data: unknown;
    try {
      // Some CMSs wrap the block in an HTML comment or CDATA section.
      data = JSON.parse(text.replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[)|(?:-->|\/\/\s*\]\]>)\s*$/g, ''));
    } catch {
      continue;
    }
    collectTypes(data, out, 0, { nodes: MAX_JSON_LD_NODES });
  }
  return [...out];
}

function collectTypes(node: unknown, out: Set<string>, depth: number, budget: { nodes: number }): void {
  if (node === null || typeof node !== 'object' || depth > MAX_JSON_LD_DEPTH || budget.nodes <= 0) return;
  budget.nodes--;
  if (Array.isArray(node)) {
    for (const item of node) {
      if (budget.nodes <= 0 || out.size >= MAX_LIST) return;
      collectTypes(item, out, depth + 1, budget);
    }
    return;
  }
  const record = node as Record<string, unknown>;
  const type = record['@type'];
  for (const value of Array.isArray(type) ? type : [type]) {
    const name = typeof value === 'string' ? value.trim() : '';
    if (name !== '' && name.length <= MAX_ITEM && out.size < MAX_LIST) out.add(name);
  }
  for (const key of JSON_LD_ITEM_KEYS) {
    if (Object.hasOwn(record, key)) collectTypes(record[key], out, depth + 1, budget);
  }
}

/** `navigator.mediaSession.metadata`, when the page set one with something in it. */
export function readMediaSession(win: Window): MediaSessionFacts | undefined {
  try {
    const metadata = (win.navigator as Partial<Navigator> | undefined)?.mediaSession?.metadata;
    if (!metadata) return undefined;
    const facts: MediaSessionFacts = {};
    const title = cleanText(metadata.title, MAX_TITLE);
    const artist = cleanText(metadata.artist, MAX_TITLE);
    const album = cleanText(metadata.album, MAX_TITLE);
    if (title) facts.title = title;
    if (artist) facts.artist = artist;
    if (album) facts.album = album;
    const artwork: unknown = metadata.artwork;
    if (Array.isArray(artwork) && artwork.length > 0) facts.artworkCount = artwork.length;
    return Object.keys(facts).length > 0 ? facts : undefined;
  } catch {
    return undefined;
  }
}
