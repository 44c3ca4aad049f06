/**
 * The forms of a person's notifications, declared for the form executor:
 * mark them all read, and save how each kind is wanted. A visitor without an
 * account is sent to sign in.
 */
import {
  NOTIFICATION_CADENCES,
  NOTIFICATION_KINDS,
  type NotificationCadence,
  type NotificationKind,
} from '@palabre/contracts';
import { formAction } from '../shared/forms/form-action';
import type { FieldError } from '../shared/html/components';
import { accountErrors, accountRefusal } from './account.form';
import { signedInAccount, type SignedIn } from './my-account.controller';
import {
  MY_NOTIFICATIONS_API,
  renderNotifications,
  renderPreferences,
} from './notifications.controller';
import type { PreferenceValues } from './notifications.pages';

const isCadence = (v: unknown): v is NotificationCadence =>
  typeof v === 'string' && (NOTIFICATION_CADENCES as readonly string[]).includes(v);

export const NOTIFICATION_FORMS = [
  formAction<SignedIn, { all: true }>({
    path: 'notifications/read',
    load: (req, res, config) => signedInAccount(req, res, config.gatewayUrl),
    read: () => ({ values: {}, errors: [], dto: { all: true } }),
    send: ({ ctx }, dto) => ctx.api.post(`${MY_NOTIFICATIONS_API}/notifications/read`, dto),
    done: () => '/notifications?read=all',
    refusal: ({ ctx }, answer) => accountRefusal(ctx, answer.status, {}, 'main'),
    // Shown again with the refusal only: nothing is marked read by a post that did not go through.
    again: (signedIn, res, form, status) =>
      renderNotifications(signedIn, res, {
        cursor: null,
        error: accountErrors(signedIn.ctx, form, 'main')[0]?.message ?? null,
        status,
        markSeen: false,
      }),
  }),
  formAction<
    SignedIn,
    { preferences: Partial<Record<NotificationKind, NotificationCadence>> },
    PreferenceValues
  >({
    path: 'account/notifications',
    load: (req, res, config) => signedInAccount(req, res, config.gatewayUrl),
    read({ ctx }, body) {
      const values: PreferenceValues = {};
      const preferences: Partial<Record<NotificationKind, NotificationCadence>> = {};
      const errors: FieldError[] = [];
      for (const kind of NOTIFICATION_KINDS) {
        const v = body[kind];
        // A kind left out keeps its cadence (the API takes a part).
        if (v === undefined) continue;
        if (isCadence(v)) values[kind] = preferences[kind] = v;
        else errors.push({ field: kind, message: ctx.t('notifications.prefs.invalid') });
      }
      return { values, errors, dto: errors.length ? null : { preferences } };
    },
    send: ({ ctx }, dto) => ctx.api.put(`${MY_NOTIFICATIONS_API}/notification-preferences`, dto),
    done: () => '/account/notifications?saved=1',
    fields: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [`preferences.${k}`, k])),
    again: (signedIn, res, form, status) =>
      renderPreferences(
        signedIn,
        res,
        {
          posted: form.values,
          errors: form.errors,
          // Said in the page's language already: the cross-site refusal, or a refusal by status.
          warning: form.notice ?? null,
        },
        status,
      ),
  }),
];
