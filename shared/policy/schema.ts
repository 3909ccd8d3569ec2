/**
 * The policy document, key by key (contract: docs/policy.md; admins depend on these names, never rename one).
 * This is the single description: types.ts, defaults.ts, validate.ts, layer.ts and managed-schema.ts all read
 * it. Adding a key here makes it validated, typed, defaulted and declared to Chrome in one step.
 */
import { arrayOf, boolean, integer, objectOf, oneOf, string } from './schema-dsl';
import { CUSTOM_FRAMEWORK_ID } from '../skills/custom';
import { FRAMEWORK_FORMATS } from '../skills/source';
import { DEFAULT_CUSTOM_SKILL_BASE_IRI } from '../xapi/vocab';

// Where learner-invented skills get their IRIs when the admin names no base (docs/xapi-profile.md § Skills), and the
// framework id they carry: defined once, in shared/xapi/vocab.ts and shared/skills/custom.ts.
export { CUSTOM_FRAMEWORK_ID, DEFAULT_CUSTOM_SKILL_BASE_IRI };

export const XAPI_VERSIONS = ['auto', '1.0.3', '2.0.0'] as const;
export const CAPTURE_KINDS = ['article', 'video', 'audio'] as const;

/** One week: longer holds would keep learning out of the LRS for longer than anyone reviews it. */
const MAX_HOLD_MINUTES = 7 * 24 * 60;
/** One day: a threshold above it could never be met by a real reading or viewing session. */
const MAX_THRESHOLD_SECONDS = 24 * 60 * 60;

export const destinationNode = objectOf(
  {
    id: string('id', {
      description:
        'Stable identifier of this destination; delivery progress is kept under it, so changing it starts over.',
    }),
    name: string('text', {
      description: 'Name shown to the learner (default: the host name of the endpoint).',
    }),
    endpoint: string('endpoint', {
      description:
        'The xAPI base URL of the Learning Record Store (absolute http or https; a final / is added).',
    }),
    username: string('secret', {
      description: 'Basic authentication user name (the LRS key); needs password.',
    }),
    password: string('secret', {
      description: 'Basic authentication password (the LRS secret); needs username.',
    }),
    token: string('secret', {
      description: 'Bearer token sent as "Authorization: Bearer", instead of username and password.',
    }),
    xapiVersion: oneOf(XAPI_VERSIONS, {
      description: 'xAPI version to speak: "auto" reads the LRS\'s /about resource.',
      default: 'auto',
    }),
  },
  {
    description: 'A Learning Record Store that receives every captured statement.',
    required: ['id', 'endpoint'],
    wholeOrNothing: true,
    exactlyOneOf: [['username', 'password'], ['token']],
  },
);

export const learnerNode = objectOf(
  {
    name: string('text', { description: "The learner's name, used as the xAPI actor's name." }),
    email: string('email', { description: "The learner's e-mail address, sent as the actor's mbox." }),
    accountHomePage: string('http-url', {
      description: "Home page of the system that issued accountName (the actor's account.homePage).",
    }),
    accountName: string('text', { description: "The learner's user name in that system (account.name)." }),
    mustIdentify: boolean({
      description: 'Send nothing until the learner has identified; otherwise a pseudonymous account is used.',
      default: false,
    }),
  },
  { description: 'Who the learner is in the statements (the xAPI actor).' },
);

export const captureNode = objectOf(
  {
    enabled: boolean({ description: 'Capture learning automatically.', default: true }),
    kinds: arrayOf(oneOf(CAPTURE_KINDS, { description: 'A kind of content to capture.' }), {
      description: 'Kinds of content captured automatically.',
      maxItems: 10,
      uniqueBy: 'value',
      default: CAPTURE_KINDS,
    }),
    articleMinSeconds: integer({
      description: 'Seconds of engaged reading before an article counts as read.',
      min: 0,
      max: MAX_THRESHOLD_SECONDS,
      default: 30,
    }),
    mediaMinSeconds: integer({
      description: 'Seconds a video or audio item must have played before it counts.',
      min: 0,
      max: MAX_THRESHOLD_SECONDS,
      default: 60,
    }),
    mediaMinPercent: integer({
      description:
        'Percentage of its length a video or audio item must have played (or be played to its end).',
      min: 0,
      max: 100,
      default: 50,
    }),
    holdMinutes: integer({
      description:
        'Minutes a captured item waits before it is sent, so it can be tagged or discarded (0 = at once).',
      min: 0,
      max: MAX_HOLD_MINUTES,
      default: 5,
    }),
    reviewBeforeSync: boolean({
      description: 'Captured items wait until the learner approves them.',
      default: false,
    }),
    blockedDomains: arrayOf(string('domain', { description: 'A domain; its subdomains are included.' }), {
      description:
        'Domains never captured (with their subdomains), in addition to the built-in sensitive sites.',
      maxItems: 10_000,
      uniqueBy: 'value',
      default: [],
    }),
    allowedDomains: arrayOf(string('domain', { description: 'A domain; its subdomains are included.' }), {
      description: 'When not empty, capture only on these domains (with their subdomains).',
      maxItems: 10_000,
      uniqueBy: 'value',
      default: [],
    }),
    allowedPrivateHosts: arrayOf(
      string('private-host', {
        description: 'A host name (with its subdomains), an IP address or a CIDR range (IPv4 or IPv6).',
      }),
      {
        description:
          'Private hosts captured after all: loopback, private and link-local addresses, .local/.internal names and single-label hosts are otherwise never captured.',
        maxItems: 1_000,
        uniqueBy: 'value',
        default: [],
      },
    ),
    keepQueryStrings: boolean({
      description:
        'Keep query strings and fragments in captured URLs (otherwise only identifying ones are kept).',
      default: false,
    }),
  },
  { description: 'What is captured, and when it is sent.' },
);

export const skillNode = objectOf(
  {
    id: string('iri', { description: "The skill's IRI (absolute http or https)." }),
    name: string('text', { description: 'The label shown to the learner.' }),
    altNames: arrayOf(string('text', { description: 'Another label.' }), {
      description: 'Other labels, used when searching and suggesting.',
      maxItems: 100,
      uniqueBy: 'value',
    }),
    description: string('text', {
      description: 'What the skill means, to help choose between similar ones.',
      maxLength: 2_000,
    }),
  },
  { description: 'A skill.', required: ['id', 'name'], wholeOrNothing: true },
);

export const frameworkNode = objectOf(
  {
    id: string('id', {
      description: `Identifier of the framework ("${CUSTOM_FRAMEWORK_ID}" is reserved for learner-invented skills).`,
      reserved: [CUSTOM_FRAMEWORK_ID],
    }),
    name: string('text', { description: 'Name of the framework shown to the learner.' }),
    attribution: string('text', {
      description:
        "Attribution text shown wherever this framework's labels appear (ESCO's required sentence is added by itself to frameworks holding ESCO skills).",
      maxLength: 2_000,
    }),
    skills: arrayOf(skillNode, {
      description: 'The skills of this framework, listed here (instead of url).',
      maxItems: 20_000,
      uniqueBy: 'id',
    }),
    url: string('http-url', {
      description:
        'Where to download the skills from (instead of skills); needs format. The download is kept for offline use and refreshed at most once a day; at most 20,000 skills and 32 MB.',
    }),
    format: oneOf(FRAMEWORK_FORMATS, {
      description:
        'Format of the file at url: "esco-csv" (CSV with columns conceptUri, preferredLabel and optionally altLabels, description, as ESCO exports them) or "case-json" (a 1EdTech CASE 1.0/1.1 CFPackage; structural items such as domains, strands and clusters are left out).',
    }),
  },
  {
    description: 'A skills framework offered to the learner: its skills listed inline, or a url and format.',
    required: ['id', 'name'],
    wholeOrNothing: true,
    exactlyOneOf: [['skills'], ['url', 'format']],
  },
);

export const skillsNode = objectOf(
  {
    frameworks: arrayOf(frameworkNode, {
      description: "Skills frameworks offered to the learner, in addition to the learner's own.",
      maxItems: 50,
      uniqueBy: 'id',
      default: [],
    }),
    allowCustom: boolean({ description: 'The learner may invent skills of their own.', default: true }),
    customBaseIri: string('base-iri', {
      description:
        'IRI under which invented skills get their ids (absolute http or https; a final / is added).',
      default: DEFAULT_CUSTOM_SKILL_BASE_IRI,
    }),
  },
  { description: 'Skills the learner can tag their learning with.' },
);

/**
 * `recommended` holds defaults the learner may change: the same groups as the top level, except the keys
 * that only make sense as organisation decisions (destinations and who may add them).
 */
export const recommendedNode = objectOf(
  { learner: learnerNode, capture: captureNode, skills: skillsNode },
  {
    description: 'Defaults the learner may change (same keys as the top level, without destinations).',
    refusedKeys: {
      destinations: 'destinations cannot be recommended; list them at the top level',
      allowLearnerDestinations: 'only the organisation sets this; put it at the top level',
      recommended: 'recommended cannot be nested',
    },
  },
);

export const policySchema = objectOf(
  {
    destinations: arrayOf(destinationNode, {
      description: 'Learning Record Stores that receive every captured statement.',
      maxItems: 20,
      uniqueBy: 'id',
      default: [],
    }),
    allowLearnerDestinations: boolean({
      description: 'The learner may add their own Learning Record Store (their personal copy).',
      default: true,
    }),
    learner: learnerNode,
    capture: captureNode,
    skills: skillsNode,
    recommended: recommendedNode,
  },
  { description: 'Trailnote policy: keys given here are enforced; keys under recommended are defaults.' },
);

export type PolicySchema = typeof policySchema;
