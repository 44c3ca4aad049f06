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
import { textIn, type PhaseView, type SpaceLanding } from '../spaces.api';
import { activatePage, phaseFormPage, spacePath, type Form } from './admin-spaces.pages';
import { spaceAdminContext } from './space-admin-access';
import { loadSpace, notFound } from './space-admin.api';
import { emptyPhaseForm, phaseFormOf, type PhaseFormValues } from './space.form';

/**
 * The phases of a process in the back-office: add, edit (titles, dates),
 * move up or down (plain forms; the focus comes back to the button used),
 * and activate one after a confirmation page. The forms are declared in
 * space-phases.forms.ts.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('admin/spaces/:id/phases')
export class SpacePhasesPagesController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  private access(req: PageRequest, res: FastifyReply, id: string) {
    return spaceAdminContext(req, res, this.config.gatewayUrl, { spaceId: id });
  }

  @Get('new')
  async newPhase(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.access(req, res, id);
    if (!ctx) return;
    const found = await loadPhase(ctx, res, id, null);
    if (!found) return;
    renderPhaseForm(ctx, res, found.s, null, { values: emptyPhaseForm(), errors: [] });
  }

  @Get(':phaseId')
  async editPhase(
    @Param('id') id: string,
    @Param('phaseId') phaseId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.access(req, res, id);
    if (!ctx) return;
    const found = await loadPhase(ctx, res, id, phaseId);
    if (!found?.p) return;
    renderPhaseForm(ctx, res, found.s, found.p, { values: phaseFormOf(found.p), errors: [] });
  }

  @Get(':phaseId/activate')
  async confirm(
    @Param('id') id: string,
    @Param('phaseId') phaseId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.access(req, res, id);
    if (!ctx) return;
    const found = await loadPhase(ctx, res, id, phaseId);
    if (!found?.p) return;
    const { s, p } = found;
    send(res, ctx, {
      title: ctx.t('spacesAdmin.activate.title', {
        title: ctx.t('spacesAdmin.phase.name', {
          n: s.phases.indexOf(p) + 1,
          title: textIn(p.title, ctx.locale),
        }),
      }),
      section: 'admin',
      main: activatePage(ctx, s, p),
    });
  }
}

/**
 * The process and one of its phases (`phaseId` null: none asked); null when
 * either is missing or the phase id is malformed (404 sent).
 */
export async function loadPhase(
  ctx: PageContext,
  res: FastifyReply,
  id: string,
  phaseId: string | null,
): Promise<{ s: SpaceLanding; p: PhaseView | null } | null> {
  if (phaseId !== null && !isUuid(phaseId)) {
    notFound(ctx, res);
    return null;
  }
  const s = await loadSpace(ctx, id);
  const p = phaseId && s ? (s.phases.find((x) => x.id === phaseId) ?? null) : null;
  if (!s || s.kind !== 'process' || (phaseId && !p)) {
    notFound(ctx, res);
    return null;
  }
  return { s, p };
}

/** A phase's form: a new one (`p` null) or one to edit, as it was sent. */
export function renderPhaseForm(
  ctx: PageContext,
  res: FastifyReply,
  s: SpaceLanding,
  p: PhaseView | null,
  form: Form<PhaseFormValues>,
  status = 200,
): void {
  const { t } = ctx;
  const n = p ? s.phases.indexOf(p) + 1 : s.phases.length + 1;
  const heading = p
    ? t('spacesAdmin.phase.editTitle', {
        title: t('spacesAdmin.phase.name', { n, title: textIn(p.title, ctx.locale) }),
      })
    : t('spacesAdmin.phase.addTitle', { n, space: textIn(s.title, ctx.locale) });
  send(
    res,
    ctx,
    {
      title: titleWithErrors(ctx, heading, form.errors),
      section: 'admin',
      main: phaseFormPage(ctx, s, form, {
        action: p ? `${spacePath(s.id)}/phases/${p.id}` : `${spacePath(s.id)}/phases/new`,
        heading,
        submit: p ? t('spacesAdmin.phase.save') : t('spacesAdmin.phase.add'),
      }),
    },
    status,
  );
}
