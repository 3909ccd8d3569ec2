// Times as the learner reads them. Pure: `now` is always passed in, so views and tests agree on the clock.
import { t } from './i18n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Seconds as a clock: "0:42", "12:05", "1:02:03". */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** A span of whole minutes: "4 min", "1 h", "2 h 5 min". */
export function formatMinutes(totalMinutes: number): string {
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return t('time.minutes', { count: minutes });
  if (minutes === 0) return t('time.hours', { hours });
  return t('time.hoursMinutes', { hours, minutes });
}

/**
 * When a held item will be sent: "sends in 4 min". Minutes are rounded up (3 min 10 s left reads "4 min"), so
 * a countdown never shows "0 min"; under a minute it says so.
 */
export function formatSendsIn(holdUntil: number, now: number): string {
  const left = holdUntil - now;
  if (left <= 0) return t('item.sendsSoon');
  if (left < MINUTE) return t('item.sendsUnderMinute');
  return t('item.sendsIn', { time: formatMinutes(Math.ceil(left / MINUTE)) });
}

const dateFormat = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short' });

/** How long ago: "just now", "5 min ago", "3 h ago", "on Mar 3". */
export function formatAgo(at: number, now: number): string {
  const ago = now - at;
  if (ago < MINUTE) return t('time.justNow');
  if (ago < HOUR) return t('time.ago', { time: t('time.minutes', { count: Math.floor(ago / MINUTE) }) });
  if (ago < DAY) return t('time.ago', { time: t('time.hours', { hours: Math.floor(ago / HOUR) }) });
  return t('time.on', { date: dateFormat.format(at) });
}
