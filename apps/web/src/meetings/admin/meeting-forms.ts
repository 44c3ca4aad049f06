/**
 * The organizers' meeting forms, read and checked: what was typed (to show
 * back), the errors per field (keyed by the control's id), and the API body
 * when valid. Times are typed as wall-clock times (`datetime-local`) in the
 * meeting's time zone, which the API takes as they are (ADR 0033 for texts
 * per language). Agenda and photo rows are a fixed number of controls, so
 * that the form needs no JavaScript: empty rows are ignored.
 */
import { DateTime, IANAZone } from 'luxon';
import { parseWallClock, wallClockIn } from '../../shared/forms/wall-clock';
import { TEXT_LANGUAGES, type LocalizedText } from '@palabre/contracts';
import type { FieldError } from '../../shared/html/components';
import { formText, parseInteger } from '../../shared/html/form-controls';
import type { I18n, MessageKey } from '../../shared/i18n/i18n';
import {
  charCount,
  isHttps,
  readTexts,
  textBody,
  textId,
  textValues,
  type FormBody,
  type FormRead,
  type TextValues,
} from '../../shared/forms/form-read';
import {
  MEETING_SERVICES,
  MEETING_TYPES,
  ONLINE_VISIBILITIES,
  type MeetingServiceKind,
  type MeetingType,
  type MeetingView,
  type OnlineVisibility,
} from '../meetings.api';

export type Values = Record<string, string>;

/** The service's limits (CreateMeetingDto, MinutesDto). */
export const LIMITS = {
  title: 200,
  description: 20_000,
  address: 300,
  locationHints: 500,
  url: 2_000,
  agendaTitle: 200,
  agendaDescription: 2_000,
  terms: 5_000,
  alt: 300,
  reason: 2_000,
  minutes: 50_000,
  organizations: 2_000,
  seats: 1_000_000,
  shownBefore: 10_080,
  duration: 1_440,
  name: 120,
  email: 254,
} as const;

/** Agenda rows shown at least, and at most (the API's 50). */
export const AGENDA_ROWS = 8;
export const AGENDA_MAX = 50;
/** Photo rows shown at least, and at most (the API's 20). */
export const PHOTO_ROWS = 3;
export const PHOTO_MAX = 20;

export const DEFAULT_ZONE = 'Europe/Paris';
/**
 * The zones offered first: metropolitan France, the overseas territories,
 * neighbours. A meeting in another zone keeps its own (added to the list).
 */
export const TIME_ZONES = [
  'Europe/Paris',
  'America/Guadeloupe',
  'America/Martinique',
  'America/Cayenne',
  'Indian/Reunion',
  'Indian/Mayotte',
  'America/Miquelon',
  'Pacific/Noumea',
  'Pacific/Tahiti',
  'Pacific/Wallis',
  'Europe/Brussels',
  'Europe/Luxembourg',
  'Europe/Zurich',
  'Europe/London',
  'UTC',
] as const;

export { isHttps, parseWallClock, wallClockIn };

export const isZone = (zone: string) => zone !== '' && IANAZone.isValidZone(zone);

/** "45,764" or "45.764" → 45.764; null when not a number. */
export function parseDecimal(text: string): number | null {
  const t = text.replace(/\s/g, '').replace(',', '.').replace('−', '-');
  return /^-?\d{1,3}(\.\d{1,10})?$/.test(t) ? Number(t) : null;
}

/** A stored text as the form's values: `name-fr`, `name-en`. */
export function textEntries(name: string, t: LocalizedText | null | undefined): Values {
  const values = textValues(t);
  return Object.fromEntries(TEXT_LANGUAGES.map((lang) => [textId(name, lang), values[lang]]));
}

/** A text per language as typed back from the values. */
export const textsOf = (v: Values, name: string): TextValues => ({
  fr: v[textId(name, 'fr')] ?? '',
  en: v[textId(name, 'en')] ?? '',
});

/** A text's API fields → its controls: `title.en` → `title-en`; `title` (none written) → the French one. */
export const textFields = (api: string, id = api): Record<string, string> =>
  Object.fromEntries([
    ...TEXT_LANGUAGES.map((lang) => [`${api}.${lang}`, textId(id, lang)]),
    [api, textId(id, 'fr')],
  ]);

/** Collects errors with the page's words. */
class Errors {
  readonly list: FieldError[] = [];
  constructor(private readonly i18n: I18n) {}
  add(field: string, key: MessageKey, params: Record<string, string | number> = {}) {
    if (!this.list.some((e) => e.field === field))
      this.list.push({ field, message: this.i18n.t(key, params) });
  }
  has(field: string) {
    return this.list.some((e) => e.field === field);
  }
}

/** A text per language read into `v`, each language within `max`; `required`: one language at least. */
function readText(
  body: FormBody,
  v: Values,
  e: Errors,
  name: string,
  max: number,
  required?: MessageKey,
): LocalizedText {
  Object.assign(v, textEntries(name, readTexts(body, name)));
  const t = textsOf(v, name);
  for (const lang of TEXT_LANGUAGES)
    if (charCount(t[lang]) > max) e.add(textId(name, lang), 'meetingsAdmin.error.tooLong', { max });
  if (required && !t.fr && !t.en) e.add(textId(name, 'fr'), required);
  return textBody(t);
}

/** A whole number within bounds, or undefined when empty (`required`: said when empty). */
function readInt(
  v: Values,
  e: Errors,
  field: string,
  min: number,
  max: number,
  required = false,
): number | undefined {
  const text = v[field];
  if (!text) {
    if (required) e.add(field, 'meetingsAdmin.error.between', { min, max });
    return undefined;
  }
  const n = parseInteger(text);
  if (n === null || n < min || n > max) {
    e.add(field, 'meetingsAdmin.error.between', { min, max });
    return undefined;
  }
  return n;
}

const ticked = (body: FormBody, name: string) => body[name] === 'true';

/** The rows of a repeated group that were posted (`agenda-3-…` → 3), highest first excluded. */
function postedRows(body: FormBody, prefix: string, max: number): number[] {
  const rows = new Set<number>();
  for (const key of Object.keys(body)) {
    const m = new RegExp(`^${prefix}-(\\d+)-`).exec(key);
    if (m && Number(m[1]) < max) rows.add(Number(m[1]));
  }
  return [...rows].sort((a, b) => a - b);
}

export const agendaId = (row: number, part: 'title' | 'description' | 'duration') =>
  `agenda-${row}-${part}`;
export const photoId = (row: number, part: 'url' | 'alt') => `photo-${row}-${part}`;

export interface PhotoBody {
  url: string;
  alt: LocalizedText;
}

/** The photo rows (a URL and its description per language); rows left empty are ignored. */
function readPhotos(body: FormBody, v: Values, e: Errors): { photos: PhotoBody[]; rows: number[] } {
  const photos: PhotoBody[] = [];
  const rows: number[] = [];
  for (const row of postedRows(body, 'photo', PHOTO_MAX)) {
    const url = formText(body, photoId(row, 'url'));
    v[photoId(row, 'url')] = url;
    const alt = readText(body, v, e, photoId(row, 'alt'), LIMITS.alt);
    if (!url && !alt.fr && !alt.en) continue;
    if (!isHttps(url) || url.length > LIMITS.url)
      e.add(photoId(row, 'url'), 'meetingsAdmin.error.https');
    if (!alt.fr && !alt.en)
      e.add(textId(photoId(row, 'alt'), 'fr'), 'meetingsAdmin.error.photoAlt');
    photos.push({ url, alt });
    rows.push(row);
  }
  return { photos, rows };
}

/** The API's field of an item it was sent (`photos.2.url`) → the row's control it came from. */
export function rowField(
  field: string,
  list: string,
  rows: number[],
  ids: (row: number, part: string) => string | null,
): string | null {
  const m = new RegExp(`^${list}\\.(\\d+)\\.(\\w+)(?:\\.(fr|en))?`).exec(field);
  if (!m) return null;
  const row = rows[Number(m[1])];
  if (row === undefined) return null;
  const id = ids(row, m[2]);
  if (!id) return null;
  return m[3] || m[2] === 'title' || m[2] === 'alt' || m[2] === 'description'
    ? textId(id, (m[3] as 'fr' | 'en' | undefined) ?? 'fr')
    : id;
}

export interface AgendaBody {
  title: LocalizedText;
  description: LocalizedText;
  durationMinutes: number;
}

/** A meeting as the API takes it (CreateMeetingDto), every field given: an edit sends the whole form. */
export interface MeetingBody {
  title: LocalizedText;
  description: LocalizedText;
  type: MeetingType;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  address: string | null;
  locationHints: LocalizedText;
  latitude: number | null;
  longitude: number | null;
  onlineUrl: string | null;
  onlineVisibility: OnlineVisibility;
  onlineShownMinutesBefore?: number;
  agenda: AgendaBody[];
  services: MeetingServiceKind[];
  private: boolean;
  transparent: boolean;
  registrationsEnabled: boolean;
  capacity: number | null;
  reservedSeats: number;
  waitingListEnabled: boolean;
  registrationTerms: LocalizedText;
  photos: PhotoBody[];
}

/** The body, and which row each agenda item and photo came from (to put the API's refusals next to them). */
export interface MeetingDto {
  body: MeetingBody;
  agendaRows: number[];
  photoRows: number[];
}

/** Single fields of the meeting form whose API name is their control's id. */
const MEETING_SINGLE = [
  'type',
  'startsAt',
  'endsAt',
  'timeZone',
  'address',
  'latitude',
  'longitude',
  'onlineUrl',
  'onlineVisibility',
  'onlineShownMinutesBefore',
  'services',
  'capacity',
  'reservedSeats',
] as const;

export const MEETING_FIELDS: Record<string, string> = {
  ...textFields('title'),
  ...textFields('description'),
  ...textFields('locationHints'),
  ...textFields('registrationTerms'),
  ...Object.fromEntries(MEETING_SINGLE.map((f) => [f, f])),
  private: 'private',
  transparent: 'transparent',
  registrationsEnabled: 'registrationsEnabled',
  waitingListEnabled: 'waitingListEnabled',
};

/** The controls of the agenda and photo rows, as `send` names the API's refusals of them. */
export function rowControls(): Record<string, string> {
  const ids: string[] = [];
  for (let row = 0; row < AGENDA_MAX; row++)
    ids.push(
      ...TEXT_LANGUAGES.flatMap((l) => [
        textId(agendaId(row, 'title'), l),
        textId(agendaId(row, 'description'), l),
      ]),
      agendaId(row, 'duration'),
    );
  for (let row = 0; row < PHOTO_MAX; row++)
    ids.push(photoId(row, 'url'), ...TEXT_LANGUAGES.map((l) => textId(photoId(row, 'alt'), l)));
  return Object.fromEntries(ids.map((id) => [id, id]));
}

const agendaControl = (row: number, part: string) =>
  part === 'title' || part === 'description'
    ? agendaId(row, part)
    : part === 'durationMinutes'
      ? agendaId(row, 'duration')
      : null;
const photoControl = (row: number, part: string) =>
  part === 'url' || part === 'alt' ? photoId(row, part) : null;

/** An API field of the meeting or minutes forms as the control it names (rows included), or the field as it is. */
export function controlOf(field: string, dto: { agendaRows?: number[]; photoRows: number[] }) {
  return (
    (dto.agendaRows && rowField(field, 'agenda', dto.agendaRows, agendaControl)) ||
    rowField(field, 'photos', dto.photoRows, photoControl) ||
    field
  );
}

/** The meeting form: every rule the site knows, said next to its field. */
export function readMeeting(i18n: I18n, body: FormBody): FormRead<MeetingDto> {
  const v: Values = {};
  const e = new Errors(i18n);
  for (const k of [
    'type',
    'startsAt',
    'endsAt',
    'timeZone',
    'address',
    'latitude',
    'longitude',
    'onlineUrl',
    'onlineVisibility',
    'onlineShownMinutesBefore',
    'capacity',
    'reservedSeats',
  ])
    v[k] = formText(body, k);
  for (const k of ['private', 'transparent', 'registrationsEnabled', 'waitingListEnabled'])
    v[k] = ticked(body, k) ? 'true' : '';
  const rawServices = body.services ?? [];
  const services = (Array.isArray(rawServices) ? rawServices : [rawServices]).filter(
    (s): s is string => typeof s === 'string',
  );
  v.services = services.join(',');

  const title = readText(body, v, e, 'title', LIMITS.title, 'meetingsAdmin.error.title');
  const description = readText(body, v, e, 'description', LIMITS.description);
  const type = MEETING_TYPES.find((t) => t === v.type);
  if (!type) e.add('type', 'meetingsAdmin.error.type');

  const zone = v.timeZone || DEFAULT_ZONE;
  if (!isZone(zone)) e.add('timeZone', 'meetingsAdmin.error.timeZone');
  const startsAt = parseWallClock(v.startsAt);
  const endsAt = parseWallClock(v.endsAt);
  if (!startsAt) e.add('startsAt', 'meetingsAdmin.error.startsAt');
  if (!endsAt) e.add('endsAt', 'meetingsAdmin.error.endsAt');
  if (startsAt && endsAt && isZone(zone)) {
    const a = DateTime.fromISO(startsAt, { zone });
    const b = DateTime.fromISO(endsAt, { zone });
    if (b <= a) e.add('endsAt', 'meetingsAdmin.error.endBeforeStart');
  }

  if (charCount(v.address) > LIMITS.address)
    e.add('address', 'meetingsAdmin.error.tooLong', { max: LIMITS.address });
  if (type && type !== 'online' && !v.address) e.add('address', 'meetingsAdmin.error.address');
  const locationHints = readText(body, v, e, 'locationHints', LIMITS.locationHints);
  const coordinate = (field: 'latitude' | 'longitude', max: number) => {
    if (!v[field]) return null;
    const n = parseDecimal(v[field]);
    if (n === null || n < -max || n > max) {
      e.add(field, 'meetingsAdmin.error.coordinate', { min: -max, max });
      return undefined;
    }
    return n;
  };
  const latitude = coordinate('latitude', 90);
  const longitude = coordinate('longitude', 180);
  if ((latitude === null) !== (longitude === null))
    e.add(latitude === null ? 'latitude' : 'longitude', 'meetingsAdmin.error.coordinatePair');

  if (v.onlineUrl && (!isHttps(v.onlineUrl) || v.onlineUrl.length > LIMITS.url))
    e.add('onlineUrl', 'meetingsAdmin.error.https');
  const visibility = ONLINE_VISIBILITIES.find((x) => x === (v.onlineVisibility || 'registered'));
  if (!visibility) e.add('onlineVisibility', 'meetingsAdmin.error.choice');
  const shownBefore = readInt(v, e, 'onlineShownMinutesBefore', 0, LIMITS.shownBefore);

  const agenda: AgendaBody[] = [];
  const agendaRows: number[] = [];
  for (const row of postedRows(body, 'agenda', AGENDA_MAX)) {
    const t = readText(body, v, e, agendaId(row, 'title'), LIMITS.agendaTitle);
    const d = readText(body, v, e, agendaId(row, 'description'), LIMITS.agendaDescription);
    const durationId = agendaId(row, 'duration');
    v[durationId] = formText(body, durationId);
    if (!t.fr && !t.en && !d.fr && !d.en && !v[durationId]) continue;
    if (!t.fr && !t.en)
      e.add(textId(agendaId(row, 'title'), 'fr'), 'meetingsAdmin.error.agendaTitle');
    const minutes = parseInteger(v[durationId]);
    if (minutes === null || minutes < 1 || minutes > LIMITS.duration)
      e.add(durationId, 'meetingsAdmin.error.duration', { max: LIMITS.duration });
    agenda.push({ title: t, description: d, durationMinutes: minutes ?? 0 });
    agendaRows.push(row);
  }

  if (!services.every((s) => (MEETING_SERVICES as readonly string[]).includes(s)))
    e.add('services', 'meetingsAdmin.error.choice');
  const capacity = readInt(v, e, 'capacity', 1, LIMITS.seats);
  const reserved = readInt(v, e, 'reservedSeats', 0, LIMITS.seats);
  if (capacity !== undefined && reserved !== undefined && reserved > capacity)
    e.add('reservedSeats', 'meetingsAdmin.error.reservedOverCapacity', { capacity });
  const registrationTerms = readText(body, v, e, 'registrationTerms', LIMITS.terms);
  const { photos, rows: photoRows } = readPhotos(body, v, e);

  if (e.list.length || !type || !startsAt || !endsAt || !visibility)
    return { values: v, errors: e.list, dto: null };
  return {
    values: v,
    errors: [],
    dto: {
      agendaRows,
      photoRows,
      body: {
        title,
        description,
        type,
        startsAt,
        endsAt,
        timeZone: zone,
        address: v.address || null,
        locationHints,
        latitude: latitude ?? null,
        longitude: longitude ?? null,
        onlineUrl: v.onlineUrl || null,
        onlineVisibility: visibility,
        ...(shownBefore !== undefined ? { onlineShownMinutesBefore: shownBefore } : {}),
        agenda,
        services: services as MeetingServiceKind[],
        private: v.private === 'true',
        transparent: v.transparent === 'true',
        registrationsEnabled: v.registrationsEnabled === 'true',
        capacity: capacity ?? null,
        reservedSeats: reserved ?? 0,
        waitingListEnabled: v.waitingListEnabled === 'true',
        registrationTerms,
        photos,
      },
    },
  };
}

/** A new meeting's form as first shown. */
export const newMeetingValues = (): Values => ({
  type: 'in_person',
  timeZone: DEFAULT_ZONE,
  onlineVisibility: 'registered',
  registrationsEnabled: 'true',
  waitingListEnabled: 'true',
  reservedSeats: '0',
});

const photoValues = (photos: MeetingView['photos']): Values =>
  Object.assign(
    {},
    ...photos.map((p, row) => ({
      [photoId(row, 'url')]: p.url,
      ...textEntries(photoId(row, 'alt'), p.alt),
    })),
  );

/** A meeting as its edit form shows it: times back in its zone's wall clock. */
export function meetingValues(m: MeetingView): Values {
  const v: Values = {
    ...textEntries('title', m.title),
    ...textEntries('description', m.description),
    ...textEntries('locationHints', m.locationHints),
    ...textEntries('registrationTerms', m.registrationTerms),
    type: m.type,
    startsAt: wallClockIn(m.startsAt, m.timeZone),
    endsAt: wallClockIn(m.endsAt, m.timeZone),
    timeZone: m.timeZone,
    address: m.address ?? '',
    latitude: m.latitude === null ? '' : String(m.latitude),
    longitude: m.longitude === null ? '' : String(m.longitude),
    onlineUrl: m.online?.url ?? '',
    onlineVisibility: m.online?.visibility ?? 'registered',
    onlineShownMinutesBefore: m.online
      ? String(Math.round((Date.parse(m.startsAt) - Date.parse(m.online.shownFrom)) / 60_000))
      : '',
    services: m.services.join(','),
    private: m.private ? 'true' : '',
    transparent: m.transparent ? 'true' : '',
    registrationsEnabled: m.seats.enabled ? 'true' : '',
    capacity: m.seats.capacity === null ? '' : String(m.seats.capacity),
    reservedSeats: String(m.seats.reservedSeats),
    waitingListEnabled: m.seats.waitingListEnabled ? 'true' : '',
    ...photoValues(m.photos),
  };
  m.agenda.forEach((a, row) => {
    Object.assign(v, textEntries(agendaId(row, 'title'), a.title));
    Object.assign(v, textEntries(agendaId(row, 'description'), a.description));
    v[agendaId(row, 'duration')] = String(a.durationMinutes);
  });
  return v;
}

/** The highest row of a repeated group holding something, or -1. */
export function lastRow(v: Values, prefix: string): number {
  let last = -1;
  for (const [key, value] of Object.entries(v)) {
    const m = new RegExp(`^${prefix}-(\\d+)-`).exec(key);
    if (m && value) last = Math.max(last, Number(m[1]));
  }
  return last;
}

// --- cancelling, withdrawing ---------------------------------------------------

export interface ReasonDto {
  reason: LocalizedText;
}

/** Why the meeting is called off, per language (`required`: one language at least). */
export function readReason(
  i18n: I18n,
  body: FormBody,
  name: string,
  required: boolean,
): FormRead<ReasonDto> {
  const v: Values = {};
  const e = new Errors(i18n);
  const reason = readText(
    body,
    v,
    e,
    name,
    LIMITS.reason,
    required ? 'meetingsAdmin.error.reason' : undefined,
  );
  return { values: v, errors: e.list, dto: e.list.length ? null : { reason } };
}

// --- minutes -------------------------------------------------------------------

export interface MinutesBody {
  text: LocalizedText;
  attendeesCount: number;
  contributionsCount: number;
  organizations: string;
  audioUrl: string | null;
  videoUrl: string | null;
  proposals: { proposalId: string; kind: 'born' | 'linked' }[];
  photos: PhotoBody[];
}

export interface MinutesDto {
  body: MinutesBody;
  photoRows: number[];
}

export const MINUTES_FIELDS: Record<string, string> = {
  ...textFields('text', 'minutes'),
  attendeesCount: 'attendeesCount',
  contributionsCount: 'contributionsCount',
  organizations: 'organizations',
  audioUrl: 'audioUrl',
  videoUrl: 'videoUrl',
  proposals: 'bornProposals',
};

/** A proposal named by its id, or by the address of its page (its last id). */
export function proposalIdOf(line: string): string | null {
  const ids = line.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi);
  return ids ? ids[ids.length - 1].toLowerCase() : null;
}

function readProposals(
  v: Values,
  e: Errors,
  field: 'bornProposals' | 'linkedProposals',
  kind: 'born' | 'linked',
) {
  const out: MinutesBody['proposals'] = [];
  v[field]
    .split('\n')
    .map((l) => l.trim())
    .forEach((line, i) => {
      if (!line) return;
      const id = proposalIdOf(line);
      if (!id) e.add(field, 'meetingsAdmin.error.proposalLine', { line: i + 1 });
      else out.push({ proposalId: id, kind });
    });
  return out;
}

export function readMinutes(i18n: I18n, body: FormBody): FormRead<MinutesDto> {
  const v: Values = {};
  const e = new Errors(i18n);
  for (const k of [
    'attendeesCount',
    'contributionsCount',
    'organizations',
    'audioUrl',
    'videoUrl',
    'bornProposals',
    'linkedProposals',
  ])
    v[k] = formText(body, k);
  const text = readText(body, v, e, 'minutes', LIMITS.minutes, 'meetingsAdmin.error.minutes');
  const attendees = readInt(v, e, 'attendeesCount', 0, LIMITS.seats, true);
  const contributions = readInt(v, e, 'contributionsCount', 0, LIMITS.seats, true);
  if (charCount(v.organizations) > LIMITS.organizations)
    e.add('organizations', 'meetingsAdmin.error.tooLong', { max: LIMITS.organizations });
  for (const k of ['audioUrl', 'videoUrl'])
    if (v[k] && (!isHttps(v[k]) || v[k].length > LIMITS.url)) e.add(k, 'meetingsAdmin.error.https');
  const born = readProposals(v, e, 'bornProposals', 'born');
  const linked = readProposals(v, e, 'linkedProposals', 'linked');
  // One link per proposal: born in the meeting says more than linked to it.
  const proposals = [
    ...born,
    ...linked.filter((l) => !born.some((b) => b.proposalId === l.proposalId)),
  ];
  if (proposals.length > 500) e.add('linkedProposals', 'meetingsAdmin.error.tooManyProposals');
  const { photos, rows: photoRows } = readPhotos(body, v, e);
  if (e.list.length || attendees === undefined || contributions === undefined)
    return { values: v, errors: e.list, dto: null };
  return {
    values: v,
    errors: [],
    dto: {
      photoRows,
      body: {
        text,
        attendeesCount: attendees,
        contributionsCount: contributions,
        organizations: v.organizations,
        audioUrl: v.audioUrl || null,
        videoUrl: v.videoUrl || null,
        proposals,
        photos,
      },
    },
  };
}

/** The minutes form as first shown: the minutes written, else the registrations' counts. */
export function minutesValues(m: MeetingView, attended: number | null): Values {
  const min = m.minutes;
  return {
    ...textEntries('minutes', min?.text),
    attendeesCount: min ? String(min.attendeesCount) : attended === null ? '' : String(attended),
    contributionsCount: min ? String(min.contributionsCount) : '',
    organizations: min?.organizations ?? '',
    audioUrl: min?.audioUrl ?? '',
    videoUrl: min?.videoUrl ?? '',
    bornProposals: m.proposals
      .filter((p) => p.kind === 'born')
      .map((p) => p.proposalId)
      .join('\n'),
    linkedProposals: m.proposals
      .filter((p) => p.kind === 'linked')
      .map((p) => p.proposalId)
      .join('\n'),
    ...photoValues(m.photos),
  };
}

// --- registrations -------------------------------------------------------------

/** A code shown at the door: letters and digits, spaces and dashes ignored (as the API does). */
export function readCode(i18n: I18n, body: FormBody): FormRead<{ code: string }> {
  const code = formText(body, 'code');
  const compact = code.toUpperCase().replace(/[\s-]/g, '');
  const errors = /^[A-Z0-9]{4,20}$/.test(compact)
    ? []
    : [{ field: 'code', message: i18n.t('meetingsAdmin.error.code') }];
  return { values: { code }, errors, dto: errors.length ? null : { code: compact } };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function readInvite(i18n: I18n, body: FormBody): FormRead<{ name: string; email: string }> {
  const v = {
    'invite-name': formText(body, 'invite-name'),
    'invite-email': formText(body, 'invite-email'),
  };
  const e = new Errors(i18n);
  if (!v['invite-name']) e.add('invite-name', 'meetingsAdmin.error.inviteName');
  else if (charCount(v['invite-name']) > LIMITS.name)
    e.add('invite-name', 'meetingsAdmin.error.tooLong', { max: LIMITS.name });
  if (!EMAIL.test(v['invite-email']) || v['invite-email'].length > LIMITS.email)
    e.add('invite-email', 'meetingsAdmin.error.email');
  return {
    values: v,
    errors: e.list,
    dto: e.list.length ? null : { name: v['invite-name'], email: v['invite-email'] },
  };
}

/** Present or not: the hidden field of a row's button. */
export function readAttendance(i18n: I18n, body: FormBody): FormRead<{ attended: boolean }> {
  const attended = formText(body, 'attended');
  return attended === 'true' || attended === 'false'
    ? { values: {}, errors: [], dto: { attended: attended === 'true' } }
    : {
        values: {},
        errors: [{ field: 'attended', message: i18n.t('meetingsAdmin.error.choice') }],
        dto: null,
      };
}
