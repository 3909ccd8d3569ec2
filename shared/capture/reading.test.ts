import { describe, expect, it } from 'vitest';
import {
  createReadingState,
  engagedSeconds,
  estimateReadingSeconds,
  readingVerdict,
  reduceReading,
  scrollDepth,
  type ReadingEvent,
  type ReadingOptions,
  type ReadingState,
} from './reading';

const T0 = 1_700_000_000_000;
const s = (seconds: number): number => T0 + seconds * 1000;

/** Distributes the `ReadingEvent` union so each event's own fields are kept (a plain `Omit` would merge them). */
type Without<E, K extends PropertyKey> = E extends unknown ? Omit<E, K> : never;
type Step = Without<ReadingEvent, 'at'> & { t: number };

function run(
  steps: Step[],
  options?: ReadingOptions,
  from: ReadingState = createReadingState(options),
): ReadingState {
  return steps.reduce((state, { t, ...event }) => reduceReading(state, { ...event, at: s(t) }), from);
}

const start = (t = 0, extra: Partial<Extract<ReadingEvent, { type: 'start' }>> = {}): Step => ({
  type: 'start',
  t,
  url: 'https://blog.example/post',
  title: 'A post',
  visible: true,
  focused: true,
  ...extra,
});
const activity = (t: number): Step => ({ type: 'activity', t });

describe('engaged time', () => {
  it('counts a foreground start as activity: start then silence counts the idle window, 60 s', () => {
    const state = run([start()]);
    expect(engagedSeconds(state, s(10))).toBe(10);
    expect(engagedSeconds(state, s(60))).toBe(60);
    expect(engagedSeconds(state, s(600))).toBe(60);
  });

  it('activity at t=0 then nothing: at most 60 s, also once later events arrive', () => {
    const state = run([start(), activity(0), { type: 'scroll', t: 300, depth: 0.2 }]);
    expect(engagedSeconds(state, s(300))).toBe(60);
    expect(engagedSeconds(state, s(10_000))).toBe(60);
  });

  it('resumed activity after idling counts again from the activity', () => {
    const state = run([start(), activity(0), activity(200)]);
    expect(engagedSeconds(state, s(200))).toBe(60);
    expect(engagedSeconds(state, s(230))).toBe(90);
    expect(engagedSeconds(state, s(1000))).toBe(120);
  });

  it('steady activity counts all the time', () => {
    const steps: Step[] = [start()];
    for (let t = 30; t <= 300; t += 30) steps.push(activity(t));
    expect(engagedSeconds(run(steps), s(300))).toBe(300);
  });

  it('a hidden tab stops counting immediately and resumes when visible again', () => {
    const state = run([
      start(),
      activity(5),
      { type: 'visibility', t: 10, visible: false },
      activity(20), // a throttled event from a hidden tab must not count
    ]);
    expect(engagedSeconds(state, s(50))).toBe(10);

    const back = run([{ type: 'visibility', t: 100, visible: true }], undefined, state);
    expect(engagedSeconds(back, s(130))).toBe(40);
    // Coming back to the tab is activity, but only for the idle window.
    expect(engagedSeconds(back, s(1000))).toBe(70);
  });

  it('a blurred window stops counting; focus returns it', () => {
    const state = run([start(), { type: 'focus', t: 20, focused: false }, activity(25)]);
    expect(engagedSeconds(state, s(40))).toBe(20);
    const focused = run([{ type: 'focus', t: 50, focused: true }], undefined, state);
    expect(engagedSeconds(focused, s(55))).toBe(25);
  });

  it('a page started without a known visibility/focus earns nothing until the detector reports them', () => {
    const unknown = run([start(0, { visible: undefined, focused: undefined }), activity(5)]);
    expect(engagedSeconds(unknown, s(50))).toBe(0);
    const shown = run(
      [
        { type: 'visibility', t: 50, visible: true },
        { type: 'focus', t: 50, focused: true },
      ],
      undefined,
      unknown,
    );
    expect(engagedSeconds(shown, s(70))).toBe(20);
  });

  it('a tab opened in the background does not count until shown', () => {
    const state = run([start(0, { visible: false, focused: true }), activity(1)]);
    expect(engagedSeconds(state, s(100))).toBe(0);
  });

  it('the idle window is configurable', () => {
    const state = run([start(), activity(0)], { idleWindowSeconds: 15 });
    expect(engagedSeconds(state, s(100))).toBe(15);
  });

  it('end freezes the time: later `now` and later events change nothing', () => {
    const state = run([start(), activity(10), { type: 'end', t: 20 }, activity(25)]);
    expect(state.phase).toBe('ended');
    expect(engagedSeconds(state, s(20))).toBe(20);
    expect(engagedSeconds(state, s(500))).toBe(20);
  });

  it('ignores events before start, a second start, junk timestamps and unknown events', () => {
    const before = run([activity(0), { type: 'scroll', t: 0, depth: 1 }]);
    expect(before.phase).toBe('new');
    expect(engagedSeconds(before, s(30))).toBe(0);
    expect(scrollDepth(before)).toBe(0);

    let state = run([start(), start(5, { url: 'https://other.example/' })]);
    expect(state.meta?.url).toBe('https://blog.example/post');
    expect(state.startedAt).toBe(s(0));

    state = reduceReading(state, { type: 'activity', at: Number.NaN });
    state = reduceReading(state, { type: 'end', at: Number.POSITIVE_INFINITY });
    expect(state.phase).toBe('reading');
    expect(() =>
      reduceReading(state, { type: 'teleport', at: s(1) } as unknown as ReadingEvent),
    ).not.toThrow();
    expect(engagedSeconds(state, Number.NaN)).toBe(0);
  });

  it('a timestamp going backwards neither subtracts nor double-counts', () => {
    const state = run([start(), activity(30), activity(10), { type: 'visibility', t: 5, visible: false }]);
    // The out-of-order events are taken as happening at t=30.
    expect(engagedSeconds(state, s(100))).toBe(30);
    // Without the clamp, activity "at 10" would count 10..30 a second time.
    expect(engagedSeconds(run([start(), activity(30), activity(10)]), s(50))).toBe(50);
  });

  it('asking with a `now` before the last event gives the time counted so far', () => {
    const state = run([start(), activity(40)]);
    expect(engagedSeconds(state, s(10))).toBe(40);
  });
});

describe('scroll depth', () => {
  it('keeps the maximum and clamps junk', () => {
    const state = run([
      start(),
      { type: 'scroll', t: 1, depth: 0.4 },
      { type: 'scroll', t: 2, depth: 0.8 },
      { type: 'scroll', t: 3, depth: 0.1 },
      { type: 'scroll', t: 4, depth: Number.NaN },
      { type: 'scroll', t: 5, depth: -3 },
    ]);
    expect(scrollDepth(state)).toBe(0.8);
    expect(scrollDepth(run([{ type: 'scroll', t: 6, depth: 7 }], undefined, state))).toBe(1);
  });

  it('scrolling is not activity by itself', () => {
    const state = run([
      start(0, { visible: true, focused: false }),
      { type: 'focus', t: 100, focused: true },
    ]);
    const scrolled = run([{ type: 'scroll', t: 300, depth: 0.5 }], undefined, state);
    expect(engagedSeconds(scrolled, s(400))).toBe(60);
  });
});

describe('readingVerdict', () => {
  const thresholds = { articleMinSeconds: 30 };

  it('counts at exactly the threshold, not 0.1 s before', () => {
    const state = run([start()]);
    expect(readingVerdict(state, s(29.9), thresholds)).toMatchObject({ counts: false, engagedSeconds: 29.9 });
    expect(readingVerdict(state, s(30), thresholds)).toMatchObject({ counts: true, engagedSeconds: 30 });
  });

  it('does not count time the tab spent hidden', () => {
    const state = run([start(), { type: 'visibility', t: 20, visible: false }]);
    expect(readingVerdict(state, s(120), thresholds).counts).toBe(false);
  });

  it('never counts a page with no engaged time, even with a 0 threshold', () => {
    const state = run([start(0, { visible: false })]);
    expect(readingVerdict(state, s(100), { articleMinSeconds: 0 }).counts).toBe(false);
    const read = run([start()]);
    expect(readingVerdict(read, s(1), { articleMinSeconds: 0 }).counts).toBe(true);
    expect(readingVerdict(read, s(1), { articleMinSeconds: Number.NaN }).counts).toBe(true);
  });

  it('completion: threshold met and scrolled ≥ 0.9', () => {
    const scrolled = run([start(), { type: 'scroll', t: 20, depth: 0.9 }]);
    expect(readingVerdict(scrolled, s(20), thresholds)).toMatchObject({ counts: false, completion: false });
    expect(readingVerdict(scrolled, s(40), thresholds)).toMatchObject({
      counts: true,
      completion: true,
      scrollDepth: 0.9,
    });
    const shallow = run([start(), { type: 'scroll', t: 20, depth: 0.89 }]);
    expect(readingVerdict(shallow, s(40), thresholds).completion).toBe(false);
  });

  it('completion: engaged at least the estimated reading time, without scrolling', () => {
    // 460 words at 230 wpm = 120 s.
    const steps: Step[] = [start(0, { wordCount: 460 }), activity(50), activity(100)];
    const state = run(steps);
    const early = readingVerdict(state, s(119), thresholds);
    expect(early).toMatchObject({ counts: true, completion: false, estimatedReadingSeconds: 120 });
    expect(readingVerdict(state, s(120), thresholds).completion).toBe(true);
  });

  it('a verdict for a session never started is empty', () => {
    expect(readingVerdict(createReadingState(), s(100), thresholds)).toEqual({
      counts: false,
      engagedSeconds: 0,
      scrollDepth: 0,
      completion: false,
      estimatedReadingSeconds: null,
    });
  });
});

describe('estimateReadingSeconds', () => {
  it.each([
    [230, undefined, 60],
    [1150, undefined, 300],
    [100, 200, 30],
    [0, undefined, 0],
    [-5, undefined, 0],
    [Number.NaN, undefined, 0],
    [500, 0, 0],
    [500, Number.POSITIVE_INFINITY, 0],
  ])('%s words at %s wpm → %s s', (words, wpm, expected) => {
    expect(estimateReadingSeconds(words, wpm)).toBe(expected);
  });
});

describe('state is plain JSON', () => {
  it('a JSON round trip mid-session gives the same results and continues the same way', () => {
    const state = run([
      start(0, { wordCount: 900, lang: 'en' }),
      { type: 'scroll', t: 10, depth: 0.5 },
      { type: 'focus', t: 20, focused: false },
      { type: 'focus', t: 25, focused: true },
    ]);
    const copy = JSON.parse(JSON.stringify(state)) as ReadingState;
    expect(copy).toEqual(state);
    const next: Step[] = [
      activity(70),
      { type: 'visibility', t: 100, visible: false },
      { type: 'end', t: 110 },
    ];
    const a = run(next, undefined, state);
    const b = run(next, undefined, copy);
    expect(b).toEqual(a);
    expect(readingVerdict(b, s(200), { articleMinSeconds: 30 })).toEqual(
      readingVerdict(a, s(200), { articleMinSeconds: 30 }),
    );
    expect(engagedSeconds(a, s(200))).toBe(95);
  });

  it('keeps only metadata from the start event', () => {
    const state = run([start(0, { wordCount: 300, canonicalHref: '/post', description: 'd' })]);
    expect(state.meta).toEqual({
      url: 'https://blog.example/post',
      title: 'A post',
      canonicalHref: '/post',
      description: 'd',
      wordCount: 300,
    });
  });

  it('never mutates the state it is given', () => {
    const state = run([start()]);
    const frozen = JSON.stringify(state);
    reduceReading(state, { type: 'activity', at: s(5) });
    reduceReading(state, { type: 'end', at: s(6) });
    expect(JSON.stringify(state)).toBe(frozen);
  });
});
