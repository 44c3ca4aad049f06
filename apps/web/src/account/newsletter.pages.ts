/**
 * The newsletter's pages: the section of "my account", the page the
 * confirmation mail links to, and the one-click unsubscribe page a
 * newsletter's footer links to (no sign-in). A link only shows a button:
 * mail scanners open links, and only a POST changes anything.
 */
import { html, type Html } from '../shared/html/html';
import type { PageOptions } from '../shared/layout/layout';
import type { PageContext } from '../shared/layout/page-context';
import type { NewsletterConsent } from './account.api';

/** "My account"'s section: the state with its date, and the one button that changes it. */
export function newsletterSection(ctx: PageContext, consent: NewsletterConsent): Html {
  const { t, i18n } = ctx;
  const org = ctx.org.name;
  const date = (iso: string | null) => (iso ? i18n.date(iso) : '—');
  const state =
    consent.state === 'granted'
      ? t('newsletter.state.granted', { org, date: date(consent.grantedAt) })
      : consent.state === 'pending'
        ? t('newsletter.state.pending', { date: date(consent.askedAt) })
        : consent.state === 'withdrawn'
          ? t('newsletter.state.withdrawn', { date: date(consent.withdrawnAt) })
          : t('newsletter.state.none', { org });
  const button =
    consent.state === 'granted'
      ? html`<form method="post" action="/account/newsletter/withdraw" data-once>
          <button class="button secondary" type="submit">${t('newsletter.unsubscribe')}</button>
        </form>`
      : html`<form method="post" action="/account/newsletter/subscribe" data-once>
          <button class="button secondary" type="submit">
            ${consent.state === 'pending' ? t('newsletter.resend') : t('newsletter.subscribe')}
          </button>
        </form>`;
  return html`<section aria-labelledby="newsletter-title" id="newsletter" tabindex="-1">
    <h2 id="newsletter-title">${t('newsletter.title')}</h2>
    <p>${state}</p>
    ${button}
  </section>`;
}

/** The page of the mailed confirmation link: a button, or why the link does not work. */
export function newsletterConfirmPage(
  ctx: PageContext,
  token: string | null,
  error?: string,
): PageOptions {
  const { t } = ctx;
  if (!token || error)
    return {
      title: t('newsletter.confirm.invalidTitle'),
      main: html`<h1>${t('newsletter.confirm.invalidTitle')}</h1>
        <div class="notice warning" role="alert">
          <p>${error ?? t('newsletter.confirm.invalid')}</p>
        </div>
        <p><a href="/account#newsletter">${t('newsletter.backToAccount')}</a></p>`,
    };
  return {
    title: t('newsletter.confirm.title'),
    main: html`<h1>${t('newsletter.confirm.title')}</h1>
      <p>${t('newsletter.confirm.text', { org: ctx.org.name })}</p>
      <form method="post" action="/account/newsletter/confirm" data-once>
        <input type="hidden" name="token" value="${token}" />
        <p><button class="button" type="submit">${t('newsletter.confirm.submit')}</button></p>
      </form>`,
  };
}

/** The one-click unsubscribe page: a button, or (a tampered link) why nothing changed. */
export function unsubscribePage(ctx: PageContext, token: string | null): PageOptions {
  const { t } = ctx;
  if (!token)
    return {
      title: t('newsletter.unsubscribe.invalidTitle'),
      main: html`<h1>${t('newsletter.unsubscribe.invalidTitle')}</h1>
        <div class="notice warning" role="alert"><p>${t('newsletter.unsubscribe.invalid')}</p></div>
        <p><a href="/account#newsletter">${t('newsletter.backToAccount')}</a></p>`,
    };
  return {
    title: t('newsletter.unsubscribe.title'),
    main: html`<h1>${t('newsletter.unsubscribe.title')}</h1>
      <p>${t('newsletter.unsubscribe.text', { org: ctx.org.name })}</p>
      <form
        method="post"
        action="/newsletter/unsubscribe?token=${encodeURIComponent(token)}"
        data-once
      >
        <input type="hidden" name="token" value="${token}" />
        <p><button class="button" type="submit">${t('newsletter.unsubscribe.submit')}</button></p>
      </form>`,
  };
}

/** After a confirmation or an unsubscription. */
export function newsletterDonePage(
  ctx: PageContext,
  kind: 'confirmed' | 'unsubscribed',
): PageOptions {
  const { t } = ctx;
  const title = t(
    kind === 'confirmed' ? 'newsletter.confirmed.title' : 'newsletter.unsubscribed.title',
  );
  const text = t(
    kind === 'confirmed' ? 'newsletter.confirmed.text' : 'newsletter.unsubscribed.text',
    {
      org: ctx.org.name,
    },
  );
  return {
    title,
    main: html`<h1>${title}</h1>
      <div class="notice success" role="status"><p>${text}</p></div>
      <p><a href="/">${t('notFound.home')}</a></p>`,
  };
}
