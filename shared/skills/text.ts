// Text normalisation shared by search, suggestions and slugs, so that all three agree on what "the same
// word" means: case-, diacritic- and width-insensitive.

/** Letters that Unicode does not decompose into a base letter plus a mark, folded by hand. */
const UNDECOMPOSABLE: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const UNDECOMPOSABLE_RE = /[ßæœøłđðþı]/g;
const MARKS_RE = /\p{M}+/gu;
const WHITESPACE_RE = /\s+/g;
const UNUSUAL_WHITESPACE_RE = /\s\s|[^\S ]/;
// eslint-disable-next-line no-control-regex -- the range is "any ASCII character", control codes included
const NON_ASCII_RE = /[^\x00-\x7f]/;

/** Lower-case and fold diacritics ("Résumé" → "resume"); NFKD also unfolds ligatures and full-width forms. */
export function foldText(text: string): string {
  // Most labels are plain ASCII; skipping Unicode normalisation for them makes indexing several times faster.
  if (!NON_ASCII_RE.test(text)) return text.toLowerCase();
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(MARKS_RE, '')
    .replace(UNDECOMPOSABLE_RE, (ch) => UNDECOMPOSABLE[ch] ?? ch);
}

/** Folded text with runs of whitespace collapsed: the form in which whole labels are compared. */
export function normalizeLabel(text: string): string {
  return collapseWhitespace(foldText(text));
}

/** Collapse whitespace (CSV labels may carry line breaks or doubled spaces) without changing case. */
export function collapseWhitespace(text: string): string {
  const trimmed = text.trim();
  // Testing first avoids allocating a copy of the (usual) label that has nothing to collapse.
  return UNUSUAL_WHITESPACE_RE.test(trimmed) ? trimmed.replace(WHITESPACE_RE, ' ') : trimmed;
}

// A word is a run of letters/digits. "C++", "C#" and "F#" keep their suffix so that they stay distinct
// from the letter "c" (a "#" directly followed by a word character is a separator, as in "issue#5").
const WORD_RE = /[\p{L}\p{N}]+(?:\+\+|#(?![\p{L}\p{N}]))?/gu;

/** The words of a text, folded. */
export function words(text: string): string[] {
  return foldText(text).match(WORD_RE) ?? [];
}
