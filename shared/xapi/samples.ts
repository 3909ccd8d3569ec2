// One realistic statement of every kind the builders make, for the integration test that proves a real LRS
// accepts them all (and for documentation: `JSON.stringify(sampleStatements(), null, 2)` shows the profile).
import type { Skill } from '../skills/types';
import type { XapiStatement } from './types';
import { buildArticleRead } from './builders/article';
import { buildAttended } from './builders/attended';
import { buildBookRead } from './builders/book';
import { buildCommented } from './builders/commented';
import type { StatementContext } from './builders/context';
import { buildExperienced } from './builders/experienced';
import { buildMediaPlayed } from './builders/media';
import { buildVoided } from './builders/voided';
import { hostOf } from './url';
import { ACTIVITY_TYPES, DEFAULT_ACCOUNT_HOME_PAGE, DEFAULT_CUSTOM_SKILL_BASE_IRI } from './vocab';

/**
 * The sample kinds, in an order a batch can be posted in: originals before the comment and the void that refer
 * to them. `commented` comments on `article`; `voided` retracts `voidTarget` (a statement "logged by mistake").
 */
export const SAMPLE_KINDS = [
  'article',
  'video',
  'audio',
  'book',
  'course',
  'workshop',
  'mentoring',
  'practice',
  'page',
  'commented',
  'voidTarget',
  'voided',
] as const;

export type SampleKind = (typeof SAMPLE_KINDS)[number];

/** One statement per kind; `Object.values()` gives them in SAMPLE_KINDS order. */
export type SampleStatements = Record<SampleKind, XapiStatement>;

/** Overrides for every sample; ids are always fresh (each sample needs its own). */
export type SampleContext = Partial<Omit<StatementContext, 'id'>>;

export const SAMPLE_SKILLS: Skill[] = [
  // The skill from docs/policy.md's example document.
  { id: 'https://skills.acme.example/s/negotiation', name: 'Negotiation', frameworkId: 'acme' },
  // A skill the learner invented (docs/xapi-profile.md § Skills).
  {
    id: `${DEFAULT_CUSTOM_SKILL_BASE_IRI}automated-testing`,
    name: 'Automated testing',
    frameworkId: 'custom',
  },
];

/**
 * Builds one statement of every builder kind. Without overrides: a pseudonymous sample learner, the browser
 * extension 0.1.0 as source, timestamps an hour ago, platform = the site's host (web) or "Trailnote" (logged).
 */
export function sampleStatements(overrides: SampleContext = {}): SampleStatements {
  const now = overrides.now ?? new Date();
  const base: StatementContext = {
    actor: { objectType: 'Agent', account: { homePage: DEFAULT_ACCOUNT_HOME_PAGE, name: 'sample-learner' } },
    timestamp: new Date(now.getTime() - 3_600_000),
    now,
    language: 'en-GB',
    platform: 'Trailnote',
    source: { surface: 'extension', version: '0.1.0' },
    skills: SAMPLE_SKILLS,
    ...overrides,
  };
  const web = (url: string): StatementContext => ({ ...base, platform: overrides.platform ?? hostOf(url) });
  const skill = SAMPLE_SKILLS.slice(0, 1);

  const articleUrl =
    'https://martinfowler.com/articles/practical-test-pyramid.html?utm_source=newsletter&utm_medium=email#UnitTests';
  const article = buildArticleRead(
    {
      url: articleUrl,
      canonicalHref: '/articles/practical-test-pyramid.html',
      keepQueryStrings: false,
      title: 'The Practical Test Pyramid',
      description: 'Putting tests into practice: unit, integration, contract and UI tests.',
      engagedSeconds: 1412.37,
      completed: true,
      scrollDepth: 0.8734,
      wordCount: 11_200,
    },
    { ...web(articleUrl), reflection: 'Contract tests would have caught last week’s outage.' },
  );

  const videoUrl =
    'https://www.youtube.com/watch?v=8aGhZQkoFbQ&list=PL37ZVnwpeshF7AHpbZt33aW0brYJyNftx&t=42s';
  const video = buildMediaPlayed(
    {
      media: 'video',
      url: videoUrl,
      keepQueryStrings: false,
      title: 'What the heck is the event loop anyway? | JSConf EU 2014',
      lengthSeconds: 1604.281,
      playedSeconds: 1544.5,
      segments: [
        [0, 600.5],
        [660.25, 1604.281],
      ],
      completed: true,
      artist: 'JSConf',
    },
    web(videoUrl),
  );

  const audioUrl = 'https://podcasts.example.org/shows/software-craft/episodes/42-testing-in-production';
  const audio = buildMediaPlayed(
    {
      media: 'audio',
      url: audioUrl,
      keepQueryStrings: false,
      title: 'Episode 42: Testing in production',
      lengthSeconds: 2730,
      playedSeconds: 1800,
      segments: [[0, 1800]],
      completed: true,
      show: { title: 'Software Craft Weekly' },
      artist: 'Ada Example',
    },
    { ...web(audioUrl), skills: skill },
  );

  const book = buildBookRead(
    {
      title: 'Clean Code: A Handbook of Agile Software Craftsmanship',
      isbn: '0-13-235088-2',
      author: 'Robert C. Martin',
      durationSeconds: 4 * 3600,
      completed: true,
    },
    base,
  );

  const course = buildAttended(
    {
      kind: 'course',
      completed: true,
      title: 'Negotiation Fundamentals',
      url: 'https://learn.acme.example/courses/negotiation-fundamentals',
      durationSeconds: 6 * 3600,
    },
    { ...base, skills: skill },
  );

  const workshop = buildAttended(
    {
      kind: 'workshop',
      title: 'Hands-on property-based testing',
      mentor: { name: 'Ada Trainer', email: 'Ada.Trainer@Example.com' },
      durationSeconds: 3 * 3600,
    },
    base,
  );

  const mentoring = buildAttended(
    {
      kind: 'mentoring',
      title: 'Career conversation',
      mentor: { name: 'Grace Hopper' },
      durationSeconds: 2700,
    },
    { ...base, reflection: 'Ask for the conference talk slot before the end of the quarter.' },
  );

  const practice = buildExperienced(
    { title: 'Bowling game kata in Rust', kindLabel: 'practice', durationSeconds: 45 * 60 },
    base,
  );

  const pageUrl = 'https://developer.mozilla.org/en-US/docs/Web/API/MediaSession?utm_campaign=x';
  const page = buildExperienced(
    { title: 'MediaSession - Web APIs | MDN', url: pageUrl, typeIri: ACTIVITY_TYPES.page },
    { ...web(pageUrl), language: 'en-US' },
  );

  const commented = buildCommented(
    {
      originalId: article.id,
      reflection: 'Re-read a week later: the test pyramid shape matters less than fast feedback.',
      skills: SAMPLE_SKILLS,
    },
    { ...base, timestamp: now },
  );

  const voidTarget = buildExperienced({ title: 'Logged by mistake', kindLabel: 'other' }, base);
  const voided = buildVoided({ originalId: voidTarget.id }, { ...base, timestamp: now, skills: [] });

  return {
    article,
    video,
    audio,
    book,
    course,
    workshop,
    mentoring,
    practice,
    page,
    commented,
    voidTarget,
    voided,
  };
}
