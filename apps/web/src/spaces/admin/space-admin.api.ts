/** What the spaces back-office controllers share: reading a space for its admins, and the API's refusals on a form. */
import type { FastifyReply } from 'fastify';
import type { WebConfig } from '../../shared/config/web.config';
import type { Problem } from '../../shared/gateway/gateway-client';
import type { FormBody } from '../../shared/forms/form-read';
import type { FieldError } from '../../shared/html/components';
import type { PageContext } from '../../shared/layout/page-context';
import { notFoundPage, send } from '../../shared/layout/render';
import { html } from '../../shared/html/html';
import { isUuid, type PageRequest } from '../../shared/layout/http';
import { isOrgAdmin } from '../../shared/layout/roles';
import { apiFieldErrors, refusedText } from '../../shared/forms/form-notices';
import type { ComponentType, SpaceLanding, SpacePage } from '../spaces.api';
import { administeredSpaces } from './space-admin-access';

/** A space as its admins see it, read past the gateway's micro-cache (the page may follow a write); null if none. */
export async function loadSpace(ctx: PageContext, id: string): Promise<SpaceLanding | null> {
  if (!isUuid(id)) return null;
  const r = await ctx.api.get<SpaceLanding>(`/api/spaces/${id}`, { fresh: true });
  if (r.status === 404 || r.status === 400) return null;
  if (r.status !== 200) throw new Error(`Space answered ${r.status}`);
  return r.body;
}

/** The spaces this person administers, as their admins read them (drafts included). */
export async function spacesAdministered(ctx: PageContext): Promise<SpaceLanding[]> {
  const r = await ctx.api.get<SpacePage>('/api/spaces?state=all&limit=100', { fresh: true });
  if (r.status !== 200) throw new Error(`Spaces answered ${r.status}`);
  const mine = administeredSpaces(ctx.me);
  const ids = r.body.items
    .filter((s) => isOrgAdmin(ctx.me) || mine.includes(s.id))
    .map((s) => s.id);
  const spaces = await Promise.all(ids.map((id) => loadSpace(ctx, id)));
  return spaces.filter((s): s is SpaceLanding => s !== null);
}

/**
 * What a component's back-office page or form is about, loaded for one of its
 * space's admins; null: the answer is sent. `back`: where sign-in returns after a post.
 */
export type Loader<P> = (
  req: PageRequest,
  res: FastifyReply,
  config: WebConfig,
  back?: string,
) => Promise<P | null>;

/** A path parameter of the request, as text ('' when absent). */
export const param = (req: PageRequest, name: string): string =>
  String((req.params as Record<string, unknown>)[name] ?? '');

/** The back office's 403 page, with why in the domain's words. */
export function forbiddenPage(ctx: PageContext, res: FastifyReply, why: string): void {
  const main = html`<h1>${ctx.t('admin.forbidden.title')}</h1>
    <p>${why}</p>`;
  send(res, ctx, { title: ctx.t('admin.forbidden.title'), section: 'admin', main }, 403);
}

export async function componentTypes(ctx: PageContext): Promise<ComponentType[]> {
  const r = await ctx.api.get<{ items: ComponentType[] }>('/api/spaces/component-types', {
    fresh: true,
  });
  if (r.status !== 200) throw new Error(`Component types answered ${r.status}`);
  return r.body.items;
}

export const notFound = (ctx: PageContext, res: FastifyReply) =>
  send(res, ctx, notFoundPage(ctx), 404);

/** The not-found page sent, for a form's loader: nothing left to act on. */
export function answeredNotFound(ctx: PageContext, res: FastifyReply): null {
  notFound(ctx, res);
  return null;
}

/**
 * What the API said no to, as a form shows it: errors on the fields it names,
 * otherwise a notice in words (a code the page knows, or a sentence by status).
 * Throws for what is not the visitor's to fix (5xx, 429, 401).
 */
export function refusal(
  ctx: PageContext,
  r: { status: number; body: Problem | null },
  fields: Record<string, string>,
): { errors: FieldError[]; notice?: string; status: number } {
  if (r.status >= 500 || r.status === 429 || r.status === 401)
    throw new Error(`Spaces back-office call answered ${r.status}`);
  const status = r.status === 409 || r.status === 403 ? r.status : r.status === 422 ? 422 : 400;
  const code = r.body?.code;
  if (code === 'SLUG_TAKEN' && fields.slug)
    return {
      status,
      errors: [{ field: fields.slug, message: ctx.t('spacesAdmin.error.slugTaken') }],
    };
  const errors = apiFieldErrors(ctx, r.body, fields);
  if (errors.length) return { status, errors };
  const known: Record<string, string> = {
    NOT_ALLOWED: ctx.t('spacesAdmin.error.notAllowed'),
    PHASE_ACTIVE: ctx.t('spacesAdmin.error.phaseActive'),
    SPACE_WRONG_STATE: ctx.t('spacesAdmin.error.wrongState'),
    COMPONENT_TYPE_UNAVAILABLE: ctx.t('spacesAdmin.error.typeUnavailable'),
    ASSEMBLIES_HAVE_NO_PHASES: ctx.t('spacesAdmin.error.noPhases'),
    PHASE_NOT_FOUND: ctx.t('spacesAdmin.error.phaseGone'),
  };
  return {
    status,
    errors,
    notice:
      (code && known[code]) ??
      (r.status === 403 ? ctx.t('spacesAdmin.error.notAllowed') : refusedText(ctx, r.status)),
  };
}

/** What was typed, as the executor hands it back to a page (one string per field). */
export const posted = (body: FormBody): Record<string, string> =>
  Object.fromEntries(
    Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
