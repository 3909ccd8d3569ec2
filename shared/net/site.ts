/**
 * The registrable domain ("site") of a host, from a small public-suffix list. Used where one site's page must
 * not speak for another (a `<link rel=canonical>` naming another site is ignored: shared/xapi/url.ts). The
 * full Public Suffix List (~10,000 rules, 200 kB) is not bundled: for this one comparison a miss only means a
 * canonical link is ignored and the page's own URL is used, which is always safe. So the list holds the
 * multi-label suffixes most pages live under (country second levels) and hosting platforms whose
 * subdomains belong to different people (`alice.github.io` and `bob.github.io` are different sites).
 */
import { parseIp } from './ip';

/** Suffixes under which each next label is a separate owner. Single-label TLDs need no entry. */
export const MULTI_LABEL_SUFFIXES: ReadonlySet<string> = new Set([
  // Country second levels.
  ...['co', 'org', 'ac', 'gov', 'me', 'ltd', 'plc', 'net', 'sch', 'nhs', 'police'].map((l) => `${l}.uk`),
  ...['com', 'net', 'org', 'edu', 'gov', 'asn', 'id'].map((l) => `${l}.au`),
  ...['co', 'org', 'net', 'ac', 'govt', 'school', 'geek'].map((l) => `${l}.nz`),
  ...['co', 'ne', 'or', 'ac', 'go', 'ed', 'lg'].map((l) => `${l}.jp`),
  ...['co', 'or', 'ne', 'ac', 'go', 're'].map((l) => `${l}.kr`),
  ...['com', 'net', 'org', 'gov', 'edu', 'art', 'blog', 'eco', 'emp', 'jus', 'leg', 'mil'].map(
    (l) => `${l}.br`,
  ),
  ...['com', 'net', 'org', 'gov', 'edu', 'ac'].map((l) => `${l}.cn`),
  ...['com', 'net', 'org', 'gov', 'edu', 'idv'].map((l) => `${l}.tw`),
  ...['com', 'net', 'org', 'gov', 'edu', 'idv'].map((l) => `${l}.hk`),
  ...['com', 'net', 'org', 'gov', 'edu'].map((l) => `${l}.sg`),
  ...['co', 'net', 'org', 'ac', 'gov', 'edu', 'res', 'nic', 'firm', 'gen', 'ind'].map((l) => `${l}.in`),
  ...['co', 'org', 'ac', 'gov', 'net', 'web', 'nom'].map((l) => `${l}.za`),
  ...['com', 'org', 'gob', 'edu', 'net'].map((l) => `${l}.mx`),
  ...['com', 'org', 'gob', 'edu', 'net'].map((l) => `${l}.ar`),
  ...['com', 'org', 'gov', 'edu', 'net', 'gen', 'web'].map((l) => `${l}.tr`),
  ...['co', 'org', 'ac', 'gov', 'net', 'muni'].map((l) => `${l}.il`),
  ...['com', 'org', 'net', 'gov', 'edu', 'in'].map((l) => `${l}.ua`),
  ...['com', 'net', 'org', 'edu', 'gov'].map((l) => `${l}.pl`),
  ...['co', 'ac', 'or', 'go', 'web', 'sch', 'my', 'net'].map((l) => `${l}.id`),
  ...['com', 'net', 'org', 'gov', 'edu'].map((l) => `${l}.my`),
  ...['com', 'net', 'org', 'gov', 'edu'].map((l) => `${l}.ph`),
  ...['com', 'net', 'org', 'gov', 'edu'].map((l) => `${l}.vn`),
  ...['co', 'ac', 'or', 'go', 'in'].map((l) => `${l}.th`),
  ...['com', 'net', 'org', 'gov', 'edu'].map((l) => `${l}.co`),
  ...['com', 'net', 'org', 'gov', 'edu', 'gob'].map((l) => `${l}.pe`),
  ...['co', 'or', 'ac', 'gv'].map((l) => `${l}.at`),
  ...['com', 'net', 'org', 'gov', 'edu'].map((l) => `${l}.eg`),
  ...['com', 'net', 'org', 'gov', 'edu'].map((l) => `${l}.sa`),
  ...['com', 'net', 'org', 'gov', 'edu'].map((l) => `${l}.pk`),
  ...['com', 'net', 'org', 'gov', 'edu'].map((l) => `${l}.ng`),
  ...['co', 'or', 'ac', 'go', 'ne'].map((l) => `${l}.ke`),
  ...['com', 'org', 'net', 'gov', 'edu'].map((l) => `${l}.gr`),
  ...['gc', 'qc', 'on', 'bc', 'ab'].map((l) => `${l}.ca`),
  'gouv.fr',
  'com.es',
  'org.es',
  'com.pt',
  'com.ru',
  'co.it',
  // Hosting platforms: every subdomain is someone else's site.
  'github.io',
  'gitlab.io',
  'codeberg.page',
  'readthedocs.io',
  'netlify.app',
  'vercel.app',
  'pages.dev',
  'workers.dev',
  'web.app',
  'firebaseapp.com',
  'appspot.com',
  'herokuapp.com',
  'onrender.com',
  'fly.dev',
  'azurewebsites.net',
  'cloudfront.net',
  'blogspot.com',
  'wordpress.com',
  'substack.com',
  'medium.com',
  'tumblr.com',
  'neocities.org',
  'glitch.me',
  'surge.sh',
  'notion.site',
  'sharepoint.com',
  'atlassian.net',
]);

/**
 * The registrable domain of a host name: the public suffix plus one label (`news.bbc.co.uk` → `bbc.co.uk`,
 * `alice.github.io` → `alice.github.io`). An IP address or a single label is its own site.
 */
export function registrableDomain(hostname: string): string {
  const host = hostname.trim().toLowerCase().replace(/\.$/, '');
  if (parseIp(host) || !host.includes('.')) return host;
  const labels = host.split('.');
  for (let i = 1; i < labels.length - 1; i += 1) {
    if (MULTI_LABEL_SUFFIXES.has(labels.slice(i).join('.'))) return labels.slice(i - 1).join('.');
  }
  return labels.slice(-2).join('.');
}

/** Whether two host names belong to the same registrable domain. */
export function sameSite(a: string, b: string): boolean {
  return registrableDomain(a) === registrableDomain(b);
}
