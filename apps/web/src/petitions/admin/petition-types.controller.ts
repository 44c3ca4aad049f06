import { Controller, Get, Inject, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import type { PageRequest } from '../../shared/layout/http';
import { adminContext } from '../../shared/layout/admin-access';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import type { Problem } from '../../shared/gateway/gateway-client';
import { pickText } from '@palabre/contracts';
import { localText, messageWith, type FieldError } from '../../shared/html/components';
import { textId } from '../../shared/forms/form-read';
import type { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, notFoundPage, send } from '../../shared/layout/render';
import { type PetitionTypeView } from '../lifecycle.api';
import { isUuid } from '../../shared/layout/http';
import { apiFieldErrors, refusedText, titleWithErrors } from '../../shared/forms/form-notices';
import {
  TYPE_API_FIELDS,
  emptyTypeForm,
  typeFormOf,
  type TypeFormValues,
} from './petition-type.form';
import { TYPES_PATH, typeFormPage, typesListPage } from './petition-types.pages';

export async function allTypes(ctx: PageContext): Promise<PetitionTypeView[]> {
  const r = await ctx.api.get<{ items: PetitionTypeView[] }>('/api/petitions/types?all=true');
  if (r.status !== 200) throw new Error(`Petition types answered ${r.status}`);
  return r.body.items;
}

export function sendTypeForm(
  ctx: PageContext,
  res: FastifyReply,
  form: { values: TypeFormValues; errors: FieldError[]; notice?: string | null },
  edit: PetitionTypeView | null,
  status = 200,
) {
  const { t } = ctx;
  // The page's title is text; the heading marks a name shown in another language.
  const title = edit
    ? t('admin.types.editTitle', { name: pickText(edit.name, ctx.locale).text })
    : t('admin.types.new');
  const heading = edit
    ? messageWith(ctx.i18n, 'admin.types.editTitle', {}, { name: localText(ctx.locale, edit.name) })
    : title;
  send(
    res,
    ctx,
    {
      title: titleWithErrors(ctx, title, form.errors),
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
export function typeRefusal(ctx: PageContext, problem: Problem | null) {
  if (problem?.code === 'DUPLICATE_TYPE')
    return { errors: [{ field: textId('name', 'fr'), message: ctx.t('admin.types.duplicate') }] };
  const errors = apiFieldErrors(ctx, problem, TYPE_API_FIELDS);
  return errors.length ? { errors } : { errors, notice: refusedText(ctx, problem?.status ?? 400) };
}

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
      main: typesListPage(ctx, await allTypes(ctx), done),
    });
  }

  @Get('new')
  async newType(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await adminContext(req, res, this.config.gatewayUrl);
    if (!ctx) return;
    sendTypeForm(ctx, res, { values: emptyTypeForm(), errors: [] }, null);
  }

  @Get(':id')
  async editType(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await adminContext(req, res, this.config.gatewayUrl);
    if (!ctx) return;
    const type = isUuid(id) ? (await allTypes(ctx)).find((ty) => ty.id === id) : undefined;
    if (!type) return send(res, ctx, notFoundPage(ctx), 404);
    sendTypeForm(ctx, res, { values: typeFormOf(type), errors: [] }, type);
  }
}
