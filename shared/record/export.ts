// The learner's record as a file, in pages (issue 11, point 2): each page is one short read of the indexes, so an
// export of 100,000 items never holds the whole record in one message nor keeps the outbox busy; an app writes
// each page to the file as it comes. Pure: it reads an Outbox and nothing else.
import { CSV_COLUMNS, csvRows } from '../insights';
import type { Outbox } from '../outbox';
import { recordPageWithSeqs, type ExportFormat, type RecordItemView } from './view';

/** Items read per page. */
export const EXPORT_PAGE = 500;

/** Where the next page starts: the last seq read, and how many records the file holds so far. */
export interface ExportCursor {
  seq: number;
  written: number;
}

/** Whether a value from a page is a cursor this module made: two non-negative integers. */
export function isExportCursor(v: unknown): v is ExportCursor {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const { seq, written, ...rest } = v as Record<string, unknown>;
  const count = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  return count(seq) && count(written) && Object.keys(rest).length === 0;
}

export interface ExportPage {
  filename: string;
  mimeType: string;
  /** This page's part of the file; the parts in order are the file. */
  text: string;
  /** Absent on the last page. */
  next?: ExportCursor;
}

const day = (now: number) => new Date(now).toISOString().slice(0, 10);

/**
 * One page of the export. xAPI JSON: the frozen statements (sent or queued to be sent exactly so), follow-ups
 * included, as stored, oldest first; held items are left out (they may still change). CSV: one row per item,
 * newest first, deleted ones marked `voided`. `configured`: the destination ids of the current settings (for
 * each row's status). Start without a cursor; go on with each page's `next` until it has none.
 */
export async function exportPage(
  format: ExportFormat,
  env: { outbox: Outbox; now: () => number },
  configured: readonly string[],
  cursor?: ExportCursor,
  pageSize = EXPORT_PAGE,
): Promise<ExportPage> {
  const first = cursor === undefined;
  const written = cursor?.written ?? 0;
  if (format === 'xapi') {
    const items = await env.outbox.after(cursor?.seq ?? 0, pageSize);
    const texts = items.filter((i) => i.state === 'ready' && i.json !== '').map((i) => i.json);
    const last = items.length < pageSize;
    const body = texts.map((t, i) => (written + i === 0 ? t : `,${t}`)).join('');
    return {
      filename: `trailnote-statements-${day(env.now())}.json`,
      mimeType: 'application/json',
      text: `${first ? '[' : ''}${body}${last ? ']' : ''}`,
      ...(last ? {} : { next: { seq: items.at(-1)!.seq, written: written + texts.length } }),
    };
  }
  const rows = await recordPageWithSeqs(env.outbox, configured, pageSize, first ? undefined : cursor.seq);
  const last = rows.length < pageSize;
  const text = csvRows(rows.map((r) => csvItem(r.view)));
  return {
    filename: `trailnote-record-${day(env.now())}.csv`,
    mimeType: 'text/csv',
    text: first ? `${CSV_COLUMNS.join(',')}\r\n${text}` : text,
    ...(last ? {} : { next: { seq: rows.at(-1)!.seq, written: written + rows.length } }),
  };
}

function csvItem(i: RecordItemView) {
  return {
    ...i,
    reflections: [i.reflection, ...i.comments.map((c) => c.reflection ?? '')].filter((r) => r !== ''),
  };
}

/** Every page of the export, in order (for a writer that takes them one at a time). */
export async function* exportPages(
  format: ExportFormat,
  env: { outbox: Outbox; now: () => number },
  configured: readonly string[],
  pageSize = EXPORT_PAGE,
): AsyncGenerator<ExportPage> {
  let cursor: ExportCursor | undefined;
  do {
    const page: ExportPage = await exportPage(format, env, configured, cursor, pageSize);
    yield page;
    cursor = page.next;
  } while (cursor);
}
