// ISO 8601 durations in the one form the profile allows: `PT#H#M#.##S` (docs/xapi-profile.md § Every statement).
// We do not use @xapi/xapi's calculateISO8601Duration: it emits `P1DT` for whole days, which LRSs reject.

/** The only shape `toIsoDuration` produces (and `checkStatement` accepts): hours, minutes, ≤ 2 decimal seconds. */
export const PROFILE_DURATION_PATTERN = /^PT(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d{1,2})?S)?$/;

/**
 * Seconds → `PT#H#M#.##S`. Hours are not folded into days (a day is not always 24 h in ISO 8601 calendars, and
 * the profile forbids `D`), so 90061 s is `PT25H1M1S`. Rounding happens once, on whole centiseconds, before the
 * split, so 59.999 s becomes `PT1M` and never `PT60S`. Negative, NaN and infinite inputs clamp to `PT0S`: a
 * capture bug must not cost the learner a statement the LRS would reject.
 */
export function toIsoDuration(seconds: number): string {
  const safe = Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  const centis = Math.round(safe * 100);
  const hours = Math.floor(centis / 360_000);
  const minutes = Math.floor((centis % 360_000) / 6_000);
  const secondCentis = centis % 6_000;

  let out = 'PT';
  if (hours > 0) out += `${hours}H`;
  if (minutes > 0) out += `${minutes}M`;
  if (secondCentis > 0 || out === 'PT') out += `${formatSeconds(secondCentis)}S`;
  return out;
}

/** 150 → "1.5", 105 → "1.05", 100 → "1": at most 2 decimals, no trailing zeros. */
function formatSeconds(centis: number): string {
  const whole = Math.floor(centis / 100);
  const fraction = centis % 100;
  if (fraction === 0) return String(whole);
  return `${whole}.${String(fraction).padStart(2, '0').replace(/0$/, '')}`;
}

// Weeks, days and the time part; ISO 8601 also allows a comma as the decimal sign.
const ISO_DURATION =
  /^P(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/**
 * ISO 8601 duration → seconds, for reading statements back (ours or other tools'). Returns `undefined` for text
 * that is not a duration, for an empty `P`/`PT`, and for year or month parts, whose length in seconds depends
 * on the calendar (guessing would silently misreport time spent).
 */
export function parseIsoDuration(text: string): number | undefined {
  const match = ISO_DURATION.exec(text.trim());
  if (!match || /^PT?$/.test(text.trim()) || text.trim().endsWith('T')) return undefined;
  const [, weeks, days, hours, minutes, seconds] = match;
  const num = (part: string | undefined): number => (part === undefined ? 0 : Number(part.replace(',', '.')));
  const total =
    num(weeks) * 604_800 + num(days) * 86_400 + num(hours) * 3_600 + num(minutes) * 60 + num(seconds);
  return Number.isFinite(total) ? total : undefined;
}
