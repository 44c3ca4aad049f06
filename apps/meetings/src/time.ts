import { DateTime, IANAZone } from 'luxon';

/** A wall-clock time as a form gives it: 2027-01-15T18:30 (seconds optional, no offset). */
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

export const isTimeZone = (zone: string): boolean => IANAZone.isValidZone(zone);

/**
 * The instant of a wall-clock time in an IANA zone (luxon), or null when the
 * text is not one; a time the zone skips (the spring-forward gap) moves
 * forward as luxon does. An RFC 3339 time with an offset is taken as is.
 */
export function instantIn(text: string, zone: string): Date | null {
  if (LOCAL.test(text)) {
    const t = DateTime.fromISO(text, { zone });
    return t.isValid ? t.toJSDate() : null;
  }
  const t = DateTime.fromISO(text, { setZone: true });
  return t.isValid && /([zZ]|[+-]\d{2}:\d{2})$/.test(text) ? t.toJSDate() : null;
}

/** The wall-clock time of an instant in a zone, as forms show it (2027-01-15T18:30). */
export function wallClock(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat("yyyy-LL-dd'T'HH:mm");
}
