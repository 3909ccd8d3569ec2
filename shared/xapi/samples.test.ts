import { describe, expect, it } from 'vitest';
import { checkStatement } from './check';
import { freezeStatement } from './freeze';
import { SAMPLE_KINDS, sampleStatements } from './samples';
import { findNullish } from './test-support';
import { VERB_IRIS } from './vocab';

describe('sampleStatements', () => {
  const now = new Date('2025-03-10T12:00:00.000Z');
  const samples = sampleStatements({ now });
  const list = Object.values(samples);

  it('has one statement per kind, in SAMPLE_KINDS order', () => {
    expect(Object.keys(samples)).toEqual([...SAMPLE_KINDS]);
  });

  it('covers every verb the builders use', () => {
    const verbs = new Set(list.map((st) => st.verb.id));
    expect([...verbs].sort()).toEqual(Object.values(VERB_IRIS).sort());
  });

  it('every sample passes the checks, freezes, and has no null/undefined', () => {
    for (const [kind, st] of Object.entries(samples)) {
      expect({ kind, problems: checkStatement(st) }).toEqual({ kind, problems: [] });
      expect({ kind, nullish: findNullish(st) }).toEqual({ kind, nullish: [] });
      expect(() => freezeStatement(st)).not.toThrow();
    }
  });

  it('ids are distinct and fresh on every call', () => {
    expect(new Set(list.map((st) => st.id)).size).toBe(list.length);
    expect(sampleStatements({ now }).article.id).not.toBe(samples.article.id);
  });

  it('the comment and the void refer to statements earlier in the batch', () => {
    const order = Object.keys(samples);
    expect(samples.commented.object).toEqual({ objectType: 'StatementRef', id: samples.article.id });
    expect(samples.voided.object).toEqual({ objectType: 'StatementRef', id: samples.voidTarget.id });
    expect(order.indexOf('article')).toBeLessThan(order.indexOf('commented'));
    expect(order.indexOf('voidTarget')).toBeLessThan(order.indexOf('voided'));
  });

  it('no timestamp is after `now`, and overrides apply to every sample', () => {
    for (const st of list) expect(Date.parse(st.timestamp)).toBeLessThanOrEqual(now.getTime());
    const desktop = sampleStatements({
      now,
      source: { surface: 'desktop', version: '9.9.9' },
      platform: 'Trailnote Desktop',
    });
    for (const st of Object.values(desktop)) {
      expect(st.context.contextActivities.category[1]?.id).toBe(
        'https://trailnote.app/xapi/source/desktop/9.9.9',
      );
      if (st.object.objectType === 'Activity') expect(st.context.platform).toBe('Trailnote Desktop');
    }
  });
});
