// Just enough English morphology to see "negotiating", "negotiated", "negotiation" and "negotiate" as one
// word, and "databases" as "database". Deliberately light (plural, -ing, -ed, -ment, -ation, final e,
// doubled consonant): both sides of every comparison go through this same function, so consistency matters
// more than linguistic truth ("analysis" and "analyse" stay apart, and that is fine).

const MIN_STEM = 3;

function isVowel(ch: string | undefined): boolean {
  return ch === 'a' || ch === 'e' || ch === 'i' || ch === 'o' || ch === 'u' || ch === 'y';
}

/** "programm" → "program", "controll" → "control"; never below three letters ("add" stays "add"). */
function undouble(word: string): string {
  const last = word[word.length - 1];
  if (word.length > MIN_STEM && last === word[word.length - 2] && !isVowel(last)) return word.slice(0, -1);
  return word;
}

/** The stem of a folded word; words with digits or symbols ("c++", "html5") and short words are kept. */
export function stem(word: string): string {
  if (word.length <= MIN_STEM || !/^\p{L}+$/u.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);

  if (w.endsWith('ing') && w.length - 3 >= MIN_STEM) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length - 2 >= MIN_STEM) w = w.slice(0, -2);
  // "management" → "manage", "development" → "develop"; not "comment" or "payment".
  else if (w.endsWith('ment') && w.length - 4 > MIN_STEM) w = w.slice(0, -4);
  // "negotiation" → "negotiat", like "negotiate"; "communication", "collaboration", "delegation" too.
  else if (w.endsWith('ation') && w.length - 3 > MIN_STEM) w = w.slice(0, -3);

  if (w.endsWith('e') && w.length > MIN_STEM) w = w.slice(0, -1);
  return undouble(w);
}
