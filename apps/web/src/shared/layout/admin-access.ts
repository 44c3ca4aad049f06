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
  if (ctx.me?.kind !== 'account') {
    seeOther(res, `/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
    return null;
  }
  const { t } = ctx;
  send(
    res,
    ctx,
    {
      title: t('admin.forbidden.title'),
      section: 'admin',
      main: html`<h1>${t('admin.forbidden.title')}</h1>
        <p>${t('admin.forbidden.text', { org: ctx.org.name, name: ctx.me.displayName ?? ctx.me.email })}</p>
        <p>${t('admin.forbidden.ask', { org: ctx.org.name })}</p>
        <p>${t('notFound.try')}</p>
        <ul>
          <li>
            <a href="/sign-in?returnTo=${encodeURIComponent(returnTo)}"
              >${t('admin.forbidden.otherAccount')}</a
            >
          </li>
          <li><a href="/my/petitions">${t('admin.forbidden.myPetitions')}</a></li>
          <li><a href="/">${t('notFound.home')}</a></li>
        </ul>`,
    },
    403,
  );
  return null;
}
