import { Controller, Get, Inject, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import type { SpamFlagListView } from '@palabre/contracts';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import type { FieldError } from '../../shared/html/components';
import type { MessageKey } from '../../shared/i18n/i18n';
import { adminContext } from '../../shared/layout/admin-access';
import type { PageRequest } from '../../shared/layout/http';
import type { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, send } from '../../shared/layout/render';
import {
  SPAM_LISTS,
  settingsValues,
  spamPage,
  type SpamList,
  type SpamSettingsValues,
  type SpamSettingsView,
} from './admin-spam.pages';

export const SPAM_API = '/api/antispam';

const DONE: Record<string, MessageKey> = {
  dismissed: 'spamAdmin.done.dismissed',
  blocked: 'spamAdmin.done.blocked',
  settings: 'spamAdmin.done.settings',
  unblocked: 'spamAdmin.done.unblocked',
};

/** What the page shows besides its lists: the settings form as typed, its errors, a notice. */
export interface SpamPageState {
  list?: SpamList;
  before?: string;
  form?: SpamSettingsValues;
  errors?: FieldError[];
  done?: string | null;
  alert?: string | null;
}

export async function spamSettings(ctx: PageContext): Promise<SpamSettingsView> {
  const r = await ctx.api.get<SpamSettingsView>(`${SPAM_API}/settings`);
  if (r.status !== 200) throw new Error(`Antispam settings answered ${r.status}`);
  return r.body;
}

/** The anti-spam page with one of its lists, the settings form and what was done or refused. */
export async function renderSpam(
  ctx: PageContext,
  res: FastifyReply,
  state: SpamPageState,
  status = 200,
): Promise<void> {
  const list = state.list ?? 'open';
  const query = new URLSearchParams({ status: list });
  if (state.before) query.set('before', state.before);
  const [flags, settings] = await Promise.all([
    ctx.api.get<SpamFlagListView>(`${SPAM_API}/flags?${query.toString()}`),
    spamSettings(ctx),
  ]);
  if (flags.status !== 200) throw new Error(`Antispam flags answered ${flags.status}`);
  send(
    res,
    ctx,
    spamPage(ctx, {
      list,
      flags: flags.body,
      settings,
      form: state.form ?? settingsValues(ctx, settings),
      errors: state.errors ?? [],
      done: state.done ?? null,
      alert: state.alert ?? null,
    }),
    status,
  );
}

/**
 * /admin/spam, for the organization's administrators: what the anti-spam
 * reported (to review), blocked, or was told was not spam; the settings. The
 * forms are declared in admin-spam.forms.ts.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('admin/spam')
export class AdminSpamController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  @Get()
  async show(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await adminContext(req, res, this.config.gatewayUrl);
    if (!ctx) return;
    const q = req.query as Record<string, unknown>;
    const list = (SPAM_LISTS as readonly unknown[]).includes(q.list)
      ? (q.list as SpamList)
      : 'open';
    const before =
      typeof q.before === 'string' &&
      /^2\d{3}-\d{2}-\d{2}T[\d:.]+Z$/.test(q.before) &&
      !Number.isNaN(Date.parse(q.before))
        ? q.before
        : undefined;
    const done = typeof q.done === 'string' ? DONE[q.done] : undefined;
    await renderSpam(ctx, res, { list, before, done: done ? ctx.t(done) : null });
  }
}
