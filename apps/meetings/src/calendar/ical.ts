/**
 * iCalendar feeds (RFC 5545) of meetings: one meeting, a component's, a
 * space's or the whole organization's, for calendars to import or subscribe to.
 * Pure: the caller chooses the meetings, the language and whether the reader
 * may see the online link.
 *
 * ical-generator writes, escapes and folds the text; timezones-ical-library
 * gives the VTIMEZONE blocks (IANA data bundled, so no network; released with
 * each tzdata version, where @touch4it/ical-timezones has not been since 2024).
 * Each meeting keeps the zone its organizer gave (DTSTART;TZID=…) so calendars
 * move it with that zone's daylight-saving rules; the organization's zone
 * names the feed's zone (X-WR-TIMEZONE).
 */
import { ICalCalendar, ICalCalendarMethod, ICalEventStatus, escape } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';

export interface CalendarMeeting {
  id: string;
  /** Already in the feed's language. */
  title: string;
  /** Plain text, already in the feed's language; may hold newlines. */
  description: string;
  type: 'in_person' | 'online' | 'hybrid';
  startsAt: Date;
  endsAt: Date;
  /** IANA zone the organizer gave the times in, e.g. 'Europe/Paris'. */
  timeZone: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  /** https; only when the feed's reader may see it (the caller decides). */
  onlineUrl: string | null;
  /** The meeting's page on the site (absolute https URL). */
  url: string;
  /** Cancelled and withdrawn meetings stay in the feed, so that calendars remove them. */
  state: 'published' | 'cancelled' | 'withdrawn';
  /** DTSTAMP and LAST-MODIFIED. */
  updatedAt: Date;
  /** Increments on each change registrants rely on (time, place, state). */
  sequence: number;
}

export interface CalendarFeed {
  /** The calendar's name in the reader's calendar, e.g. "Réunions — Ville de Lyon". */
  name: string;
  /** The organization's IANA zone (X-WR-TIMEZONE); one calendarTimeZone knows, or the feed is refused. */
  timeZone: string;
  /** e.g. 'lyon.palabre.fr': UIDs are `${meeting.id}@${organizationHost}`, stable across feeds. */
  organizationHost: string;
  meetings: CalendarMeeting[];
  lang: 'fr' | 'en';
}

export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8';

const TEXTS = {
  fr: { cancelled: 'Annulée : ', joinOnline: 'Participer en ligne : ' },
  en: { cancelled: 'Cancelled: ', joinOnline: 'Join online: ' },
} as const;

/** Lower-cased, as Intl (and luxon) accept a zone in any case. */
const ZONES = new Map(
  (tzlib_get_timezones(false) as string[]).map((zone) => [zone.toLowerCase(), zone]),
);

/** The zone's IANA name as spelled in the time zone database, or null when feeds cannot carry its rules. */
export function calendarTimeZone(zone: string): string | null {
  return ZONES.get(zone.toLowerCase()) ?? null;
}

/** The text/calendar body of a feed. */
export function meetingsCalendar(feed: CalendarFeed): string {
  const feedZone = calendarTimeZone(feed.timeZone);
  if (!feedZone) {
    throw new RangeError(
      `calendar feed: "${feed.timeZone}" is not a time zone (e.g. Europe/Paris)`,
    );
  }
  const texts = TEXTS[feed.lang];
  const calendar = new ICalCalendar({
    prodId: { company: 'Palabre', product: 'Meetings', language: feed.lang.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    // ical-generator writes NAME and X-WR-CALNAME as given, and they are TEXT.
    name: escape(feed.name, false),
    // Subscribed calendars learn of a cancellation within the hour (Apple, Outlook).
    ttl: 60 * 60,
    // No zone name: given one, ical-generator writes DTSTAMP and LAST-MODIFIED
    // as local times, and RFC 5545 wants them in UTC. The generator still gives
    // the VTIMEZONE of every zone the events use.
    timezone: { name: null, generator: vtimezone },
  });

  const zonesUsed = new Set<string>();
  for (const meeting of feed.meetings) {
    // Every zone the site accepts is known; one that is not is written in UTC,
    // still the right instant, rather than under a TZID no VTIMEZONE defines.
    const zone = calendarTimeZone(meeting.timeZone);
    if (zone) zonesUsed.add(zone);
    const at = (instant: Date) => (zone ? DateTime.fromJSDate(instant, { zone }) : instant);
    const cancelled = meeting.state !== 'published';
    const physical = meeting.type !== 'online';
    const location = physical ? meeting.address : meeting.onlineUrl;
    const geo =
      physical && meeting.latitude !== null && meeting.longitude !== null
        ? { lat: meeting.latitude, lon: meeting.longitude }
        : undefined;
    const description = [
      meeting.description.trim(),
      meeting.type === 'hybrid' && meeting.onlineUrl ? texts.joinOnline + meeting.onlineUrl : '',
      meeting.url,
    ];

    calendar.createEvent({
      id: `${meeting.id}@${feed.organizationHost}`,
      sequence: meeting.sequence,
      stamp: meeting.updatedAt,
      lastModified: meeting.updatedAt,
      // ical-generator writes a plain Date's wall-clock time in the process's
      // zone; a luxon DateTime carries the meeting's zone.
      start: at(meeting.startsAt),
      end: at(meeting.endsAt),
      timezone: zone,
      summary: (cancelled ? texts.cancelled : '') + meeting.title,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      location: location ? { title: location, geo } : geo ? { geo } : null,
      description: description.filter(Boolean).join('\n\n'),
      url: meeting.url,
    });
  }

  // With the calendar's other properties, before the events (RFC 5545 §3.6):
  // ical-generator writes its x() properties after them.
  const zone = zonesUsed.has(feedZone) ? '' : (vtimezone(feedZone) as string) + '\r\n';
  return (
    calendar
      .toString()
      .replace(/\r\n(?=BEGIN:|END:VCALENDAR)/, `\r\nX-WR-TIMEZONE:${feedZone}\r\n${zone}`) + '\r\n'
  );
}

/**
 * The VTIMEZONE of a zone, under the zone's own name: for a link (Indian/Reunion,
 * Europe/Luxembourg) the library answers with the zone it links to (Asia/Dubai,
 * Europe/Brussels), and a TZID no VTIMEZONE defines leaves the time unknown.
 */
function vtimezone(zone: string): string | null {
  if (calendarTimeZone(zone) !== zone) return null;
  const [block] = tzlib_get_ical_block(zone, false) as string[];
  return block
    .replace(/^TZID:.*$/m, `TZID:${zone}`)
    .replace(/^X-LIC-LOCATION:.*$/m, `X-LIC-LOCATION:${zone}`);
}

/**
 * Content-Disposition of a feed: `inline` for a subscription URL (calendars
 * read it), `attachment` for "add to my calendar" (the browser saves a file,
 * which the system opens in its calendar). The name is reduced to ASCII so no
 * browser mangles it, and ends in .ics.
 */
export function calendarContentDisposition(
  name: string,
  as: 'attachment' | 'inline' = 'attachment',
): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/\.ics$/i, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '') || 'calendar';
  return `${as}; filename="${base}.ics"`;
}
