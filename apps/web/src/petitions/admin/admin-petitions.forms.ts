/**
 * The forms of one petition's management page (publish or reject; offline
 * counts; the institution's answer; closing early), declared for the form
 * executor. The API checks the role again.
 */
import { formAction, type FormActionSpec } from '../../shared/forms/form-action';
import { fixedForm } from '../../shared/forms/form-read';
import { isUuid, type PageRequest } from '../../shared/layout/http';
import { adminContext } from '../../shared/layout/admin-access';
import type { PageContext } from '../../shared/layout/page-context';
import { notFoundPage, send } from '../../shared/layout/render';
import type { ManagedPetition } from '../lifecycle.api';
import { ADMIN_PETITIONS, type ManageForm } from './admin-petitions.pages';
import { renderManage } from './admin-petitions.controller';
import { readAnswer, readClose, readOffline, readReject } from './petition-actions.form';

interface OnePetition {
  ctx: PageContext;
  id: string;
  /** As it is now (past the gateway's micro-cache): the confirmations name it and follow its state. */
  petition: ManagedPetition;
}

/** A form of the management page: `form` names it on the page rendered again. */
function manageAction<D>(
  form: NonNullable<ManageForm['form']>,
  spec: Pick<FormActionSpec<OnePetition, D>, 'read' | 'send' | 'done' | 'fields' | 'confirm'>,
) {
  return formAction<OnePetition, D>({
    path: `admin/petitions/:id/${form === 'offline' ? 'offline-counts' : form}`,
    async load(req: PageRequest, res, config) {
      const id = (req.params as { id: string }).id;
      const back = isUuid(id) ? `${ADMIN_PETITIONS}/${id}` : ADMIN_PETITIONS;
      const ctx = await adminContext(req, res, config.gatewayUrl, back);
      if (!ctx) return null;
      const r = isUuid(id)
        ? await ctx.api.get<ManagedPetition>(`/api/petitions/${id}`, { fresh: true })
        : null;
      if (!r || r.status === 404 || r.status === 400) {
        send(res, ctx, notFoundPage(ctx), 404);
        return null;
      }
      if (r.status !== 200) throw new Error(`Petition answered ${r.status}`);
      return { ctx, id, petition: r.body };
    },
    codes: { PETITION_WRONG_STATE: 'admin.wrongState' },
    again: ({ ctx, id }, res, state, status) =>
      renderManage(ctx, res, id, { form, ...state }, null, status),
    ...spec,
  });
}

const reviewed = (id: string, done: 'published' | 'rejected') =>
  `${ADMIN_PETITIONS}?state=submitted&done=${done}&id=${id}`;

export const ADMIN_PETITION_FORMS = [
  manageAction('publish', {
    read: () => fixedForm({ decision: 'publish' }),
    send: ({ ctx, id }, dto) => ctx.api.post(`/api/petitions/${id}/review`, dto),
    done: ({ id }) => reviewed(id, 'published'),
    confirm: ({ ctx, id, petition }) => ({
      title: ctx.t('admin.confirm.publish.title', { title: petition.title }),
      what: ctx.t('admin.confirm.publish.what'),
      final: ctx.t('admin.confirm.publish.final'),
      button: ctx.t('admin.review.publish'),
      back: `${ADMIN_PETITIONS}/${id}`,
    }),
  }),
  manageAction('reject', {
    read: ({ ctx }, body) => readReject(ctx.i18n, body),
    send: ({ ctx, id }, dto) => ctx.api.post(`/api/petitions/${id}/review`, dto),
    done: ({ id }) => reviewed(id, 'rejected'),
    fields: { reason: 'reason' },
  }),
  manageAction('close', {
    read: ({ ctx }, body) => readClose(ctx.i18n, body),
    send: ({ ctx, id }, dto) => ctx.api.post(`/api/petitions/${id}/close`, dto),
    done: ({ id }) => `${ADMIN_PETITIONS}/${id}?done=close#main`,
    fields: { reason: 'closeReason' },
  }),
  manageAction('answer', {
    read: ({ ctx }, body) => readAnswer(ctx.i18n, body),
    send: ({ ctx, id }, dto) => ctx.api.post(`/api/petitions/${id}/answer`, dto),
    done: ({ id }) => `${ADMIN_PETITIONS}/${id}?done=answer#main`,
    fields: { text: 'answerText', date: 'answerDate', url: 'answerUrl' },
    // The first answer closes signing; amending an answer later asks nothing.
    confirm: ({ ctx, id, petition }) =>
      petition.state === 'answered'
        ? null
        : {
            title: ctx.t('admin.confirm.answer.title', { title: petition.title }),
            what: ctx.t(
              petition.state === 'published'
                ? 'admin.confirm.answer.whatOpen'
                : 'admin.confirm.answer.whatClosed',
            ),
            final: ctx.t(
              petition.state === 'published'
                ? 'admin.confirm.answer.finalOpen'
                : 'admin.confirm.answer.finalClosed',
            ),
            button: ctx.t('admin.answer.submit'),
            back: `${ADMIN_PETITIONS}/${id}#answer`,
          },
  }),
  manageAction('offline', {
    read: ({ ctx }, body) => readOffline(ctx.i18n, body),
    send: ({ ctx, id }, dto) => ctx.api.post(`/api/petitions/${id}/offline-counts`, dto),
    done: ({ id }) => `${ADMIN_PETITIONS}/${id}?done=offline#offline`,
    fields: { count: 'count', source: 'source', note: 'note' },
  }),
];
