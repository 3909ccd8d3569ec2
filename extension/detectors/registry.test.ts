// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDetectorContext, idleScheduler } from './context';
import { DETECTORS, startDetectors } from './registry';
import { fire, harness, setMedia, testPage, type TestPage } from './testing';
import type { Detector } from './types';

type Win = Window & typeof globalThis;

let page: TestPage | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await page?.close();
  page = undefined;
});

describe('the detector registry', () => {
  it('has unique, non-empty ids', () => {
    const ids = DETECTORS.map((d) => d.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => /^[a-z][a-z0-9-]*$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(DETECTORS.map((d) => [d.id, d] as const))(
    '%s applies cheaply, starts and stops cleanly on a blank page',
    async (_id, detector) => {
      vi.useFakeTimers();
      page = testPage('<!doctype html><html><head></head><body></body></html>', 'https://example.org/');
      const { win, doc } = page;
      const h = harness(page);
      expect(typeof detector.applies(doc, win)).toBe('boolean');
      const stop = detector.start(h.ctx);
      win.dispatchEvent(new (win as Win).Event('load'));
      h.runIdle();
      expect(h.messages).toEqual([]); // a blank page is neither an article nor playing anything
      stop();
      // After stop: no timer, no idle callback, and no reaction to anything the page does.
      expect(vi.getTimerCount()).toBe(0);
      expect(h.idleQueue).toEqual([]);
      doc.body.innerHTML = `<article>${'<p>A paragraph long enough to read as an article, really. '.repeat(60)}</p></article><video src="/v.webm"></video>`;
      const el = doc.querySelector('video')!;
      setMedia(el, { currentSrc: 'https://example.org/v.webm', paused: false, currentTime: 1 });
      fire(el, 'play', win);
      fire(el, 'timeupdate', win);
      win.dispatchEvent(new (win as Win).Event('load'));
      fire(doc.body, 'keydown', win);
      win.dispatchEvent(new (win as Win).Event('pagehide'));
      await vi.runAllTimersAsync();
      h.runIdle();
      expect(h.messages).toEqual([]);
    },
  );

  it('starts the detectors that apply, skips one that throws, and stops them all with one call', () => {
    page = testPage('<!doctype html><html><body></body></html>');
    const h = harness(page);
    const log: string[] = [];
    const make = (id: string, applies: boolean | 'throw'): Detector => ({
      id,
      applies: () => {
        if (applies === 'throw') throw new Error('hostile page');
        return applies;
      },
      start: () => {
        log.push(`start ${id}`);
        return () => log.push(`stop ${id}`);
      },
    });
    const stop = startDetectors(h.ctx, [
      make('a', true),
      make('b', false),
      make('c', 'throw'),
      make('d', true),
    ]);
    expect(log).toEqual(['start a', 'start d']);
    stop();
    stop();
    expect(log).toEqual(['start a', 'start d', 'stop a', 'stop d']);
  });

  it('runs the real registry on an article page with a video: both detectors report', () => {
    page = testPage(
      `<!doctype html><html lang="en"><head><title>Notes</title></head><body><article>${'<p>A paragraph long enough to read as an article, with plenty of words in it to count. </p>'.repeat(16)}</article><video src="/v.webm"></video></body></html>`,
    );
    const h = harness(page);
    const stop = startDetectors(h.ctx);
    page.win.dispatchEvent(new (page.win as Win).Event('load'));
    h.runIdle();
    const el = page.doc.querySelector('video')!;
    setMedia(el, { currentSrc: 'https://example.org/v.webm', paused: false, currentTime: 0 });
    fire(el, 'play', page.win);
    stop();
    expect(h.messages.map((m) => `${m.type}:${m.event.type}`)).toEqual([
      'reading:start',
      'media:loaded',
      'media:play',
    ]);
  });
});

describe('detector context', () => {
  it('falls back to a one-shot timer where requestIdleCallback is missing, and can cancel it', () => {
    vi.useFakeTimers();
    page = testPage('<body></body>');
    const idle = idleScheduler(page.win);
    const ran: number[] = [];
    idle((deadline) => ran.push(deadline.timeRemaining()), 2000);
    const cancel = idle(() => ran.push(-1), 2000);
    cancel();
    vi.advanceTimersByTime(100);
    expect(ran).toEqual([0]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('uses requestIdleCallback with the timeout when the window has it', () => {
    page = testPage('<body></body>');
    const calls: Array<number | undefined> = [];
    const w = page.win as Window & { requestIdleCallback?: unknown; cancelIdleCallback?: unknown };
    w.requestIdleCallback = (_cb: unknown, options?: { timeout: number }) => (
      calls.push(options?.timeout),
      7
    );
    w.cancelIdleCallback = (id: number) => calls.push(-id);
    const ctx = createDetectorContext(page.doc, page.win, () => {});
    ctx.idle(() => {}, 1234)();
    expect(calls).toEqual([1234, -7]);
    expect(ctx.pageFacts().url).toBe('https://example.org/articles/one');
    expect(Math.abs(ctx.now() - Date.now())).toBeLessThan(1000);
  });
});
