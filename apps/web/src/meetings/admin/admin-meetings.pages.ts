/**
 * The organizers' meetings pages: a component's meetings (drafts, upcoming,
 * past), the meeting form (new and edit), a meeting's management (publish,
 * delete, cancel, withdraw, close with minutes) and its registrations (the
 * list, the CSV, codes at the door, attendance, invitations).
 */
import {
  errorSummary,
  localText,
  localUserText,
  messageWith,
  type FieldError,
} from '../../shared/html/components';
import {
  checkbox,
  checkboxGroup,
  errorOf,
  inputField,
  radioGroup,
  selectField,
  stackedTable,
  textArea,
  textPerLanguage,
} from '../../shared/html/form-controls';
import { html, unsafeRaw, type Html } from '../../shared/html/html';
import { textId } from '../../shared/forms/form-read';
import { TEXT_LANGUAGES, type TextLanguage } from '@palabre/contracts';
import { doneNotice, formNotice } from '../../shared/forms/form-notices';
import type { MessageKey } from '../../shared/i18n/i18n';
import type { PageContext } from '../../shared/layout/page-context';
import { local } from '../../spaces/public/spaces.pages';
import { spacePath } from '../../spaces/admin/admin-spaces.pages';
import type { ComponentSummary, SpaceLanding } from '../../spaces/spaces.api';
import {
  MEETING_SERVICES,
  MEETING_TYPES,
  type CodeCheckView,
  type MeetingRegistrationListView,
  type MeetingRegistrationView,
  type MeetingState,
  type MeetingSummaryView,
  type MeetingView,
} from '../meetings.api';
import {
  AGENDA_MAX,
  AGENDA_ROWS,
  LIMITS,
  PHOTO_MAX,
  PHOTO_ROWS,
  TIME_ZONES,
  agendaId,
  lastRow,
  photoId,
  textsOf,
  type Values,
} from './meeting-forms';

export const ADMIN_MEETINGS = '/admin/meetings';
export const componentAdminPath = (componentId: string) =>
  `${ADMIN_MEETINGS}/components/${componentId}`;
export const meetingAdminPath = (meetingId: string) => `${ADMIN_MEETINGS}/${meetingId}`;
export const registrationsPath = (meetingId: string) =>
  `${meetingAdminPath(meetingId)}/registrations`;
/** The public pages of meetings (a space is found by its id as by its slug). */
export const publicComponentPath = (spaceId: string, componentId: string) =>
  `/spaces/${spaceId}/meetings/${componentId}`;
export const publicMeetingPath = (m: Pick<MeetingSummaryView, 'spaceId' | 'componentId' | 'id'>) =>
  `${publicComponentPath(m.spaceId, m.componentId)}/${m.id}`;

/** A form as it comes back: what was typed, its errors, a refusal that belongs to no one field. */
export interface Form {
  values: Values;
  errors: FieldError[];
  notice?: string | null;
}
export const EMPTY: Form = { values: {}, errors: [] };

/** Where a page is: the space and its meetings component. */
export interface AdminPlace {
  space: SpaceLanding;
  componentId: string;
}

const componentOf = (p: AdminPlace): ComponentSummary | undefined =>
  p.space.components.find((c) => c.id === p.componentId);

const componentName = (ctx: PageContext, p: AdminPlace) => {
  const c = componentOf(p);
  return c ? local(ctx, c.name) : ctx.t('meetingsAdmin.component');
};

function crumbs(ctx: PageContext, p: AdminPlace, m?: Pick<MeetingView, 'id' | 'title'>): Html {
  return html`<nav aria-label="${ctx.t('meetingsAdmin.breadcrumb')}">
    <p>
      <a href="${spacePath(p.space.id)}#components">${local(ctx, p.space.title)}</a> ›
      <a href="${componentAdminPath(p.componentId)}">${componentName(ctx, p)}</a>${
        m ? html` › <a href="${meetingAdminPath(m.id)}">${localText(ctx.locale, m.title)}</a>` : ''
      }
    </p>
  </nav>`;
}

// --- what a meeting is, in words -------------------------------------------------

/** When the meeting takes place, in its own zone (named when it is not Paris's). */
export function meetingWhen(
  ctx: PageContext,
  m: Pick<MeetingSummaryView, 'startsAt' | 'endsAt' | 'timeZone'>,
): string {
  const format = new Intl.DateTimeFormat(ctx.i18n.intl, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: m.timeZone,
  });
  const range = format.formatRange(new Date(m.startsAt), new Date(m.endsAt));
  return m.timeZone === 'Europe/Paris' ? range : `${range} (${zoneLabel(ctx, m.timeZone)})`;
}

/** A zone as people read it: "Indian/Reunion (heure de La Réunion)". */
export function zoneLabel(ctx: PageContext, zone: string): string {
  const name = new Intl.DateTimeFormat(ctx.i18n.intl, {
    timeZone: zone,
    timeZoneName: 'longGeneric',
  })
    .formatToParts(new Date())
    .find((x) => x.type === 'timeZoneName')?.value;
  const id = zone.replace(/_/g, ' ');
  return name && name !== zone ? `${id} (${name})` : id;
}

const STATE_KEYS: Record<MeetingState, MessageKey> = {
  draft: 'meetingsAdmin.state.draft',
  published: 'meetingsAdmin.state.published',
  cancelled: 'meetingsAdmin.state.cancelled',
  withdrawn: 'meetingsAdmin.state.withdrawn',
};

const TYPE_KEYS = {
  in_person: 'meetingsAdmin.type.in_person',
  online: 'meetingsAdmin.type.online',
  hybrid: 'meetingsAdmin.type.hybrid',
} as const satisfies Record<(typeof MEETING_TYPES)[number], MessageKey>;

const SERVICE_KEYS = {
  childcare: 'meetingsAdmin.service.childcare',
  sign_language: 'meetingsAdmin.service.sign_language',
  accessible_venue: 'meetingsAdmin.service.accessible_venue',
  interpretation: 'meetingsAdmin.service.interpretation',
  hearing_loop: 'meetingsAdmin.service.hearing_loop',
} as const satisfies Record<(typeof MEETING_SERVICES)[number], MessageKey>;

const REGISTRATION_KEYS: Record<MeetingRegistrationView['status'], MessageKey> = {
  confirmed: 'meetingsAdmin.registration.confirmed',
  waiting: 'meetingsAdmin.registration.waiting',
  pending: 'meetingsAdmin.registration.pending',
  cancelled: 'meetingsAdmin.registration.cancelled',
  expired: 'meetingsAdmin.registration.expired',
};

/** The state as a tag, and "minutes published" once closed. */
function stateTags(ctx: PageContext, m: Pick<MeetingSummaryView, 'state' | 'closed'>): Html {
  return html`<span class="tag">${ctx.t(STATE_KEYS[m.state])}</span>${
    m.closed ? html` <span class="tag">${ctx.t('meetingsAdmin.state.closed')}</span>` : ''
  }`;
}

/** "12 / 50", "12 (no limit)", or that there are no registrations. */
function seatsText(ctx: PageContext, m: MeetingSummaryView): string {
  const s = m.seats;
  if (!s.enabled && s.taken === 0) return ctx.t('meetingsAdmin.seats.none');
  return s.capacity === null
    ? ctx.t('meetingsAdmin.seats.unlimited', { taken: s.taken })
    : ctx.t('meetingsAdmin.seats.of', { taken: s.taken, capacity: s.capacity });
}

const started = (m: Pick<MeetingSummaryView, 'startsAt'>) => Date.parse(m.startsAt) <= Date.now();
const ended = (m: Pick<MeetingSummaryView, 'endsAt'>) => Date.parse(m.endsAt) <= Date.now();

// --- the index and a component's meetings -----------------------------------------

/** /admin/meetings: every meetings component of the spaces this person administers. */
export function indexPage(ctx: PageContext, spaces: SpaceLanding[]): Html {
  const { t } = ctx;
  const rows = spaces.flatMap((s) =>
    s.components.filter((c) => c.type === 'meetings').map((c) => ({ s, c })),
  );
  return html`<p><a href="/admin">← ${t('admin.home.title')}</a></p>
    <h1>${t('meetingsAdmin.index.title')}</h1>
    <p>${t('meetingsAdmin.index.intro')}</p>
    ${
      rows.length === 0
        ? html`<p>${t('meetingsAdmin.index.none')}</p>`
        : html`<ul class="card-list">
            ${rows.map(
              ({ s, c }) => html`<li class="card">
                <h2 style="margin-top:0"><a href="${componentAdminPath(c.id)}">${local(ctx, c.name)}</a></h2>
                <p class="meta">${local(ctx, s.title)}</p>
              </li>`,
            )}
          </ul>`
    }`;
}

function meetingsTable(
  ctx: PageContext,
  caption: Html | string,
  items: MeetingSummaryView[],
): Html {
  const { t, i18n } = ctx;
  return stackedTable(
    caption,
    [
      t('meetingsAdmin.table.meeting'),
      t('meetingsAdmin.table.state'),
      t('meetingsAdmin.table.when'),
      t('meetingsAdmin.table.seats'),
      t('meetingsAdmin.table.waiting'),
      t('meetingsAdmin.table.actions'),
    ],
    items.map((m) => {
      const name = localText(ctx.locale, m.title);
      const hidden = html`<span class="visually-hidden"> — ${name}</span>`;
      return [
        html`<a href="${meetingAdminPath(m.id)}">${name}</a>${
          m.private ? html` <span class="tag">${t('meetingsAdmin.private')}</span>` : ''
        }`,
        stateTags(ctx, m),
        meetingWhen(ctx, m),
        seatsText(ctx, m),
        m.seats.waitingListEnabled || m.seats.waiting ? i18n.number(m.seats.waiting) : '—',
        html`<a href="${meetingAdminPath(m.id)}">${t('meetingsAdmin.manage')}${hidden}</a>${
          m.state === 'draft' || m.state === 'published'
            ? html` · <a href="${meetingAdminPath(m.id)}/edit">${t('meetingsAdmin.edit')}${hidden}</a>`
            : ''
        }${
          m.state === 'draft'
            ? ''
            : html` · <a href="${registrationsPath(m.id)}">${t('meetingsAdmin.registrations')}${hidden}</a>`
        }`,
      ];
    }),
    { captionHidden: true },
  );
}

export function componentPage(
  ctx: PageContext,
  p: AdminPlace,
  items: MeetingSummaryView[],
  done: string | null,
): Html {
  const { t } = ctx;
  const drafts = items.filter((m) => m.state === 'draft');
  const announced = items.filter((m) => m.state !== 'draft');
  const upcoming = announced.filter((m) => !ended(m));
  const past = announced.filter(ended).reverse();
  const section = (id: string, title: string, list: MeetingSummaryView[], none: string) =>
    html`<section aria-labelledby="${id}">
      <h2 id="${id}">${title}</h2>
      ${
        list.length === 0
          ? html`<p>${none}</p>`
          : meetingsTable(ctx, html`${title} — ${componentName(ctx, p)}`, list)
      }
    </section>`;
  return html`${crumbs(ctx, p)}
    <h1>${messageWith(ctx.i18n, 'meetingsAdmin.component.title', {}, { name: componentName(ctx, p) })}</h1>
    ${doneNotice(done)}
    <p><a class="button" href="${componentAdminPath(p.componentId)}/new">${t('meetingsAdmin.new')}</a></p>
    <ul>
      <li><a href="${publicComponentPath(p.space.id, p.componentId)}">${t('meetingsAdmin.publicList')}</a></li>
      <li><a href="${spacePath(p.space.id)}/components/${p.componentId}">${t('meetingsAdmin.settings')}</a></li>
    </ul>
    ${section('drafts-title', t('meetingsAdmin.drafts'), drafts, t('meetingsAdmin.drafts.none'))}
    ${section('upcoming-title', t('meetingsAdmin.upcoming'), upcoming, t('meetingsAdmin.upcoming.none'))}
    ${section('past-title', t('meetingsAdmin.past'), past, t('meetingsAdmin.past.none'))}`;
}

// --- the meeting form -----------------------------------------------------------

/** Controls side by side where the screen is wide enough, one under the other on a phone. */
const ROW_GRID = unsafeRaw(
  'style="display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:0 1rem"',
);

/** A text of a row in one language: a one-line input marked with its language. */
function rowText(
  ctx: PageContext,
  form: Form,
  id: string,
  lang: TextLanguage,
  label: MessageKey,
  max: number,
): Html {
  const control = textId(id, lang);
  return inputField({
    id: control,
    label: ctx.t(label),
    value: form.values[control],
    maxlength: max,
    lang,
    error: errorOf(form.errors, control),
    i18n: ctx.i18n,
  });
}

/** Photo rows: those written, one empty row more, and at least PHOTO_ROWS. */
function photoRows(ctx: PageContext, form: Form): Html {
  const { t, i18n } = ctx;
  const count = Math.min(PHOTO_MAX, Math.max(PHOTO_ROWS, lastRow(form.values, 'photo') + 2));
  return html`${hintLine(t('meetingsAdmin.photo.hint'))}${Array.from(
    { length: count },
    (_, row) => html`<fieldset>
      <legend>${t('meetingsAdmin.photo.row', { n: row + 1 })}</legend>
      <div ${ROW_GRID}>
        ${inputField({ id: photoId(row, 'url'), label: t('meetingsAdmin.photo.url'), kind: 'url', value: form.values[photoId(row, 'url')], maxlength: LIMITS.url, error: errorOf(form.errors, photoId(row, 'url')), i18n })}
        ${TEXT_LANGUAGES.map((lang) => rowText(ctx, form, photoId(row, 'alt'), lang, PHOTO_ALT[lang], LIMITS.alt))}
      </div>
    </fieldset>`,
  )}`;
}

const hintLine = (hint: string) => html`<p class="hint">${hint}</p>`;

const AGENDA_TITLE = {
  fr: 'meetingsAdmin.agenda.title.fr',
  en: 'meetingsAdmin.agenda.title.en',
} as const satisfies Record<TextLanguage, MessageKey>;
const AGENDA_DESCRIPTION = {
  fr: 'meetingsAdmin.agenda.description.fr',
  en: 'meetingsAdmin.agenda.description.en',
} as const satisfies Record<TextLanguage, MessageKey>;
const PHOTO_ALT = {
  fr: 'meetingsAdmin.photo.alt.fr',
  en: 'meetingsAdmin.photo.alt.en',
} as const satisfies Record<TextLanguage, MessageKey>;

/**
 * The agenda: the rows written and one more shown, the other empty rows
 * folded away (a `details`, which needs no script) up to AGENDA_ROWS, more
 * once those are written.
 */
function agendaRows(ctx: PageContext, form: Form): Html {
  const { t, i18n } = ctx;
  const last = lastRow(form.values, 'agenda');
  const count = Math.min(AGENDA_MAX, Math.max(AGENDA_ROWS, last + 3));
  const shown = Math.min(count, Math.max(2, last + 2));
  const row = (n: number) => html`<fieldset>
    <legend>${t('meetingsAdmin.agenda.row', { n: n + 1 })}</legend>
    <div ${ROW_GRID}>
      ${TEXT_LANGUAGES.map((lang) => rowText(ctx, form, agendaId(n, 'title'), lang, AGENDA_TITLE[lang], LIMITS.agendaTitle))}
      ${inputField({ id: agendaId(n, 'duration'), label: t('meetingsAdmin.agenda.duration'), kind: 'integer', value: form.values[agendaId(n, 'duration')], error: errorOf(form.errors, agendaId(n, 'duration')), i18n })}
    </div>
    <div ${ROW_GRID}>
      ${TEXT_LANGUAGES.map((lang) => rowText(ctx, form, agendaId(n, 'description'), lang, AGENDA_DESCRIPTION[lang], LIMITS.agendaDescription))}
    </div>
  </fieldset>`;
  const rows = Array.from({ length: count }, (_, n) => n);
  return html`${rows.slice(0, shown).map(row)}${
    count > shown
      ? html`<details class="settings-part">
          <summary>${t('meetingsAdmin.agenda.more', { count: count - shown })}</summary>
          ${rows.slice(shown).map(row)}
        </details>`
      : ''
  }`;
}

function meetingForm(
  ctx: PageContext,
  action: string,
  form: Form,
  submit: string,
  published: boolean,
): Html {
  const { t, i18n } = ctx;
  const v = form.values;
  const err = (id: string) => errorOf(form.errors, id);
  const zones: string[] = [...TIME_ZONES];
  if (v.timeZone && !zones.includes(v.timeZone)) zones.unshift(v.timeZone);
  return html`${errorSummary(i18n, form.errors)} ${formNotice(form.notice)}
    ${published ? html`<div class="notice"><p>${t('meetingsAdmin.form.registrantsTold')}</p></div>` : ''}
    <form method="post" action="${action}" novalidate id="meeting-form">
      <h2>${t('meetingsAdmin.form.about')}</h2>
      ${textPerLanguage({ id: 'title', legend: t('meetingsAdmin.form.title'), values: textsOf(v, 'title'), maxlength: LIMITS.title, errors: form.errors, i18n })}
      ${textPerLanguage({ id: 'description', legend: t('meetingsAdmin.form.description'), hint: t('meetingsAdmin.form.descriptionHint'), values: textsOf(v, 'description'), maxlength: LIMITS.description, rows: 5, errors: form.errors, i18n })}
      ${radioGroup({
        name: 'type',
        legend: t('meetingsAdmin.form.type'),
        value: v.type,
        error: err('type'),
        i18n,
        choices: MEETING_TYPES.map((type) => ({ value: type, label: t(TYPE_KEYS[type]) })),
      })}
      <h2>${t('meetingsAdmin.form.when')}</h2>
      ${inputField({ id: 'startsAt', label: t('meetingsAdmin.form.startsAt'), hint: t('meetingsAdmin.form.timeHint'), kind: 'datetime-local', value: v.startsAt, required: true, error: err('startsAt'), i18n })}
      ${inputField({ id: 'endsAt', label: t('meetingsAdmin.form.endsAt'), hint: t('meetingsAdmin.form.timeHint'), kind: 'datetime-local', value: v.endsAt, required: true, error: err('endsAt'), i18n })}
      ${selectField({
        id: 'timeZone',
        label: t('meetingsAdmin.form.timeZone'),
        hint: t('meetingsAdmin.form.timeZoneHint'),
        value: v.timeZone,
        error: err('timeZone'),
        i18n,
        choices: zones.map((z) => ({ value: z, label: zoneLabel(ctx, z) })),
      })}
      <h2>${t('meetingsAdmin.form.place')}</h2>
      ${inputField({ id: 'address', label: t('meetingsAdmin.form.address'), hint: t('meetingsAdmin.form.addressHint'), value: v.address, maxlength: LIMITS.address, autocomplete: 'street-address', error: err('address'), i18n })}
      ${textPerLanguage({ id: 'locationHints', legend: t('meetingsAdmin.form.locationHints'), hint: t('meetingsAdmin.form.locationHintsHint'), values: textsOf(v, 'locationHints'), maxlength: LIMITS.locationHints, errors: form.errors, i18n })}
      <fieldset>
        <legend>${t('meetingsAdmin.form.coordinates')}</legend>
        <p class="hint">${t('meetingsAdmin.form.coordinatesHint')}</p>
        ${inputField({ id: 'latitude', label: t('meetingsAdmin.form.latitude'), value: v.latitude, maxlength: 20, error: err('latitude'), i18n })}
        ${inputField({ id: 'longitude', label: t('meetingsAdmin.form.longitude'), value: v.longitude, maxlength: 20, error: err('longitude'), i18n })}
      </fieldset>
      <h2>${t('meetingsAdmin.form.online')}</h2>
      ${inputField({ id: 'onlineUrl', label: t('meetingsAdmin.form.onlineUrl'), hint: t('meetingsAdmin.form.onlineUrlHint'), kind: 'url', value: v.onlineUrl, maxlength: LIMITS.url, error: err('onlineUrl'), i18n })}
      ${radioGroup({
        name: 'onlineVisibility',
        legend: t('meetingsAdmin.form.onlineVisibility'),
        value: v.onlineVisibility,
        error: err('onlineVisibility'),
        i18n,
        choices: [
          { value: 'registered', label: t('meetingsAdmin.form.onlineVisibility.registered') },
          { value: 'all', label: t('meetingsAdmin.form.onlineVisibility.all') },
        ],
      })}
      ${inputField({ id: 'onlineShownMinutesBefore', label: t('meetingsAdmin.form.shownBefore'), hint: t('meetingsAdmin.form.shownBeforeHint'), kind: 'integer', value: v.onlineShownMinutesBefore, error: err('onlineShownMinutesBefore'), i18n })}
      <h2>${t('meetingsAdmin.form.agenda')}</h2>
      <p class="hint">${t('meetingsAdmin.form.agendaHint')}</p>
      ${agendaRows(ctx, form)}
      <h2>${t('meetingsAdmin.form.servicesAndAccess')}</h2>
      ${checkboxGroup({
        name: 'services',
        legend: t('meetingsAdmin.form.services'),
        values: (v.services ?? '').split(',').filter(Boolean),
        error: err('services'),
        i18n,
        choices: MEETING_SERVICES.map((s) => ({ value: s, label: t(SERVICE_KEYS[s]) })),
      })}
      <fieldset>
        <legend>${t('meetingsAdmin.form.access')}</legend>
        ${checkbox({ id: 'private', label: t('meetingsAdmin.form.private'), hint: t('meetingsAdmin.form.privateHint'), checked: v.private === 'true', i18n })}
        ${checkbox({ id: 'transparent', label: t('meetingsAdmin.form.transparent'), hint: t('meetingsAdmin.form.transparentHint'), checked: v.transparent === 'true', i18n })}
      </fieldset>
      <h2>${t('meetingsAdmin.form.registrations')}</h2>
      ${checkbox({ id: 'registrationsEnabled', label: t('meetingsAdmin.form.registrationsEnabled'), checked: v.registrationsEnabled === 'true', i18n })}
      ${inputField({ id: 'capacity', label: t('meetingsAdmin.form.capacity'), hint: t('meetingsAdmin.form.capacityHint'), kind: 'integer', value: v.capacity, error: err('capacity'), i18n })}
      ${inputField({ id: 'reservedSeats', label: t('meetingsAdmin.form.reservedSeats'), hint: t('meetingsAdmin.form.reservedSeatsHint'), kind: 'integer', value: v.reservedSeats, error: err('reservedSeats'), i18n })}
      ${checkbox({ id: 'waitingListEnabled', label: t('meetingsAdmin.form.waitingList'), hint: t('meetingsAdmin.form.waitingListHint'), checked: v.waitingListEnabled === 'true', i18n })}
      ${textPerLanguage({ id: 'registrationTerms', legend: t('meetingsAdmin.form.terms'), hint: t('meetingsAdmin.form.termsHint'), values: textsOf(v, 'registrationTerms'), maxlength: LIMITS.terms, rows: 3, errors: form.errors, i18n })}
      <h2>${t('meetingsAdmin.form.photos')}</h2>
      ${photoRows(ctx, form)}
      ${published ? html`<p class="notice">${t('meetingsAdmin.form.registrantsTold')}</p>` : ''}
      <p><button class="button" type="submit">${submit}</button></p>
    </form>`;
}

export function newMeetingPage(ctx: PageContext, p: AdminPlace, form: Form): Html {
  return html`${crumbs(ctx, p)}
    <h1>${ctx.t('meetingsAdmin.new')}</h1>
    <p>${ctx.t('meetingsAdmin.form.draftFirst')}</p>
    ${meetingForm(ctx, `${componentAdminPath(p.componentId)}/new`, form, ctx.t('meetingsAdmin.form.create'), false)}`;
}

export function editMeetingPage(ctx: PageContext, p: AdminPlace, m: MeetingView, form: Form): Html {
  return html`${crumbs(ctx, p, m)}
    <h1>${messageWith(ctx.i18n, 'meetingsAdmin.editTitle', {}, { title: localText(ctx.locale, m.title) })}</h1>
    ${meetingForm(ctx, `${meetingAdminPath(m.id)}/edit`, form, ctx.t('meetingsAdmin.form.save'), m.state === 'published')}`;
}

// --- managing a meeting -----------------------------------------------------------

export interface ManageForms {
  cancel: Form;
  withdraw: Form;
  minutes: Form;
  publish: Form;
  remove: Form;
}

function reasonForm(
  ctx: PageContext,
  action: string,
  name: string,
  form: Form,
  labels: { legend: string; hint: string; button: string },
): Html {
  const { i18n } = ctx;
  return html`${errorSummary(i18n, form.errors)} ${formNotice(form.notice)}
    <form method="post" action="${action}" novalidate>
      ${textPerLanguage({ id: name, legend: labels.legend, hint: labels.hint, values: textsOf(form.values, name), maxlength: LIMITS.reason, rows: 3, errors: form.errors, i18n })}
      <p><button class="button secondary" type="submit">${labels.button}</button></p>
    </form>`;
}

function minutesForm(ctx: PageContext, m: MeetingView, form: Form): Html {
  const { t, i18n } = ctx;
  const v = form.values;
  const err = (id: string) => errorOf(form.errors, id);
  return html`${errorSummary(i18n, form.errors)} ${formNotice(form.notice)}
    <form method="post" action="${meetingAdminPath(m.id)}/minutes" novalidate id="minutes-form">
      ${textPerLanguage({ id: 'minutes', legend: t('meetingsAdmin.minutes.text'), hint: t('meetingsAdmin.minutes.textHint'), values: textsOf(v, 'minutes'), maxlength: LIMITS.minutes, rows: 8, errors: form.errors, i18n })}
      ${inputField({ id: 'attendeesCount', label: t('meetingsAdmin.minutes.attendees'), hint: t('meetingsAdmin.minutes.attendeesHint'), kind: 'integer', value: v.attendeesCount, required: true, error: err('attendeesCount'), i18n })}
      ${inputField({ id: 'contributionsCount', label: t('meetingsAdmin.minutes.contributions'), hint: t('meetingsAdmin.minutes.contributionsHint'), kind: 'integer', value: v.contributionsCount, required: true, error: err('contributionsCount'), i18n })}
      ${textArea({ id: 'organizations', label: t('meetingsAdmin.minutes.organizations'), hint: t('meetingsAdmin.minutes.organizationsHint'), value: v.organizations, rows: 2, maxlength: LIMITS.organizations, error: err('organizations'), i18n })}
      ${inputField({ id: 'audioUrl', label: t('meetingsAdmin.minutes.audio'), hint: t('meetingsAdmin.minutes.mediaHint'), kind: 'url', value: v.audioUrl, maxlength: LIMITS.url, error: err('audioUrl'), i18n })}
      ${inputField({ id: 'videoUrl', label: t('meetingsAdmin.minutes.video'), hint: t('meetingsAdmin.minutes.mediaHint'), kind: 'url', value: v.videoUrl, maxlength: LIMITS.url, error: err('videoUrl'), i18n })}
      <fieldset>
        <legend>${t('meetingsAdmin.minutes.proposals')}</legend>
        <p class="hint">${t('meetingsAdmin.minutes.proposalsHint')}</p>
        ${textArea({ id: 'bornProposals', label: t('meetingsAdmin.minutes.born'), value: v.bornProposals, rows: 3, error: err('bornProposals'), i18n })}
        ${textArea({ id: 'linkedProposals', label: t('meetingsAdmin.minutes.linked'), value: v.linkedProposals, rows: 3, error: err('linkedProposals'), i18n })}
      </fieldset>
      <h3>${t('meetingsAdmin.form.photos')}</h3>
      <p class="hint">${t('meetingsAdmin.minutes.photosHint')}</p>
      ${photoRows(ctx, form)}
      <p><button class="button" type="submit">${m.minutes ? t('meetingsAdmin.minutes.save') : t('meetingsAdmin.minutes.close')}</button></p>
    </form>`;
}

function minutesSummary(ctx: PageContext, m: MeetingView): Html | '' {
  const { t, i18n } = ctx;
  const min = m.minutes;
  if (!min) return '';
  return html`<div class="card">
    <p class="meta">${t('meetingsAdmin.minutes.closedAt', { date: i18n.dateTime(min.closedAt) })}</p>
    ${localUserText(ctx.locale, min.text)}
    <p>${t('meetingsAdmin.minutes.counts', { attendees: min.attendeesCount, contributions: min.contributionsCount })}</p>
    ${m.proposals.length ? html`<p>${i18n.plural('meetingsAdmin.minutes.proposalCount', m.proposals.length)}</p>` : ''}
  </div>`;
}

export function managePage(
  ctx: PageContext,
  p: AdminPlace,
  m: MeetingView,
  forms: ManageForms,
  done: string | null,
): Html {
  const { t, i18n } = ctx;
  const here = meetingAdminPath(m.id);
  const called = m.state === 'cancelled' || m.state === 'withdrawn';
  const reason = localUserText(ctx.locale, m.cancelReason);
  // A refusal of a form the meeting's state no longer shows (publishing what was just
  // withdrawn, in another tab): said at the top.
  const shown = {
    publish: m.state === 'draft',
    remove: m.state === 'draft',
    cancel: m.state === 'published' && !m.closed,
    withdraw: m.state === 'published' && !m.closed,
    minutes: m.state === 'published' && started(m),
  };
  const elsewhere = (Object.keys(shown) as (keyof ManageForms)[])
    .filter((k) => !shown[k])
    .map((k) => forms[k].notice);
  return html`${crumbs(ctx, p)}
    <h1>${localText(ctx.locale, m.title)}</h1>
    ${doneNotice(done)} ${elsewhere.map((n) => formNotice(n))}
    <p>${stateTags(ctx, m)}${m.private ? html` <span class="tag">${t('meetingsAdmin.private')}</span>` : ''}</p>
    <ul>
      <li>${t('meetingsAdmin.manage.when', { when: meetingWhen(ctx, m) })}</li>
      <li>${t(TYPE_KEYS[m.type])}${m.address ? html` — ${m.address}` : ''}</li>
      <li>${seatsText(ctx, m)}${m.seats.waiting ? html` — ${i18n.plural('meetingsAdmin.seats.waiting', m.seats.waiting)}` : ''}</li>
    </ul>
    <ul>
      ${called ? '' : html`<li><a href="${here}/edit">${t('meetingsAdmin.edit')}</a></li>`}
      ${m.state === 'draft' ? '' : html`<li><a href="${registrationsPath(m.id)}">${t('meetingsAdmin.registrations')}</a></li>`}
      <li><a href="${publicMeetingPath(m)}">${m.state === 'draft' ? t('meetingsAdmin.preview') : t('meetingsAdmin.publicPage')}</a></li>
    </ul>
    ${
      called
        ? html`<div class="notice warning">
            <p><strong>${m.state === 'cancelled' ? t('meetingsAdmin.cancelled', { date: i18n.dateTime(m.cancelledAt ?? '') }) : t('meetingsAdmin.withdrawn', { date: i18n.dateTime(m.cancelledAt ?? '') })}</strong></p>
            ${reason}
          </div>`
        : ''
    }
    ${
      m.state === 'draft'
        ? html`<section aria-labelledby="publish-title">
              <h2 id="publish-title">${t('meetingsAdmin.publish.title')}</h2>
              <p>${t('meetingsAdmin.publish.intro')}</p>
              ${formNotice(forms.publish.notice)}
              ${errorSummary(i18n, forms.publish.errors)}
              <form method="post" action="${here}/publish">
                <p><button class="button" type="submit">${t('meetingsAdmin.publish.button')}</button></p>
              </form>
            </section>
            <section aria-labelledby="delete-title">
              <h2 id="delete-title">${t('meetingsAdmin.delete.title')}</h2>
              <p>${t('meetingsAdmin.delete.intro')}</p>
              ${formNotice(forms.remove.notice)}
              <form method="post" action="${here}/delete">
                <p><button class="button secondary" type="submit">${t('meetingsAdmin.delete.button')}</button></p>
              </form>
            </section>`
        : ''
    }
    ${
      m.state === 'published'
        ? html`<section aria-labelledby="minutes-title" id="minutes">
            <h2 id="minutes-title">${m.minutes ? t('meetingsAdmin.minutes.editTitle') : t('meetingsAdmin.minutes.title')}</h2>
            ${minutesSummary(ctx, m)}
            ${
              started(m)
                ? minutesForm(ctx, m, forms.minutes)
                : html`<p>${t('meetingsAdmin.minutes.notYet', { when: meetingWhen(ctx, m) })}</p>`
            }
          </section>`
        : ''
    }
    ${
      m.state === 'published' && !m.closed
        ? html`<section aria-labelledby="cancel-title" id="cancel">
              <h2 id="cancel-title">${t('meetingsAdmin.cancel.title')}</h2>
              <p>${t('meetingsAdmin.cancel.intro')}</p>
              ${reasonForm(ctx, `${here}/cancel`, 'cancelReason', forms.cancel, {
                legend: t('meetingsAdmin.cancel.reason'),
                hint: t('meetingsAdmin.cancel.reasonHint'),
                button: t('meetingsAdmin.cancel.button'),
              })}
            </section>
            <section aria-labelledby="withdraw-title" id="withdraw">
              <h2 id="withdraw-title">${t('meetingsAdmin.withdraw.title')}</h2>
              <p>${t('meetingsAdmin.withdraw.intro')}</p>
              ${reasonForm(ctx, `${here}/withdraw`, 'withdrawReason', forms.withdraw, {
                legend: t('meetingsAdmin.withdraw.reason'),
                hint: t('meetingsAdmin.withdraw.reasonHint'),
                button: t('meetingsAdmin.withdraw.button'),
              })}
            </section>`
        : ''
    }
    ${m.state !== 'published' && m.minutes ? minutesSummary(ctx, m) : ''}`;
}

// --- registrations -------------------------------------------------------------------

/** What the last code checked at the door was (from the redirect after the check). */
export type DoorResult =
  | { kind: 'welcome' | 'already'; registration: MeetingRegistrationView | null }
  | { kind: 'unknown'; code: string };

export interface RegistrationForms {
  code: Form;
  invite: Form;
  attendance: Form;
}

function doorNotice(ctx: PageContext, door: DoorResult | null): Html | '' {
  if (!door) return '';
  const { t } = ctx;
  if (door.kind === 'unknown')
    return html`<div class="notice warning" role="alert" id="door-result">
      <p><strong>${t('meetingsAdmin.door.unknown', { code: door.code })}</strong></p>
      <p>${t('meetingsAdmin.door.unknownHelp')}</p>
    </div>`;
  const name = door.registration?.name ?? t('meetingsAdmin.door.someone');
  return door.kind === 'welcome'
    ? html`<div class="notice success" role="status" id="door-result">
        <p><strong>${t('meetingsAdmin.door.welcome', { name })}</strong></p>
      </div>`
    : html`<div class="notice warning" role="alert" id="door-result">
        <p><strong>${t('meetingsAdmin.door.already', { name, when: door.registration?.attendedAt ? ctx.i18n.dateTime(door.registration.attendedAt) : '' })}</strong></p>
      </div>`;
}

/** The door's form: one big field and one big button, for a phone held at the entrance. */
function doorForm(ctx: PageContext, m: MeetingView, form: Form): Html {
  const { t, i18n } = ctx;
  const error = errorOf(form.errors, 'code');
  return html`<form method="post" action="${registrationsPath(m.id)}/check" novalidate id="door-form">
    <div class="field">
      <label for="code"
        >${t('meetingsAdmin.door.code')}<span class="hint" id="code-hint">${t('meetingsAdmin.door.codeHint')}</span></label
      >
      ${error ? html`<p class="field-error" id="code-error">${i18n.t('form.error', { message: error })}</p>` : ''}
      <input
        id="code"
        name="code"
        type="text"
        value="${form.values.code ?? ''}"
        maxlength="20"
        autocomplete="off"
        autocapitalize="characters"
        spellcheck="false"
        aria-describedby="code-hint${error ? ' code-error' : ''}"
        ${error ? html`aria-invalid="true"` : ''}
        style="font:inherit;font-size:1.75rem;letter-spacing:.15em;text-transform:uppercase;width:100%;max-width:16rem;padding:.5rem .75rem;border:2px solid #555;border-radius:.25rem"
      />
    </div>
    <p><button class="button" type="submit" style="font-size:1.35rem;padding:.75rem 2rem">${t('meetingsAdmin.door.check')}</button></p>
  </form>`;
}

function attendanceCell(
  ctx: PageContext,
  m: MeetingView,
  r: MeetingRegistrationView,
): Html | string {
  const { t, i18n } = ctx;
  if (r.status !== 'confirmed') return '—';
  const present = r.attendedAt !== null;
  return html`${present ? t('meetingsAdmin.attendance.presentAt', { when: i18n.dateTime(r.attendedAt ?? '') }) : t('meetingsAdmin.attendance.absent')}
    <form method="post" action="${registrationsPath(m.id)}/${r.id}/attendance" class="inline">
      <input type="hidden" name="attended" value="${present ? 'false' : 'true'}" />
      <button class="link-button" type="submit">${present ? t('meetingsAdmin.attendance.markAbsent') : t('meetingsAdmin.attendance.markPresent')}<span class="visually-hidden"> : ${r.name ?? r.email ?? ''}</span></button>
    </form>`;
}

export function registrationsPage(
  ctx: PageContext,
  p: AdminPlace,
  m: MeetingView,
  list: MeetingRegistrationListView,
  forms: RegistrationForms,
  door: DoorResult | null,
  done: string | null,
): Html {
  const { t, i18n } = ctx;
  const s = list.seats;
  const live = list.items.filter((r) => r.status !== 'cancelled' && r.status !== 'expired');
  return html`${crumbs(ctx, p, m)}
    <h1>${messageWith(i18n, 'meetingsAdmin.registrations.title', {}, { title: localText(ctx.locale, m.title) })}</h1>
    ${doneNotice(done)}
    <p>${stateTags(ctx, m)} ${meetingWhen(ctx, m)}</p>
    <ul aria-label="${t('meetingsAdmin.registrations.counts')}">
      <li>${s.capacity === null ? t('meetingsAdmin.counts.seatsUnlimited', { taken: s.taken }) : t('meetingsAdmin.counts.seats', { taken: s.taken, capacity: s.capacity, reserved: s.reservedSeats, left: s.left ?? 0 })}</li>
      <li>${i18n.plural('meetingsAdmin.seats.waiting', s.waiting)}</li>
      <li>${i18n.plural('meetingsAdmin.counts.attended', list.attended)}</li>
    </ul>
    <section aria-labelledby="door-title" id="door">
      <h2 id="door-title">${t('meetingsAdmin.door.title')}</h2>
      ${doorNotice(ctx, door)}
      ${errorSummary(i18n, forms.code.errors)} ${formNotice(forms.code.notice)}
      ${doorForm(ctx, m, forms.code)}
    </section>
    <section aria-labelledby="list-title" id="list">
      <h2 id="list-title">${t('meetingsAdmin.registrations.list')}</h2>
      ${formNotice(forms.attendance.notice)}
      <p><a href="${registrationsPath(m.id)}.csv" download>${t('meetingsAdmin.registrations.csv')}</a></p>
      ${
        list.items.length === 0
          ? html`<p>${t('meetingsAdmin.registrations.none')}</p>`
          : stackedTable(
              html`${t('meetingsAdmin.registrations.list')} — ${localText(ctx.locale, m.title)}`,
              [
                t('meetingsAdmin.table.name'),
                t('meetingsAdmin.table.email'),
                t('meetingsAdmin.table.account'),
                t('meetingsAdmin.table.status'),
                t('meetingsAdmin.table.code'),
                t('meetingsAdmin.table.position'),
                t('meetingsAdmin.table.registeredAt'),
                t('meetingsAdmin.table.attended'),
              ],
              list.items.map((r) => [
                html`<span id="r-${r.id}">${r.name ?? '—'}</span>`,
                r.email ?? '—',
                r.withAccount ? t('meetingsAdmin.yes') : t('meetingsAdmin.no'),
                t(REGISTRATION_KEYS[r.status]),
                r.status === 'confirmed' && r.code
                  ? html`<span class="receipt">${r.code}</span>`
                  : '—',
                r.position === null ? '—' : i18n.number(r.position),
                html`<time datetime="${r.registeredAt}">${i18n.dateTime(r.registeredAt)}</time>`,
                attendanceCell(ctx, m, r),
              ]),
              { captionHidden: true, rowHeader: 0 },
            )
      }
      ${live.length < list.items.length ? html`<p class="meta">${t('meetingsAdmin.registrations.endedShown')}</p>` : ''}
    </section>
    <section aria-labelledby="invite-title" id="invite">
      <h2 id="invite-title">${t('meetingsAdmin.invite.title')}</h2>
      <p>${m.private ? t('meetingsAdmin.invite.introPrivate') : t('meetingsAdmin.invite.intro')}</p>
      ${errorSummary(i18n, forms.invite.errors)} ${formNotice(forms.invite.notice)}
      <form method="post" action="${registrationsPath(m.id)}/invitations" novalidate>
        ${inputField({ id: 'invite-name', label: t('meetingsAdmin.invite.name'), value: forms.invite.values['invite-name'], maxlength: LIMITS.name, autocomplete: 'off', required: true, error: errorOf(forms.invite.errors, 'invite-name'), i18n })}
        ${inputField({ id: 'invite-email', label: t('meetingsAdmin.invite.email'), kind: 'email', value: forms.invite.values['invite-email'], maxlength: LIMITS.email, autocomplete: 'off', required: true, error: errorOf(forms.invite.errors, 'invite-email'), i18n })}
        <p><button class="button" type="submit">${t('meetingsAdmin.invite.button')}</button></p>
      </form>
    </section>`;
}

/** The result of a door check, as the page after its redirect reads it back. */
export function doorResultOf(
  query: Record<string, unknown>,
  list: MeetingRegistrationListView,
): DoorResult | null {
  const door = query.door;
  if (door === 'unknown')
    return { kind: 'unknown', code: typeof query.code === 'string' ? query.code.slice(0, 20) : '' };
  if (door !== 'welcome' && door !== 'already') return null;
  const registration = list.items.find((r) => r.id === query.r) ?? null;
  return { kind: door, registration };
}

/** Where the door check sends the organizer: the same page, saying whose code it was. */
export function doorDone(meetingId: string, check: CodeCheckView, code: string): string {
  const base = `${registrationsPath(meetingId)}?door=`;
  if (!check.valid || !check.registration)
    return `${base}unknown&code=${encodeURIComponent(code)}#door`;
  return `${base}${check.alreadyAttended ? 'already' : 'welcome'}&r=${check.registration.id}#door`;
}
