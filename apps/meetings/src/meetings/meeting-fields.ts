import type { LocalizedText } from '@palabre/contracts';
import { badInput, localized, type FieldError } from '@palabre/service-kit';
import { instantIn, isTimeZone, wallClock } from '../time';
import type { CreateMeetingDto, PhotoDto } from './meeting.dto';
import type { MeetingRow } from './meeting.view';
import type { MeetingFields } from './meetings.repository';

/** An https address, or the reason it is not one. */
export function httpsProblem(value: string): string | null {
  try {
    const u = new URL(value);
    if (u.protocol !== 'https:') return 'must be an https:// address';
    return null;
  } catch {
    return 'must be an https:// address';
  }
}

export function photosFrom(
  field: string,
  photos: PhotoDto[],
  errors: FieldError[],
): { url: string; alt: LocalizedText }[] {
  return photos.map((p, i) => {
    const problem = httpsProblem(p.url);
    if (problem) errors.push({ field: `${field}.${i}.url`, message: problem, rule: 'isHttpsUrl' });
    return { url: p.url.trim(), alt: localized(p.alt) };
  });
}

/** What registrants rely on, by the name MeetingChanged gives it. */
const RELIED_ON: Record<string, (keyof MeetingRow)[]> = {
  title: ['title'],
  schedule: ['starts_at', 'ends_at', 'time_zone'],
  place: ['address', 'location_hints', 'latitude', 'longitude'],
  online_link: ['online_url', 'online_visibility', 'online_shown_minutes_before'],
  type: ['type'],
  agenda: ['agenda'],
  services: ['services'],
  registrations: ['registrations_enabled', 'capacity', 'reserved_seats', 'waiting_list_enabled'],
};

/** JSON with every object's keys in order: jsonb gives a row's keys back in its own order ({"en", "fr"}). */
const canonical = (v: unknown): string =>
  JSON.stringify(v ?? null, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : value,
  );

const same = (a: unknown, b: unknown) =>
  a instanceof Date || b instanceof Date
    ? new Date(a as Date).getTime() === new Date(b as Date).getTime()
    : canonical(a) === canonical(b);

/** The fields that differ from the row, and what of it registrants rely on. */
export function changesOf(
  row: MeetingRow,
  fields: MeetingFields,
): { changed: Record<string, unknown>; relied: string[] } {
  const changed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields))
    if (!same(row[k as keyof MeetingRow], v)) changed[k] = v;
  const relied = Object.entries(RELIED_ON)
    .filter(([, cols]) => cols.some((c) => c in changed))
    .map(([name]) => name);
  return { changed, relied };
}

/**
 * The columns an organizer's input sets, checked as a whole against what
 * the meeting is (`row`, when editing): times in their zone, end after
 * start, an address where people come, https links, reserved seats within
 * the capacity. 400 naming every field at fault.
 */
export function meetingFields(
  dto: Partial<CreateMeetingDto>,
  row: MeetingRow | null,
): MeetingFields {
  const errors: FieldError[] = [];
  const f: MeetingFields = {};
  if (dto.title !== undefined || !row) {
    const title = localized(dto.title);
    if (!Object.keys(title).length)
      errors.push({
        field: 'title',
        message: 'give it in French (fr) or English (en)',
        rule: 'isNotEmpty',
      });
    f.title = title;
  }
  if (dto.description !== undefined) f.description = localized(dto.description);
  if (dto.type !== undefined) f.type = dto.type;

  const zone = dto.timeZone ?? row?.time_zone;
  if (dto.timeZone !== undefined) {
    if (!isTimeZone(dto.timeZone))
      errors.push({
        field: 'timeZone',
        message: 'must be an IANA time zone such as Europe/Paris',
        rule: 'isTimeZone',
      });
    else f.time_zone = dto.timeZone;
  } else if (!row) errors.push({ field: 'timeZone', message: 'is required', rule: 'isNotEmpty' });
  const timeOk = zone !== undefined && isTimeZone(zone);
  for (const [field, column] of [
    ['startsAt', 'starts_at'],
    ['endsAt', 'ends_at'],
  ] as const) {
    const text = dto[field];
    if (text === undefined) {
      if (!row) errors.push({ field, message: 'is required', rule: 'isNotEmpty' });
      // The zone changed: the wall-clock times stay, the instants move with it.
      else if (dto.timeZone !== undefined && timeOk && dto.timeZone !== row.time_zone) {
        const moved = instantIn(wallClock(new Date(row[column]), row.time_zone), zone);
        if (moved) f[column] = moved;
      }
      continue;
    }
    if (!timeOk) continue;
    const at = instantIn(text, zone);
    if (!at)
      errors.push({
        field,
        message: 'must be a date and time such as 2027-01-15T18:30',
        rule: 'isDateTime',
      });
    else f[column] = at;
  }
  const starts = f.starts_at ?? row?.starts_at;
  const ends = f.ends_at ?? row?.ends_at;
  if (starts && ends && new Date(ends) <= new Date(starts) && (f.starts_at || f.ends_at))
    errors.push({ field: 'endsAt', message: 'must be after the start', rule: 'isAfterStart' });

  if (dto.address !== undefined) f.address = dto.address?.trim() || null;
  const type = f.type ?? row?.type;
  const address = f.address !== undefined ? f.address : row?.address;
  if (
    type &&
    type !== 'online' &&
    !address &&
    (dto.address !== undefined || dto.type !== undefined || !row)
  )
    errors.push({
      field: 'address',
      message: 'is required for a meeting people come to (in person or hybrid)',
      rule: 'isNotEmpty',
    });
  if (dto.locationHints !== undefined) f.location_hints = localized(dto.locationHints);
  if (dto.latitude !== undefined) f.latitude = dto.latitude;
  if (dto.longitude !== undefined) f.longitude = dto.longitude;
  const lat = f.latitude !== undefined ? f.latitude : row?.latitude;
  const lon = f.longitude !== undefined ? f.longitude : row?.longitude;
  if ((lat === null || lat === undefined) !== (lon === null || lon === undefined))
    errors.push({
      field: lat === null || lat === undefined ? 'latitude' : 'longitude',
      message: 'give both latitude and longitude, or neither',
      rule: 'isCoordinatePair',
    });

  if (dto.onlineUrl !== undefined) {
    const url = dto.onlineUrl?.trim() || null;
    const problem = url ? httpsProblem(url) : null;
    if (problem) errors.push({ field: 'onlineUrl', message: problem, rule: 'isHttpsUrl' });
    f.online_url = url;
  }
  if (dto.onlineVisibility !== undefined) f.online_visibility = dto.onlineVisibility;
  if (dto.onlineShownMinutesBefore !== undefined)
    f.online_shown_minutes_before = dto.onlineShownMinutesBefore;
  if (dto.agenda !== undefined)
    f.agenda = dto.agenda.map((a, i) => {
      const title = localized(a.title);
      if (!Object.keys(title).length)
        errors.push({
          field: `agenda.${i}.title`,
          message: 'give it in French (fr) or English (en)',
          rule: 'isNotEmpty',
        });
      return { title, description: localized(a.description), durationMinutes: a.durationMinutes };
    });
  if (dto.services !== undefined) f.services = dto.services;
  if (dto.private !== undefined) f.private = dto.private;
  if (dto.transparent !== undefined) f.transparent = dto.transparent;
  if (dto.registrationsEnabled !== undefined) f.registrations_enabled = dto.registrationsEnabled;
  if (dto.capacity !== undefined) f.capacity = dto.capacity ? dto.capacity : null;
  if (dto.reservedSeats !== undefined) f.reserved_seats = dto.reservedSeats;
  if (dto.waitingListEnabled !== undefined) f.waiting_list_enabled = dto.waitingListEnabled;
  if (dto.registrationTerms !== undefined) f.registration_terms = localized(dto.registrationTerms);
  if (dto.photos !== undefined) f.photos = photosFrom('photos', dto.photos, errors);

  const capacity = f.capacity !== undefined ? f.capacity : (row?.capacity ?? null);
  const reserved = f.reserved_seats ?? row?.reserved_seats ?? 0;
  if (capacity !== null && reserved > capacity)
    errors.push({
      field: 'reservedSeats',
      message: `cannot exceed the capacity (${capacity})`,
      rule: 'max',
      limit: capacity,
    });
  if (row && capacity !== null && (f.capacity !== undefined || f.reserved_seats !== undefined)) {
    const offered = capacity - reserved;
    if (offered < row.seats_taken)
      errors.push({
        field: f.capacity !== undefined ? 'capacity' : 'reservedSeats',
        message: `leaves fewer seats (${offered}) than registrations already hold (${row.seats_taken})`,
        rule: 'min',
        limit: row.seats_taken + reserved,
      });
  }
  if (errors.length) throw badInput(errors, 'INVALID');
  return f;
}
