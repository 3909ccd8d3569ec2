// Contrast of the theme's colour pairs, light and dark (WCAG 2.2: 4.5:1 for text, 3:1 for control borders,
// focus rings and status marks). Reads theme.css itself, so a colour changed there is checked here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('./theme.css', import.meta.url), 'utf8');

function variables(block: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const match of block.matchAll(/--(tn-[\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)) vars[match[1]!] = match[2]!;
  return vars;
}

const light = variables(css.slice(css.indexOf(':root'), css.indexOf('}')));
const darkStart = css.indexOf('@media (prefers-color-scheme: dark)');
const dark = { ...light, ...variables(css.slice(darkStart, css.indexOf('}', darkStart))) };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** [foreground, background, minimum ratio] */
const PAIRS: Array<[string, string, number]> = [
  ...['bg', 'surface', 'chip', 'accent-soft'].map((bg): [string, string, number] => ['text', bg, 4.5]),
  ...['bg', 'surface', 'accent-soft'].map((bg): [string, string, number] => ['muted', bg, 4.5]),
  ...['bg', 'surface'].flatMap((bg): Array<[string, string, number]> => [
    ['link', bg, 4.5],
    ['danger', bg, 4.5],
    ['warn', bg, 4.5],
    ['control-border', bg, 3],
    ['focus', bg, 3],
    ['ok', bg, 3],
  ]),
  ['on-accent', 'accent', 4.5],
  ['on-danger', 'danger', 4.5],
  ['accent', 'track', 3],
  ['ok', 'track', 3],
  ['focus', 'accent-soft', 3],
];

describe.each([
  ['light', light],
  ['dark', dark],
])('theme.css, %s', (_name, vars) => {
  it('defines every colour it is checked for', () => {
    for (const [fg, bg] of PAIRS) {
      expect(vars[`tn-${fg}`], fg).toMatch(/^#/);
      expect(vars[`tn-${bg}`], bg).toMatch(/^#/);
    }
  });

  it.each(PAIRS)('%s on %s reaches %d:1', (fg, bg, min) => {
    expect(contrast(vars[`tn-${fg}`]!, vars[`tn-${bg}`]!)).toBeGreaterThanOrEqual(min);
  });
});

it('computes contrast like WCAG (black on white is 21:1)', () => {
  expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
});
