// Skill IRIs end up as xAPI activity ids, which must be absolute IRIs; we only accept the web schemes so
// that an LRS user can dereference (or at least recognise) them.

/** True when `value` is an absolute http(s) IRI without whitespace. */
export function isHttpIri(value: string): boolean {
  if (!/^https?:\/\/[^\s/?#]+/i.test(value) || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
