import { pickText } from '@palabre/contracts';
import { Controller, Get, Inject, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import { titleWithErrors } from '../../shared/forms/form-notices';
import { isUuid, seeOther, type PageRequest } from '../../shared/layout/http';
import { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, notFoundPage, send } from '../../shared/layout/render';
import { local } from '../../spaces/public/spaces.pages';
import { spaceSlug, textIn, type SpaceLanding } from '../../spaces/spaces.api';
import {
  SURVEYS_API,
  type SurveyListView,
  type SurveyResultsView,
  type SurveyView,
} from '../surveys.api';
import { ensureVisitorCookie } from './surveys.forms';
import {
  componentPage,
  resultsPage,
  surveyPage,
  type SurveyPanel,
  type SurveysPlace,
} from './surveys.pages';

function notFound(ctx: PageContext, res: FastifyReply): null {
  send(res, ctx, notFoundPage(ctx), 404);
  return null;
}

/** The space (by slug or id) and its surveys component; null once a 404 is sent. */
export async function surveysPlace(
  ctx: PageContext,
  res: FastifyReply,
  slugOrId: string,
  componentId: string,
  fresh = false,
): Promise<SurveysPlace | null> {
  if (!spaceSlug(slugOrId) || !isUuid(componentId)) return notFound(ctx, res);
  const s = await ctx.api.get<SpaceLanding>(`/api/spaces/${slugOrId}`, { fresh });
  if (s.status === 404 || s.status === 400) return notFound(ctx, res);
  if (s.status !== 200) throw new Error(`Space answered ${s.status}`);
  const c = s.body.components.find((x) => x.id === componentId);
  if (!c || c.type !== 'surveys') return notFound(ctx, res);
  return { space: s.body, componentId, name: local(ctx, c.name) };
}

/** The place and the survey of a page or a post; null once a 404 is sent. */
export async function loadSurvey(
  ctx: PageContext,
  res: FastifyReply,
  slug: string,
  componentId: string,
  surveyId: string,
  fresh = false,
): Promise<{ place: SurveysPlace; s: SurveyView } | null> {
  const place = await surveysPlace(ctx, res, slug, componentId, fresh);
  if (!place) return null;
  if (!isUuid(surveyId)) return notFound(ctx, res);
  const r = await ctx.api.get<SurveyView>(`${SURVEYS_API}/surveys/${surveyId}`, { fresh: true });
  if (r.status === 404 || r.status === 400) return notFound(ctx, res);
  if (r.status !== 200) throw new Error(`Survey answered ${r.status}`);
  if (r.body.componentId !== componentId) return notFound(ctx, res);
  return { place, s: r.body };
}

export function renderSurvey(
  ctx: PageContext,
  res: FastifyReply,
  place: SurveysPlace,
  s: SurveyView,
  panel: SurveyPanel,
  status = 200,
): void {
  send(
    res,
    ctx,
    {
      title: titleWithErrors(ctx, pickText(s.title, ctx.locale).text, panel.form?.errors ?? []),
      section: 'spaces',
      main: surveyPage(ctx, place, s, panel),
    },
    status,
  );
}

/**
 * The public pages of a surveys component, under the space's address:
 * /spaces/<slug>/surveys/<componentId>[/<surveyId>[/results]]. Answering is
 * declared in surveys.forms.ts.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('spaces/:slug/surveys/:componentId')
export class SurveysPagesController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  private ctx(req: PageRequest, res: FastifyReply) {
    return PageContext.load(req, res, this.config.gatewayUrl);
  }

  @Get()
  async list(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const place = await surveysPlace(ctx, res, slug, componentId);
    if (!place) return;
    if (slug !== place.space.slug)
      return seeOther(res, req.url.replace(`/spaces/${slug}/`, `/spaces/${place.space.slug}/`));
    const r = await ctx.api.get<SurveyListView>(`${SURVEYS_API}/components/${componentId}/surveys`);
    if (r.status === 404) return notFound(ctx, res);
    if (r.status !== 200) throw new Error(`Surveys answered ${r.status}`);
    const c = place.space.components.find((x) => x.id === componentId);
    send(res, ctx, {
      title: `${textIn(c?.name, ctx.locale)} — ${textIn(place.space.title, ctx.locale)}`,
      section: 'spaces',
      main: componentPage(ctx, place, r.body),
    });
  }

  @Get(':surveyId')
  async show(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('surveyId') surveyId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const loaded = await loadSurvey(ctx, res, slug, componentId, surveyId);
    if (!loaded) return;
    ensureVisitorCookie(req, res, loaded.s, !!ctx.me);
    renderSurvey(ctx, res, loaded.place, loaded.s, {
      done: req.query.done === 'answered',
      form: null,
    });
  }

  @Get(':surveyId/results')
  async results(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('surveyId') surveyId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const loaded = await loadSurvey(ctx, res, slug, componentId, surveyId);
    if (!loaded) return;
    const r = await ctx.api.get<SurveyResultsView>(`${SURVEYS_API}/surveys/${surveyId}/results`);
    if (r.status === 403 || r.status === 404) return notFound(ctx, res);
    if (r.status !== 200) throw new Error(`Survey results answered ${r.status}`);
    send(res, ctx, {
      title: ctx.t('surveys.results.title', { title: pickText(loaded.s.title, ctx.locale).text }),
      section: 'spaces',
      main: resultsPage(ctx, loaded.place, loaded.s, r.body),
    });
  }
}
