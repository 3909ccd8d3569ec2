// Turning a page address into an activity id. Two goals pull in opposite directions: the same article must get
// the same id every time (so an LRS groups its readers), and the id must not leak what the URL carries besides
// the content (campaigns, sessions, search terms). docs/xapi-profile.md § What is captured (article row) and
// docs/policy.md § Meaning (`capture.keepQueryStrings`) set the rules; this file is where they are applied.

import { sameSite } from '../net/site';

export interface UrlCleaning {
  /**
   * docs/policy.md `capture.keepQueryStrings`. `false` (the default there) keeps only the parameters that identify
   * the content (CONTENT_PARAMS); `true` keeps all but tracking parameters.
   */
  keepQueryStrings: boolean;
}

export interface CanonicalUrlOptions extends UrlCleaning {
  /** The href of the page's `<link rel=canonical>`, as written in the page (may be relative). */
  canonicalHref?: string;
}

/**
 * Parameters that only say how the visitor arrived (campaigns, click ids, share ids). Removed even when
 * `keepQueryStrings` is true. Matched case-insensitively.
 */
export const TRACKING_PARAM_PREFIXES: readonly string[] = [
  'utm_', // Google Analytics campaigns (utm_source, utm_medium, utm_campaign, utm_term, utm_content, utm_id...)
  'pk_', // Matomo/Piwik campaigns
  'mtm_', // Matomo campaigns
  'hsa_', // HubSpot ads
];

export const TRACKING_PARAMS: readonly string[] = [
  // Ad click ids
  'fbclid', // Facebook
  'gclid', // Google Ads
  'gclsrc', // Google Ads
  'dclid', // Google Display
  'gbraid', // Google Ads (iOS)
  'wbraid', // Google Ads (iOS)
  'msclkid', // Microsoft Ads
  'yclid', // Yandex
  'ysclid', // Yandex
  'twclid', // X/Twitter
  'ttclid', // TikTok
  'li_fat_id', // LinkedIn
  'rb_clickid', // Rakuten
  'srsltid', // Google Merchant
  // E-mail and marketing automation
  'mc_cid', // Mailchimp campaign
  'mc_eid', // Mailchimp subscriber (personal!)
  '_hsenc', // HubSpot
  '_hsmi', // HubSpot
  '__hssc', // HubSpot
  '__hstc', // HubSpot
  '__hsfp', // HubSpot
  'hsctatracking', // HubSpot
  'mkt_tok', // Marketo (personal)
  'vero_id', // Vero (personal)
  'vero_conv', // Vero
  'oly_anon_id', // Omeda
  'oly_enc_id', // Omeda (personal)
  'wickedid', // Wicked Reports
  's_cid', // Adobe Analytics
  'ncid', // news sites' campaign id
  'sr_share', // SimpleReach
  // Analytics cross-domain linkers
  '_ga',
  '_gl',
  '_openstat',
  // Share ids
  'igshid', // Instagram
  'igsh', // Instagram
  'si', // YouTube and Spotify share links
  'ref_src', // X/Twitter
  'ref_url', // X/Twitter
  'spm', // Alibaba/Taobao
  'scm', // Alibaba/Taobao
];

const TRACKING_SET = new Set(TRACKING_PARAMS);

/** Whether a query parameter name is a tracking parameter (see the two lists above). */
export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_SET.has(lower) || TRACKING_PARAM_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/** A rule of CONTENT_PARAMS: on these hosts (and path, when given), these parameters identify the content. */
export interface ContentParamsRule {
  /** Exact host names (lower case), or `'*'` for any host. */
  hosts: readonly string[] | '*';
  /** Exact path, or a pattern the path must match. */
  path?: string | RegExp;
  params: readonly string[];
}

const YOUTUBE_HOSTS = [
  'youtube.com',
  'www.youtube.com',
  'm.youtube.com',
  'music.youtube.com',
  'youtube-nocookie.com',
  'www.youtube-nocookie.com',
] as const;

/**
 * With `keepQueryStrings: false`, only these parameters survive. Sites that put the content in the path
 * (youtu.be/<id>, vimeo.com/<id>, most blogs and news) need no entry. Keep it small, and add a test per entry.
 */
export const CONTENT_PARAMS: readonly ContentParamsRule[] = [
  // The video id. On /watch, `list`/`index`/`t` are where in a playlist and when playback started: not the
  // video, so a video watched from two playlists stays one activity.
  { hosts: YOUTUBE_HOSTS, path: '/watch', params: ['v'] },
  // A playlist page is the playlist.
  { hosts: YOUTUBE_HOSTS, path: '/playlist', params: ['list'] },
  // Hacker News items and users: /item?id=…, /user?id=…
  { hosts: ['news.ycombinator.com'], params: ['id'] },
  // Apple Podcasts: /…/podcast/<show>/id<n>?i=<episode>; `i` is the episode.
  { hosts: ['podcasts.apple.com'], params: ['i'] },
  // WordPress "plain" permalinks (/?p=123, /?page_id=45, /index.php?p=123). Only on the site root or
  // /index.php, so that `p` meaning "page number" elsewhere is not mistaken for content.
  { hosts: '*', path: /^\/(?:index\.php)?$/, params: ['p', 'page_id'] },
];

function contentParamsFor(url: URL): Set<string> {
  const kept = new Set<string>();
  for (const rule of CONTENT_PARAMS) {
    if (rule.hosts !== '*' && !rule.hosts.includes(url.hostname)) continue;
    if (rule.path !== undefined) {
      const pathMatches =
        typeof rule.path === 'string' ? url.pathname === rule.path : rule.path.test(url.pathname);
      if (!pathMatches) continue;
    }
    for (const param of rule.params) kept.add(param);
  }
  return kept;
}

/** Parses an http(s) URL or throws: ids of other schemes (file:, about:, chrome-extension:) are never captured. */
function parseHttpUrl(text: string, what = 'URL'): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new Error(`Not a valid ${what}: ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`Only http(s) URLs can be captured, got ${url.protocol} in ${JSON.stringify(text)}`);
  }
  if (url.hostname === '') throw new Error(`URL has no host: ${JSON.stringify(text)}`);
  return url;
}

/** Decoded parameter name for matching; the raw `name=value` text is what we keep. */
function paramName(pair: string): string {
  const raw = pair.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * Cleans in place: drops credentials, fragment, trailing dot of the host and unwanted parameters, and sorts the
 * rest by name (stable, so repeated names keep their order). Kept parameters keep their original encoding: a
 * URL is changed only where it has to be.
 */
function clean(url: URL, { keepQueryStrings }: UrlCleaning): URL {
  url.username = '';
  url.password = '';
  url.hash = '';
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.slice(0, -1);

  const identifying = keepQueryStrings ? undefined : contentParamsFor(url);
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => ({ pair, name: paramName(pair) }))
    .filter(({ name }) => !isTrackingParam(name) && (identifying === undefined || identifying.has(name)))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  url.search = kept.map(({ pair }) => pair).join('&');
  return url;
}

/**
 * A captured URL made safe to send: lower-case host, no default port, no credentials, no fragment, no tracking
 * parameters, and (unless `keepQueryStrings`) only content-identifying parameters, sorted. Used for
 * `definition.moreInfo` and for URLs the learner logs by hand. Throws for anything but http(s).
 */
export function cleanUrl(pageUrl: string, options: UrlCleaning): string {
  return clean(parseHttpUrl(pageUrl), options).href;
}

/**
 * The activity id for a web page (docs/xapi-profile.md § What is captured, article row): the page's
 * `<link rel=canonical>` when it is a usable http(s) URL (resolved against the page URL), else the page URL;
 * either way cleaned as in `cleanUrl`. Canonical links are ignored when they are not http(s), when they point
 * at the site root from a deeper page (a common template mistake that would merge every article into one), or
 * when they are on another registrable domain (shared/net/site.ts).
 * Throws when `pageUrl` is not an http(s) URL.
 */
export function canonicalUrl(pageUrl: string, options: CanonicalUrlOptions): string {
  const page = parseHttpUrl(pageUrl);
  const canonical = usableCanonical(options.canonicalHref, page);
  return clean(canonical ?? page, options).href;
}

function usableCanonical(href: string | undefined, page: URL): URL | undefined {
  if (typeof href !== 'string' || href.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(href.trim(), page);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return undefined;
  if (url.pathname === '/' && url.search === '' && page.pathname !== '/') return undefined;
  // A page speaks only for its own site: a canonical on another registrable domain would let any page file
  // its reading under someone else's address (and past the blocked list, which checks the page's host).
  if (!sameSite(url.hostname, page.hostname)) return undefined;
  return url;
}

/** The lower-case host name of an http(s) URL (no port), used for `context.platform`. Throws otherwise. */
export function hostOf(url: string): string {
  const { hostname } = parseHttpUrl(url);
  return hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
}

/** Whether `text` is an absolute http(s) URL (no throwing). */
export function isHttpUrl(text: string): boolean {
  try {
    parseHttpUrl(text);
    return true;
  } catch {
    return false;
  }
}
