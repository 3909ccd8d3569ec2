import { describe, expect, it } from 'vitest';
import { parseIsoDuration, PROFILE_DURATION_PATTERN, toIsoDuration } from './duration';

describe('toIsoDuration', () => {
  it.each([
    [0, 'PT0S'],
    [1, 'PT1S'],
    [59, 'PT59S'],
    [60, 'PT1M'],
    [61, 'PT1M1S'],
    [3600, 'PT1H'],
    [3661, 'PT1H1M1S'],
    [86_400, 'PT24H'],
    [90_061, 'PT25H1M1S'],
    [1.5, 'PT1.5S'],
    [1.05, 'PT1.05S'],
    [0.004, 'PT0S'],
    [0.005, 'PT0.01S'],
    [12.345_6, 'PT12.35S'],
    [3599.996, 'PT1H'],
  ])('%s s → %s', (seconds, expected) => {
    expect(toIsoDuration(seconds)).toBe(expected);
  });

  it('rounds 59.999 s up to a whole minute, never to 60S', () => {
    expect(toIsoDuration(59.999)).toBe('PT1M');
    expect(toIsoDuration(119.999)).toBe('PT2M');
  });

  it('never uses days, even for whole days', () => {
    expect(toIsoDuration(3 * 86_400)).toBe('PT72H');
  });

  it('clamps negative, NaN and infinite input to PT0S', () => {
    expect(toIsoDuration(-5)).toBe('PT0S');
    expect(toIsoDuration(Number.NaN)).toBe('PT0S');
    expect(toIsoDuration(Number.POSITIVE_INFINITY)).toBe('PT0S');
  });

  it('never emits more than 2 decimals or 60 seconds/minutes, over many values', () => {
    for (let i = 0; i < 5000; i++) {
      const seconds = i * 0.7371 + (i % 7) * 0.001;
      const text = toIsoDuration(seconds);
      expect(text).toMatch(PROFILE_DURATION_PATTERN);
      expect(text).not.toMatch(/(?:^|\D)60(?:\.\d+)?[SM]/);
      expect(parseIsoDuration(text)).toBeCloseTo(seconds, 1);
    }
  });
});

describe('parseIsoDuration', () => {
  it.each([
    ['PT0S', 0],
    ['PT1M30S', 90],
    ['PT25H1M1S', 90_061],
    ['PT1.5S', 1.5],
    ['PT0,5S', 0.5],
    ['P1DT2H', 93_600],
    ['P2W', 1_209_600],
  ])('%s → %s s', (text, seconds) => {
    expect(parseIsoDuration(text)).toBe(seconds);
  });

  it.each(['', 'P', 'PT', 'P1DT', 'P1Y', 'P1M', 'PT-5S', '90', 'PT1.5H30X'])('rejects %j', (text) => {
    expect(parseIsoDuration(text)).toBeUndefined();
  });

  it('reads back what toIsoDuration writes', () => {
    for (const seconds of [0, 0.01, 59.99, 61.25, 3600, 86_400, 90_061.5]) {
      expect(parseIsoDuration(toIsoDuration(seconds))).toBeCloseTo(seconds, 2);
    }
  });
});
