import { pickText } from '@palabre/contracts';
import { Controller, Get, Inject, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import type { FormPlace } from '../../shared/forms/form-action';
import { titleWithErrors } from '../../shared/forms/form-notices';
import type { FormBody } from '../../shared/forms/form-read';
import type { FieldError } from '../../shared/html/components';
import type { Html } from '../../shared/html/html';
import type { MessageKey } from '../../shared/i18n/i18n';
import { adminContext } from '../../shared/layout/admin-access';
import { isUuid, seeOther, type PageRequest } from '../../shared/layout/http';
import type { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, notFoundPage, send } from '../../shared/layout/render';
import type { SpacePage } from '../../spaces/spaces.api';
import {
  NEWSLETTER_API,
  type AudienceCountView,
  type NewsletterLanguage,
  type NewsletterListView,
  type NewsletterPreviewView,
  type NewsletterSettingsView,
  type NewsletterView,
} from '../newsletters.api';
import {
  ADMIN_NEWSLETTERS,
  EMPTY,
  detailPage,
  editPage,
  listPage,
  newPage,
  newsletterPath,
  settingsPage,
  subjectText,
  type DetailForms,
  type Form,
  type SpaceChoice,
} from './admin-newsletters.pages';
import {
  audienceOf,
  langOf,
  newNewsletterValues,
  newsletterValues,
  settingsValues,
} from './newsletter-form';

/** A page or form of the newsletters, for an organization administrator. */
export interface AtNewsletters extends FormPlace {
  /** The form as posted (a refusal is put next to the block it names). */
  body: FormBody;
  /** The organization's default language: the one a newsletter must be written in. */
  defaultLang: NewsletterLanguage;
}
/** … about one newsletter. */
export interface AtNewsletter extends AtNewsletters {
  n: NewsletterView;
  /** How many the audience reaches now, read for the sending's confirmation. */
  recipients?: number;
}

const param = (req: PageRequest, name: string): string =>
  String((req.params as Record<string, unknown>)[name] ?? '');

export const defaultLangOf = (ctx: PageContext): NewsletterLanguage =>
  ctx.org.defaultLocale === 'en' ? 'en' : 'fr';

/** The back-office context, or null once the answer is sent (sign-in, 403). */
export async function atNewsletters(
  req: PageRequest,
  res: FastifyReply,
  config: WebConfig,
  back?: string,
): Promise<AtNewsletters | null> {
  const ctx = await adminContext(req, res, config.gatewayUrl, back);
  if (!ctx) return null;
  return { ctx, body: (req.body ?? {}) as FormBody, defaultLang: defaultLangOf(ctx) };
}

/** As `atNewsletters`, with the newsletter `:id`; a 404 page for one there is not. */
export async function atNewsletter(
  req: PageRequest,
  res: FastifyReply,
  config: WebConfig,
  back?: string,
): Promise<AtNewsletter | null> {
  const at = await atNewsletters(req, res, config, back ?? newsletterPath(param(req, 'id')));
  if (!at) return null;
  const id = param(req, 'id');
  const r = isUuid(id)
    ? await at.ctx.api.get<NewsletterView>(`${NEWSLETTER_API}/newsletters/${id}`, { fresh: true })
    : null;
  if (!r || r.status === 404) {
    send(res, at.ctx, notFoundPage(at.ctx), 404);
    return null;
  }
  if (r.status !== 200) throw new Error(`Newsletter answered ${r.status}`);
  return { ...at, n: r.body };
}

/** How many the newsletter's audience reaches now. */
export async function recipientsOf(ctx: PageContext, id: string): Promise<number> {
  const r = await ctx.api.get<AudienceCountView>(`${NEWSLETTER_API}/newsletters/${id}/audience`, {
    fresh: true,
  });
  if (r.status !== 200) throw new Error(`Newsletter audience answered ${r.status}`);
  return r.body.recipients;
}

/** The organization's spaces, drafts included, for the audience's boxes. */
async function spacesOf(ctx: PageContext): Promise<SpaceChoice[]> {
  const r = await ctx.api.get<SpacePage>('/api/spaces?state=all&limit=100', { fresh: true });
  if (r.status !== 200) throw new Error(`Spaces answered ${r.status}`);
  return r.body.items.map((s) => {
    const title = pickText(s.title, ctx.locale);
    return {
      id: s.id,
      title: title.text || s.slug,
      ...(title.lang && title.lang !== ctx.locale ? { lang: title.lang } : {}),
      private: s.private,
    };
  });
}

function page(
  ctx: PageContext,
  res: FastifyReply,
  title: string,
  main: Html,
  errors: FieldError[] = [],
  status = 200,
) {
  send(res, ctx, { title: titleWithErrors(ctx, title, errors), section: 'admin', main }, status);
}

/** What each page says after a form's 303 (`?done=…`). */
const DONE = {
  list: { deleted: 'newsletterAdmin.done.deleted' },
  detail: {
    created: 'newsletterAdmin.done.created',
    saved: 'newsletterAdmin.done.saved',
    sent: 'newsletterAdmin.done.sent',
    scheduled: 'newsletterAdmin.done.scheduled',
    stopped: 'newsletterAdmin.done.stopped',
    unscheduled: 'newsletterAdmin.done.unscheduled',
  },
  settings: { saved: 'newsletterAdmin.done.settings' },
} satisfies Record<string, Record<string, MessageKey>>;

const doneOf = (req: PageRequest, ctx: PageContext, keys: Record<string, MessageKey>) => {
  const key = keys[String(req.query.done)];
  return key ? ctx.t(key) : null;
};

/** The compose form, counting its audience when asked to ("count the recipients"). */
async function composeState(
  ctx: PageContext,
  form: Form,
): Promise<{ form: Form; count: number | null }> {
  if (form.values.op !== 'count') return { form, count: null };
  const { audience, errors } = audienceOf(ctx.i18n, form.values);
  if (!audience) return { form: { ...form, errors }, count: null };
  const r = await ctx.api.post<AudienceCountView>(`${NEWSLETTER_API}/audiences/count`, audience);
  if (r.status !== 200) throw new Error(`Audience count answered ${r.status}`);
  return { form, count: r.body.recipients };
}

export async function renderNew(
  { ctx, defaultLang }: AtNewsletters,
  res: FastifyReply,
  given: Form,
  status = 200,
) {
  const [{ form, count }, spaces] = await Promise.all([composeState(ctx, given), spacesOf(ctx)]);
  page(
    ctx,
    res,
    ctx.t('newsletterAdmin.new'),
    newPage(ctx, {
      action: `${ADMIN_NEWSLETTERS}/new`,
      form,
      spaces,
      defaultLang,
      count,
      submit: ctx.t('newsletterAdmin.form.create'),
    }),
    form.errors,
    status,
  );
}

export async function renderEdit(
  { ctx, defaultLang, n }: AtNewsletter,
  res: FastifyReply,
  given: Form | null,
  status = 200,
) {
  const [{ form, count }, spaces] = await Promise.all([
    composeState(ctx, given ?? { values: newsletterValues(n), errors: [] }),
    spacesOf(ctx),
  ]);
  page(
    ctx,
    res,
    ctx.t('newsletterAdmin.editTitle', { subject: subjectText(ctx, n) }),
    editPage(ctx, n, {
      action: `${newsletterPath(n.id)}/edit`,
      form,
      spaces,
      defaultLang,
      count,
      submit: ctx.t('newsletterAdmin.form.save'),
    }),
    form.errors,
    status,
  );
}

export async function renderDetail(
  { ctx, n, defaultLang }: AtNewsletter,
  res: FastifyReply,
  forms: Partial<DetailForms>,
  done: string | null,
  previewLang: unknown = null,
  status = 200,
) {
  const lang = langOf(previewLang, n) ?? langOf(ctx.locale, n) ?? langOf(defaultLang, n) ?? 'fr';
  const live = n.state === 'draft' || n.state === 'scheduled';
  const [preview, recipients, spaces] = await Promise.all([
    ctx.api.get<NewsletterPreviewView>(
      `${NEWSLETTER_API}/newsletters/${n.id}/preview?lang=${lang}`,
      { fresh: true },
    ),
    live ? recipientsOf(ctx, n.id) : Promise.resolve(null),
    n.audience.kind === 'all' ? Promise.resolve([]) : spacesOf(ctx),
  ]);
  if (preview.status !== 200) throw new Error(`Newsletter preview answered ${preview.status}`);
  const all: DetailForms = {
    send: forms.send ?? EMPTY,
    test: forms.test ?? EMPTY,
    stop: forms.stop ?? EMPTY,
    remove: forms.remove ?? EMPTY,
  };
  page(
    ctx,
    res,
    subjectText(ctx, n),
    detailPage(ctx, n, { recipients, preview: preview.body, forms: all, done, spaces }),
    all.send.errors,
    status,
  );
}

export async function renderSettings(
  { ctx }: AtNewsletters,
  res: FastifyReply,
  given: Form | null,
  done: string | null,
  status = 200,
) {
  let form = given;
  if (!form) {
    const r = await ctx.api.get<NewsletterSettingsView>(`${NEWSLETTER_API}/settings`, {
      fresh: true,
    });
    if (r.status !== 200) throw new Error(`Newsletter settings answered ${r.status}`);
    form = { values: settingsValues(r.body), errors: [] };
  }
  page(
    ctx,
    res,
    ctx.t('newsletterAdmin.settings.title'),
    settingsPage(ctx, form, done),
    form.errors,
    status,
  );
}

/**
 * The administrators' newsletter pages (the newsletter API checks the role
 * again on every call). Its forms are declared in admin-newsletters.forms.ts.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller(ADMIN_NEWSLETTERS.slice(1))
export class AdminNewslettersController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  @Get()
  async list(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atNewsletters(req, res, this.config);
    if (!at) return;
    const { ctx } = at;
    const r = await ctx.api.get<NewsletterListView>(`${NEWSLETTER_API}/newsletters`, {
      fresh: true,
    });
    if (r.status !== 200) throw new Error(`Newsletters answered ${r.status}`);
    page(
      ctx,
      res,
      ctx.t('newsletterAdmin.list.title'),
      listPage(ctx, r.body.items, doneOf(req, ctx, DONE.list)),
    );
  }

  @Get('new')
  async create(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atNewsletters(req, res, this.config);
    if (at) await renderNew(at, res, { values: newNewsletterValues(at.defaultLang), errors: [] });
  }

  @Get('settings')
  async settings(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atNewsletters(req, res, this.config);
    if (at) await renderSettings(at, res, null, doneOf(req, at.ctx, DONE.settings));
  }

  @Get(':id')
  async detail(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atNewsletter(req, res, this.config);
    if (!at) return;
    const { ctx } = at;
    // The test went to the administrator's own address, which the service answered with.
    const done =
      req.query.done === 'test' && ctx.me?.kind === 'account'
        ? ctx.t('newsletterAdmin.done.test', { email: ctx.me.email })
        : doneOf(req, ctx, DONE.detail);
    await renderDetail(at, res, {}, done, req.query.preview);
  }

  @Get(':id/edit')
  async edit(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atNewsletter(req, res, this.config);
    if (!at) return;
    // Only a draft is edited: a scheduled one is stopped first.
    if (at.n.state !== 'draft') return seeOther(res, newsletterPath(at.n.id));
    await renderEdit(at, res, null);
  }

  /**
   * The mail's HTML on its own, for the preview's sandboxed frame: the site's
   * policy would block the images a newsletter shows (they are on other
   * hosts) in a `srcdoc` frame, which inherits it; this answer has its own,
   * stricter one (no script, no form, no request but images, framed by this
   * site only).
   */
  @Get(':id/preview/:lang')
  async preview(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atNewsletter(req, res, this.config);
    if (!at) return;
    const lang = langOf(param(req, 'lang'), at.n);
    if (!lang) return send(res, at.ctx, notFoundPage(at.ctx), 404);
    const r = await at.ctx.api.get<NewsletterPreviewView>(
      `${NEWSLETTER_API}/newsletters/${at.n.id}/preview?lang=${lang}`,
      { fresh: true },
    );
    if (r.status !== 200) throw new Error(`Newsletter preview answered ${r.status}`);
    res
      .status(200)
      .header(
        'Content-Security-Policy',
        "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox",
      )
      .header('X-Content-Type-Options', 'nosniff')
      .header('Referrer-Policy', 'no-referrer')
      .header('Cache-Control', 'private, no-cache')
      .type('text/html; charset=utf-8')
      .send(r.body.html);
  }
}
