// PDFs read in the browser's own viewer (docs/policy.md capture.articleMinSeconds, docs/xapi-profile.md § article row).
//
// No content script runs in Chromium's or Firefox's PDF viewer, so a PDF's reading time comes from what the
// background sees of the tab: its address, its title, whether it is the active tab of its window, whether that
// window has focus, and the system's idle state. Time accrues only while all three hold:
//   - visible: the tab is the active tab of its window,
//   - focused: that window has the focus,
//   - active: the system reports the person active (not idle, screen not locked),
// and never more than `confirmWindowMs` past the last moment all three were seen to hold together (opening the tab,
// switching to it, focusing its window, input after idle, or a periodic check). So a browser closed or a worker
// stopped while a PDF was on screen counts at most that window beyond the last check: a miss, not a false record.
//
// Plain JSON state, every "now" passed in, like reading.ts.
import { EPSILON, finite } from './numbers';

/** How long past the last confirmation time still accrues; the background checks about once a minute. */
export const DEFAULT_CONFIRM_WINDOW_SECONDS = 90;

export interface PdfView {
  /** The tab is the active tab of its window. */
  visible: boolean;
  /** Its window has the focus. */
  focused: boolean;
  /** The system's idle state is `active` (not `idle`, not `locked`). */
  active: boolean;
}

export type PdfEvent =
  | ({ type: 'open'; at: number; url: string; title?: string } & PdfView)
  /** A change or a periodic observation of the tab, its window or the idle state; absent fields stay as they were. */
  | ({ type: 'view'; at: number } & Partial<PdfView>)
  | { type: 'title'; at: number; title: string }
  | { type: 'end'; at: number };

export interface PdfState extends PdfView {
  phase: 'new' | 'reading' | 'ended';
  url: string;
  /** The tab's title (the document's own title, or its file name as the viewer shows it). */
  title: string;
  startedAt: number | null;
  confirmWindowMs: number;
  /** Last time visible, focused and active were seen to hold together. */
  confirmedAt: number | null;
  /** Engaged time up to here is in `engagedMs`; timestamps never move it backwards. */
  countedUntil: number | null;
  engagedMs: number;
}

export interface PdfVerdict {
  counts: boolean;
  engagedSeconds: number;
}

export function createPdfState(options: { confirmWindowSeconds?: number } = {}): PdfState {
  const seconds = finite(options.confirmWindowSeconds) ?? DEFAULT_CONFIRM_WINDOW_SECONDS;
  return {
    phase: 'new',
    url: '',
    title: '',
    startedAt: null,
    confirmWindowMs: Math.max(0, seconds) * 1000,
    confirmedAt: null,
    countedUntil: null,
    engagedMs: 0,
    visible: false,
    focused: false,
    active: false,
  };
}

/** The next state after `event`; never mutates, never throws. Events before `open` or after `end` are ignored. */
export function reducePdf(state: PdfState, event: PdfEvent): PdfState {
  const rawAt = finite(event.at);
  if (rawAt === undefined) return state;
  if (event.type === 'open') {
    if (state.phase !== 'new') return state;
    const view = viewOf(event, state);
    return {
      ...state,
      ...view,
      phase: 'reading',
      url: typeof event.url === 'string' ? event.url : '',
      title: typeof event.title === 'string' ? event.title : '',
      startedAt: rawAt,
      countedUntil: rawAt,
      confirmedAt: present(view) ? rawAt : null,
    };
  }
  if (state.phase !== 'reading') return state;
  const at = Math.max(rawAt, state.countedUntil ?? rawAt);
  const settled: PdfState = {
    ...state,
    engagedMs: state.engagedMs + engagedMsUntil(state, at),
    countedUntil: at,
  };
  switch (event.type) {
    case 'view': {
      const view = viewOf(event, settled);
      return { ...settled, ...view, confirmedAt: present(view) ? at : settled.confirmedAt };
    }
    case 'title':
      return typeof event.title === 'string' ? { ...settled, title: event.title } : settled;
    case 'end':
      return { ...settled, phase: 'ended' };
    default:
      return state;
  }
}

/** Engaged seconds so far, including the current stretch up to `now` for a session still open. */
export function pdfEngagedSeconds(state: PdfState, now: number): number {
  let ms = state.engagedMs;
  const clock = finite(now);
  if (state.phase === 'reading' && clock !== undefined && state.countedUntil !== null)
    ms += engagedMsUntil(state, Math.max(clock, state.countedUntil));
  return ms / 1000;
}

/** Counts as read once the engaged time reaches `articleMinSeconds` (and is above zero), as for any article. */
export function pdfVerdict(
  state: PdfState,
  now: number,
  thresholds: { articleMinSeconds: number },
): PdfVerdict {
  const engaged = pdfEngagedSeconds(state, now);
  const minimum = Math.max(0, finite(thresholds.articleMinSeconds) ?? 0);
  return { counts: engaged > 0 && engaged + EPSILON >= minimum, engagedSeconds: engaged };
}

/** Whether an address is a PDF document (its path ends in `.pdf`), the one thing a PDF tab shows of itself. */
export function isPdfUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && /\.pdf$/i.test(u.pathname);
  } catch {
    return false;
  }
}

/**
 * The name a PDF item gets: the tab's title when the viewer shows one of its own (the document's title), else the
 * file name from the address. Chromium shows the address itself as the title until the document has loaded.
 */
export function pdfTitle(state: Pick<PdfState, 'url' | 'title'>): string {
  const title = state.title.replace(/\s+/g, ' ').trim();
  if (title && title !== state.url && !/^[a-z][a-z0-9+.-]*:\/\//i.test(title)) return title;
  try {
    const name = new URL(state.url).pathname.split('/').pop() ?? '';
    return decodeURIComponent(name) || state.url;
  } catch {
    return state.url;
  }
}

function viewOf(event: Partial<PdfView>, before: PdfView): PdfView {
  const pick = (v: unknown, old: boolean) => (typeof v === 'boolean' ? v : old);
  return {
    visible: pick(event.visible, before.visible),
    focused: pick(event.focused, before.focused),
    active: pick(event.active, before.active),
  };
}

const present = (v: PdfView) => v.visible && v.focused && v.active;

function engagedMsUntil(state: PdfState, until: number): number {
  if (!present(state) || state.countedUntil === null || state.confirmedAt === null) return 0;
  const end = Math.min(until, state.confirmedAt + state.confirmWindowMs);
  return Math.max(0, end - state.countedUntil);
}
