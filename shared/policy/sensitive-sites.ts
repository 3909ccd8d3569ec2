/**
 * Sites not captured whatever the settings say (docs/policy.md § Meaning: banking, health, webmail, intranet
 * sign-in, document and file sharing). A page there says something private about the learner (or holds an
 * organisation's private document, whose id is in its URL) and is no learning anyone wants in an LRS.
 * Entries match the domain and its subdomains (domains.ts), and only the listed paths when `paths` is given.
 * Organisations add their own through `capture.blockedDomains`. Only the document-sharing category can be
 * reopened, site by site, by naming the site in `capture.allowedDomains` (domains.ts `captureDecision`); the
 * others cannot be switched off.
 *
 * Only well-known, unambiguous entries: a whole domain is listed when the whole site is the private service,
 * otherwise only the private host (`dashboard.stripe.com`, not Stripe's public documentation) or paths.
 */

export type SensitiveCategory = 'banking' | 'health' | 'webmail' | 'sign-in' | 'document-sharing';

export interface SensitiveSite {
  readonly domain: string;
  readonly category: SensitiveCategory;
  /** Path prefixes that are private on an otherwise public site (Figma's files, not its community pages). */
  readonly paths?: readonly string[];
}

const site = (category: SensitiveCategory) => (domain: string) => ({ domain, category }) as const;

export const SENSITIVE_SITES: readonly SensitiveSite[] = [
  // Banking, payments, brokerage. `bank` and `insurance` are top-level domains restricted to verified
  // banks and insurers, so every host under them is one.
  ...[
    'bank',
    'insurance',
    'paypal.com',
    'venmo.com',
    'chase.com',
    'bankofamerica.com',
    'wellsfargo.com',
    'citi.com',
    'capitalone.com',
    'usbank.com',
    'americanexpress.com',
    'discover.com',
    'schwab.com',
    'fidelity.com',
    'vanguard.com',
    'hsbc.com',
    'hsbc.co.uk',
    'barclays.co.uk',
    'lloydsbank.com',
    'natwest.com',
    'santander.co.uk',
    'monzo.com',
    'revolut.com',
    'wise.com',
    'n26.com',
    'ing.nl',
    'ing.de',
    'deutsche-bank.de',
    'commerzbank.de',
    'sparkasse.de',
    'credit-agricole.fr',
    'klarna.com',
    'coinbase.com',
    'dashboard.stripe.com',
  ].map(site('banking')),
  // Patient portals and health insurers' member areas.
  ...[
    'mychart.com',
    'myhealth.va.gov',
    'healthy.kaiserpermanente.org',
    'followmyhealth.com',
    'myuhc.com',
    'my.cigna.com',
    'health.aetna.com',
    'nhsapp.service.nhs.uk',
    'doctolib.fr',
    'doctolib.de',
    'zocdoc.com',
    '23andme.com',
  ].map(site('health')),
  // Webmail.
  ...[
    'mail.google.com',
    'outlook.live.com',
    'outlook.office.com',
    'outlook.office365.com',
    'mail.yahoo.com',
    'mail.aol.com',
    'mail.proton.me',
    'mail.zoho.com',
    'app.fastmail.com',
    'app.tuta.com',
    'mail.yandex.com',
    'icloud.com',
  ].map(site('webmail')),
  // Sign-in, identity providers, account settings, password managers.
  ...[
    'accounts.google.com',
    'myaccount.google.com',
    'passwords.google.com',
    'login.microsoftonline.com',
    'login.microsoft.com',
    'login.live.com',
    'account.microsoft.com',
    'appleid.apple.com',
    'idmsa.apple.com',
    'okta.com',
    'oktapreview.com',
    'onelogin.com',
    'duosecurity.com',
    'login.salesforce.com',
    'id.atlassian.com',
    'signin.aws.amazon.com',
    'login.gov',
    'my.1password.com',
    'vault.bitwarden.com',
    'lastpass.com',
  ].map(site('sign-in')),
  // Document and file sharing, whiteboards, collaborative editors, pastebins, file transfer: a page there is a
  // private document (its id in the URL is often the only key to it). Public pages on these hosts (marketing,
  // help) are a small loss. Organisation wikis on Confluence/Jira Cloud (`atlassian.net`) are here too: their
  // titles are the organisation's, and they reach the learner's own LRS as well; an organisation that wants
  // them captured names its site in `allowedDomains`.
  ...[
    'docs.google.com',
    'drive.google.com',
    'drive.usercontent.google.com',
    'jamboard.google.com',
    'keep.google.com',
    'photos.google.com',
    'sharepoint.com',
    'onedrive.live.com',
    '1drv.ms',
    'officeapps.live.com',
    'onenote.com',
    'loop.cloud.microsoft',
    'dropbox.com',
    'dropboxusercontent.com',
    'box.com',
    'notion.so',
    'notion.site',
    'atlassian.net',
    'trello.com',
    'quip.com',
    'coda.io',
    'airtable.com',
    'app.smartsheet.com',
    'evernote.com',
    'workdrive.zoho.com',
    'writer.zoho.com',
    'sheet.zoho.com',
    'miro.com',
    'app.mural.co',
    'excalidraw.com',
    'lucid.app',
    'whimsical.com',
    'hackmd.io',
    'etherpad.wikimedia.org',
    'pad.riseup.net',
    'framapad.org',
    'cryptpad.fr',
    'docsend.com',
    'pastebin.com',
    'gist.github.com',
    'paste.ee',
    'hastebin.com',
    'dpaste.org',
    'privatebin.net',
    'paste.mozilla.org',
    'justpaste.it',
    'rentry.co',
    'controlc.com',
    'wetransfer.com',
    'we.tl',
    'mega.nz',
    'mega.io',
    'mediafire.com',
    'pcloud.com',
    'swisstransfer.com',
    'filemail.com',
  ].map(site('document-sharing')),
  // Design files and presentations on sites whose other pages are public (community, templates, blog).
  {
    domain: 'figma.com',
    category: 'document-sharing',
    paths: ['/file/', '/design/', '/board/', '/proto/', '/slides/', '/deck/', '/files/'],
  },
  { domain: 'canva.com', category: 'document-sharing', paths: ['/design/'] },
];

/**
 * First labels that mark a private page on any organisation's own host: intranet sign-in (`sso.acme.example`,
 * `login.…`, ADFS), Outlook on the web (`owa.…`), webmail and patient portals. Sign-in pages hold no
 * learning, so the occasional false positive costs nothing.
 */
export const SENSITIVE_HOST_LABELS: ReadonlySet<string> = new Set([
  'login',
  'signin',
  'sso',
  'auth',
  'adfs',
  'idp',
  'owa',
  'webmail',
  'mychart',
  'patientportal',
]);
