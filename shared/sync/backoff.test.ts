import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles per failure within its jitter band, and is capped', () => {
    const policy = { baseMs: 1000, maxMs: 60_000 };
    expect(backoffDelay(1, () => 0, policy)).toBe(500);
    expect(backoffDelay(1, () => 1, policy)).toBe(1000);
    expect(backoffDelay(3, () => 0.5, policy)).toBe(3000);
    expect(backoffDelay(20, () => 1, policy)).toBe(60_000);
    expect(backoffDelay(10_000, () => 0, policy)).toBe(30_000);
  });
});
