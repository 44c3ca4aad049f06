import { Controller, Get, Inject, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import type { PageRequest } from '../../shared/layout/http';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import type { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, send } from '../../shared/layout/render';
import { isUuid } from '../../shared/layout/http';
import { titleWithErrors } from '../../shared/forms/form-notices';
import { html } from '../../shared/html/html';
import { textIn, type ComponentDetail, type ComponentType, type SpaceLanding } from '../spaces.api';
import { NO_FORM, componentPage, newComponentPage, type ComponentForm } from './component.pages';
import { spaceAdminContext } from './space-admin-access';
import { componentTypes, loadSpace, notFound } from './space-admin.api';

/** A component with its space and its type (null when the type is no longer registered). */
export interface LoadedComponent {
  s: SpaceLanding;
  c: ComponentDetail;
  type: ComponentType | null;
}

/**
 * Components of a space in the back-office: add one of a registered type;
 * rename and move it; its settings as one form generated from the type's
 * definitions (global, each phase, and "no active phase"), saved together;
 * who may take each action. One page, several forms
 * (space-components.forms.ts): a refused form comes back with its errors.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('admin/spaces/:id/components')
export class SpaceComponentsPagesController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  private access(req: PageRequest, res: FastifyReply, id: string) {
    return spaceAdminContext(req, res, this.config.gatewayUrl, { spaceId: id });
  }

  @Get('new')
  async newComponent(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.access(req, res, id);
    if (!ctx) return;
    await renderNewComponent(ctx, res, id, NO_FORM);
  }

  @Get(':componentId')
  async show(
    @Param('id') id: string,
    @Param('componentId') componentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.access(req, res, id);
    if (!ctx) return;
    const DONE: Record<string, string> = {
      created: ctx.t('spacesAdmin.done.componentAdded'),
      saved: ctx.t('spacesAdmin.done.componentSaved'),
      settings: ctx.t('spacesAdmin.done.settingsSaved'),
      permission: ctx.t('spacesAdmin.done.permissionSaved'),
    };
    const done = typeof req.query.done === 'string' ? (DONE[req.query.done] ?? null) : null;
    await renderComponent(ctx, res, id, componentId, NO_FORM, done);
  }
}

/** The form of a new component, as it was sent (or empty). */
export async function renderNewComponent(
  ctx: PageContext,
  res: FastifyReply,
  id: string,
  form: ComponentForm,
  status = 200,
): Promise<void> {
  const [s, types] = await Promise.all([loadSpace(ctx, id), componentTypes(ctx)]);
  if (!s) return notFound(ctx, res);
  send(
    res,
    ctx,
    {
      title: titleWithErrors(ctx, ctx.t('spacesAdmin.component.add'), form.errors),
      section: 'admin',
      main: newComponentPage(ctx, s, types, form),
    },
    status,
  );
}

/** The component's page, with `form` shown as it was sent when it comes back refused. */
export async function renderComponent(
  ctx: PageContext,
  res: FastifyReply,
  id: string,
  componentId: string,
  form: ComponentForm,
  done: string | null,
  status = 200,
): Promise<void> {
  const loaded = await loadComponent(ctx, res, id, componentId);
  if (!loaded) return;
  const { s, c, type } = loaded;
  send(
    res,
    ctx,
    {
      title: titleWithErrors(
        ctx,
        ctx.t('spacesAdmin.component.heading', { name: textIn(c.name, ctx.locale) }),
        form.errors,
      ),
      section: 'admin',
      main: componentPage(ctx, s, c, type, form, done),
    },
    status,
  );
}

/** A component of space `id` as its admins see it; undefined once the answer is sent (404, 403). */
export async function loadComponent(
  ctx: PageContext,
  res: FastifyReply,
  id: string,
  componentId: string,
): Promise<LoadedComponent | undefined> {
  if (!isUuid(componentId)) return void notFound(ctx, res);
  const [s, types, r] = await Promise.all([
    loadSpace(ctx, id),
    componentTypes(ctx),
    isUuid(id)
      ? ctx.api.get<ComponentDetail>(`/api/spaces/${id}/components/${componentId}`, {
          fresh: true,
        })
      : null,
  ]);
  if (!s || !r || r.status === 404 || r.status === 400) return void notFound(ctx, res);
  if (r.status === 403) {
    const main = html`<h1>${ctx.t('admin.forbidden.title')}</h1>
      <p>${ctx.t('spacesAdmin.error.notAllowed')}</p>`;
    send(res, ctx, { title: ctx.t('admin.forbidden.title'), section: 'admin', main }, 403);
    return;
  }
  if (r.status !== 200) throw new Error(`Component answered ${r.status}`);
  const c = r.body;
  return { s, c, type: types.find((t) => t.type === c.type) ?? null };
}
