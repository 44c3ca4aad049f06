import { Controller, Get, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { type PageRequest, seeOther } from '../../shared/layout/http';
import { adminContext } from '../../shared/layout/admin-access';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import type { Problem } from '../../shared/gateway/gateway-client';
import type { FieldError } from '../../shared/html/components';
import type { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, notFoundPage, send } from '../../shared/layout/render';
import { isSameSite } from '../../shared/forms/same-site';
import { type PetitionTypeView } from '../lifecycle.api';
import { isUuid } from '../../shared/layout/http';
import { apiFieldErrors, titleWithErrors } from '../../shared/forms/form-notices';
import {
  TYPE_API_FIELDS,
  emptyTypeForm,
  readTypeForm,
  typeFormOf,
  type TypeFormValues,
} from './petition-type.form';
import { TYPES_PATH, typeFormPage, typesListPage } from './petition-types.pages';

/**
 * Petition types in the back-office: what a petition of each type asks for
 * (period, who signs and who authors, withdrawal, milestones, areas).
 * Registered before the petitions back-office, whose `:id` would take "types".
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('admin/petitions/types')
export class AdminPetitionTypesController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  private async all(ctx: PageContext): Promise<PetitionTypeView[]> {
    const r = await ctx.api.get<{ items: PetitionTypeView[] }>('/api/petitions/types?all=true');
    if (r.status !== 200) throw new Error(`Petition types answered ${r.status}`);
    return r.body.items;
  }

  private form(
    ctx: PageContext,
    res: FastifyReply,
    form: { values: TypeFormValues; errors: FieldError[]; notice?: string | null },
    edit: PetitionTypeView | null,
    status = 200,
  ) {
    const { t } = ctx;
    const heading = edit ? t('admin.types.editTitle', { name: edit.name }) : t('admin.types.new');
    send(
      res,
      ctx,
      {
        title: titleWithErrors(ctx, heading, form.errors),
        section: 'admin',
        main: typeFormPage(ctx, form, {
          action: edit ? `${TYPES_PATH}/${edit.id}` : `${TYPES_PATH}/new`,
          heading,
          submit: edit ? t('admin.types.save') : t('admin.types.create'),
        }),
      },
      status,
    );
  }

  /** The API's refusal on the form: duplicate name, incoherent rules, a field it names. */
  private refused(ctx: PageContext, problem: Problem | null) {
    if (problem?.code === 'DUPLICATE_TYPE')
      return { errors: [{ field: 'name', message: ctx.t('admin.types.duplicate') }] };
    const errors = apiFieldErrors(ctx, problem, TYPE_API_FIELDS);
    return errors.length
      ? { errors }
      : { errors, notice: ctx.t('mine.form.refused', { detail: problem?.detail ?? '' }) };
  }

  @Get()
  async list(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await adminContext(req, res, this.config.gatewayUrl);
    if (!ctx) return;
    const done =
      req.query.done === 'created'
        ? ctx.t('admin.types.done.created')
        : req.query.done === 'saved'
          ? ctx.t('admin.types.done.saved')
          : null;
    send(res, ctx, {
      title: ctx.t('admin.types.title'),
      section: 'admin',
      main: typesListPage(ctx, await this.all(ctx), done),
    });
  }

  @Get('new')
  async newType(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await adminContext(req, res, this.config.gatewayUrl);
    if (!ctx) return;
    this.form(ctx, res, { values: emptyTypeForm(), errors: [] }, null);
  }

  @Post('new')
  async create(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await adminContext(req, res, this.config.gatewayUrl, `${TYPES_PATH}/new`);
    if (!ctx) return;
    const { values, dto, errors } = readTypeForm(
      ctx.i18n,
      (req.body ?? {}) as Record<string, unknown>,
    );
    if (!dto) return this.form(ctx, res, { values, errors }, null, 400);
    if (!isSameSite(req))
      return this.form(
        ctx,
        res,
        { values, errors: [], notice: ctx.t('lifecycle.crossSite') },
        null,
        403,
      );
    const r = await ctx.api.post<Problem>('/api/petitions/types', dto);
    if (r.status === 201 || r.status === 200)
      return void seeOther(res, `${TYPES_PATH}?done=created`);
    if (r.status >= 500 || r.status === 429) throw new Error(`Type creation answered ${r.status}`);
    this.form(
      ctx,
      res,
      { values, ...this.refused(ctx, r.body) },
      null,
      r.status === 409 ? 409 : 400,
    );
  }

  @Get(':id')
  async editType(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await adminContext(req, res, this.config.gatewayUrl);
    if (!ctx) return;
    const type = isUuid(id) ? (await this.all(ctx)).find((ty) => ty.id === id) : undefined;
    if (!type) return send(res, ctx, notFoundPage(ctx), 404);
    this.form(ctx, res, { values: typeFormOf(type), errors: [] }, type);
  }

  @Post(':id')
  async save(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await adminContext(
      req,
      res,
      this.config.gatewayUrl,
      `${TYPES_PATH}/${isUuid(id) ? id : ''}`,
    );
    if (!ctx) return;
    const type = isUuid(id) ? (await this.all(ctx)).find((ty) => ty.id === id) : undefined;
    if (!type) return send(res, ctx, notFoundPage(ctx), 404);
    const { values, dto, errors } = readTypeForm(
      ctx.i18n,
      (req.body ?? {}) as Record<string, unknown>,
    );
    if (!dto) return this.form(ctx, res, { values, errors }, type, 400);
    if (!isSameSite(req))
      return this.form(
        ctx,
        res,
        { values, errors: [], notice: ctx.t('lifecycle.crossSite') },
        type,
        403,
      );
    const r = await ctx.api.patch<Problem>(`/api/petitions/types/${id}`, dto);
    if (r.status === 200) return void seeOther(res, `${TYPES_PATH}?done=saved`);
    if (r.status === 404) return send(res, ctx, notFoundPage(ctx), 404);
    if (r.status >= 500 || r.status === 429) throw new Error(`Type update answered ${r.status}`);
    this.form(
      ctx,
      res,
      { values, ...this.refused(ctx, r.body) },
      type,
      r.status === 409 ? 409 : 400,
    );
  }
}
