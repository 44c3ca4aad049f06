import { Controller, Get, Inject, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import type { NotificationCountView } from '@palabre/contracts';
import { WEB_CONFIG, type WebConfig } from '../shared/config/web.config';
import { type PageRequest, seeOther } from '../shared/layout/http';
import { PageErrorFilter, send } from '../shared/layout/render';
import type { FieldError } from '../shared/html/components';
import type { NotificationList, NotificationPreferences } from './account.api';
import { signedInAccount, type SignedIn } from './my-account.controller';
import { notificationsPage, preferencesPage, type PreferenceValues } from './notifications.pages';

/** The newsletter service's API of the signed-in person, through the gateway. */
export const MY_NOTIFICATIONS_API = '/api/newsletter/me';
const PAGE_SIZE = 20;
/** The API's cursors are base64url; anything else starts from the newest. */
const CURSOR = /^[A-Za-z0-9_-]{1,200}$/;

/**
 * "My notifications" from `cursor` on. Those shown unread are marked read
 * once fetched (`markSeen`), so the API's GET stays safe and the page still
 * shows them as new this time; the header then says what is left unread.
 */
export async function renderNotifications(
  { ctx }: SignedIn,
  res: FastifyReply,
  options: {
    cursor: string | null;
    notice?: string | null;
    error?: string | null;
    status?: number;
    markSeen: boolean;
  },
): Promise<void> {
  const { cursor } = options;
  const query = new URLSearchParams({ lang: ctx.locale, limit: String(PAGE_SIZE) });
  if (cursor) query.set('cursor', cursor);
  const list = await ctx.api.get<NotificationList>(
    `${MY_NOTIFICATIONS_API}/notifications?${query.toString()}`,
  );
  // A cursor of no list of ours (edited by hand): the newest instead.
  if (list.status === 400 && cursor) return seeOther(res, '/notifications');
  if (list.status !== 200) throw new Error(`Notifications answered ${list.status}`);
  let unreadLeft = list.body.unread;
  const seen = list.body.items.filter((n) => n.readAt === null).map((n) => n.id);
  if (options.markSeen && seen.length) {
    const read = await ctx.api.post<NotificationCountView>(
      `${MY_NOTIFICATIONS_API}/notifications/read`,
      { ids: seen },
    );
    // Not marked (the service refused or failed): the page shows them all the same.
    if (read.status === 200 && typeof read.body?.unread === 'number') unreadLeft = read.body.unread;
  }
  ctx.unread = unreadLeft;
  send(
    res,
    ctx,
    notificationsPage(ctx, {
      list: list.body,
      cursor,
      unreadLeft,
      notice: options.notice ?? null,
      error: options.error ?? null,
    }),
    options.status ?? 200,
  );
}

/**
 * "My notification settings": what the person chose, with what they just
 * posted over it when the page is shown again, what to fix and a notice.
 */
export async function renderPreferences(
  { ctx }: SignedIn,
  res: FastifyReply,
  form: {
    posted?: PreferenceValues;
    errors?: FieldError[];
    notice?: string | null;
    warning?: string | null;
  },
  status = 200,
): Promise<void> {
  const r = await ctx.api.get<NotificationPreferences>(
    `${MY_NOTIFICATIONS_API}/notification-preferences`,
  );
  if (r.status !== 200) throw new Error(`Notification preferences answered ${r.status}`);
  const values: PreferenceValues = { ...r.body.preferences, ...form.posted };
  send(
    res,
    ctx,
    preferencesPage(ctx, values, form.errors ?? [], form.notice ?? null, form.warning ?? null),
    status,
  );
}

/** A person's notifications and their settings; the mails' footer links to both. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller()
export class NotificationsController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  @Get('notifications')
  async list(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const signedIn = await signedInAccount(req, res, this.config.gatewayUrl);
    if (!signedIn) return;
    const cursor = typeof req.query.cursor === 'string' ? req.query.cursor : '';
    const notice = req.query.read === 'all' ? signedIn.ctx.t('notifications.markedAll') : null;
    await renderNotifications(signedIn, res, {
      cursor: CURSOR.test(cursor) ? cursor : null,
      notice,
      markSeen: true,
    });
  }

  @Get('account/notifications')
  async preferences(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const signedIn = await signedInAccount(req, res, this.config.gatewayUrl);
    if (!signedIn) return;
    const notice = req.query.saved === '1' ? signedIn.ctx.t('notifications.prefs.saved') : null;
    await renderPreferences(signedIn, res, { notice });
  }
}
