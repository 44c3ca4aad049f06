import { pickText } from '@palabre/contracts';
import { Controller, Get, Inject, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import type { FormPlace } from '../../shared/forms/form-action';
import { titleWithErrors } from '../../shared/forms/form-notices';
import type { FieldError } from '../../shared/html/components';
import type { Html } from '../../shared/html/html';
import type { MessageKey } from '../../shared/i18n/i18n';
import { isUuid, type PageRequest } from '../../shared/layout/http';
import type { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, send } from '../../shared/layout/render';
import { maySpaceAdmin, spaceAdminContext } from '../../spaces/admin/space-admin-access';
import {
  answeredNotFound,
  loadSpace,
  forbiddenPage,
  param,
  spacesAdministered,
  type Loader,
} from '../../spaces/admin/space-admin.api';
import { zoneOf } from '../public/sortitions.pages';
import { SORTITIONS_API, type DrawListView, type DrawView } from '../sortitions.api';
import {
  ADMIN_SORTITIONS,
  EMPTY,
  componentPage,
  drawPage,
  indexPage,
  type AdminPlace,
  type ComponentForms,
  type DrawForms,
} from './admin-sortitions.pages';

/** A back-office page or form of one sortitions component, for one of its space's admins. */
export interface AtComponent extends FormPlace {
  p: AdminPlace;
  items: DrawListView['items'];
}
/** … and of one of its draws, as its administrators read it. */
export interface AtDraw extends FormPlace {
  p: AdminPlace;
  d: DrawView;
}

export { param };

/** After an answer is sent (403): nothing to act on. */
const sent = (_answer: void): null => null;

const forbidden = (ctx: PageContext, res: FastifyReply) =>
  forbiddenPage(ctx, res, ctx.t('sortitionsAdmin.error.notAllowed'));

/** The zone the pages give and read dates in: the organization's. */
export const zone = (ctx: PageContext) => zoneOf(ctx.org.timeZone);

/**
 * The back-office context and the sortitions component a page or form is
 * about (and its space), for one of the space's admins; null: the answer is
 * sent (sign-in, 403, 404). The space is the one its draws name, else the
 * one among the spaces this person administers that holds the component.
 */
export const atComponent: Loader<AtComponent> = async (req, res, config, back) => {
  const ctx = await spaceAdminContext(req, res, config.gatewayUrl, { back });
  if (!ctx) return null;
  const componentId = param(req, 'componentId');
  if (!isUuid(componentId)) return answeredNotFound(ctx, res);
  const l = await ctx.api.get<DrawListView>(`${SORTITIONS_API}/components/${componentId}/draws`, {
    fresh: true,
  });
  if (l.status === 404 || l.status === 400 || l.status === 403) return answeredNotFound(ctx, res);
  if (l.status !== 200) throw new Error(`Draws answered ${l.status}`);
  const named = l.body.items[0]?.spaceId;
  const space = named
    ? await loadSpace(ctx, named)
    : ((await spacesAdministered(ctx)).find((s) =>
        s.components.some((c) => c.id === componentId),
      ) ?? null);
  if (!space || !space.components.some((c) => c.id === componentId && c.type === 'sortitions'))
    return answeredNotFound(ctx, res);
  if (!maySpaceAdmin(ctx.me, space.id)) return sent(forbidden(ctx, res));
  return { ctx, p: { space, componentId }, items: l.body.items };
};

/** As `atComponent`, for one draw (`:drawId`) its administrators manage. */
export const atDraw: Loader<AtDraw> = async (req, res, config, back) => {
  const ctx = await spaceAdminContext(req, res, config.gatewayUrl, { back });
  if (!ctx) return null;
  const id = param(req, 'drawId');
  if (!isUuid(id)) return answeredNotFound(ctx, res);
  const r = await ctx.api.get<DrawView>(`${SORTITIONS_API}/draws/${id}`, { fresh: true });
  if (r.status === 404 || r.status === 400) return answeredNotFound(ctx, res);
  if (r.status === 403) return sent(forbidden(ctx, res));
  if (r.status !== 200) throw new Error(`Draw answered ${r.status}`);
  const d = r.body;
  if (!maySpaceAdmin(ctx.me, d.spaceId) || !d.isAdmin) return sent(forbidden(ctx, res));
  const space = await loadSpace(ctx, d.spaceId);
  if (!space) return answeredNotFound(ctx, res);
  return { ctx, p: { space, componentId: d.componentId }, d };
};

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

/** What a draw's page says after a form's 303 (`?done=…`). */
const DONE: Record<string, MessageKey> = {
  prepared: 'sortitionsAdmin.done.prepared',
  drawn: 'sortitionsAdmin.done.drawn',
  cancelled: 'sortitionsAdmin.done.cancelled',
};

export function renderComponent(
  at: AtComponent,
  res: FastifyReply,
  forms: Partial<ComponentForms>,
  status = 200,
) {
  const { ctx, p } = at;
  const c = p.space.components.find((x) => x.id === p.componentId);
  const all: ComponentForms = { proposals: forms.proposals ?? EMPTY, panel: forms.panel ?? EMPTY };
  page(
    ctx,
    res,
    ctx.t('sortitionsAdmin.component.title', { name: pickText(c?.name, ctx.locale).text }),
    componentPage(ctx, p, at.items, all, zone(ctx)),
    [...all.proposals.errors, ...all.panel.errors],
    status,
  );
}

export function renderDraw(
  { ctx, p, d }: AtDraw,
  res: FastifyReply,
  forms: Partial<DrawForms>,
  done: string | null,
  status = 200,
) {
  const all: DrawForms = { draw: forms.draw ?? EMPTY, cancel: forms.cancel ?? EMPTY };
  page(
    ctx,
    res,
    pickText(d.title, ctx.locale).text,
    drawPage(ctx, p, d, all, done),
    [...all.draw.errors, ...all.cancel.errors],
    status,
  );
}

/**
 * The administrators' sortitions pages, for organization admins and the
 * admins of the draw's space (the sortitions API checks again on every
 * call). Its forms are declared in `admin-sortitions.forms.ts`.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller(ADMIN_SORTITIONS.slice(1))
export class AdminSortitionsController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  @Get()
  async index(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await spaceAdminContext(req, res, this.config.gatewayUrl);
    if (!ctx) return;
    page(
      ctx,
      res,
      ctx.t('sortitionsAdmin.index.title'),
      indexPage(ctx, await spacesAdministered(ctx)),
    );
  }

  @Get('components/:componentId')
  async component(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atComponent(req, res, this.config);
    if (at) renderComponent(at, res, {});
  }

  @Get(':drawId')
  async draw(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atDraw(req, res, this.config);
    if (!at) return;
    const done = String(req.query.done);
    renderDraw(at, res, {}, Object.hasOwn(DONE, done) ? at.ctx.t(DONE[done]) : null);
  }
}
