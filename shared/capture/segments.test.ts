import { describe, expect, it } from 'vitest';
import { clampSegments, formatPlayedSegments, mergeSegments, segmentsSeconds } from './segments';

describe('mergeSegments', () => {
  it('merges overlapping segments and sorts them', () => {
    expect(
      mergeSegments([
        [14, 21],
        [0, 12],
        [10, 13],
        [20, 25],
      ]),
    ).toEqual([
      [0, 13],
      [14, 25],
    ]);
  });

  it('merges adjacent segments (touching, or within a millisecond) but keeps real gaps', () => {
    expect(
      mergeSegments([
        [0, 10],
        [10, 20],
        [20.0005, 30],
        [30.1, 40],
      ]),
    ).toEqual([
      [0, 30],
      [30.1, 40],
    ]);
  });

  it('a segment inside another disappears into it', () => {
    expect(
      mergeSegments([
        [0, 100],
        [20, 30],
      ]),
    ).toEqual([[0, 100]]);
  });

  it('drops empty, reversed and non-finite segments; clamps negative times to 0', () => {
    expect(
      mergeSegments([
        [5, 5],
        [9, 3],
        [Number.NaN, 4],
        [1, Number.POSITIVE_INFINITY],
        [-3, 2],
      ]),
    ).toEqual([[0, 2]]);
  });

  it('does not mutate its input', () => {
    const input: [number, number][] = [
      [10, 20],
      [0, 15],
    ];
    mergeSegments(input);
    expect(input).toEqual([
      [10, 20],
      [0, 15],
    ]);
  });
});

describe('segmentsSeconds', () => {
  it('counts overlaps once', () => {
    expect(
      segmentsSeconds([
        [0, 12],
        [10, 20],
        [30, 35],
      ]),
    ).toBe(25);
    expect(segmentsSeconds([])).toBe(0);
  });
});

describe('clampSegments', () => {
  it('cuts to [0, length]', () => {
    expect(
      clampSegments(
        [
          [0, 10],
          [50, 70],
          [80, 90],
        ],
        60,
      ),
    ).toEqual([
      [0, 10],
      [50, 60],
    ]);
  });
});

describe('formatPlayedSegments', () => {
  it('writes the profile example exactly', () => {
    expect(
      formatPlayedSegments([
        [0, 12],
        [14, 21],
      ]),
    ).toBe('0.000[.]12.000[,]14.000[.]21.000');
  });

  it('always 3 decimals, rounded', () => {
    expect(formatPlayedSegments([[1.23456, 7.8]])).toBe('1.235[.]7.800');
    expect(formatPlayedSegments([[0.0004, 2]])).toBe('0.000[.]2.000');
  });

  it('is empty for no segments and skips invalid ones, never writes -0.000', () => {
    expect(formatPlayedSegments([])).toBe('');
    expect(
      formatPlayedSegments([
        [Number.NaN, 1],
        [5, 2],
        [-0.0001, 1],
      ]),
    ).toBe('0.000[.]1.000');
  });
});
