/**
 * The forms of the spaces back-office's own pages (a new space, its
 * information, its publication, a member's removal), declared for the form
 * executor. The spaces API checks the role again on every call.
 */
import type { FastifyReply } from 'fastify';
import type { ApiResponse } from '../../shared/gateway/gateway-client';
import { formAction, type FormAgain, type FormPlace } from '../../shared/forms/form-action';
import { type FormBody, type FormRead, fixedForm } from '../../shared/forms/form-read';
import type { WebConfig } from '../../shared/config/web.config';
import { isUuid, type PageRequest } from '../../shared/layout/http';
import type { PageContext } from '../../shared/layout/page-context';
import type { SpaceLanding } from '../spaces.api';
import { ADMIN_SPACES, spacePath } from './admin-spaces.pages';
import { renderMembers, renderOverview, renderSpaceForm } from './admin-spaces.controller';
import { spaceAdminContext } from './space-admin-access';
import { answeredNotFound, loadSpace, posted, refusal } from './space-admin.api';
import { SPACE_API_FIELDS, readSpaceForm, type SpaceBody } from './space.form';

interface OnSpace extends FormPlace {
  id: string;
}

interface Editing extends OnSpace {
  s: SpaceLanding;
}

/** The refusal of a spaces form: the domain's own reading (slug taken, known codes, 422 kept). */
export const spaceRefusal = (
  { ctx }: FormPlace,
  r: Parameters<typeof refusal>[1],
  fields: Record<string, string>,
) => refusal(ctx, r, fields);

/** The id of what the API just created. */
export const createdId = (r: ApiResponse<unknown>) => (r.body as { id: string }).id;

/** A space's admin (or an organization admin) on the space of the route; null once answered. */
export async function onSpace(
  req: PageRequest,
  res: FastifyReply,
  config: WebConfig,
  back: (id: string) => string,
): Promise<OnSpace | null> {
  const id = (req.params as { id: string }).id;
  const ctx = await spaceAdminContext(req, res, config.gatewayUrl, { spaceId: id, back: back(id) });
  return ctx && { ctx, id };
}

/** The space form read for the executor: what was typed goes back as posted, and is read again to be shown. */
function readSpace(ctx: PageContext, body: FormBody, kind?: string): FormRead<SpaceBody> {
  const { dto, errors } = readSpaceForm(ctx.i18n, body, { creating: !kind, kind });
  return { values: posted(body), errors, dto };
}

const spaceForm = (ctx: PageContext, { values, errors, notice }: FormAgain, kind?: string) => ({
  values: readSpaceForm(ctx.i18n, values, { creating: !kind, kind }).values,
  errors,
  notice,
});

/** Publishing or unpublishing: no fields, the space's page again when refused. */
const setState = (action: 'publish' | 'unpublish', done: 'published' | 'unpublished') =>
  formAction<OnSpace, true>({
    path: `admin/spaces/:id/${action}`,
    async load(req, res, config) {
      const place = await onSpace(req, res, config, spacePath);
      if (place && !isUuid(place.id)) return answeredNotFound(place.ctx, res);
      return place;
    },
    read: () => fixedForm(true),
    send: ({ ctx, id }) => ctx.api.post(`/api/spaces/${id}/${action}`),
    done: ({ id }) => `${spacePath(id)}?done=${done}`,
    refusal: spaceRefusal,
    again: ({ ctx, id }, res, { notice }, status) =>
      renderOverview(ctx, res, id, {}, notice ?? null, status),
  });

export const ADMIN_SPACE_FORMS = [
  formAction<FormPlace, SpaceBody>({
    path: 'admin/spaces/new',
    async load(req, res, config) {
      const ctx = await spaceAdminContext(req, res, config.gatewayUrl, {
        orgOnly: true,
        back: `${ADMIN_SPACES}/new`,
      });
      return ctx && { ctx };
    },
    read: ({ ctx }, body) => readSpace(ctx, body),
    send: ({ ctx }, dto) => ctx.api.post('/api/spaces', dto),
    done: (_, r) => `${spacePath(createdId(r))}?done=created`,
    fields: SPACE_API_FIELDS,
    refusal: spaceRefusal,
    again: ({ ctx }, res, form, status) =>
      renderSpaceForm(ctx, res, spaceForm(ctx, form), null, status),
  }),
  formAction<Editing, SpaceBody>({
    path: 'admin/spaces/:id/edit',
    async load(req, res, config) {
      const place = await onSpace(req, res, config, (id) => `${spacePath(id)}/edit`);
      if (!place) return null;
      const s = await loadSpace(place.ctx, place.id);
      if (!s) return answeredNotFound(place.ctx, res);
      return { ...place, s };
    },
    read: ({ ctx, s }, body) => readSpace(ctx, body, s.kind),
    send: ({ ctx, s }, dto) => ctx.api.patch(`/api/spaces/${s.id}`, dto),
    done: ({ s }) => `${spacePath(s.id)}?done=saved`,
    fields: SPACE_API_FIELDS,
    refusal: spaceRefusal,
    again: ({ ctx, s }, res, form, status) =>
      renderSpaceForm(ctx, res, spaceForm(ctx, form, s.kind), s, status),
  }),
  setState('publish', 'published'),
  setState('unpublish', 'unpublished'),
  formAction<OnSpace & { userId: string }, true>({
    path: 'admin/spaces/:id/members/:userId/remove',
    async load(req, res, config) {
      const place = await onSpace(req, res, config, (id) => `${spacePath(id)}/members`);
      const { userId } = req.params as { userId: string };
      if (place && (!isUuid(place.id) || !isUuid(userId))) return answeredNotFound(place.ctx, res);
      return place && { ...place, userId };
    },
    read: () => fixedForm(true),
    send: ({ ctx, id, userId }) => ctx.api.delete(`/api/spaces/${id}/members/${userId}`),
    explains404: ['MEMBER_NOT_FOUND'],
    done: ({ id }) => `${spacePath(id)}/members?done=removed`,
    refusal(place, r) {
      const refused = spaceRefusal(place, r, {});
      return r.body?.code === 'MEMBER_NOT_FOUND'
        ? { errors: [], notice: place.ctx.t('spacesAdmin.members.notMember'), status: 409 }
        : refused;
    },
    again: ({ ctx, id }, res, { errors, notice }, status) =>
      renderMembers(ctx, res, id, { values: { userId: '' }, errors, notice }, null, status),
  }),
];
