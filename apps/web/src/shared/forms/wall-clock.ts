/**
 * Dates and times as people type them: a wall-clock time (`datetime-local`,
 * no zone) read in a named zone — a meeting's, or Europe/Paris where the site
 * gives its own dates.
 */
import { DateTime } from 'luxon';

const WALL_CLOCK = "yyyy-LL-dd'T'HH:mm";

/** An instant (RFC 3339) as the wall-clock time a `datetime-local` control shows in `zone`. */
export function wallClockIn(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toFormat(WALL_CLOCK);
}

/**
 * A typed date and time as the API takes it (2027-01-15T18:30), or null: what
 * a `datetime-local` control sends, or, where a browser shows a plain text
 * box, "15/01/2027 18:30".
 */
export function parseWallClock(text: string): string | null {
  const t = text.trim();
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})[ T,]+(\d{1,2})[:h](\d{2})$/.exec(t);
  const iso = fr
    ? `${fr[3]}-${fr[2].padStart(2, '0')}-${fr[1].padStart(2, '0')}T${fr[4].padStart(2, '0')}:${fr[5]}`
    : /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(t)
      ? t.replace(' ', 'T').slice(0, 16)
      : null;
  if (!iso) return null;
  const d = DateTime.fromISO(iso, { zone: 'utc' });
  return d.isValid && d.toFormat(WALL_CLOCK) === iso ? iso : null;
}

/** A wall-clock time (as `parseWallClock` gives it) in `zone`, as an instant (RFC 3339, UTC). */
export function instantOf(wallClock: string, zone: string): string | null {
  const d = DateTime.fromISO(wallClock, { zone });
  return d.isValid ? d.toUTC().toISO({ suppressMilliseconds: true }) : null;
}
