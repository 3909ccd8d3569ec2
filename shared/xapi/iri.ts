// Minting stable activity IRIs from text (book titles, logged courses, shows, mentors). The same text must
// give the same IRI on every device and in every version, so the rules here are part of the data contract:
// changing them splits one activity into two in the LRS. (Learner-invented skill IRIs are minted by
// shared/skills/custom.ts, not here.)
const MAX_SLUG_LENGTH = 80;

/**
 * `"Café Society: A Guide!"` → `"cafe-society-a-guide"`. Lower-cases, strips accents (NFKD), keeps letters and
 * digits of any script, joins everything else with single hyphens, and cuts at 80 characters. Empty → `untitled`.
 */
export function slugify(text: string): string {
  const slug = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const cut = Array.from(slug).slice(0, MAX_SLUG_LENGTH).join('').replace(/-+$/, '');
  return cut === '' ? 'untitled' : cut;
}

/** A slug as one IRI path segment: non-ASCII letters are percent-encoded, which every LRS accepts. */
export function iriSegment(text: string): string {
  return encodeURIComponent(slugify(text));
}

// Scheme, then anything without whitespace or the characters RFC 3987 excludes.
const ABSOLUTE_IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i;

/** Whether `text` is an absolute IRI (has a scheme); http(s) IRIs must also parse as URLs with a host. */
export function isAbsoluteIri(text: unknown): text is string {
  if (typeof text !== 'string' || !ABSOLUTE_IRI.test(text)) return false;
  if (/^https?:/i.test(text)) {
    try {
      return new URL(text).hostname !== '';
    } catch {
      return false;
    }
  }
  return true;
}

/** `base` + `segment`, adding a `/` unless the base already ends with a separator (`/`, `#`, `:`, `=`). */
export function joinIri(base: string, segment: string): string {
  return /[/#:=]$/.test(base) ? `${base}${segment}` : `${base}/${segment}`;
}
