import { describe, expect, it } from 'vitest';
import { sameStatement } from './same-statement';

const queued = {
  id: '6f1c1a8e-0f5e-4c38-9d1e-0d1c1e7a9b10',
  actor: { mbox: 'mailto:ada@acme.example' },
  verb: { id: 'http://activitystrea.ms/schema/1.0/read', display: { en: 'read' } },
  object: { id: 'https://a.example/x', definition: { name: { en: 'X' } } },
  timestamp: '2026-11-23T10:00:00.000Z',
};

describe('sameStatement', () => {
  it('ignores what the LRS adds: stored, authority, version, default objectTypes, timestamp format', () => {
    const stored = {
      ...queued,
      actor: { objectType: 'Agent', mbox: 'mailto:ada@acme.example' },
      object: { objectType: 'Activity', ...queued.object },
      timestamp: '2026-11-23T10:00:00Z',
      stored: '2026-11-23T10:00:01.000Z',
      authority: { mbox: 'mailto:lrs@acme.example' },
      version: '1.0.0',
    };
    expect(sameStatement(queued, stored)).toBe(true);
  });

  it('sees a real difference', () => {
    expect(sameStatement(queued, { ...queued, verb: { ...queued.verb, display: { en: 'skimmed' } } })).toBe(
      false,
    );
    expect(sameStatement(queued, { ...queued, timestamp: '2026-11-23T10:00:01.000Z' })).toBe(false);
    expect(sameStatement(queued, { ...queued, result: { completion: true } })).toBe(false);
  });
});
