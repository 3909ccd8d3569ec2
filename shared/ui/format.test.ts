import { describe, expect, it } from 'vitest';
import { formatClock, formatMinutes } from './format';
import { en, t } from './i18n';

describe('t', () => {
  it('fills placeholders and formats numbers', () => {
    expect(t('reflection.count', { count: 1234, max: 2000 })).toBe('1,234 / 2,000');
    expect(t('picker.remove', { name: 'negotiate' })).toBe('Remove negotiate');
  });

  it('picks the plural form from count', () => {
    expect(t('dest.pending', { count: 1 })).toBe('1 waiting');
    expect(t('picker.results', { count: 1 })).toBe('1 skill found.');
    expect(t('picker.results', { count: 0 })).toBe('0 skills found.');
  });

  it('leaves a missing placeholder visible rather than printing "undefined"', () => {
    expect(t('picker.remove')).toBe('Remove {name}');
  });

  it('has no empty message', () => {
    for (const [key, message] of Object.entries(en)) {
      const forms = typeof message === 'string' ? [message] : Object.values(message);
      for (const form of forms) expect(form.trim(), key).not.toBe('');
    }
  });
});

describe('formatClock / formatMinutes', () => {
  it.each([
    [0, '0:00'],
    [42, '0:42'],
    [42.9, '0:42'],
    [725, '12:05'],
    [3723, '1:02:03'],
    [-3, '0:00'],
  ])('%d s → %s', (seconds, expected) => {
    expect(formatClock(seconds)).toBe(expected);
  });

  it.each([
    [4, '4 min'],
    [60, '1 h'],
    [61, '1 h 1 min'],
  ])('%d min → %s', (minutes, expected) => {
    expect(formatMinutes(minutes)).toBe(expected);
  });
});
