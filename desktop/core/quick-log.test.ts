import { describe, expect, it } from 'vitest';
import { checkStatement, VERB_IRIS, ACTIVITY_TYPES, EXTENSIONS } from '../../shared/xapi';
import type { QuickLogInput } from './contract';
import { checkQuickLog, quickLogItem } from './quick-log';

/** A parsed statement, typed as loosely as the tests read it. */
interface ParsedStatement {
  id: string;
  timestamp: string;
  actor: { mbox?: string; account?: { homePage: string; name: string } };
  verb: { id: string };
  object: { id: string; definition?: { type?: string; name?: Record<string, string> } };
  result?: { duration?: string; completion?: boolean };
  context: {
    platform?: string;
    contextAgents?: Array<{ agent: { name?: string }; relevantTypes: string[] }>;
    extensions: Record<string, unknown>;
    contextActivities: { category: Array<{ id: string }> };
  };
}
const parse = (json: string) => JSON.parse(json) as ParsedStatement;

const NOW = Date.parse('2026-03-10T12:00:00Z');
const actor = {
  objectType: 'Agent' as const,
  account: { homePage: 'https://trailnote.app/xapi', name: 'install-1' },
};
const env = { actor, now: NOW, version: '0.1.0' };

const form = (over: Partial<QuickLogInput> = {}): QuickLogInput => ({
  kind: 'book',
  title: 'Thinking in Systems',
  link: '',
  when: '',
  minutes: '',
  mentor: '',
  completed: true,
  skills: [],
  reflection: '',
  ...over,
});

function statementOf(input: QuickLogInput) {
  const checked = checkQuickLog(input, NOW);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  const item = quickLogItem(checked.entry, env);
  const statement = parse(item.json);
  expect(checkStatement(statement)).toEqual([]);
  expect(statement.id).toBe(item.id);
  return { item, statement };
}

describe('checkQuickLog', () => {
  it('names every invalid field with its message key, all at once', () => {
    const result = checkQuickLog(
      form({ kind: 'poem', title: '  ', link: 'not a link', when: '2099-01-01T10:00', minutes: '0' }),
      NOW,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      kind: { key: 'quicklog.error.kind' },
      title: { key: 'quicklog.error.titleRequired' },
      link: { key: 'quicklog.error.link' },
      when: { key: 'quicklog.error.whenFuture' },
      minutes: { key: 'quicklog.error.minutes', params: { max: 10_080 } },
    });
  });

  it('tells a wrong ISBN check digit apart from an ISBN on something that is not a book', () => {
    const wrong = checkQuickLog(form({ link: '978-0-306-40615-8' }), NOW);
    expect(!wrong.ok && wrong.errors.link).toEqual({ key: 'quicklog.error.isbn' });
    const notBook = checkQuickLog(form({ kind: 'course', link: '978-0-306-40615-7' }), NOW);
    expect(!notBook.ok && notBook.errors.link).toEqual({ key: 'quicklog.error.isbnNotBook' });
  });

  it('refuses dates it cannot read, minutes that are not whole, skills without an IRI, overlong text', () => {
    const r = checkQuickLog(
      form({
        when: 'yesterday',
        minutes: '1.5',
        skills: [{ id: 'negotiation', name: 'Negotiation' }],
        reflection: 'x'.repeat(2001),
        title: 't'.repeat(301),
      }),
      NOW,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(['minutes', 'reflection', 'skills', 'title', 'when']);
  });
});

describe('quickLogItem: the statement per kind (docs/xapi-profile.md § What is captured)', () => {
  it('a book with an ISBN-10 becomes "read" a book urn:isbn with the ISBN-13, ready at once', () => {
    const { item, statement } = statementOf(
      form({ link: '0-306-40615-2', minutes: '90', when: '2026-03-09T20:00' }),
    );
    expect(statement.verb.id).toBe(VERB_IRIS.read);
    expect(statement.object.id).toBe('urn:isbn:9780306406157');
    expect(statement.object.definition?.type).toBe(ACTIVITY_TYPES.book);
    expect(statement.result).toEqual({ completion: true, duration: 'PT1H30M' });
    expect(statement.timestamp).toBe(new Date('2026-03-09T20:00').toISOString());
    expect(statement.context.platform).toBe('Trailnote desktop');
    expect(item.holdUntil).toBeUndefined();
    expect(item.review).toBeUndefined();
    expect(item.meta.source).toBe('desktop');
  });

  it('mentoring is "attended" a tutor session with the mentor as a context agent (xAPI 2.0 form)', () => {
    const { statement } = statementOf(
      form({ kind: 'mentoring', title: 'Pairing with Grace', mentor: 'Grace Hopper' }),
    );
    expect(statement.verb.id).toBe(VERB_IRIS.attended);
    expect(statement.object.definition?.type).toBe(ACTIVITY_TYPES.tutorSession);
    expect(statement.context.contextAgents?.[0]?.agent.name).toBe('Grace Hopper');
  });

  it('a finished course is "completed"; a workshop is an attended course with its kind kept', () => {
    expect(statementOf(form({ kind: 'course', title: 'Stats 101' })).statement.verb.id).toBe(
      VERB_IRIS.completed,
    );
    const workshop = statementOf(form({ kind: 'workshop', title: 'Facilitation' })).statement;
    expect(workshop.verb.id).toBe(VERB_IRIS.attended);
    expect(workshop.context.extensions[EXTENSIONS.kind]).toBe('workshop');
  });

  it('an article or podcast with a link uses the read/listen rows; without a duration none is claimed', () => {
    const article = statementOf(
      form({ kind: 'article', title: 'On habits', link: 'https://example.org/habits?utm_source=x' }),
    ).statement;
    expect(article.verb.id).toBe(VERB_IRIS.read);
    expect(article.object.id).toBe('https://example.org/habits');
    expect(article.result?.duration).toBeUndefined();
    const podcast = statementOf(
      form({ kind: 'podcast', title: 'Ep. 4', link: 'https://pod.example/4', minutes: '30' }),
    ).statement;
    expect(podcast.verb.id).toBe(VERB_IRIS.listen);
    expect(podcast.result?.duration).toBe('PT30M');
  });

  it('practice and anything else are "experienced"; skills and the reflection ride along', () => {
    const skill = { id: 'http://data.europa.eu/esco/skill/abc', name: 'negotiate' };
    const { statement, item } = statementOf(
      form({ kind: 'practice', title: 'Side project', skills: [skill], reflection: '  Learned a lot  ' }),
    );
    expect(statement.verb.id).toBe(VERB_IRIS.experienced);
    expect(statement.object.definition?.type).toBe(ACTIVITY_TYPES.project);
    expect(statement.context.contextActivities.category.map((a) => a.id)).toContain(skill.id);
    expect(statement.context.extensions[EXTENSIONS.reflection]).toBe('Learned a lot');
    expect(item.meta.reflection).toBe('Learned a lot');
    const other = statementOf(form({ kind: 'other', title: 'A walk with a botanist' })).statement;
    expect(other.object.definition?.type).toBeUndefined();
  });
});
