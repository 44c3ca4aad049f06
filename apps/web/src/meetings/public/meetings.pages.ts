/**
 * The public pages of meetings: a meetings component's list (upcoming and
 * past, by type, a page at a time), a meeting's page (when, where with its
 * map, online link, agenda, services, seats and registering, the minutes of
 * a meeting that took place), the organization's directory of meetings, and
 * the page of a registration's mailed link. Forms are plain posts that work
 * without JavaScript (meetings.forms.ts).
 */
import { pickText } from '@palabre/contracts';
import {
  errorSummary,
  localText,
  localUserText,
  messageWith,
  userLink,
  type FieldError,
} from '../../shared/html/components';
import { checkbox, inputField, selectField, type Choice } from '../../shared/html/form-controls';
import { html, type Html } from '../../shared/html/html';
import { doneNotice, formNotice } from '../../shared/forms/form-notices';
import type { FormValues } from '../../shared/forms/form-read';
import { imageFile } from '../../shared/branding/remote-images';
import type { MessageKey } from '../../shared/i18n/i18n';
import type { PageContext } from '../../shared/layout/page-context';
import type { ProposalLink } from '../../spaces/proposal-links';
import { local } from '../../spaces/public/spaces.pages';
import { textIn, type SpaceLanding, type SpaceSummary } from '../../spaces/spaces.api';
import {
  MEETINGS_API,
  MEETING_TYPES,
  type MeetingListView,
  type MeetingSeatsView,
  type MeetingServiceKind,
  type MeetingSummaryView,
  type MeetingType,
  type MeetingView,
  type MyRegistrationView,
  type RegistrationByTokenView,
} from '../meetings.api';
import { placeMap } from './meeting-map';

export const DIRECTORY_PATH = '/meetings';
export const REGISTRATION_PATH = '/meetings/registration';
/** The zone times are shown in without naming it, unless the organization says another. */
const HOME_ZONE = 'Europe/Paris';

export const componentPath = (slug: string, componentId: string) =>
  `/spaces/${slug}/meetings/${componentId}`;
export const meetingPath = (slug: string, componentId: string, meetingId: string) =>
  `${componentPath(slug, componentId)}/${meetingId}`;
export const photoPath = (slug: string, m: MeetingSummaryView, url: string) =>
  `${meetingPath(slug, m.componentId, m.id)}/photos/${imageFile(url)}`;
export const tokenPath = (token: string, done?: string) =>
  `${REGISTRATION_PATH}?token=${encodeURIComponent(token)}${done ? `&done=${done}` : ''}`;

/** What a page knows of where it is: the space and the component's name. */
export interface MeetingsPlace {
  space: SpaceLanding;
  componentId: string;
  name: Html | string;
}

export type When = 'upcoming' | 'past';

/** A list's query as the page's address holds it. */
export interface ListQuery {
  when: When;
  type: MeetingType | '';
  cursor: string;
}

// ---------------------------------------------------------------- words for what a meeting is

const TYPE: Record<MeetingType, MessageKey> = {
  in_person: 'meetings.type.in_person',
  online: 'meetings.type.online',
  hybrid: 'meetings.type.hybrid',
};
export const typeLabel = (ctx: PageContext, type: MeetingType) => ctx.t(TYPE[type]);

const SERVICE: Record<MeetingServiceKind, MessageKey> = {
  childcare: 'meetings.service.childcare',
  sign_language: 'meetings.service.sign_language',
  accessible_venue: 'meetings.service.accessible_venue',
  interpretation: 'meetings.service.interpretation',
  hearing_loop: 'meetings.service.hearing_loop',
};

function formatter(ctx: PageContext, zone: string, opts: Intl.DateTimeFormatOptions) {
  try {
    return new Intl.DateTimeFormat(ctx.i18n.intl, { ...opts, timeZone: zone });
  } catch {
    return new Intl.DateTimeFormat(ctx.i18n.intl, { ...opts, timeZone: HOME_ZONE });
  }
}

/**
 * "jeudi 15 janvier 2027, 18:30 – 20:30" in the meeting's zone; the zone
 * named when it is not the organization's (Europe/Paris unless it says).
 */
export function whenText(
  ctx: PageContext,
  m: Pick<MeetingSummaryView, 'startsAt' | 'endsAt' | 'timeZone'>,
): string {
  const start = new Date(m.startsAt);
  const range = formatter(ctx, m.timeZone, {
    dateStyle: 'full',
    timeStyle: 'short',
  }).formatRange(start, new Date(m.endsAt));
  if (m.timeZone === (ctx.org.timeZone || HOME_ZONE)) return range;
  const name = formatter(ctx, m.timeZone, { timeZoneName: 'long' })
    .formatToParts(start)
    .find((p) => p.type === 'timeZoneName')?.value;
  return ctx.t('meetings.when.zone', { when: range, zone: m.timeZone, name: name ?? m.timeZone });
}

const whenHtml = (ctx: PageContext, m: MeetingSummaryView): Html =>
  html`<time datetime="${m.startsAt}">${whenText(ctx, m)}</time>`;

/** "30 min", "1 h 30". */
export function durationText(ctx: PageContext, minutes: number): string {
  const h = Math.floor(minutes / 60);
  const min = minutes % 60;
  if (!h) return ctx.t('meetings.duration.minutes', { m: min });
  return min
    ? ctx.t('meetings.duration.hoursMinutes', { h, m: String(min).padStart(2, '0') })
    : ctx.t('meetings.duration.hours', { h });
}

/** "30 minutes", "2 hours", "1 day": how long before the start. */
function aheadText(ctx: PageContext, minutes: number): string {
  if (minutes >= 1440 && minutes % 1440 === 0)
    return ctx.i18n.plural('meetings.ahead.days', minutes / 1440);
  if (minutes >= 60 && minutes % 60 === 0)
    return ctx.i18n.plural('meetings.ahead.hours', minutes / 60);
  return ctx.i18n.plural('meetings.ahead.minutes', minutes);
}

/** Seats in words: left, full with or without a waiting list, or nothing when there is no limit. */
export function seatsText(ctx: PageContext, s: MeetingSeatsView): string | null {
  if (!s.enabled || s.left === null) return null;
  if (s.left > 0) return ctx.i18n.plural('meetings.seats.left', s.left);
  return s.waitingListEnabled ? ctx.t('meetings.seats.fullWaiting') : ctx.t('meetings.seats.full');
}

/** Tags in words (never colour alone): the type, called off, minutes. */
function tags(ctx: PageContext, m: MeetingSummaryView): Html {
  const { t } = ctx;
  return html`<span class="tag">${typeLabel(ctx, m.type)}</span>${
    m.state === 'cancelled'
      ? html` <span class="tag"><strong>${t('meetings.state.cancelled')}</strong></span>`
      : m.state === 'withdrawn'
        ? html` <span class="tag"><strong>${t('meetings.state.withdrawn')}</strong></span>`
        : m.state === 'draft'
          ? html` <span class="tag">${t('meetings.state.draft')}</span>`
          : ''
  }${m.closed ? html` <span class="tag">${t('meetings.minutesAvailable')}</span>` : ''}${
    m.private ? html` <span class="tag">${t('meetings.private')}</span>` : ''
  }`;
}

const upcoming = (m: MeetingSummaryView) => new Date(m.endsAt).getTime() > Date.now();

/** One meeting in a list: its title linking to its page, when, where, seats, what it became. */
export function meetingItem(
  ctx: PageContext,
  m: MeetingSummaryView,
  href: string,
  opts: { space?: { href: string; title: Html | string } } = {},
): Html {
  const { t } = ctx;
  const seats = upcoming(m) && m.state === 'published' ? seatsText(ctx, m.seats) : null;
  return html`<li class="card">
    <h3><a href="${href}">${localText(ctx.locale, m.title)}</a></h3>
    <p class="meta">${whenHtml(ctx, m)}</p>
    <p class="meta">${tags(ctx, m)}</p>
    ${m.address ? html`<p style="margin:.25rem 0;overflow-wrap:anywhere">${t('meetings.address')} ${m.address}</p>` : ''}
    ${seats ? html`<p style="margin:.25rem 0">${seats}</p>` : ''}
    ${opts.space ? html`<p class="meta">${t('meetings.inSpace')} <a href="${opts.space.href}">${opts.space.title}</a></p>` : ''}
  </li>`;
}

/** Upcoming or past: two links, the current one marked (works without JavaScript). */
function whenTabs(ctx: PageContext, current: When, href: (w: When) => string): Html {
  const { t } = ctx;
  const tab = (w: When, label: string) =>
    html`<li>
      <a href="${href(w)}" ${w === current ? html`aria-current="page" style="font-weight:700"` : ''}
        >${label}</a
      >
    </li>`;
  return html`<nav aria-label="${t('meetings.tabs')}">
    <ul style="gap:.25rem 1.5rem;margin:1rem 0">
      ${tab('upcoming', t('meetings.upcoming'))} ${tab('past', t('meetings.past'))}
    </ul>
  </nav>`;
}

const typeChoices = (ctx: PageContext): Choice[] => [
  { value: '', label: ctx.t('meetings.type.all') },
  ...MEETING_TYPES.map((v) => ({ value: v, label: typeLabel(ctx, v) })),
];

/** The list's results and its pager. */
function results(
  ctx: PageContext,
  list: MeetingListView,
  when: When,
  item: (m: MeetingSummaryView) => Html,
  pages: { first: string | null; next: string | null },
): Html {
  const { t } = ctx;
  return html`<h2>${when === 'past' ? t('meetings.past') : t('meetings.upcoming')}</h2>
    ${
      list.items.length === 0
        ? html`<p>${when === 'past' ? t('meetings.nonePast') : t('meetings.noneUpcoming')}</p>`
        : html`<ul class="card-list">
            ${list.items.map(item)}
          </ul>`
    }
    ${
      pages.first || pages.next
        ? html`<nav class="pager" aria-label="${t('meetings.pages')}">
            ${pages.first ? html`<a href="${pages.first}">${t('meetings.firstPage')}</a>` : ''}
            ${pages.next ? html`<a href="${pages.next}" rel="next">${t('meetings.nextPage')}</a>` : ''}
          </nav>`
        : ''
    }`;
}

/** Subscribing: the feed's address to give a calendar application. */
function calendarLink(ctx: PageContext, feed: string, hint: string): Html {
  return html`<p>
    <a href="${feed}?lang=${ctx.locale}" aria-describedby="calendar-hint"
      >${ctx.t('meetings.subscribe')}</a
    >
    <span class="hint" id="calendar-hint">${hint}</span>
  </p>`;
}

/** The component's address with this query (the first page: no cursor). */
export function listHref(base: string, q: Partial<ListQuery>): string {
  const p = new URLSearchParams();
  if (q.when === 'past') p.set('when', 'past');
  if (q.type) p.set('type', q.type);
  if (q.cursor) p.set('cursor', q.cursor);
  const s = p.toString();
  return s ? `${base}?${s}` : base;
}

export function componentPage(
  ctx: PageContext,
  place: MeetingsPlace,
  q: ListQuery,
  list: MeetingListView,
): Html {
  const { t } = ctx;
  const { space, componentId } = place;
  const base = componentPath(space.slug, componentId);
  return html`<p><a href="/spaces/${space.slug}">← ${local(ctx, space.title)}</a></p>
    <h1>${place.name}</h1>
    ${whenTabs(ctx, q.when, (when) => listHref(base, { when, type: q.type }))}
    <form method="get" action="${base}" class="filters-form">
      <fieldset>
        <legend>${t('meetings.filters')}</legend>
        ${q.when === 'past' ? html`<input type="hidden" name="when" value="past" />` : ''}
        <div class="filters">
          <div>
            ${selectField({ id: 'type', label: t('meetings.type'), value: q.type, choices: typeChoices(ctx), i18n: ctx.i18n })}
          </div>
          <div><button class="button" type="submit">${t('meetings.apply')}</button></div>
        </div>
      </fieldset>
    </form>
    ${results(
      ctx,
      list,
      q.when,
      (m) => meetingItem(ctx, m, meetingPath(space.slug, componentId, m.id)),
      {
        first: q.cursor ? listHref(base, { ...q, cursor: '' }) : null,
        next: list.nextCursor ? listHref(base, { ...q, cursor: list.nextCursor }) : null,
      },
    )}
    ${calendarLink(ctx, `${MEETINGS_API}/components/${componentId}/calendar.ics`, t('meetings.subscribeHint'))}`;
}

// ---------------------------------------------------------------- the meeting's page

/** What the meeting page shows after a post, and the registration form as sent. */
export interface MeetingPanel {
  done: string | null;
  /** The registration form: what was typed, what to fix, the refusal. */
  form: { values: FormValues; errors: FieldError[]; notice?: string; signIn?: boolean } | null;
}

export const EMPTY_PANEL: MeetingPanel = { done: null, form: null };

const REFUSAL: Record<string, MessageKey> = {
  NOT_PUBLISHED: 'meetings.refusal.NOT_PUBLISHED',
  CANCELLED: 'meetings.refusal.CANCELLED',
  REGISTRATIONS_CLOSED: 'meetings.refusal.REGISTRATIONS_CLOSED',
  STARTED: 'meetings.refusal.STARTED',
  FULL: 'meetings.refusal.FULL',
  GUESTS_NOT_ALLOWED: 'meetings.refusal.GUESTS_NOT_ALLOWED',
  PRIVATE: 'meetings.refusal.PRIVATE',
  TERMS_NOT_ACCEPTED: 'meetings.refusal.TERMS_NOT_ACCEPTED',
};

/** Why one cannot register, in words (the API's reason). */
export const refusalReason = (ctx: PageContext, reason: string | null | undefined): string =>
  ctx.t(REFUSAL[reason ?? ''] ?? 'meetings.refusal.other');

const signInHref = (returnTo: string) => `/sign-in?returnTo=${encodeURIComponent(returnTo)}`;

/** "Confirmed, your code: K7QX2MPA" / "waiting, 3rd" / "waiting for your address". */
export function registrationStatus(ctx: PageContext, r: MyRegistrationView): Html {
  const { t } = ctx;
  if (r.status === 'confirmed')
    return html`<p><strong>${t('meetings.mine.confirmed')}</strong></p>
      ${r.code ? html`<p>${t('meetings.mine.code')} <strong class="receipt">${r.code}</strong></p><p class="hint">${t('meetings.mine.codeHint')}</p>` : ''}`;
  if (r.status === 'waiting')
    return html`<p>
      <strong>${t('meetings.mine.waiting')}</strong>
      ${r.position ? t('meetings.mine.position', { position: r.position }) : ''}
    </p>`;
  return html`<p><strong>${t('meetings.mine.pending')}</strong></p>
    ${r.position ? html`<p>${t('meetings.mine.pendingWaiting', { position: r.position })}</p>` : ''}`;
}

function seatsBlock(ctx: PageContext, s: MeetingSeatsView): Html | string {
  const { t } = ctx;
  if (!s.enabled) return '';
  if (s.capacity === null || s.left === null) return html`<p>${t('meetings.seats.unlimited')}</p>`;
  const offered = s.capacity - s.reservedSeats;
  return html`<p>
      <strong
        >${
          s.left > 0
            ? ctx.i18n.plural('meetings.seats.leftOf', s.left, { offered })
            : seatsText(ctx, s)
        }</strong
      >
    </p>
    ${s.waiting > 0 ? html`<p>${ctx.i18n.plural('meetings.seats.waiting', s.waiting)}</p>` : ''}`;
}

/** The registration form: an account registers with a button, a visitor with a name and an address. */
function registerForm(
  ctx: PageContext,
  place: MeetingsPlace,
  m: MeetingView,
  form: MeetingPanel['form'],
): Html {
  const { t } = ctx;
  const here = meetingPath(place.space.slug, m.componentId, m.id);
  const account = ctx.me?.kind === 'account';
  const values = form?.values ?? {};
  const errors = form?.errors ?? [];
  const errorOf = (f: string) => errors.find((e) => e.field === f)?.message;
  const terms = textIn(m.registrationTerms, ctx.locale);
  const full = m.seats.left === 0;
  return html`${errorSummary(ctx.i18n, errors) ?? ''}
    <form method="post" action="${here}/register#registration" id="register-form" novalidate data-once>
      ${
        account
          ? ''
          : html`<p>${t('meetings.register.guestIntro')}</p>
              ${inputField({ id: 'name', label: t('meetings.register.name'), value: values.name, error: errorOf('name'), required: true, maxlength: 120, autocomplete: 'name', i18n: ctx.i18n })}
              ${inputField({ id: 'email', label: t('meetings.register.email'), hint: t('meetings.register.emailHint'), value: values.email, error: errorOf('email'), required: true, maxlength: 254, autocomplete: 'email', i18n: ctx.i18n })}`
      }
      ${
        terms
          ? html`<div class="notice">
              <p><strong>${t('meetings.register.terms')}</strong></p>
              ${localUserText(ctx.locale, m.registrationTerms)}
            </div>
            ${checkbox({ id: 'acceptTerms', label: t('meetings.register.acceptTerms'), checked: values.acceptTerms === 'true', error: errorOf('acceptTerms'), i18n: ctx.i18n })}`
          : ''
      }
      <button type="submit" class="button">
        ${full ? t('meetings.register.waitingList') : t('meetings.register.button')}
      </button>
    </form>
    ${account ? '' : html`<p>${t('meetings.register.haveAccount')} <a href="${signInHref(here)}">${t('meetings.register.signIn')}</a></p>`}`;
}

function registrationBlock(
  ctx: PageContext,
  place: MeetingsPlace,
  m: MeetingView,
  panel: MeetingPanel,
): Html | string {
  const { t } = ctx;
  const here = meetingPath(place.space.slug, m.componentId, m.id);
  const mine = m.myRegistration;
  const pastOrOff = !upcoming(m) || m.state !== 'published';
  // A meeting that took place or was called off, and nobody to tell: nothing to register for.
  if (pastOrOff && !mine && !panel.done) return '';
  if (!m.seats.enabled && !mine && !panel.done)
    return html`<section
      aria-labelledby="registration-title"
      id="registration"
      tabindex="-1"
      style="border-top:1px solid #ccc;margin-top:1rem"
    >
      <h2 id="registration-title">${t('meetings.registration')}</h2>
      <p>${t('meetings.registration.none')}</p>
    </section>`;
  let action: Html | string;
  if (mine)
    action = html`${registrationStatus(ctx, mine)}
    ${
      upcoming(m) && m.state === 'published'
        ? html`<form method="post" action="${here}/cancel-registration" id="cancel-form">
            <button type="submit" class="button secondary">${t('meetings.mine.cancel')}</button>
          </form>`
        : ''
    }`;
  else if (panel.done) action = '';
  else if (m.registrationRefusal === 'GUESTS_NOT_ALLOWED' && ctx.me?.kind !== 'account')
    action = html`<p>${refusalReason(ctx, m.registrationRefusal)}</p>
      <p><a class="button" href="${signInHref(here)}">${t('meetings.register.signInToRegister')}</a></p>`;
  else if (m.registrationRefusal)
    action = html`<p>${refusalReason(ctx, m.registrationRefusal)}</p>`;
  else action = registerForm(ctx, place, m, panel.form);
  const notice = panel.form?.notice;
  return html`<section
    aria-labelledby="registration-title"
    id="registration"
    tabindex="-1"
    style="border-top:1px solid #ccc;margin-top:1rem"
  >
    <h2 id="registration-title">${t('meetings.registration')}</h2>
    ${doneNotice(panel.done)} ${formNotice(notice)}
    ${notice && panel.form?.signIn ? html`<p><a href="${signInHref(here)}">${t('meetings.register.signIn')}</a></p>` : ''}
    ${pastOrOff ? '' : seatsBlock(ctx, m.seats)} ${action}
  </section>`;
}

/** The online link, or when and to whom it will be shown. */
function onlineBlock(ctx: PageContext, m: MeetingView): Html | string {
  const { t } = ctx;
  const o = m.online;
  if (!o) return '';
  // Called off or over: no link to wait for.
  if (!o.url && (m.state !== 'published' || !upcoming(m))) return '';
  let body: Html;
  if (o.url) body = html`<p>${userLink(o.url, t('meetings.online.join'))}</p>`;
  else {
    const ahead = Math.max(
      0,
      Math.round((new Date(m.startsAt).getTime() - new Date(o.shownFrom).getTime()) / 60_000),
    );
    const from = formatter(ctx, m.timeZone, { dateStyle: 'long', timeStyle: 'short' }).format(
      new Date(o.shownFrom),
    );
    const soon = new Date(o.shownFrom).getTime() > Date.now();
    const key: MessageKey =
      o.visibility !== 'registered'
        ? 'meetings.online.allLater'
        : soon
          ? 'meetings.online.registeredLater'
          : m.myRegistration
            ? 'meetings.online.confirmedOnly'
            : 'meetings.online.registeredOnly';
    body = html`<p>${t(key, { ahead: aheadText(ctx, ahead), from })}</p>`;
  }
  return html`<section aria-labelledby="online-title">
    <h2 id="online-title">${t('meetings.online')}</h2>
    ${body}
  </section>`;
}

function agendaBlock(ctx: PageContext, m: MeetingView): Html | string {
  if (!m.agenda.length) return '';
  const { t } = ctx;
  return html`<section aria-labelledby="agenda-title">
    <h2 id="agenda-title">${t('meetings.agenda')}</h2>
    <ol>
      ${m.agenda.map(
        (a) =>
          html`<li style="margin:0 0 .5rem">
            <strong>${localText(ctx.locale, a.title)}</strong>
            <span class="meta">(${durationText(ctx, a.durationMinutes)})</span>
            ${localUserText(ctx.locale, a.description)}
          </li>`,
      )}
    </ol>
  </section>`;
}

function servicesBlock(ctx: PageContext, m: MeetingView): Html | string {
  if (!m.services.length) return '';
  const { t } = ctx;
  return html`<section aria-labelledby="services-title">
    <h2 id="services-title">${t('meetings.services')}</h2>
    <ul>
      ${m.services.map((s) => html`<li>${t(SERVICE[s])}</li>`)}
    </ul>
  </section>`;
}

/** The minutes of a meeting that took place: text, numbers, links, photos, proposals. */
function minutesBlock(
  ctx: PageContext,
  place: MeetingsPlace,
  m: MeetingView,
  proposals: Map<string, ProposalLink>,
): Html | string {
  const mm = m.minutes;
  const { t } = ctx;
  const proposalList = (kind: 'born' | 'linked') => {
    const links = m.proposals
      .filter((p) => p.kind === kind)
      .map((p) => proposals.get(p.proposalId) ?? { id: p.proposalId, title: null, href: null });
    if (!links.length) return '';
    return html`<h3>${kind === 'born' ? t('meetings.minutes.born') : t('meetings.minutes.linked')}</h3>
      <ul>
        ${links.map(
          (l) =>
            html`<li>
              ${l.href ? html`<a href="${l.href}">${l.title ?? t('meetings.minutes.proposal')}</a>` : (l.title ?? t('meetings.minutes.proposalHidden'))}
            </li>`,
        )}
      </ul>`;
  };
  const photos = m.photos.length
    ? html`<h3>${t('meetings.photos')}</h3>
        <ul class="card-list" style="grid-template-columns:repeat(auto-fill,minmax(14rem,1fr))">
          ${m.photos.map(
            (p) =>
              html`<li>
                <img
                  src="${photoPath(place.space.slug, m, p.url)}"
                  alt="${textIn(p.alt, ctx.locale)}"
                  style="display:block;width:100%;height:auto;border-radius:.25rem"
                />
              </li>`,
          )}
        </ul>`
    : '';
  if (!mm) return photos ? html`<section aria-labelledby="photos-only">${photos}</section>` : '';
  return html`<section aria-labelledby="minutes-title" id="minutes">
    <h2 id="minutes-title">${t('meetings.minutes')}</h2>
    <ul>
      <li>${ctx.i18n.plural('meetings.minutes.attendees', mm.attendeesCount)}</li>
      <li>${ctx.i18n.plural('meetings.minutes.contributions', mm.contributionsCount)}</li>
      ${mm.organizations ? html`<li>${t('meetings.minutes.organizations')} ${mm.organizations}</li>` : ''}
    </ul>
    ${localUserText(ctx.locale, mm.text)}
    ${
      mm.audioUrl || mm.videoUrl
        ? html`<ul>
            ${mm.audioUrl ? html`<li>${userLink(mm.audioUrl, t('meetings.minutes.audio'))}</li>` : ''}
            ${mm.videoUrl ? html`<li>${userLink(mm.videoUrl, t('meetings.minutes.video'))}</li>` : ''}
          </ul>`
        : ''
    }
    ${photos} ${proposalList('born')} ${proposalList('linked')}
  </section>`;
}

/** Called off: said first, with the reason. */
function calledOffBanner(ctx: PageContext, m: MeetingView): Html | string {
  if (m.state !== 'cancelled' && m.state !== 'withdrawn') return '';
  const { t } = ctx;
  const on = m.cancelledAt ? ctx.i18n.date(m.cancelledAt) : null;
  return html`<div class="notice warning" role="status">
    <p>
      <strong>${m.state === 'cancelled' ? t('meetings.cancelledBanner') : t('meetings.withdrawnBanner')}</strong>
      ${on ? t('meetings.calledOffOn', { date: on }) : ''}
    </p>
    ${textIn(m.cancelReason, ctx.locale) ? html`<p>${t('meetings.reason')}</p>${localUserText(ctx.locale, m.cancelReason)}` : ''}
  </div>`;
}

export function meetingPage(
  ctx: PageContext,
  place: MeetingsPlace,
  m: MeetingView,
  panel: MeetingPanel,
  proposals: Map<string, ProposalLink>,
): Html {
  const { t } = ctx;
  const hints = textIn(m.locationHints, ctx.locale);
  return html`<p>
      <a href="${componentPath(place.space.slug, place.componentId)}">← ${place.name}</a>
    </p>
    <h1>${localText(ctx.locale, m.title)}</h1>
    ${calledOffBanner(ctx, m)}
    <p class="meta">${tags(ctx, m)}</p>
    ${m.organizer.kind === 'participant' && m.organizer.name ? html`<p class="meta">${t('meetings.organizedBy', { name: m.organizer.name })}</p>` : ''}
    ${m.mayOrganize ? html`<p><a class="button secondary" href="/admin/meetings/${m.id}">${t('meetings.manage')}</a></p>` : ''}
    <div class="petition-grid">
      <div>
        ${localUserText(ctx.locale, m.description)} ${onlineBlock(ctx, m)} ${agendaBlock(ctx, m)}
        ${servicesBlock(ctx, m)} ${minutesBlock(ctx, place, m, proposals)}
      </div>
      <div class="aside">
        <section aria-labelledby="when-title">
          <h2 id="when-title">${t('meetings.whenWhere')}</h2>
          <p>${whenHtml(ctx, m)}</p>
          ${m.state !== 'draft' ? html`<p><a href="${MEETINGS_API}/meetings/${m.id}/calendar.ics?lang=${ctx.locale}">${t('meetings.addToCalendar')}</a></p>` : ''}
          ${m.address ? html`<p style="overflow-wrap:anywhere"><strong>${t('meetings.address')}</strong> ${m.address}</p>` : ''}
          ${hints ? html`<div><strong>${t('meetings.locationHints')}</strong> ${localUserText(ctx.locale, m.locationHints)}</div>` : ''}
          ${m.type !== 'online' ? placeMap(ctx, m) : ''}
        </section>
        ${registrationBlock(ctx, place, m, panel)}
      </div>
    </div>`;
}

// ---------------------------------------------------------------- the directory

export interface DirectoryQuery {
  when: When;
  type: MeetingType | '';
  from: string;
  to: string;
  spaceId: string;
  area: string;
  cursor: string;
}

export function directoryHref(q: Partial<DirectoryQuery>): string {
  const p = new URLSearchParams();
  if (q.when === 'past') p.set('when', 'past');
  for (const k of ['type', 'from', 'to', 'spaceId', 'area', 'cursor'] as const)
    if (q[k]) p.set(k === 'spaceId' ? 'space' : k, q[k] as string);
  const s = p.toString();
  return s ? `${DIRECTORY_PATH}?${s}` : DIRECTORY_PATH;
}

/** A meeting of the organization's directory: its item, with the space it belongs to. */
const directoryItem = (ctx: PageContext, m: MeetingSummaryView): Html =>
  meetingItem(
    ctx,
    m,
    meetingPath(m.space?.slug ?? m.spaceId, m.componentId, m.id),
    m.space
      ? { space: { href: `/spaces/${m.space.slug}`, title: localText(ctx.locale, m.space.title) } }
      : {},
  );

export function directoryPage(
  ctx: PageContext,
  q: DirectoryQuery,
  list: MeetingListView,
  spaces: SpaceSummary[],
  errors: FieldError[],
): Html {
  const { t } = ctx;
  const errorOf = (f: string) => errors.find((e) => e.field === f)?.message;
  const spaceChoices: Choice[] = [
    { value: '', label: t('meetings.directory.allSpaces') },
    ...spaces.map((s) => {
      const picked = pickText(s.title, ctx.locale);
      return {
        value: s.id,
        label: picked.text,
        ...(picked.lang && picked.lang !== ctx.locale ? { lang: picked.lang } : {}),
      };
    }),
  ];
  return html`<h1>${t('meetings.directory.title')}</h1>
    <p>${t('meetings.directory.intro', { org: ctx.org.name })}</p>
    ${whenTabs(ctx, q.when, (when) => directoryHref({ ...q, when, cursor: '' }))}
    ${errorSummary(ctx.i18n, errors) ?? ''}
    <form method="get" action="${DIRECTORY_PATH}" class="filters-form" id="directory-filters">
      <fieldset>
        <legend>${t('meetings.filters')}</legend>
        ${q.when === 'past' ? html`<input type="hidden" name="when" value="past" />` : ''}
        <div class="filters">
          <div>${inputField({ id: 'from', label: t('meetings.directory.from'), kind: 'date', value: q.from, error: errorOf('from'), i18n: ctx.i18n })}</div>
          <div>${inputField({ id: 'to', label: t('meetings.directory.to'), kind: 'date', value: q.to, error: errorOf('to'), i18n: ctx.i18n })}</div>
          <div>${selectField({ id: 'type', label: t('meetings.type'), value: q.type, choices: typeChoices(ctx), i18n: ctx.i18n })}</div>
          <div>${selectField({ id: 'space', label: t('meetings.directory.space'), value: q.spaceId, choices: spaceChoices, i18n: ctx.i18n })}</div>
          <div>${inputField({ id: 'area', label: t('meetings.directory.area'), hint: t('meetings.directory.areaHint'), value: q.area, maxlength: 100, i18n: ctx.i18n })}</div>
          <div><button class="button" type="submit">${t('meetings.apply')}</button></div>
        </div>
      </fieldset>
    </form>
    ${results(ctx, list, q.when, (m) => directoryItem(ctx, m), {
      first: q.cursor ? directoryHref({ ...q, cursor: '' }) : null,
      next: list.nextCursor ? directoryHref({ ...q, cursor: list.nextCursor }) : null,
    })}
    ${calendarLink(ctx, `${MEETINGS_API}/calendar.ics`, t('meetings.directory.subscribeHint'))}`;
}

/** The home page's next meetings (at most three), and the way to the directory; always the link. */
export function upcomingMeetings(ctx: PageContext, items: MeetingSummaryView[]): Html {
  const { t } = ctx;
  return html`<h2>${t('meetings.home.title')}</h2>
    <p>${t('meetings.home.text')}</p>
    ${
      items.length
        ? html`<ul class="card-list">
            ${items.slice(0, 3).map((m) => directoryItem(ctx, m))}
          </ul>`
        : ''
    }
    <p><a href="${DIRECTORY_PATH}">${t('meetings.home.link')}</a></p>`;
}

// ---------------------------------------------------------------- a registration's mailed link

/** The meeting a registration is for, in a few lines. */
function meetingSummary(ctx: PageContext, m: MeetingSummaryView): Html {
  const { t } = ctx;
  return html`<div class="card">
    <h2 style="margin-top:0">
      <a href="${meetingPath(m.spaceId, m.componentId, m.id)}">${localText(ctx.locale, m.title)}</a>
    </h2>
    <p class="meta">${whenHtml(ctx, m)}</p>
    <p class="meta">${tags(ctx, m)}</p>
    ${m.address ? html`<p style="margin:.25rem 0;overflow-wrap:anywhere">${t('meetings.address')} ${m.address}</p>` : ''}
  </div>`;
}

/** The page of a mailed link: the registration as it is, and what one may do with it. */
export function tokenPage(
  ctx: PageContext,
  token: string,
  view: RegistrationByTokenView,
  notice: { done: string | null; refused: string | null },
): Html {
  const { t } = ctx;
  const { meeting: m, registration: r, ended } = view;
  const open = m.state === 'published' && new Date(m.startsAt).getTime() > Date.now();
  const tokenField = html`<input type="hidden" name="token" value="${token}" />`;
  let body: Html;
  if (ended === 'expired')
    body = html`<p><strong>${t('meetings.token.expired')}</strong></p>
      ${open ? html`<p>${messageWith(ctx.i18n, 'meetings.token.registerAgain', {}, { link: html`<a href="${meetingPath(m.spaceId, m.componentId, m.id)}#registration">${t('meetings.token.meetingPage')}</a>` })}</p>` : ''}`;
  else if (ended === 'cancelled')
    body = html`<p><strong>${m.state === 'cancelled' || m.state === 'withdrawn' ? t('meetings.token.meetingCalledOff') : t('meetings.token.cancelled')}</strong></p>`;
  else
    body = html`${registrationStatus(ctx, r)}
    ${
      r.status === 'pending' && open
        ? html`<form method="post" action="${REGISTRATION_PATH}/confirm" id="confirm-form" data-once>
            ${tokenField}
            <button type="submit" class="button">${t('meetings.token.confirm')}</button>
          </form>`
        : ''
    }
    ${
      open
        ? html`<form method="post" action="${REGISTRATION_PATH}/cancel" id="cancel-form" style="margin-top:1rem">
            ${tokenField}
            <button type="submit" class="button secondary">${t('meetings.mine.cancel')}</button>
          </form>`
        : ''
    }`;
  return html`<h1>${t('meetings.token.title')}</h1>
    ${doneNotice(notice.done)} ${formNotice(notice.refused)} ${meetingSummary(ctx, m)}
    <section aria-labelledby="status-title">
      <h2 id="status-title">${t('meetings.token.status')}</h2>
      ${body}
    </section>`;
}

/** A link that leads to no registration (mistyped, from another site, or never sent). */
export function unknownTokenPage(ctx: PageContext): Html {
  const { t } = ctx;
  return html`<h1>${t('meetings.token.unknownTitle')}</h1>
    <p>${t('meetings.token.unknown')}</p>
    <p><a href="${DIRECTORY_PATH}">${t('meetings.directory.title')}</a></p>`;
}
