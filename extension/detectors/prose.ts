/**
 * Is this page prose to read? The article detector's decision (issue 9 § 10), in two parts:
 *
 * - `readProseFeatures(doc)`: a bounded pass over the DOM, run in idle time after load. Every block that reads
 *   like prose (`<p>`, `<li>`, `<dd>`, `<blockquote>`, a `<div>` of inline text, text broken with `<br>`: at
 *   least MIN_BLOCK_CHARS, mostly not link text, with a sentence end) scores its parent, grandparent and the
 *   ancestor above (1, 1/2, 1/3); the best-scoring element is the main text, whose prose, link density, headings
 *   and teasers (blocks under or beside a title that links away: cards) are measured. Only when that prose is
 *   long enough are the page's own schema.org types (JSON-LD, top-level microdata), og:type and its sign-in and
 *   add-to-cart forms read.
 * - `judgeProse(features)`: a pure function of those figures, unit-tested on the labelled corpus in
 *   test/fixtures/detect/ (prose-corpus.test.ts) and measured in Chromium by `npm run bench:detect`.
 *
 * What says "not prose": a page whose own item is a product, profile, listing, search result, music, podcast,
 * video or app (structured data or og:type) and not also an article or review; a sign-in form with little text;
 * an add-to-cart form; a main text made of cards or, on a page not marked as an article, of headed blurbs; too
 * little prose. Why not `isProbablyReaderable` (@mozilla/readability): it asks only whether some `<p>` text is
 * long, which product pages, front pages of teasers and landing pages all have, and it misses articles written as
 * list items (a deals post).
 */
import { jsonLdTypes } from './page-facts';

/** A block shorter than this is not prose (menu entries, captions, buttons). */
export const MIN_BLOCK_CHARS = 80;
/** Prose the main text needs: less with an article's structured data or og:type. */
export const MIN_MAIN_CHARS = 1000;
export const MIN_MAIN_CHARS_HINTED = 500;
export const MIN_MAIN_BLOCKS = 3;
/** Bounds on the DOM pass (a hostile page with 100,000 paragraphs costs no more than a long book chapter). */
const MAX_BLOCKS = 3000;
const MAX_LINKS = 3000;
const MAX_HEADINGS = 300;
const MAX_CONTROLS = 300;
const MAX_ITEMTYPES = 50;
/** Candidate elements looked at, and the longest text a single block may have (longer: a wrapper, not a block). */
const MAX_EXAMINED = 20_000;
const MAX_BLOCK_TEXT = 50_000;
/** Text read for the main text's link density. */
const MAX_TEXT_CHARS = 200_000;
/** Elements that may hold a paragraph; a `<div>` only when it holds text and inline elements alone. */
const BLOCK_TAGS = ['p', 'li', 'dd', 'blockquote', 'div'] as const;
/** Children that make a `<div>` a wrapper rather than a paragraph. */
const BLOCK_CHILD =
  /^(?:p|div|ul|ol|dl|li|table|section|article|main|aside|nav|header|footer|figure|form|pre|blockquote|h[1-6]|hr|details|fieldset|iframe|video|audio)$/;
/** Where prose is not the page's main text. */
const NOT_MAIN =
  'nav, footer, header, aside, [role="navigation"], [role="contentinfo"], [aria-hidden="true"]';
/** How far up from a block its card's title is looked for. */
const TEASER_LEVELS = 4;
/** The most text a card holds (title, meta and teaser); above it an element is a section, not a card. */
const CARD_MAX_CHARS = 800;
const HEADINGS = 'h1, h2, h3, h4, h5, h6';

const ARTICLE_TYPE = /(?:Article|Posting|Review)$|^(?:QAPage|Recipe|HowTo|Report|Thesis|Guide)$/;
// Not ImageObject: SEO plugins put the page's lead image in its @graph beside (or instead of) the article.
const NOT_PROSE_TYPE =
  /^(?:Product|ProductGroup|IndividualProduct|ProductModel|Offer|AggregateOffer|ProfilePage|ItemList|CollectionPage|SearchResultsPage|MusicRecording|MusicGroup|MusicAlbum|MusicPlaylist|PodcastSeries|PodcastEpisode|PodcastSeason|VideoObject|Movie|TVSeries|Clip|SoftwareApplication|WebApplication|MobileApplication|VideoGallery|ImageGallery)$/;
/** og:type values of pages that are not articles (`website` says nothing). */
const NOT_PROSE_OG =
  /^(?:product(?:\.item|\.group)?|og:product|profile|music\.\w+|video\.\w+|books\.(?:author|book)|book|business\.business|album|band|musician|song|movie|tv_show|game|actor|athlete)$/i;
const ADD_TO_CART =
  /\badd\s+to\s+(?:cart|basket|bag|trolley)\b|in\s+den\s+warenkorb|ajouter\s+au\s+panier|a[ñn]adir\s+al\s+carrito|aggiungi\s+al\s+carrello/i;
const SENTENCE_END = /[.!?…。！？]["'”’»)\]]*(?:\s|$)/;

export interface ProseFeatures {
  /** schema.org `@type`s of the page's own items (IRIs reduced to their last segment). */
  types: string[];
  ogType?: string;
  /** A password field (a sign-in or sign-up page). */
  signIn: boolean;
  /** An add-to-cart form or button (a shop's product page). */
  addToCart: boolean;
  /** Prose characters in the main text, and how many prose blocks. */
  mainChars: number;
  mainBlocks: number;
  /** Link text / text in the main text element. */
  mainLinkDensity: number;
  /** Headings in the main text. */
  mainHeadings: number;
  /** Prose blocks in the main text under or right after a title that links away (a card's teaser, a result). */
  mainTeasers: number;
  /** Prose blocks on the whole page (bounded). */
  pageBlocks: number;
}

export interface ProseVerdict {
  prose: boolean;
  /** Why, for tests, the corpus report and the bench's list of misses. */
  reason: string;
}

const lastSegment = (t: string) => t.replace(/^.*[/#:]/, '');

/** The figures `judgeProse` decides from. Bounded DOM work; never throws on odd markup. */
export function readProseFeatures(doc: Document): ProseFeatures {
  const features: ProseFeatures = {
    types: [],
    signIn: false,
    addToCart: false,
    mainChars: 0,
    mainBlocks: 0,
    mainLinkDensity: 0,
    mainHeadings: 0,
    mainTeasers: 0,
    pageBlocks: 0,
  };
  const blocks = proseBlocks(doc);
  features.pageBlocks = blocks.length;
  const main = bestContainer(blocks);
  if (!main) return features;
  const titles = new Map<Element, boolean | undefined>();
  const cards = new Map<Element, Element | null | undefined>();
  for (const block of blocks) {
    if (!main.contains(block.el)) continue;
    features.mainChars += block.chars;
    features.mainBlocks += block.count;
    if (isTeaser(block.el, main, titles) || inCard(block.el, main, cards)) features.mainTeasers++;
  }
  // Too little prose for an article, whatever the page says of itself: its metadata is not worth reading.
  if (features.mainChars < MIN_MAIN_CHARS_HINTED) return features;
  const text = boundedTextLength(main);
  let linked = 0;
  const links = main.getElementsByTagName('a');
  for (let i = 0; i < links.length && i < MAX_LINKS; i++) linked += textLength(links[i]!);
  features.mainLinkDensity = text > 0 ? Math.min(1, linked / text) : 0;
  features.mainHeadings = Math.min(MAX_HEADINGS, main.querySelectorAll(HEADINGS).length);
  Object.assign(features, readPageSignals(doc));
  return features;
}

/** What the page says it is: schema.org types (JSON-LD and top-level microdata), og:type, sign-in and cart forms. */
function readPageSignals(doc: Document): Pick<ProseFeatures, 'types' | 'ogType' | 'signIn' | 'addToCart'> {
  const types = jsonLdTypes(doc).map(lastSegment);
  let itemtypes = 0;
  for (const el of doc.querySelectorAll('[itemscope][itemtype]')) {
    if (++itemtypes > MAX_ITEMTYPES) break;
    const type = lastSegment((el.getAttribute('itemtype') ?? '').trim().split(/\s+/)[0] ?? '');
    // Microdata of the page's own item: not one nested in another item (a review's author, an offer).
    if (type && !el.parentElement?.closest('[itemscope]') && !types.includes(type)) types.push(type);
  }
  const signals: ReturnType<typeof readPageSignals> = {
    types,
    signIn: doc.querySelector('input[type="password" i]') !== null,
    addToCart: hasAddToCart(doc),
  };
  const ogType = doc
    .querySelector('meta[property="og:type" i], meta[name="og:type" i]')
    ?.getAttribute('content');
  if (ogType?.trim()) signals.ogType = ogType.trim().toLowerCase();
  return signals;
}

/**
 * The decision. Structured data that names the page's own item as something other than an article decides
 * first (unless the page also calls itself an article); then forms; then the shape of the main text.
 */
export function judgeProse(f: ProseFeatures): ProseVerdict {
  const articleTypes = f.types.filter((t) => ARTICLE_TYPE.test(t));
  const otherTypes = f.types.filter((t) => NOT_PROSE_TYPE.test(t));
  const hinted = articleTypes.length > 0 || f.ogType === 'article';
  if (otherTypes.length > 0 && articleTypes.length === 0)
    return no(`structured data: ${otherTypes.slice(0, 3).join(', ')}`);
  if (f.ogType && NOT_PROSE_OG.test(f.ogType) && articleTypes.length === 0) return no(`og:type ${f.ogType}`);
  if (f.addToCart && articleTypes.length === 0) return no('add-to-cart form');
  if (f.signIn && f.mainChars < 3 * MIN_MAIN_CHARS) return no('sign-in form');
  const min = hinted ? MIN_MAIN_CHARS_HINTED : MIN_MAIN_CHARS;
  if (f.mainChars < min) return no(`main text ${f.mainChars} < ${min} prose characters`);
  if (f.mainBlocks < MIN_MAIN_BLOCKS && f.mainChars < 2 * min) return no(`only ${f.mainBlocks} prose blocks`);
  if (f.mainLinkDensity > 0.5) return no(`link density ${f.mainLinkDensity.toFixed(2)}`);
  // Cards: a linked title over (nearly) every teaser, as front pages, archives, search results and show pages have.
  if (f.mainTeasers >= 3 && f.mainTeasers * 2 >= f.mainBlocks)
    return no(`cards: ${f.mainTeasers} of ${f.mainBlocks} blocks under a linked title`);
  // Headed blurbs: a heading over every short paragraph (feature grids, pricing, FAQ accordions).
  const average = f.mainChars / Math.max(1, f.mainBlocks);
  // Not on pages marked as articles: a live blog is a heading over every short update.
  if (!hinted && f.mainHeadings >= 3 && f.mainHeadings * 4 >= f.mainBlocks * 3 && average < 400)
    return no(`blurbs: ${f.mainHeadings} headings over ${f.mainBlocks} short blocks`);
  return {
    prose: true,
    reason: `${f.mainChars} prose characters in ${f.mainBlocks} blocks${hinted ? ', article markup' : ''}`,
  };
}

const no = (reason: string): ProseVerdict => ({ prose: false, reason });

/** The whole decision for a document (what the article detector calls). */
export function isProse(doc: Document): boolean {
  return judgeProse(readProseFeatures(doc)).prose;
}

interface Block {
  el: Element;
  /** The element the block's text belongs to (for text broken with `<br>`, the element holding it). */
  parent: Element | null;
  chars: number;
  /** Paragraphs it stands for (text broken with `<br>` holds several). */
  count: number;
}

/** Prose blocks of the page, in document order, at most MAX_BLOCKS. */
function proseBlocks(doc: Document): Block[] {
  const out: Block[] = [];
  // Live collections, read in order and left when the budget is spent (a static query list of every match on
  // a hostile page would be built in full first).
  let examined = 0;
  for (const tag of BLOCK_TAGS) {
    const candidates = doc.getElementsByTagName(tag);
    for (
      let i = 0;
      i < candidates.length && out.length < MAX_BLOCKS && examined < MAX_EXAMINED;
      i++, examined++
    ) {
      const block = asBlock(candidates[i]!);
      if (block) out.push(block);
    }
  }
  // Text broken into paragraphs with <br><br> (old pages, some forums): the element holding it is the block.
  const seen = new Set<Element>();
  const brs = doc.getElementsByTagName('br');
  for (let i = 0; i < brs.length && i < MAX_BLOCKS && out.length < MAX_BLOCKS; i++) {
    const holder = brs[i]!.parentElement;
    if (!holder || seen.has(holder) || /^(?:p|li|dd|blockquote)$/.test(holder.localName)) continue;
    seen.add(holder);
    let chars = 0;
    let count = 0;
    const nodes = holder.childNodes;
    for (let j = 0; j < nodes.length && j < MAX_BLOCKS; j++) {
      const node = nodes[j]!;
      if (node.nodeType !== 3) continue;
      const length = (node.textContent ?? '').trim().length;
      if (length >= MIN_BLOCK_CHARS && SENTENCE_END.test(node.textContent ?? '')) {
        chars += length;
        count++;
      }
    }
    if (count >= 2) out.push({ el: holder, parent: holder, chars, count });
  }
  return out;
}

/** A `<p>`, `<li>`, `<dd>` or `<blockquote>` that reads as prose, or undefined. */
function asBlock(el: Element): Block | undefined {
  if (el.localName === 'div') {
    if (!holdsOnlyInline(el)) return undefined;
  } else if (el.localName !== 'p' && el.querySelector('p, li, dd, blockquote, div')) {
    // A list item or quote holding paragraphs (or divs) is counted through them.
    return undefined;
  }
  if (el.closest(NOT_MAIN)) return undefined;
  const text = el.textContent ?? '';
  if (text.length < MIN_BLOCK_CHARS || text.length > MAX_BLOCK_TEXT) return undefined;
  const chars = collapsedLength(text);
  if (chars < MIN_BLOCK_CHARS || !SENTENCE_END.test(text)) return undefined;
  if (linkText(el) * 2 > chars) return undefined;
  return { el, parent: el.parentElement, chars, count: 1 };
}

/** A `<div>` used as a paragraph: text of its own, no block-level child, at most one `<br>` (up to 50 children). */
function holdsOnlyInline(div: Element): boolean {
  let child = div.firstChild;
  let text = false;
  let breaks = 0;
  for (let i = 0; child && i < 50; i++, child = child.nextSibling) {
    if (child.nodeType === 3) text ||= (child.textContent ?? '').trim() !== '';
    else if (child.nodeType !== 1) continue;
    else if (BLOCK_CHILD.test((child as Element).localName)) return false;
    // Text broken into paragraphs with <br>s is counted paragraph by paragraph (proseBlocks).
    else if ((child as Element).localName === 'br' && ++breaks > 1) return false;
  }
  return text && !child;
}

/**
 * The element with the most prose: each block scores its parent fully, its grandparent by half and the next
 * ancestor by a third (sites wrap each paragraph in one or two elements of its own).
 */
function bestContainer(blocks: Block[]): Element | undefined {
  const scores = new Map<Element, number>();
  let best: Element | undefined;
  let bestScore = 0;
  const add = (el: Element | null | undefined, score: number) => {
    if (!el) return;
    const total = (scores.get(el) ?? 0) + score;
    scores.set(el, total);
    if (total > bestScore) {
      bestScore = total;
      best = el;
    }
  };
  for (const block of blocks) {
    const grandparent = block.parent?.parentElement;
    add(block.parent, block.chars);
    add(grandparent, block.chars / 2);
    add(grandparent?.parentElement, block.chars / 3);
  }
  return best;
}

/**
 * A block whose nearest enclosing element with a heading (at most TEASER_LEVELS up, inside the main text) has a
 * heading that links to another page: a card's teaser, a search result's snippet, an excerpt on a blog's home.
 * In an article the nearest heading is a section's own, or the title, and does not link away.
 */
function isTeaser(block: Element, main: Element, titles: Map<Element, boolean | undefined>): boolean {
  let el: Element | null = block.parentElement;
  for (let level = 0; el && el !== main && level < TEASER_LEVELS; level++, el = el.parentElement) {
    // Cached per element: blocks share their ancestors, and each is searched once.
    if (!titles.has(el)) titles.set(el, linkedTitle(el));
    const title = titles.get(el);
    if (title !== undefined) return title;
  }
  return false;
}

/**
 * A block in a card: a small element (at most CARD_MAX_CHARS of text, TEASER_LEVELS up, inside the main text)
 * that also holds a title linking away, outside the block (a job, an event, a forum topic row, a result). An
 * article's paragraphs have no such small ancestor: the one above them holds the whole text.
 */
function inCard(block: Element, main: Element, cards: Map<Element, Element | null | undefined>): boolean {
  let el: Element | null = block.parentElement;
  for (let level = 0; el && el !== main && level < TEASER_LEVELS; level++, el = el.parentElement) {
    if (!cards.has(el)) cards.set(el, textLength(el) > CARD_MAX_CHARS ? null : titleLink(el));
    // null: too big for a card (and so is every element above); undefined: no title link in it.
    const title = cards.get(el);
    if (title === null) return false;
    if (title && !block.contains(title)) return true;
  }
  return false;
}

/** The first link in `el` (of the first few) that links away and reads like a title (three words or more). */
function titleLink(el: Element): Element | undefined {
  const links = el.getElementsByTagName('a');
  for (let i = 0; i < links.length && i < 5; i++) {
    const a = links[i]!;
    const text = (a.textContent ?? '').trim();
    if (text.length >= 15 && text.split(/\s+/).length >= 3 && linksAway(a)) return a;
  }
  return undefined;
}

/** Whether the first headings in `el` link away; undefined when it has none. */
function linkedTitle(el: Element): boolean | undefined {
  const headings = el.querySelectorAll(HEADINGS);
  if (headings.length === 0) return undefined;
  for (let i = 0; i < headings.length && i < 3; i++) if (isLinkedHeading(headings[i]!)) return true;
  return false;
}

/** A heading that is mostly a link to another page (a card's or a result's title), not a section anchor. */
function isLinkedHeading(h: Element): boolean {
  const chars = textLength(h);
  if (chars === 0) return false;
  const outer = h.closest('a[href]');
  if (outer && linksAway(outer)) return true;
  let linked = 0;
  for (const a of h.querySelectorAll('a[href]')) if (linksAway(a)) linked += textLength(a);
  return linked * 2 >= chars;
}

/** A link to another page: not a fragment of this one, nor this page itself (a title linked to its permalink). */
function linksAway(a: Element): boolean {
  const raw = (a.getAttribute('href') ?? '').trim();
  if (raw === '' || raw.startsWith('#')) return false;
  const here = a.ownerDocument.URL.replace(/#.*$/, '');
  return (a as HTMLAnchorElement).href.replace(/#.*$/, '') !== here;
}

function linkText(el: Element): number {
  let chars = 0;
  const links = el.getElementsByTagName('a');
  for (let i = 0; i < links.length && i < MAX_LINKS; i++) chars += textLength(links[i]!);
  return chars;
}

/** Characters of an element's text, runs of white space counted as one. */
const textLength = (el: Element): number => collapsedLength(el.textContent ?? '');

function collapsedLength(text: string): number {
  let spaces = 0;
  for (const m of text.matchAll(/\s{2,}/g)) spaces += m[0].length - 1;
  return text.trim().length - spaces;
}

/** Characters of text under `root`, reading at most MAX_TEXT_CHARS of it. */
function boundedTextLength(root: Element): number {
  const walker = root.ownerDocument.createTreeWalker(root, 0x4);
  let chars = 0;
  for (let node = walker.nextNode(); node && chars < MAX_TEXT_CHARS; node = walker.nextNode())
    chars += collapsedLength((node as Text).data);
  return chars;
}

function hasAddToCart(doc: Document): boolean {
  if (doc.querySelector('form[action*="cart" i], form[action*="basket" i]')) return true;
  const controls = doc.querySelectorAll('button, input[type="submit" i], [role="button"]');
  for (let i = 0; i < controls.length && i < MAX_CONTROLS; i++) {
    const el = controls[i]!;
    const label = el.localName === 'input' ? (el.getAttribute('value') ?? '') : (el.textContent ?? '');
    if (label.length < 60 && ADD_TO_CART.test(label)) return true;
  }
  return false;
}
