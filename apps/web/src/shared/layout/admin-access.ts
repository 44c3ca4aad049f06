import type { FastifyReply } from 'fastify';
import { type PageRequest, seeOther } from './http';
import { html } from '../html/html';
import { PageContext } from './page-context';
import { send } from './render';
import type { Me } from './page-context';
import { isOrgAdmin } from './roles';

/**
 * The page context of a back-office page, or null when the visitor may not
 * see it (the answer is then already sent): anyone without an account goes to
 * the sign-in page and comes back here; an account without the role gets a
 * 403 that says why and what to do. `allowed`: who may see it (organization
 * administrators unless said otherwise).
 */
export async function adminContext(
  req: PageRequest,
  res: FastifyReply,
  gatewayUrl: string | undefined,
  back?: string,
  allowed: (me: Me | null) => boolean = isOrgAdmin,
): Promise<PageContext | null> {
  const ctx = await PageContext.load(req, res, gatewayUrl);
  if (allowed(ctx.me)) return ctx;
  const returnTo = back ?? (req.method === 'GET' ? req.url : '/admin');
  refuseStaff(ctx, res, returnTo, {
    reason: (name) => ctx.t('admin.forbidden.text', { org: ctx.org.name, name }),
    elsewhere: { href: '/my/petitions', label: ctx.t('admin.forbidden.myPetitions') },
  });
  return null;
}

/**
 * A back-office page refused: a visitor without an account goes to the
 * sign-in page and comes back to `returnTo`; an account without the role
 * gets a 403 that says why (`reason`, given the person's name) and offers
 * another account, a page of their own (`elsewhere`) and the home page.
 */
export function refuseStaff(
  ctx: PageContext,
  res: FastifyReply,
  returnTo: string,
  page: { reason: (name: string) => string; elsewhere: { href: string; label: string } },
): void {
  if (ctx.me?.kind !== 'account')
    return seeOther(res, `/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  const { t } = ctx;
  send(
    res,
    ctx,
    {
      title: t('admin.forbidden.title'),
      section: 'admin',
      main: html`<h1>${t('admin.forbidden.title')}</h1>
        <p>${page.reason(ctx.me.displayName ?? ctx.me.email)}</p>
        <p>${t('admin.forbidden.ask', { org: ctx.org.name })}</p>
        <p>${t('notFound.try')}</p>
        <ul>
          <li>
            <a href="/sign-in?returnTo=${encodeURIComponent(returnTo)}"
              >${t('admin.forbidden.otherAccount')}</a
            >
          </li>
          <li><a href="${page.elsewhere.href}">${page.elsewhere.label}</a></li>
          <li><a href="/">${t('notFound.home')}</a></li>
        </ul>`,
    },
    403,
  );
}
