import { Controller, Get, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { type PageRequest, seeOther } from '../../shared/layout/http';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import type { Problem } from '../../shared/gateway/gateway-client';
import type { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, send } from '../../shared/layout/render';
import { isSameSite } from '../../shared/forms/same-site';
import { isUuid } from '../../shared/layout/http';
import { titleWithErrors } from '../../shared/forms/form-notices';
import type { FieldError } from '../../shared/html/components';
import { html } from '../../shared/html/html';
import { textIn, type ComponentDetail, type ComponentType, type SpaceLanding } from '../spaces.api';
import { spacePath } from './admin-spaces.pages';
import {
  readComponentName,
  readNewComponent,
  readPermission,
  readSettings,
  settingId,
  permissionId,
} from './component.form';
import { NO_FORM, componentPage, newComponentPage, type ComponentForm } from './component.pages';
import { spaceAdminContext } from './space-admin-access';
import { componentTypes, loadSpace, notFound, refusal } from './space-admin.api';

interface Loaded {
  s: SpaceLanding;
  c: ComponentDetail;
  type: ComponentType | null;
}

/** One form of the component page: what was typed, its errors, the API call when valid, where to go after. */
interface FormSpec {
  key: string;
  values: Record<string, string>;
  errors: FieldError[];
  send: (() => Promise<{ status: number; body: Problem | null }>) | null;
  fields: Record<string, string>;
  done: string;
  anchor: string;
}

const body = (req: PageRequest) => (req.body ?? {}) as Record<string, unknown>;
const ACTION = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** The API's "settings.<name>" → the id of that setting's control in form `key`. */
const settingFields = (key: string, names: string[]): Record<string, string> =>
  Object.fromEntries(names.map((n) => [`settings.${n}`, settingId(key, n)]));

/**
 * Components of a space in the back-office: add one of a registered type;
 * rename and move it; its settings as forms generated from the type's
 * definitions (global, each phase, and "no active phase"); who may take each
 * action. One page, several forms: a refused form comes back with its errors.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('admin/spaces/:id/components')
export class SpaceComponentsPagesController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  private access(req: PageRequest, res: FastifyReply, id: string, back?: string) {
    return spaceAdminContext(req, res, this.config.gatewayUrl, { spaceId: id, back });
  }

  @Get('new')
  async newComponent(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.access(req, res, id);
    if (!ctx) return;
    await this.newForm(ctx, res, id, NO_FORM);
  }

  private async newForm(
    ctx: PageContext,
    res: FastifyReply,
    id: string,
    form: ComponentForm,
    status = 200,
  ) {
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

  @Post('new')
  async create(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.access(req, res, id, `${spacePath(id)}/components/new`);
    if (!ctx) return;
    if (!isUuid(id)) return notFound(ctx, res);
    const types = await componentTypes(ctx);
    const { values, dto, errors } = readNewComponent(ctx.i18n, body(req), types);
    const form: ComponentForm = { key: 'new', values, errors };
    if (!dto) return this.newForm(ctx, res, id, form, 400);
    if (!isSameSite(req))
      return this.newForm(ctx, res, id, { ...form, notice: ctx.t('lifecycle.crossSite') }, 403);
    const r = await ctx.api.post<ComponentDetail & Problem>(`/api/spaces/${id}/components`, dto);
    if (r.status === 201 || r.status === 200)
      return void seeOther(res, `${spacePath(id)}/components/${r.body.id}?done=created`);
    if (r.status === 404) return notFound(ctx, res);
    const refused = refusal(ctx, r, { type: 'type', 'name.en': 'name-en', name: 'name-fr' });
    return this.newForm(ctx, res, id, { ...form, ...refused }, refused.status);
  }

  /** The component's page, with `form` shown as it was sent when it comes back refused. */
  private async render(
    ctx: PageContext,
    res: FastifyReply,
    id: string,
    componentId: string,
    form: ComponentForm,
    done: string | null,
    status = 200,
  ) {
    const loaded = await this.load(ctx, res, id, componentId);
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

  private async load(
    ctx: PageContext,
    res: FastifyReply,
    id: string,
    componentId: string,
  ): Promise<Loaded | undefined> {
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
    await this.render(ctx, res, id, componentId, NO_FORM, done);
  }

  /** Checks a form of the component page and sends it; back to the page (303) or the page with that form's errors. */
  private async act(
    req: PageRequest,
    res: FastifyReply,
    id: string,
    componentId: string,
    read: (ctx: PageContext, loaded: Loaded) => FormSpec | null,
  ) {
    const ctx = await this.access(req, res, id, `${spacePath(id)}/components/${componentId}`);
    if (!ctx) return;
    const loaded = await this.load(ctx, res, id, componentId);
    if (!loaded) return;
    const spec = read(ctx, loaded);
    if (!spec) return notFound(ctx, res);
    const form: ComponentForm = { key: spec.key, values: spec.values, errors: spec.errors };
    if (!spec.send) return this.render(ctx, res, id, componentId, form, null, 400);
    if (!isSameSite(req))
      return this.render(
        ctx,
        res,
        id,
        componentId,
        { ...form, notice: ctx.t('lifecycle.crossSite') },
        null,
        403,
      );
    const r = await spec.send();
    if (r.status === 200 || r.status === 201)
      return void seeOther(
        res,
        `${spacePath(id)}/components/${componentId}?done=${spec.done}#${spec.anchor}`,
      );
    if (r.status === 404 && r.body?.code !== 'PHASE_NOT_FOUND') return notFound(ctx, res);
    const refused = refusal(ctx, r, spec.fields);
    return this.render(ctx, res, id, componentId, { ...form, ...refused }, null, refused.status);
  }

  @Post(':componentId')
  rename(
    @Param('id') id: string,
    @Param('componentId') componentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    return this.act(req, res, id, componentId, (ctx, { c }) => {
      const { values, dto, errors } = readComponentName(ctx.i18n, body(req));
      return {
        key: 'name',
        values,
        errors,
        send: dto
          ? () => ctx.api.patch<Problem>(`/api/spaces/${id}/components/${c.id}`, dto)
          : null,
        fields: { 'name.en': 'name-en', name: 'name-fr', position: 'position' },
        done: 'saved',
        anchor: 'name-title',
      };
    });
  }

  @Post(':componentId/settings')
  globalSettings(
    @Param('id') id: string,
    @Param('componentId') componentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    return this.act(req, res, id, componentId, (ctx, { c, type }) => {
      if (!type) return null;
      const { values, dto, errors } = readSettings(
        ctx.i18n,
        body(req),
        type.globalSettings,
        'global',
      );
      return {
        key: 'global',
        values,
        errors,
        send: dto
          ? () => ctx.api.patch<Problem>(`/api/spaces/${id}/components/${c.id}`, { settings: dto })
          : null,
        fields: settingFields(
          'global',
          type.globalSettings.map((d) => d.name),
        ),
        done: 'settings',
        anchor: 'form-global',
      };
    });
  }

  @Post(':componentId/phases/:phaseId')
  phaseSettings(
    @Param('id') id: string,
    @Param('componentId') componentId: string,
    @Param('phaseId') phaseId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    return this.act(req, res, id, componentId, (ctx, { s, c, type }) => {
      const index = s.phases.findIndex((p) => p.id === phaseId);
      if (!type || (phaseId !== 'default' && index < 0)) return null;
      const key = phaseId === 'default' ? 'default' : `phase-${index + 1}`;
      const { values, dto, errors } = readSettings(ctx.i18n, body(req), type.phaseSettings, key);
      return {
        key,
        values,
        errors,
        send: dto
          ? () =>
              ctx.api.patch<Problem>(
                `/api/spaces/${id}/components/${c.id}/phases/${phaseId}/settings`,
                {
                  settings: dto,
                },
              )
          : null,
        fields: settingFields(
          key,
          type.phaseSettings.map((d) => d.name),
        ),
        done: 'settings',
        anchor: `form-${key}`,
      };
    });
  }

  @Post(':componentId/permissions/:action')
  permission(
    @Param('id') id: string,
    @Param('componentId') componentId: string,
    @Param('action') action: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    return this.act(req, res, id, componentId, (ctx, { c, type }) => {
      if (!type || !ACTION.test(action) || !type.actions.some((a) => a.name === action))
        return null;
      const { values, dto, errors } = readPermission(ctx.i18n, body(req), action);
      return {
        key: `perm-${action}`,
        values,
        errors,
        send: dto
          ? () =>
              ctx.api.put<Problem>(
                `/api/spaces/${id}/components/${c.id}/permissions/${action}`,
                dto,
              )
          : null,
        fields: {
          verification: permissionId(action, 'verification'),
          minimumAge: permissionId(action, 'age'),
          membersOnly: permissionId(action, 'members'),
        },
        done: 'permission',
        anchor: `form-perm-${action}`,
      };
    });
  }
}
