// A small RFC 4180 CSV reader. Written by hand because shared/ takes no runtime dependencies; it scans with
// indexOf/charCodeAt rather than a regex per field so an 800 kB file parses in a few milliseconds.

export interface CsvRecord {
  fields: string[];
  /** 1-based line on which the record starts (records may span lines inside quoted fields). */
  line: number;
}

export interface CsvParseResult {
  records: CsvRecord[];
  /** Malformed input that was read leniently, each starting with its line number. */
  problems: string[];
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const BOM = 0xfeff;

/** Counts line breaks (CRLF, LF or a lone CR) in text[from, to). */
function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR && text.charCodeAt(i + 1) !== LF) count++;
  }
  return count;
}

/**
 * Parses CSV text: comma-separated fields, records ended by CRLF, LF or CR, quoted fields with commas,
 * doubled quotes and line breaks, an optional byte-order mark. Blank lines are skipped. Malformed input
 * (text after a closing quote, a quote never closed) is read the forgiving way and reported.
 */
export function parseCsv(text: string): CsvParseResult {
  const records: CsvRecord[] = [];
  const problems: string[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === BOM ? 1 : 0;
  let line = 1;

  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    for (;;) {
      let value = '';
      if (text.charCodeAt(i) === QUOTE) {
        // Quoted field: copy the pieces between doubled quotes until the closing quote.
        let from = i + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote === -1) {
            problems.push(`line ${startLine}: quoted field is never closed`);
            value += text.slice(from);
            line += countLineBreaks(text, from, n);
            i = n;
            break;
          }
          value += text.slice(from, quote);
          line += countLineBreaks(text, from, quote);
          if (text.charCodeAt(quote + 1) === QUOTE) {
            value += '"';
            from = quote + 2;
          } else {
            i = quote + 1;
            break;
          }
        }
        // RFC 4180 allows nothing between the closing quote and the delimiter; keep stray text, but say so.
        const strayFrom = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === COMMA || c === CR || c === LF) break;
          i++;
        }
        if (i > strayFrom) {
          problems.push(`line ${line}: unexpected text after a closing quote`);
          value += text.slice(strayFrom, i);
        }
      } else {
        const from = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === COMMA || c === CR || c === LF) break;
          i++;
        }
        value = text.slice(from, i);
      }
      fields.push(value);

      const delimiter = text.charCodeAt(i);
      if (delimiter === COMMA) {
        i++;
        continue;
      }
      if (delimiter === CR) {
        i += text.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
      } else if (delimiter === LF) {
        i++;
        line++;
      }
      break; // end of record (or of the text)
    }
    const blank = fields.length === 1 && fields[0] === '';
    if (!blank) records.push({ fields, line: startLine });
  }
  return { records, problems };
}
