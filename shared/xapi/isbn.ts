// ISBNs for book activity ids (docs/xapi-profile.md § What is captured, book row: `urn:isbn:<isbn>`).
//
// Decision: every valid ISBN-10 is converted to its ISBN-13 (978 prefix, new check digit). A book has both forms
// printed on it; learners type either. One form means one activity id, so the LRS sees one book.

/** The ISBN-13 digits of a valid ISBN-10 or ISBN-13 (hyphens, spaces and an `ISBN` prefix allowed), else undefined. */
export function normaliseIsbn(raw: string): string | undefined {
  const compact = raw
    .trim()
    .toUpperCase()
    .replace(/^ISBN(?:-1[03])?:?/, '')
    .replace(/[\s-]/g, '');
  if (/^\d{9}[\dX]$/.test(compact)) return isbn10Valid(compact) ? isbn10To13(compact) : undefined;
  if (/^97[89]\d{10}$/.test(compact))
    return isbn13CheckDigit(compact.slice(0, 12)) === compact[12] ? compact : undefined;
  return undefined;
}

/** Weighted sum 10..1 must be divisible by 11; `X` is 10 and only allowed last. */
function isbn10Valid(isbn: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const char = isbn[i] ?? '';
    sum += (char === 'X' ? 10 : Number(char)) * (10 - i);
  }
  return sum % 11 === 0;
}

/** Weights 1,3,1,3… over the first 12 digits. */
function isbn13CheckDigit(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

function isbn10To13(isbn10: string): string {
  const first12 = `978${isbn10.slice(0, 9)}`;
  return first12 + isbn13CheckDigit(first12);
}

/** `urn:isbn:<ISBN-13>` (RFC 3187) for a valid ISBN, else undefined. */
export function isbnUrn(raw: string): string | undefined {
  const isbn = normaliseIsbn(raw);
  return isbn === undefined ? undefined : `urn:isbn:${isbn}`;
}
