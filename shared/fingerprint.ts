/**
 * 32-bit FNV-1a of a text's UTF-16 code units, as 8 hex digits. Not cryptographic: it tells one text from
 * another in stamps and shortened keys (the detectors' bounded keys, the skill frameworks' change stamps).
 */
export function fnv1a(value: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
