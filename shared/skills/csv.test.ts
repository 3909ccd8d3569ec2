import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';

const rows = (text: string): string[][] => parseCsv(text).records.map((record) => record.fields);

describe('parseCsv', () => {
  it('splits plain fields and records', () => {
    expect(rows('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('accepts CRLF, LF and lone CR record ends, with or without a final one', () => {
    expect(rows('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(rows('a,b\r1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(rows('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    expect(rows('"a, b","say ""hi""","one\ntwo","x\r\ny"\n')).toEqual([
      ['a, b', 'say "hi"', 'one\ntwo', 'x\r\ny'],
    ]);
    expect(rows('"",""""\n')).toEqual([['', '"']]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(rows(',a,,\n')).toEqual([['', 'a', '', '']]);
  });

  it('drops a byte-order mark and skips blank lines', () => {
    expect(rows('\ufeffa,b\n\n1,2\r\n\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('numbers each record by the line it starts on, counting breaks inside quotes', () => {
    const { records } = parseCsv('h\n"multi\nline\r\nvalue"\n\nlast\r\n');
    expect(records.map((record) => record.line)).toEqual([1, 2, 6]);
  });

  it('reads malformed quoting leniently and reports it with its line', () => {
    const stray = parseCsv('a\n"quoted"tail,b\n');
    expect(stray.records[1]?.fields).toEqual(['quotedtail', 'b']);
    expect(stray.problems).toEqual(['line 2: unexpected text after a closing quote']);

    const unclosed = parseCsv('a\nb\n"never closed,\nstill going');
    expect(unclosed.records[2]?.fields).toEqual(['never closed,\nstill going']);
    expect(unclosed.problems).toEqual(['line 3: quoted field is never closed']);
  });

  it('keeps a quote inside an unquoted field as written', () => {
    expect(rows('5" floppy,b\n')).toEqual([['5" floppy', 'b']]);
  });

  it('returns nothing for empty input', () => {
    expect(parseCsv('')).toEqual({ records: [], problems: [] });
    expect(parseCsv('\ufeff')).toEqual({ records: [], problems: [] });
  });
});
