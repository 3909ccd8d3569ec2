import { describe, expect, it } from 'vitest';
import {
  createPdfState,
  isPdfUrl,
  pdfEngagedSeconds,
  pdfTitle,
  pdfVerdict,
  reducePdf,
  type PdfEvent,
  type PdfState,
} from './pdf';

const t0 = Date.parse('2026-12-02T09:00:00Z');
const s = (n: number) => t0 + n * 1000;
const url = 'https://docs.example/guides/Field%20guide.pdf';

function run(events: PdfEvent[], state: PdfState = createPdfState()): PdfState {
  return events.reduce(reducePdf, state);
}
const open = (view = { visible: true, focused: true, active: true }): PdfEvent => ({
  type: 'open',
  at: t0,
  url,
  title: url,
  ...view,
});

describe('PDF reading time from the tab, its window and the idle state', () => {
  it('counts time while the tab is shown in the focused window and the person is active', () => {
    const state = run([open(), { type: 'view', at: s(40), visible: false }, { type: 'end', at: s(100) }]);
    expect(pdfEngagedSeconds(state, s(500))).toBe(40);
    expect(pdfVerdict(state, s(500), { articleMinSeconds: 30 }).counts).toBe(true);
    expect(pdfVerdict(state, s(500), { articleMinSeconds: 41 }).counts).toBe(false);
  });

  it('gives nothing to a PDF opened in a background tab or an unfocused window until it is brought forward', () => {
    const background = run([
      open({ visible: false, focused: true, active: true }),
      { type: 'end', at: s(60) },
    ]);
    expect(pdfEngagedSeconds(background, s(60))).toBe(0);
    expect(pdfVerdict(background, s(60), { articleMinSeconds: 0 }).counts).toBe(false);
    const shown = run([
      open({ visible: true, focused: false, active: true }),
      { type: 'view', at: s(20), focused: true },
      { type: 'view', at: s(50), focused: false },
      { type: 'end', at: s(90) },
    ]);
    expect(pdfEngagedSeconds(shown, s(90))).toBe(30);
  });

  it('stops at idle or a locked screen and resumes at the next input', () => {
    const state = run([
      open(),
      { type: 'view', at: s(30), active: false },
      { type: 'view', at: s(300), active: true },
      { type: 'end', at: s(310) },
    ]);
    expect(pdfEngagedSeconds(state, s(310))).toBe(40);
  });

  it('counts at most the confirmation window past the last check (a browser closed mid-read)', () => {
    const left = run([open(), { type: 'view', at: s(60), visible: true, focused: true, active: true }]);
    // No event after the check at 60 s: an end decided hours later still stops at 60 + 90 s.
    expect(pdfEngagedSeconds(left, s(10_000))).toBe(150);
    const ended = reducePdf(left, { type: 'end', at: s(10_000) });
    expect(pdfEngagedSeconds(ended, s(20_000))).toBe(150);
  });

  it('never moves time backwards, ignores events outside the session and malformed times', () => {
    const state = run([
      { type: 'view', at: s(-10), visible: true },
      open(),
      { type: 'view', at: s(20), visible: false },
      { type: 'view', at: s(5), visible: true }, // late delivery: taken as s(20)
      { type: 'view', at: Number.NaN, visible: false },
      { type: 'end', at: s(30) },
      { type: 'view', at: s(40), visible: true },
    ]);
    expect(pdfEngagedSeconds(state, s(60))).toBe(30);
    expect(state.phase).toBe('ended');
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it('names the item by its own title, else its file name', () => {
    expect(pdfTitle({ url, title: url })).toBe('Field guide.pdf');
    expect(pdfTitle({ url, title: ' ' })).toBe('Field guide.pdf');
    expect(pdfTitle({ url, title: 'A field guide to estuaries' })).toBe('A field guide to estuaries');
    const retitled = run([open(), { type: 'title', at: s(2), title: 'Estuaries' }]);
    expect(pdfTitle(retitled)).toBe('Estuaries');
  });

  it('recognises PDF addresses by their path', () => {
    expect(isPdfUrl('https://a.example/x/report.PDF?download=0#page=3')).toBe(true);
    expect(isPdfUrl('http://127.0.0.1:8080/doc.pdf')).toBe(true);
    expect(isPdfUrl('https://a.example/report.pdf.html')).toBe(false);
    expect(isPdfUrl('https://a.example/?file=report.pdf')).toBe(false);
    expect(isPdfUrl('file:///home/ada/report.pdf')).toBe(false);
    expect(isPdfUrl('not a url')).toBe(false);
  });
});
