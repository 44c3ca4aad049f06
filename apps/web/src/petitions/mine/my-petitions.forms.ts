/**
 * An author's forms (draft a petition, edit it, submit it to the review),
 * declared for the form executor. The API decides who may do what; a
 * signed-out visitor is sent to the page that offers the sign-in.
 */
import type { FastifyReply } from 'fastify';
import { formAction, isUnexpected, type FormAgain } from '../../shared/forms/form-action';
import { isUuid, type PageRequest, seeOther } from '../../shared/layout/http';
import { PageContext } from '../../shared/layout/page-context';
import { notFoundPage, send } from '../../shared/layout/render';
import type { PetitionTypeView } from '../lifecycle.api';
import {
  draftRefusal,
  petitionTypes,
  renderFollow,
  sendDraftForm,
} from './my-petitions.controller';
import { NEW_PATH, type DraftForm } from './my-petitions.pages';
import { readDraftForm, type DraftValues } from './petition-draft.form';

interface Drafting {
  ctx: PageContext;
  types: PetitionTypeView[];
  /** The draft being edited; absent for a new one. */
  id?: string;
}

/** The author's page context, or a redirect to `signIn` when no account is signed in. */
async function authorContext(
  req: PageRequest,
  res: FastifyReply,
  gatewayUrl: string | undefined,
  signIn: string,
) {
  const ctx = await PageContext.load(req, res, gatewayUrl);
  if (ctx.me?.kind === 'account') return ctx;
  seeOther(res, signIn);
  return null;
}

const idOf = (req: PageRequest) => (req.params as { id: string }).id;

/** The draft's page again: the refusal's "needs FranceConnect" rides on `signIn`. */
const draftAgain = (
  { ctx, types, id }: Drafting,
  res: FastifyReply,
  form: FormAgain,
  status: number,
) => {
  const { typeId = '', title = '', body = '' } = form.values;
  const draft: DraftForm = {
    values: { typeId, title, body },
    errors: form.errors,
    notice: form.notice,
    needsFranceConnect: form.signIn,
  };
  sendDraftForm(ctx, res, types, draft, id ? { id } : null, status);
};

const readDraft = ({ ctx, types }: Drafting, body: Record<string, unknown>) => {
  const { values, errors } = readDraftForm(
    ctx.i18n,
    body,
    types.map((ty) => ty.id),
  );
  return { values: { ...values }, errors, dto: errors.length ? null : values };
};

const refusal = (
  { ctx }: Drafting,
  answer: { status: number; body: Parameters<typeof draftRefusal>[1] },
) => {
  if (isUnexpected(answer.status)) return null;
  const { needsFranceConnect, errors = [], notice } = draftRefusal(ctx, answer.body);
  return {
    errors,
    notice: notice ?? undefined,
    signIn: needsFranceConnect,
    status: answer.status === 403 || answer.status === 409 ? answer.status : 400,
  };
};

export const MY_PETITION_FORMS = [
  formAction<Drafting, DraftValues>({
    path: 'petitions/new',
    async load(req, res, config) {
      const ctx = await authorContext(req, res, config.gatewayUrl, NEW_PATH);
      return ctx && { ctx, types: await petitionTypes(ctx) };
    },
    read: readDraft,
    send: ({ ctx }, dto) => ctx.api.post('/api/petitions', dto),
    done: (_, answer) => `/my/petitions/${(answer.body as { id: string }).id}?done=created`,
    redirect: (_, answer) => (answer.status === 401 ? NEW_PATH : null),
    refusal,
    again: draftAgain,
  }),
  formAction<Drafting & { id: string }, DraftValues>({
    path: 'my/petitions/:id/edit',
    async load(req, res, config) {
      const id = idOf(req);
      if (!isUuid(id)) {
        const ctx = await PageContext.load(req, res, config.gatewayUrl);
        send(res, ctx, notFoundPage(ctx), 404);
        return null;
      }
      const ctx = await authorContext(req, res, config.gatewayUrl, `/my/petitions/${id}/edit`);
      return ctx && { ctx, id, types: await petitionTypes(ctx) };
    },
    read: readDraft,
    send: ({ ctx, id }, dto) => ctx.api.patch(`/api/petitions/${id}`, dto),
    done: ({ id }) => `/my/petitions/${id}?done=saved`,
    refusal,
    again: draftAgain,
  }),
  formAction<{ ctx: PageContext; id: string }, Record<string, never>>({
    path: 'my/petitions/:id/submit',
    async load(req, res, config) {
      const id = idOf(req);
      if (!isUuid(id)) {
        const ctx = await PageContext.load(req, res, config.gatewayUrl);
        send(res, ctx, notFoundPage(ctx), 404);
        return null;
      }
      const ctx = await authorContext(req, res, config.gatewayUrl, `/my/petitions/${id}`);
      return ctx && { ctx, id };
    },
    read: () => ({ values: {}, errors: [], dto: {} }),
    send: ({ ctx, id }, dto) => ctx.api.post(`/api/petitions/${id}/submit`, dto),
    done: ({ id }) => `/my/petitions/${id}?done=submitted`,
    codes: { PETITION_WRONG_STATE: 'mine.notDraft' },
    again: ({ ctx, id }, res, form, status) =>
      renderFollow(ctx, res, id, '', form.notice ?? null, status),
  }),
];
