import { describe, expect, it } from 'vitest';
import { withoutHash } from './page-url';

describe('withoutHash', () => {
  it('drops the fragment, so an anchor of the same page is the same page', () => {
    expect(withoutHash('https://a.example/guide?x=1#part-2')).toBe('https://a.example/guide?x=1');
    expect(withoutHash('https://a.example/guide#')).toBe('https://a.example/guide');
  });
  it('keeps a URL without a fragment, and a different path stays different', () => {
    expect(withoutHash('https://a.example/guide')).toBe('https://a.example/guide');
    expect(withoutHash('https://a.example/next#top')).not.toBe(withoutHash('https://a.example/guide#top'));
  });
});
