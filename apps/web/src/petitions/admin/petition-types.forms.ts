/** The petition type form, new or edited, declared for the form executor. */
import { formAction, isUnexpected } from '../../shared/forms/form-action';
import { adminContext } from '../../shared/layout/admin-access';
import { isUuid, type PageRequest } from '../../shared/layout/http';
import type { PageContext } from '../../shared/layout/page-context';
import { notFoundPage, send } from '../../shared/layout/render';
import type { PetitionTypeView } from '../lifecycle.api';
import { readTypeForm, type PetitionTypeBody, type TypeFormValues } from './petition-type.form';
import { allTypes, sendTypeForm, typeRefusal } from './petition-types.controller';
import { TYPES_PATH } from './petition-types.pages';

interface TypeForm {
  ctx: PageContext;
  /** The type being edited; null for a new one. */
  type: PetitionTypeView | null;
}

const typeAction = (path: string, edit: boolean) =>
  formAction<TypeForm, PetitionTypeBody, TypeFormValues>({
    path: `admin/petitions/types/${path}`,
    async load(req: PageRequest, res, config) {
      const id = edit ? (req.params as { id: string }).id : null;
      const back = `${TYPES_PATH}/${id === null ? 'new' : isUuid(id) ? id : ''}`;
      const ctx = await adminContext(req, res, config.gatewayUrl, back);
      if (!ctx) return null;
      if (id === null) return { ctx, type: null };
      const type = isUuid(id) ? (await allTypes(ctx)).find((ty) => ty.id === id) : undefined;
      if (type) return { ctx, type };
      send(res, ctx, notFoundPage(ctx), 404);
      return null;
    },
    read: ({ ctx }, body) => readTypeForm(ctx.i18n, body),
    send: ({ ctx, type }, dto) =>
      type
        ? ctx.api.patch(`/api/petitions/types/${type.id}`, dto)
        : ctx.api.post('/api/petitions/types', dto),
    done: ({ type }) => `${TYPES_PATH}?done=${type ? 'saved' : 'created'}`,
    refusal: ({ ctx }, answer) =>
      isUnexpected(answer.status)
        ? null
        : { ...typeRefusal(ctx, answer.body), status: answer.status === 409 ? 409 : 400 },
    again: ({ ctx, type }, res, form, status) =>
      sendTypeForm(ctx, res, { ...form, notice: form.notice ?? null }, type, status),
  });

export const PETITION_TYPE_FORMS = [typeAction('new', false), typeAction(':id', true)];
