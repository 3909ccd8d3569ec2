// The learner's record as CSV (RFC 4180): one row per item, for a spreadsheet. Pure.

export interface CsvItem {
  /** When the experience happened (ms). */
  at: number;
  kind: string;
  title: string;
  url?: string;
  seconds?: number;
  skills: ReadonlyArray<{ name: string }>;
  /** The reflection and any added afterwards, in order. */
  reflections: readonly string[];
  status: string;
}

export const CSV_COLUMNS = [
  'date',
  'kind',
  'title',
  'url',
  'duration',
  'skills',
  'reflection',
  'status',
] as const;

/**
 * A field quoted when it needs to be. A leading `=`, `+`, `-` or `@` is prefixed with `'` so a spreadsheet
 * never runs a captured page title as a formula (CSV injection).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** `HH:MM:SS`, which spreadsheets read as a duration. */
export function csvDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '';
  const s = Math.round(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** Rows with CRLF line ends and a header row; dates in ISO 8601 UTC. */
export function recordCsv(items: readonly CsvItem[]): string {
  return `${CSV_COLUMNS.join(',')}\r\n${csvRows(items)}`;
}

/** The rows alone, each ending in CRLF (a page of a file written in pages). */
export function csvRows(items: readonly CsvItem[]): string {
  return items
    .map((item) =>
      [
        new Date(item.at).toISOString(),
        item.kind,
        item.title,
        item.url ?? '',
        csvDuration(item.seconds),
        item.skills.map((s) => s.name).join('; '),
        item.reflections.join('\n\n'),
        item.status,
      ]
        .map(csvField)
        .join(','),
    )
    .map((row) => `${row}\r\n`)
    .join('');
}
