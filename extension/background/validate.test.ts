import { describe, expect, it } from 'vitest';
import { parseContentMessage } from './validate';

// The media exposure contract (issue 9): what a person could perceive of a player, from the page detector.
const page = { url: 'https://tube.example/watch?v=A', title: 'A talk' };
const exposure = { audible: true, visible: false, learner: true };
const media = (event: object) => ({ type: 'media', element: 'm1', key: 'k', event, page });
const loaded = { type: 'loaded', at: 1, mediaId: 'k', src: 'https://cdn.example/a.webm', kind: 'video' };

describe('media exposure in content messages', () => {
  it('accepts loaded with its exposure, and exposure events', () => {
    expect(parseContentMessage(media({ ...loaded, exposure }))).toEqual(media({ ...loaded, exposure }));
    const event = { type: 'exposure', at: 2, position: 3.5, exposure };
    expect(parseContentMessage(media(event))).toEqual(media(event));
  });

  it('refuses a loaded without an exposure (the reducer would count everything played)', () => {
    expect(parseContentMessage(media(loaded))).toBeUndefined();
  });

  it('refuses malformed exposures', () => {
    for (const bad of [
      null,
      {},
      { audible: 'yes', visible: false, learner: true },
      { audible: true, visible: false },
      [true, false, true],
    ]) {
      expect(parseContentMessage(media({ ...loaded, exposure: bad }))).toBeUndefined();
      expect(
        parseContentMessage(media({ type: 'exposure', at: 2, position: 1, exposure: bad })),
      ).toBeUndefined();
    }
    expect(parseContentMessage(media({ type: 'exposure', at: 2, exposure }))).toBeUndefined();
  });
});
