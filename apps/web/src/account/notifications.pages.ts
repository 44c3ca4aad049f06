/**
 * A person's notifications (ADR 0040) and how they want them: the list the
 * header's count links to, newest first, and the preferences the mails'
 * footer links to (`/notifications`, `/account/notifications`). The newsletter
 * service words each notification in the page's language; the site words the
 * kinds and cadences itself.
 */
import { isOrgAdmin } from '../shared/layout/roles';
import {
  NOTIFICATION_CADENCES,
  type NotificationCadence,
  type NotificationKind,
} from '@palabre/contracts';
import { doneNotice, formNotice, titleWithErrors } from '../shared/forms/form-notices';
import { errorSummary, type FieldError } from '../shared/html/components';
import { errorOf, radioGroup } from '../shared/html/form-controls';
import { html, type Html } from '../shared/html/html';
import type { MessageKey } from '../shared/i18n/i18n';
import type { PageOptions } from '../shared/layout/layout';
import type { PageContext } from '../shared/layout/page-context';
import type { NotificationList } from './account.api';

/** The kinds by whose contribution they concern, as the preferences page groups them. */
export const KIND_GROUPS: {
  title: MessageKey;
  hint?: MessageKey;
  kinds: NotificationKind[];
  /** Shown to the organization's administrators only. */
  admins?: true;
}[] = [
  {
    title: 'notifications.group.petitions',
    kinds: ['petition.published', 'petition.rejected', 'petition.milestone', 'petition.answered'],
  },
  {
    title: 'notifications.group.proposals',
    kinds: ['proposal.evaluating', 'proposal.answered', 'proposal.commented', 'proposal.threshold'],
  },
  { title: 'notifications.group.comments', kinds: ['comment.replied'] },
  {
    title: 'notifications.group.meetings',
    // Meetings mails these itself (ADR 0035): "at once" adds no second mail.
    hint: 'notifications.prefs.meetingsMailed',
    kinds: ['registration.confirmed', 'meeting.changed', 'meeting.cancelled', 'meeting.reminder'],
  },
  { title: 'notifications.group.budgets', kinds: ['budget.results'] },
  { title: 'notifications.group.administration', kinds: ['spam.digest'], admins: true },
];

/** The site's own name of each kind (the newsletter service's wording stays in its mails). */
const KIND_LABELS: Record<NotificationKind, MessageKey> = {
  'petition.published': 'notifications.kind.petition.published',
  'petition.rejected': 'notifications.kind.petition.rejected',
  'petition.milestone': 'notifications.kind.petition.milestone',
  'petition.answered': 'notifications.kind.petition.answered',
  'proposal.evaluating': 'notifications.kind.proposal.evaluating',
  'proposal.answered': 'notifications.kind.proposal.answered',
  'proposal.commented': 'notifications.kind.proposal.commented',
  'proposal.threshold': 'notifications.kind.proposal.threshold',
  'comment.replied': 'notifications.kind.comment.replied',
  'registration.confirmed': 'notifications.kind.registration.confirmed',
  'meeting.changed': 'notifications.kind.meeting.changed',
  'meeting.cancelled': 'notifications.kind.meeting.cancelled',
  'meeting.reminder': 'notifications.kind.meeting.reminder',
  'budget.results': 'notifications.kind.budget.results',
  'spam.digest': 'notifications.kind.spam.digest',
};

const CADENCE_LABELS: Record<NotificationCadence, MessageKey> = {
  instant: 'notifications.cadence.instant',
  daily: 'notifications.cadence.daily',
  weekly: 'notifications.cadence.weekly',
  never: 'notifications.cadence.never',
};

/** A notification's path, linked only when it is a path of this site (a service could send anything). */
const sitePath = (path: string): string | null =>
  path.startsWith('/') && !path.startsWith('//') && !path.includes('\\') ? path : null;

export interface NotificationsPageState {
  list: NotificationList;
  /** The cursor of the page shown (null: the newest). */
  cursor: string | null;
  /** Unread notifications left once those shown are marked read (the list's count if marking failed). */
  unreadLeft: number;
  notice: string | null;
  error: string | null;
}

/**
 * "My notifications": the newest first, each with its space and date, the
 * unread ones marked "New" in words (they were unread when the page was
 * asked for, and are read once it is shown), a way to older ones by cursor.
 */
export function notificationsPage(ctx: PageContext, state: NotificationsPageState): PageOptions {
  const { t, i18n } = ctx;
  const { list } = state;
  const items = list.items.map((n) => {
    const path = sitePath(n.path);
    const unread = n.readAt === null;
    return html`<li class="card">
      <p>
        ${unread ? html`<strong class="tag">${t('notifications.new')}</strong> ` : ''}${path ? html`<a href="${path}">${n.text}</a>` : n.text}
      </p>
      <p class="meta">
        ${n.space ? t('notifications.space', { space: n.space.title }) : t('notifications.elsewhere')}
        · <time datetime="${n.occurredAt}">${i18n.dateTime(n.occurredAt)}</time>
      </p>
    </li>`;
  });
  const pager =
    list.next || state.cursor
      ? html`<nav aria-label="${t('notifications.pages')}">
          <ul>
            ${state.cursor ? html`<li><a href="/notifications">${t('notifications.newest')}</a></li>` : ''}
            ${list.next ? html`<li><a href="/notifications?cursor=${encodeURIComponent(list.next)}" rel="next">${t('notifications.older')}</a></li>` : ''}
          </ul>
        </nav>`
      : '';
  return {
    title: t('notifications.title'),
    section: 'notifications',
    main: html`<h1>${t('notifications.title')}</h1>
      ${doneNotice(state.notice)} ${formNotice(state.error)}
      <p>${t('notifications.intro')}</p>
      <p>
        ${list.unread > 0 ? i18n.plural('notifications.unread', list.unread) : t('notifications.noneUnread')}
      </p>
      ${
        state.unreadLeft > 0
          ? html`<form method="post" action="/notifications/read" data-once>
              <p>
                <button class="button secondary" type="submit">
                  ${t('notifications.markAll')}
                </button>
              </p>
            </form>`
          : ''
      }
      ${
        items.length
          ? html`<ol class="card-list" aria-label="${t('notifications.listLabel')}">
              ${items}
            </ol>`
          : html`<p>${t('notifications.empty')}</p>`
      }
      ${pager}
      <p><a href="/account/notifications">${t('notifications.choose')}</a></p>`,
  };
}

/** The preferences as a form shows them: a cadence per kind. */
export type PreferenceValues = Partial<Record<NotificationKind, string>>;

/** "My notification settings": a radio group per kind, grouped by what they concern, one button. */
export function preferencesPage(
  ctx: PageContext,
  values: PreferenceValues,
  errors: FieldError[],
  notice: string | null,
  warning: string | null = null,
): PageOptions {
  const { t, i18n } = ctx;
  const choices = NOTIFICATION_CADENCES.map((c) => ({ value: c, label: t(CADENCE_LABELS[c]) }));
  const groups: Html[] = KIND_GROUPS.filter((g) => !g.admins || isOrgAdmin(ctx.me)).map(
    (group, i) =>
      html`<section aria-labelledby="group-${i}">
        <h2 id="group-${i}">${t(group.title)}</h2>
        ${group.hint ? html`<p class="hint">${t(group.hint)}</p>` : ''}
        ${group.kinds.map((kind) =>
          radioGroup({
            name: kind,
            legend: t(KIND_LABELS[kind]),
            choices,
            value: values[kind],
            error: errorOf(errors, kind),
            i18n,
          }),
        )}
      </section>`,
  );
  return {
    title: titleWithErrors(ctx, t('notifications.prefs.title'), errors),
    section: 'account',
    main: html`<h1>${t('notifications.prefs.title')}</h1>
      ${errorSummary(i18n, errors)} ${doneNotice(notice)} ${formNotice(warning)}
      <p>${t('notifications.prefs.intro')}</p>
      <form id="preferences" method="post" action="/account/notifications" novalidate data-once>
        ${groups}
        <p><button class="button" type="submit">${t('notifications.prefs.save')}</button></p>
      </form>
      <p><a href="/notifications">${t('notifications.prefs.seeAll')}</a></p>`,
  };
}

/** "My account"'s section: where notifications are, and how they come. */
export function notificationsSection(ctx: PageContext): Html {
  const { t } = ctx;
  return html`<section aria-labelledby="notifications-title" id="notifications">
    <h2 id="notifications-title">${t('notifications.account.title')}</h2>
    <p>${t('notifications.account.text')}</p>
    <ul>
      <li><a href="/notifications">${t('notifications.account.see')}</a></li>
      <li><a href="/account/notifications">${t('notifications.choose')}</a></li>
    </ul>
  </section>`;
}
