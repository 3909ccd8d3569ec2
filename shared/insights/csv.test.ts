import { describe, expect, it } from 'vitest';
import { csvDuration, csvField, recordCsv } from './csv';

describe('record CSV', () => {
  it('writes a header and one row per item, quoting what needs it', () => {
    const csv = recordCsv([
      {
        at: Date.UTC(2025, 2, 3, 9, 30),
        kind: 'article',
        title: 'Negotiation, "the basics"',
        url: 'https://example.com/a?x=1',
        seconds: 3725.4,
        skills: [{ name: 'Negotiation' }, { name: 'Listening' }],
        reflections: ['Anchor high.', 'Tried it:\nit worked.'],
        status: 'sent',
      },
      { at: 0, kind: 'other', title: '=HYPERLINK("x")', skills: [], reflections: [], status: 'waiting' },
    ]);
    expect(csv).toBe(
      'date,kind,title,url,duration,skills,reflection,status\r\n' +
        '2025-03-03T09:30:00.000Z,article,"Negotiation, ""the basics""",https://example.com/a?x=1,01:02:05,' +
        'Negotiation; Listening,"Anchor high.\n\nTried it:\nit worked.",sent\r\n' +
        `1970-01-01T00:00:00.000Z,other,"'=HYPERLINK(""x"")",,,,,waiting\r\n`,
    );
  });

  it('defuses formulas and formats durations', () => {
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('plain')).toBe('plain');
    expect(csvDuration(undefined)).toBe('');
    expect(csvDuration(-1)).toBe('');
    expect(csvDuration(59.6)).toBe('00:01:00');
    expect(csvDuration(36_000)).toBe('10:00:00');
  });
});
