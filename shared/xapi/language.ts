// Language tags for language-map keys and `context.language` (docs/xapi-profile.md § Every statement: "the key is the
// page/app language when known, else `en`"). Intl does the BCP 47 work; it exists in service workers, pages and
// Node alike.
import type { LanguageMap } from './types';

export const FALLBACK_LANGUAGE = 'en';

/**
 * A BCP 47 tag in canonical case (`en-gb` → `en-GB`, `zh-hant-tw` → `zh-Hant-TW`), or `en` when the input is
 * missing, invalid or says nothing (`und`, the POSIX `C` locale). Accepts POSIX locale names as the desktop app
 * reads them from `LANG` (`en_GB.UTF-8`, `de_DE@euro`).
 */
export function normaliseLanguage(tag: string | undefined): string {
  if (typeof tag !== 'string') return FALLBACK_LANGUAGE;
  const cleaned = tag
    .trim()
    .replace(/[.@].*$/, '')
    .replace(/_/g, '-');
  if (cleaned === '' || /^(?:c|posix)$/i.test(cleaned)) return FALLBACK_LANGUAGE;
  try {
    const [canonical] = Intl.getCanonicalLocales(cleaned);
    return canonical === undefined || canonical === 'und' || canonical.startsWith('und-')
      ? FALLBACK_LANGUAGE
      : canonical;
  } catch {
    return FALLBACK_LANGUAGE;
  }
}

/** Whether `tag` is a well-formed BCP 47 tag (used by checkStatement on language-map keys). */
export function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** `{ "<normalised lang>": text }`. */
export function langMap(text: string, lang?: string): LanguageMap {
  return { [normaliseLanguage(lang)]: text };
}
