/**
 * Sites never captured whatever the settings say (POLICY.md: banking, health, webmail, intranet sign-in).
 * A page there says something private about the learner and is no learning anyone wants in an LRS.
 * Entries match the domain and its subdomains (domains.ts). Organisations add their own through
 * `capture.blockedDomains`; this list cannot be switched off.
 *
 * Only well-known, unambiguous entries: a whole domain is listed when the whole site is the private service,
 * otherwise only the private host (`dashboard.stripe.com`, not Stripe's public documentation).
 */

export type SensitiveCategory = 'banking' | 'health' | 'webmail' | 'sign-in';

export interface SensitiveSite {
  readonly domain: string;
  readonly category: SensitiveCategory;
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
