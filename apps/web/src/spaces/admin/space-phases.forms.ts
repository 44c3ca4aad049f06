/**
 * The forms of a process's phases (add, edit, move, activate), declared for
 * the form executor.
 */
import type { FastifyReply } from 'fastify';
import type { ApiResponse } from '../../shared/gateway/gateway-client';
import { formAction, type FormAgain, type FormPlace } from '../../shared/forms/form-action';
import type { FormRead } from '../../shared/forms/form-read';
import type { WebConfig } from '../../shared/config/web.config';
import type { PageRequest } from '../../shared/layout/http';
import { send } from '../../shared/layout/render';
import type { PageContext } from '../../shared/layout/page-context';
import type { PhaseView, SpaceLanding } from '../spaces.api';
import { activatePage, refusedPage, spacePath } from './admin-spaces.pages';
import { createdId, onSpace, spaceRefusal } from './admin-spaces.forms';
import { posted } from './space-admin.api';
import { loadPhase, renderPhaseForm } from './space-phases.controller';
import { PHASE_API_FIELDS, readPhaseForm, type PhaseBody } from './space.form';

interface OnProcess extends FormPlace {
  id: string;
  s: SpaceLanding;
}

interface OnPhase extends OnProcess {
  p: PhaseView;
  /** The way a move goes, read with the route: the redirect names it. */
  direction: 'up' | 'down';
}

/** The process of the route; null once answered. */
async function onProcess(
  req: PageRequest,
  res: FastifyReply,
  config: WebConfig,
): Promise<OnProcess | null> {
  const place = await onSpace(req, res, config, (id) => `${spacePath(id)}/phases/new`);
  const found = place && (await loadPhase(place.ctx, res, place.id, null));
  return place && found && { ...place, s: found.s };
}

/** The process of the route and its phase; null once answered. `back` is where sign-in returns. */
async function onPhase(
  req: PageRequest,
  res: FastifyReply,
  config: WebConfig,
  back: (id: string, phaseId: string) => string,
): Promise<OnPhase | null> {
  const { phaseId } = req.params as { phaseId: string };
  const place = await onSpace(req, res, config, (id) => back(id, phaseId));
  const found = place && (await loadPhase(place.ctx, res, place.id, phaseId));
  if (!place || !found?.p) return null;
  const direction = (req.body as Record<string, unknown> | undefined)?.direction;
  return { ...place, s: found.s, p: found.p, direction: direction === 'down' ? 'down' : 'up' };
}

/** The phase form read for the executor: what was typed goes back as posted, and is read again to be shown. */
function readPhase(ctx: PageContext, body: Record<string, unknown>): FormRead<PhaseBody> {
  const { dto, errors } = readPhaseForm(ctx.i18n, body);
  return { values: posted(body), errors, dto };
}

const phaseForm = (ctx: PageContext, { values, errors, notice }: FormAgain) => ({
  values: readPhaseForm(ctx.i18n, values).values,
  errors,
  notice,
});

const fixed: FormRead<true> = { values: {}, errors: [], dto: true };

/** A page that says why a phase could not be moved or activated, with this title. */
const refused = (
  ctx: PageContext,
  res: FastifyReply,
  title: string,
  main: ReturnType<typeof refusedPage>,
  status: number,
) => send(res, ctx, { title, section: 'admin', main }, status);

/** One step up or down: the whole order, or nothing to send at either end. */
function reorder({ ctx, id, s, p, direction }: OnPhase): Promise<ApiResponse<unknown>> {
  const ids = s.phases.map((x) => x.id);
  const from = ids.indexOf(p.id);
  const to = direction === 'up' ? from - 1 : from + 1;
  if (to < 0 || to >= ids.length) return Promise.resolve({ status: 204, headers: {}, body: null });
  [ids[from], ids[to]] = [ids[to], ids[from]];
  return ctx.api.put(`/api/spaces/${id}/phases/order`, { phaseIds: ids });
}

export const SPACE_PHASE_FORMS = [
  formAction<OnProcess, PhaseBody>({
    path: 'admin/spaces/:id/phases/new',
    load: onProcess,
    read: ({ ctx }, body) => readPhase(ctx, body),
    send: ({ ctx, id }, dto) => ctx.api.post(`/api/spaces/${id}/phases`, dto),
    done: ({ id }, r) => `${spacePath(id)}?done=phaseAdded#phase-${createdId(r)}`,
    fields: PHASE_API_FIELDS,
    refusal: spaceRefusal,
    again: ({ ctx, s }, res, form, status) =>
      renderPhaseForm(ctx, res, s, null, phaseForm(ctx, form), status),
  }),
  formAction<OnPhase, PhaseBody>({
    path: 'admin/spaces/:id/phases/:phaseId',
    load: (req, res, config) =>
      onPhase(req, res, config, (id, phaseId) => `${spacePath(id)}/phases/${phaseId}`),
    read: ({ ctx }, body) => readPhase(ctx, body),
    send: ({ ctx, id, p }, dto) => ctx.api.patch(`/api/spaces/${id}/phases/${p.id}`, dto),
    done: ({ id, p }) => `${spacePath(id)}?done=phaseSaved#phase-${p.id}`,
    fields: PHASE_API_FIELDS,
    refusal: spaceRefusal,
    again: ({ ctx, s, p }, res, form, status) =>
      renderPhaseForm(ctx, res, s, p, phaseForm(ctx, form), status),
  }),
  formAction<OnPhase, true>({
    path: 'admin/spaces/:id/phases/:phaseId/move',
    load: (req, res, config) => onPhase(req, res, config, (id) => `${spacePath(id)}#phases`),
    read: () => fixed,
    send: reorder,
    // No fragment: a page opened at a fragment skips autofocus, and the focus must come back to the button.
    done: ({ id, p, direction }) =>
      `${spacePath(id)}?done=moved&phase=${p.id}&direction=${direction}`,
    refusal: spaceRefusal,
    again: ({ ctx, s }, res, { notice }, status) => {
      const title = ctx.t('spacesAdmin.phase.moveRefused');
      refused(ctx, res, title, refusedPage(ctx, s, title, notice ?? title), status);
    },
  }),
  formAction<OnPhase, true>({
    path: 'admin/spaces/:id/phases/:phaseId/activate',
    load: (req, res, config) =>
      onPhase(req, res, config, (id, phaseId) => `${spacePath(id)}/phases/${phaseId}/activate`),
    read: () => fixed,
    send: ({ ctx, id, p }) => ctx.api.post(`/api/spaces/${id}/phases/${p.id}/activate`),
    done: ({ id }) => `${spacePath(id)}?done=activated#phases`,
    refusal: spaceRefusal,
    again: ({ ctx, s, p }, res, { notice }, status) => {
      const title = ctx.t('spacesAdmin.activate.refused');
      refused(ctx, res, title, activatePage(ctx, s, p, notice ?? title), status);
    },
  }),
];
