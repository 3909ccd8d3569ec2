// Helpers for this module's tests only (not exported from index.ts).
import type { StatementContext } from './builders/context';

/** Paths of every null or undefined member, at any depth (including inside extensions and arrays). */
export function findNullish(value: unknown, path = '$'): string[] {
  if (value === null || value === undefined) return [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => findNullish(item, `${path}[${index}]`));
  if (typeof value === 'object') {
    return Object.entries(value).flatMap(([key, member]) => findNullish(member, `${path}.${key}`));
  }
  return [];
}

export const NOW = new Date('2025-03-10T12:00:00.000Z');

/** A deterministic context: fixed id, clock and an identified learner. */
export function testContext(overrides: Partial<StatementContext> = {}): StatementContext {
  return {
    id: '3f1c9a4e-8b2d-4c6f-9e1a-7d5b3c2a1f00',
    actor: { objectType: 'Agent', name: 'Ada Lovelace', mbox: 'mailto:ada@acme.example' },
    timestamp: new Date('2025-03-10T11:00:00.000Z'),
    now: NOW,
    language: 'en-GB',
    platform: 'example.com',
    source: { surface: 'extension', version: '1.2.3' },
    ...overrides,
  };
}
