/**
 * The users page's forms (give a role by email; take one back after a
 * confirmation page), declared for the form executor. identity checks the
 * role again, and keeps the organization's last administrator.
 */
import type { FastifyReply } from 'fastify';
import { formAction, type FormPlace } from '../../shared/forms/form-action';
import { ruleText } from '../../shared/forms/form-notices';
import { adminContext } from '../../shared/layout/admin-access';
import type { PageContext } from '../../shared/layout/page-context';
import type { Grant } from '../organization.api';
import { revokeConfirmation } from './organization-admin.pages';
import { UUID, grantFormOf, readGrant } from './organization-admin.form';
import { NO_GRANT_FORM, meIdOf, renderUsers, usersData } from './organization-users.controller';
import { crossSiteOn, ownWords } from './organization-settings.forms';

const USERS = '/admin/organization/users';

interface OnGrant extends FormPlace {
  grant: Grant;
  /** The title of the grant's space, when it has one. */
  space?: string;
}

/** The users page with a refusal about no field (the last administrator, a role gone). */
const alert = (ctx: PageContext, res: FastifyReply, message: string | undefined, status: number) =>
  renderUsers(
    ctx,
    res,
    { form: NO_GRANT_FORM, errors: [], notice: null, alert: message ?? null },
    status,
  );

export const ORGANIZATION_USERS_FORMS = [
  formAction<FormPlace, object>({
    path: 'admin/organization/users',
    async load(req, res, config) {
      const ctx = await adminContext(req, res, config.gatewayUrl, USERS);
      return ctx && { ctx };
    },
    read: ({ ctx }, body) => readGrant(ctx, body),
    send: ({ ctx }, dto) => ctx.api.post('/api/identity/grants', dto),
    // No account has this address: said next to the field.
    explains404: ['USER_NOT_FOUND'],
    done: () => `${USERS}?done=granted`,
    refusal({ ctx }, r) {
      const { t, org } = ctx;
      const email = (message: string, status: number) => ({
        errors: [{ field: 'email', message }],
        status,
      });
      const code = r.body?.code;
      if (code === 'USER_NOT_FOUND') return email(t('org.users.noAccount', { org: org.name }), 422);
      if (code === 'GRANT_EXISTS') return email(t('org.users.exists'), 409);
      if (code === 'ACCOUNT_NOT_ACTIVE') return email(t('org.users.blocked'), 409);
      if (r.status === 429) return email(t('account.error.tryLater'), 429);
      if (r.status === 403)
        return { errors: [{ field: 'role', message: t('org.error.forbidden') }], status: 403 };
      if (r.status !== 400) throw new Error(`Grant answered ${r.status}`);
      const errors = (r.body?.errors ?? [{ field: 'email', message: '' }]).map((e) => ({
        field: e.field === 'role' || e.field === 'spaceId' ? e.field : 'email',
        message: ruleText(ctx, e),
      }));
      return { errors, status: 400 };
    },
    again: ({ ctx }, res, form, status) =>
      renderUsers(
        ctx,
        res,
        {
          form: grantFormOf(form.values),
          errors: crossSiteOn(ctx, 'email', form),
          notice: null,
          alert: null,
        },
        status,
      ),
  }),
  formAction<OnGrant, true>({
    path: 'admin/organization/users/:id/revoke',
    async load(req, res, config) {
      const ctx = await adminContext(req, res, config.gatewayUrl, USERS);
      if (!ctx) return null;
      const { id } = req.params as { id: string };
      const { grants, spaces } = await usersData(ctx);
      const grant = UUID.test(id) ? grants.find((g) => g.id === id) : undefined;
      if (!grant) {
        await alert(ctx, res, ctx.t('org.users.gone'), 404);
        return null;
      }
      return { ctx, grant, space: spaces.find((s) => s.id === grant.spaceId)?.title };
    },
    read: () => ({ values: {}, errors: [], dto: true }),
    // Final for the person: a page of its own says so before anything is taken back.
    confirm: ({ ctx, grant, space }) => revokeConfirmation(ctx, grant, space, meIdOf(ctx)),
    send: ({ ctx, grant }) => ctx.api.delete(`/api/identity/grants/${grant.id}`),
    // The role was taken back meanwhile: the users page says so.
    explains404: true,
    done: () => `${USERS}?done=revoked`,
    refusal({ ctx: { t, org } }, r) {
      if (r.status === 409 && r.body?.code === 'LAST_ADMIN')
        return { errors: [], notice: t('org.users.lastAdmin', { org: org.name }), status: 409 };
      if (r.status === 404) return { errors: [], notice: t('org.users.gone'), status: 404 };
      if (r.status === 429) return { errors: [], notice: t('account.error.tryLater'), status: 429 };
      if (r.status === 403) return { errors: [], notice: t('org.error.forbidden'), status: 403 };
      throw new Error(`Revoke answered ${r.status}`);
    },
    again: ({ ctx }, res, { notice }, status) => alert(ctx, res, ownWords(ctx, notice), status),
  }),
];
