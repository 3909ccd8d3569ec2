import { describe, expect, it } from 'vitest';
import { describeIssues, describeValue } from './messages';
import { validatePolicy } from './validate';

describe('describeIssues', () => {
  it('is empty when there is nothing to say', () => {
    expect(describeIssues([])).toBe('');
  });

  it('lists each problem under its source and says the rest applies', () => {
    const fromFile = validatePolicy(
      { capture: { holdMinutes: 'ten', colour: 1 } },
      '/etc/trailnote/policy.json',
    );
    const fromLearner = validatePolicy('{', 'your settings file');
    expect(describeIssues([...fromFile.issues, ...fromLearner.issues])).toBe(
      [
        '2 problems in /etc/trailnote/policy.json. The keys named were ignored; everything else applies.',
        '  • capture.colour: unknown key, ignored',
        '  • capture.holdMinutes: expected a whole number from 0 to 10080, got "ten"',
        `1 problem in your settings file. The keys named were ignored; everything else applies.`,
        `  • ${fromLearner.issues[0]?.message ?? ''}`,
      ].join('\n'),
    );
  });

  it('names "the policy" when no source was given', () => {
    expect(describeIssues(validatePolicy({ x: 1 }).issues)).toBe(
      '1 problem in the policy. The keys named were ignored; everything else applies.\n  • x: unknown key, ignored',
    );
  });

  it('stops listing after 50 and counts the rest', () => {
    const issues = Array.from({ length: 60 }, (_, index) => ({
      path: `k${index}`,
      message: `k${index}: bad`,
    }));
    const lines = describeIssues(issues).split('\n');
    expect(lines).toHaveLength(52);
    expect(lines.at(-2)).toBe('  • k49: bad');
    expect(lines.at(-1)).toBe('  …and 10 more.');
  });
});

describe('describeValue', () => {
  it.each([
    [null, {}, 'null'],
    [[], {}, 'an empty list'],
    [[1, 2], {}, 'a list of 2'],
    [{ a: 1 }, {}, 'an object'],
    ['ten', {}, '"ten"'],
    ['x'.repeat(100), {}, `"${'x'.repeat(60)}…"`],
    [12, {}, '12'],
    [Number.POSITIVE_INFINITY, {}, 'Infinity'],
    [Symbol('s'), {}, 'a symbol'],
    [undefined, {}, 'nothing'],
    ['hunter2', { secret: true }, 'a text'],
    [123456, { secret: true }, 'a number'],
  ])('%s → %s', (value, options, expected) => {
    expect(describeValue(value, options)).toBe(expected);
  });
});
