import { ASSETS } from '../assets/assets';
import { announcementBanner, brandHead, brandMark } from '../branding/branding';
import { html, type Html } from '../html/html';
import type { PageContext } from './page-context';
import { isOrgAdmin } from './roles';

export interface PageOptions {
  title: string;
  main: Html;
  /** Marks the current entry of the main navigation. */
  section?:
    | 'home'
    | 'petitions'
    | 'spaces'
    | 'meetings'
    | 'signatures'
    | 'sign-in'
    | 'my-petitions'
    | 'admin'
    | 'account'
    | 'notifications';
}

/** The shell of every page: skip link, header with navigation and language switch, main, footer. */
/** Pages a sign-in never returns to: the sign-in and account flows themselves. */
const NO_RETURN = /^\/(sign-in|account\/|auth\/)/;

/** The header's sign-in link, which brings the visitor back to this page afterwards. */
function signInHref(url: string | undefined): string {
  return !url || url === '/' || NO_RETURN.test(url)
    ? '/sign-in'
    : `/sign-in?returnTo=${encodeURIComponent(url)}`;
}

export function layout(ctx: PageContext, page: PageOptions): string {
  const { t } = ctx;
  const current = (s: PageOptions['section']) => (page.section === s ? 'page' : false);
  const navLink = (href: string, label: string, s: PageOptions['section']) =>
    html`<li><a href="${href}" ${current(s) ? html`aria-current="page"` : ''}>${label}</a></li>`;
  const languages = ctx.locales.map((l) =>
    l === ctx.locale
      ? html`<li>
          <span lang="${l}" aria-current="true"><strong>${l.toUpperCase()}</strong></span>
        </li>`
      : html`<li>
          <a
            href="${ctx.pathWith('lang', l)}"
            lang="${l}"
            hreflang="${l}"
            title="${LANGUAGE_NAMES[l]}"
            ><span aria-hidden="true">${l.toUpperCase()}</span
            ><span class="visually-hidden">${LANGUAGE_NAMES[l]}</span></a
          >
        </li>`,
  );
  // Beside "My space", not in it: the number of unread notifications is seen on every page;
  // its name says it in words (one label: a screen reader never splits it in two).
  const unread = ctx.unread ?? 0;
  const notifications =
    ctx.me?.kind === 'account'
      ? html`<li>
          <a
            href="/notifications"
            ${current('notifications') ? html`aria-current="page"` : ''}
            ${
              unread > 0
                ? html`aria-label="${t('nav.notifications')}${ctx.i18n.plural('nav.notifications.unread', unread)}"`
                : ''
            }
            >${t('nav.notifications')}${unread > 0 ? html` (${ctx.i18n.number(unread)})` : ''}</a
          >
        </li>`
      : '';
  // Signed in, the person's own pages sit behind one "My space" entry (a <details>, which
  // opens without JavaScript), so that on a phone the header stays two lines high.
  const mine: PageOptions['section'][] = ['signatures', 'my-petitions', 'admin', 'account'];
  const account =
    ctx.me === null
      ? navLink(signInHref(ctx.req.url), t('nav.signIn'), 'sign-in')
      : html`<li>
          <details class="my-menu">
            <summary ${mine.includes(page.section) ? html`class="current"` : ''}>${t('nav.mine')}</summary>
            <ul>
              <li class="meta">
                ${ctx.me.kind === 'account' ? t('nav.signedInAs', { name: ctx.me.displayName ?? ctx.me.email }) : t('nav.signedInSigner')}
              </li>
              ${navLink('/my/signatures', t('nav.mySignatures'), 'signatures')}
              ${ctx.me.kind === 'account' ? navLink('/my/petitions', t('nav.myPetitions'), 'my-petitions') : ''}
              ${isOrgAdmin(ctx.me) ? navLink('/admin', t('nav.admin'), 'admin') : ''}
              ${ctx.me.kind === 'account' ? navLink('/account', t('nav.myAccount'), 'account') : ''}
              <li>
                <form class="inline" method="post" action="/auth/logout">
                  <button class="link-button" type="submit">${t('nav.signOut')}</button>
                </form>
              </li>
            </ul>
          </details>
        </li>`;
  return `<!doctype html>${html`<html lang="${ctx.locale}">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>${page.title} — ${ctx.org.name}</title>
      <link rel="icon" href="data:," />
        <link rel="stylesheet" href="${ASSETS.css.path}" />
      ${brandHead(ctx)}
      <script src="${ASSETS.js.path}" defer></script>
    </head>
    <body>
      <a class="skip" href="#main">${t('skip.main')}</a>
      ${announcementBanner(ctx)}
      <header class="site-header">
        <div class="wrap">
          <a class="brand" href="/">${brandMark(ctx)}</a>
          <nav aria-label="${t('nav.label')}">
            <ul>
              ${navLink('/', t('nav.home'), 'home')}
              ${navLink('/petitions', t('nav.petitions'), 'petitions')}
              ${navLink('/spaces', t('nav.spaces'), 'spaces')}
              ${navLink('/meetings', t('nav.meetings'), 'meetings')}
              ${notifications} ${account}
            </ul>
          </nav>
          <nav class="tools" aria-label="${t('nav.language')}">
            <ul>
              ${languages}
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" tabindex="-1">
        <div class="wrap">${page.main}</div>
      </main>
      <footer class="site-footer">
        <div class="wrap">
          <nav aria-label="${t('footer.label')}">
            <ul>
              <li><a href="/legal-notice">${t('footer.legal')}</a></li>
              <li><a href="/accessibility">${t('footer.accessibility')}</a></li>
              <li><a href="/personal-data">${t('footer.privacy')}</a></li>
            </ul>
          </nav>
          <p>${t('footer.poweredBy')}</p>
        </div>
      </footer>
    </body>
  </html>`}`;
}

const LANGUAGE_NAMES: Record<string, string> = { fr: 'Français', en: 'English' };
