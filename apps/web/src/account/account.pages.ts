import { checkbox } from '../shared/html/form-controls';
import { ASSETS } from '../shared/assets/assets';
import {
  errorSummary,
  franceConnectButton,
  textField,
  type FieldError,
} from '../shared/html/components';
import { titleWithErrors } from '../shared/forms/form-notices';
import { html, type Html } from '../shared/html/html';
import type { PageOptions } from '../shared/layout/layout';
import type { MessageKey } from '../shared/i18n/i18n';
import type { PageContext } from '../shared/layout/page-context';
import { notificationsSection } from './notifications.pages';
import {
  NAME_MAX,
  PASSWORD_MIN,
  registrationOpen,
  type AccountMe,
  type Captcha,
  type OpenSession,
} from './account.api';

/** FranceConnect's way in, as a signer or an author, then back to `returnTo`. */
const fcLogin = (mode: 'signer' | 'author', returnTo: string) =>
  `/auth/franceconnect/login?mode=${mode}&returnTo=${encodeURIComponent(returnTo)}`;

const errorOf = (errors: FieldError[], field: string) =>
  errors.find((e) => e.field === field)?.message;

/** Signing in: FranceConnect (as a signer, as an author) or an account, then back to `returnTo`. */
/** Why a FranceConnect sign-in came back without a session; identity's callback sends the reason. */
export const FC_REFUSALS = {
  cancelled: { status: 200, title: 'fcRefused.cancelled.title', text: 'fcRefused.cancelled.text' },
  'no-birthdate': {
    status: 403,
    title: 'fcRefused.noBirthdate.title',
    text: 'fcRefused.noBirthdate.text',
  },
  'missing-identity': {
    status: 403,
    title: 'fcRefused.missingIdentity.title',
    text: 'fcRefused.missingIdentity.text',
  },
  blocked: { status: 403, title: 'fcRefused.blocked.title', text: 'fcRefused.blocked.text' },
  failed: { status: 401, title: 'fcRefused.failed.title', text: 'fcRefused.failed.text' },
} as const satisfies Record<string, { status: number; title: MessageKey; text: MessageKey }>;
export type FcRefusal = keyof typeof FC_REFUSALS;

/**
 * A FranceConnect sign-in that did not open a session, said in the site's
 * layout and the visitor's language: what happened, then what to do next
 * (FranceConnect again, an account of this site for an author, or back to
 * the page the person came from).
 */
export function franceConnectRefusedPage(
  ctx: PageContext,
  refusal: { reason: FcRefusal; mode: 'signer' | 'author'; returnTo: string },
): PageOptions {
  const { t, i18n } = ctx;
  const { title, text } = FC_REFUSALS[refusal.reason];
  return {
    title: t(title),
    section: 'sign-in',
    main: html`<h1>${t(title)}</h1>
      <p>${t(text, { org: ctx.org.name })}</p>
      <h2>${t('fcRefused.next')}</h2>
      ${refusal.reason === 'blocked' ? '' : franceConnectButton(i18n, fcLogin(refusal.mode, refusal.returnTo))}
      <ul>
        ${
          refusal.mode === 'author'
            ? html`<li>
                <a href="/sign-in?returnTo=${encodeURIComponent(refusal.returnTo)}">${t('fcRefused.account')}</a>
              </li>`
            : ''
        }
        <li><a href="${refusal.returnTo}">${t('fcRefused.back')}</a></li>
      </ul>`,
  };
}

export function signInPage(
  ctx: PageContext,
  returnTo: string,
  form: { email: string; errors: FieldError[]; contest?: boolean },
): PageOptions {
  const { t, i18n } = ctx;
  const error = (field: string) => errorOf(form.errors, field);
  return {
    title: titleWithErrors(ctx, t('signin.title'), form.errors),
    section: 'sign-in',
    main: html`<h1>${t('signin.title')}</h1>
      ${errorSummary(i18n, form.errors)}
      <div class="petition-grid">
        <div>
          <h2>${t('signin.fcSigner')}</h2>
          <p>${t('signin.fcSignerHelp')}</p>
          ${franceConnectButton(i18n, fcLogin('signer', returnTo))}
          <h2>${t('signin.fcAuthor')}</h2>
          <p>${t('signin.fcAuthorHelp')}</p>
          ${franceConnectButton(i18n, fcLogin('author', returnTo))}
        </div>
        <div>
          <h2>${t('signin.account')}</h2>
          ${form.contest ? html`<p><a href="/account/contest">${t('account.contest.link')}</a></p>` : ''}
          <form method="post" action="/sign-in" novalidate data-once>
            <input type="hidden" name="returnTo" value="${returnTo}" />
            ${textField({ id: 'email', label: t('signin.email'), type: 'email', value: form.email, hint: t('signin.emailHint'), error: error('email'), autocomplete: 'email', i18n })}
            ${textField({ id: 'password', label: t('signin.password'), type: 'password', error: error('password'), autocomplete: 'current-password', i18n })}
            <p><button class="button" type="submit">${t('signin.submit')}</button></p>
          </form>
          <p><a href="/account/password-reset">${t('signin.forgot')}</a></p>
          ${registrationOpen(ctx.org) ? html`<p>${t('signin.noAccount')} <a href="/account/register">${t('signin.register')}</a></p>` : ''}
        </div>
      </div>`,
  };
}

export interface RegisterForm {
  displayName: string;
  email: string;
  /** The newsletter box, unticked unless the person ticked it. */
  newsletter: boolean;
  errors: FieldError[];
}

/**
 * The proof of work a browser with JavaScript computes by itself (ALTCHA,
 * served by the site): once verified, the question is hidden and need not be
 * answered. Without JavaScript the element is empty and the question stays.
 */
function proofWidget(ctx: PageContext, captcha: Captcha): Html {
  const { t } = ctx;
  const strings = JSON.stringify({
    label: t('account.proof.label'),
    verifying: t('account.proof.verifying'),
    verified: t('account.proof.verified'),
    error: t('account.proof.error'),
    expired: t('account.proof.expired'),
    waitAlert: t('account.proof.wait'),
    ariaLinkLabel: 'ALTCHA',
    footer: '',
  });
  return html`<link rel="stylesheet" href="${ASSETS.altchaCss.path}" />
    <script src="${ASSETS.altcha.path}" defer></script>
    <altcha-widget
      name="proof"
      auto="onload"
      hidelogo
      hidefooter
      workerurl="${ASSETS.altchaWorker.path}"
      challengejson="${JSON.stringify(captcha.proof)}"
      strings="${strings}"
    ></altcha-widget>`;
}

export function registerPage(ctx: PageContext, captcha: Captcha, form: RegisterForm): PageOptions {
  const { t, i18n } = ctx;
  const error = (f: string) => errorOf(form.errors, f);
  const fcAllowed = (ctx.org.identityProviders ?? ['franceconnect']).includes('franceconnect');
  return {
    title: titleWithErrors(ctx, t('account.register.title'), form.errors),
    section: 'sign-in',
    main: html`<h1>${t('account.register.title')}</h1>
      ${errorSummary(i18n, form.errors)}
      <p>${t('account.register.intro', { org: ctx.org.name })}</p>
      <p>${t('account.register.required')}</p>
      <form method="post" action="/account/register" novalidate data-once>
        <input type="hidden" name="captchaId" value="${captcha.id}" />
        ${textField({ id: 'displayName', label: t('account.field.displayName'), value: form.displayName, hint: t('account.field.displayNameHint', { max: NAME_MAX }), error: error('displayName'), autocomplete: 'name', i18n })}
        ${textField({ id: 'email', label: t('signin.email'), type: 'email', value: form.email, hint: t('account.field.emailHint'), error: error('email'), autocomplete: 'email', i18n })}
        ${textField({ id: 'password', label: t('signin.password'), type: 'password', hint: t('account.field.passwordHint', { min: PASSWORD_MIN }), error: error('password'), autocomplete: 'new-password', i18n })}
        <fieldset>
          <legend>${t('account.captcha.legend')}</legend>
          ${proofWidget(ctx, captcha)}
          <div data-question>
            <p class="hint">${t('account.captcha.help')}</p>
            ${textField({ id: 'captchaAnswer', label: captcha.question[ctx.locale], error: error('captchaAnswer'), autocomplete: 'off', i18n })}
          </div>
        </fieldset>
        ${checkbox({ id: 'newsletter', label: t('newsletter.register.label', { org: ctx.org.name }), checked: form.newsletter, hint: t('newsletter.register.hint'), i18n })}
        <div class="trap"><label for="website">${t('account.trap.label')}</label><input id="website" name="website" type="text" value="" autocomplete="off" tabindex="-1" /></div>
        <p><button class="button" type="submit">${t('account.register.submit')}</button></p>
      </form>
      <p>${t('account.register.already')} <a href="/sign-in">${t('signin.submit')}</a></p>
      ${fcAllowed ? html`<h2>${t('account.register.orFc')}</h2>${franceConnectButton(i18n, fcLogin('author', '/account'))}` : ''}`,
  };
}

/** Registration is closed on this organization: say so, and show the way in that remains. */
export function registrationClosedPage(ctx: PageContext): PageOptions {
  const { t, i18n } = ctx;
  const fc = (ctx.org.identityProviders ?? ['franceconnect']).includes('franceconnect');
  const byInvitation = ctx.org.registrationMode === 'invitation';
  return {
    title: t('account.register.closedTitle'),
    section: 'sign-in',
    main: html`<h1>${t('account.register.closedTitle')}</h1>
      <p>
        ${byInvitation ? t('account.register.closedInvitation', { org: ctx.org.name }) : t('account.register.closedFc', { org: ctx.org.name })}
      </p>
      ${fc ? html`<p>${t('account.register.useFc')}</p>${franceConnectButton(i18n, fcLogin('author', '/account'))}` : ''}
      <p><a href="/sign-in">${t('account.register.haveAccount')}</a></p>`,
  };
}

export function checkEmailPage(ctx: PageContext, purpose: 'register' | 'reset'): PageOptions {
  const { t } = ctx;
  return {
    title: t('account.checkEmail.title'),
    main: html`<h1>${t('account.checkEmail.title')}</h1>
      <div class="notice success" role="status">
        <p>${t('account.checkEmail.text')}</p>
      </div>
      <p>
        ${purpose === 'register' ? t('account.checkEmail.register') : t('account.checkEmail.reset')}
      </p>
      <p>${t('account.checkEmail.spam')}</p>
      <p><a href="/">${t('notFound.home')}</a></p>`,
  };
}

/** The page the confirmation mail links to: one button confirms (a mail scanner following the link confirms nothing). */
export function confirmPage(ctx: PageContext, token: string | null, error?: string): PageOptions {
  const { t } = ctx;
  if (!token || error) {
    return {
      title: t('account.confirm.invalidTitle'),
      main: html`<h1>${t('account.confirm.invalidTitle')}</h1>
        <div class="notice warning" role="alert"><p>${error ?? t('account.confirm.invalid')}</p></div>
        <ul>
          <li><a href="/sign-in?returnTo=%2Faccount">${t('account.confirm.trySignIn')}</a></li>
          <li><a href="/account/register">${t('account.confirm.registerAgain')}</a></li>
        </ul>`,
    };
  }
  return {
    title: t('account.confirm.title'),
    main: html`<h1>${t('account.confirm.title')}</h1>
      <p>${t('account.confirm.text', { org: ctx.org.name })}</p>
      <form method="post" action="/account/confirm" data-once>
        <input type="hidden" name="token" value="${token}" />
        <p><button class="button" type="submit">${t('account.confirm.submit')}</button></p>
      </form>`,
  };
}

/** After a confirmation or a new password: done, now sign in. */
export function donePage(ctx: PageContext, kind: 'confirmed' | 'password'): PageOptions {
  const { t } = ctx;
  const title = kind === 'confirmed' ? t('account.confirmed.title') : t('account.reset.doneTitle');
  return {
    title,
    main: html`<h1>${title}</h1>
      <div class="notice success" role="status">
        <p>
          ${kind === 'confirmed' ? t('account.confirmed.text') : t('account.reset.doneText')}
        </p>
      </div>
      <p><a class="button" href="/sign-in?returnTo=%2Faccount">${t('signin.submit')}</a></p>`,
  };
}

export function resetRequestPage(
  ctx: PageContext,
  form: { email: string; errors: FieldError[] },
): PageOptions {
  const { t, i18n } = ctx;
  return {
    title: titleWithErrors(ctx, t('account.reset.title'), form.errors),
    section: 'sign-in',
    main: html`<h1>${t('account.reset.title')}</h1>
      ${errorSummary(i18n, form.errors)}
      <p>${t('account.reset.intro')}</p>
      <form method="post" action="/account/password-reset" novalidate data-once>
        ${textField({ id: 'email', label: t('signin.email'), type: 'email', value: form.email, hint: t('signin.emailHint'), error: errorOf(form.errors, 'email'), autocomplete: 'email', i18n })}
        <p><button class="button" type="submit">${t('account.reset.send')}</button></p>
      </form>
      <p><a href="/sign-in">${t('account.reset.back')}</a></p>`,
  };
}

export function newPasswordPage(
  ctx: PageContext,
  token: string,
  errors: FieldError[],
  linkError?: string,
): PageOptions {
  const { t, i18n } = ctx;
  if (linkError) {
    return {
      title: t('account.reset.invalidTitle'),
      main: html`<h1>${t('account.reset.invalidTitle')}</h1>
        <div class="notice warning" role="alert"><p>${linkError}</p></div>
        <p><a class="button" href="/account/password-reset">${t('account.reset.askAgain')}</a></p>`,
    };
  }
  return {
    title: titleWithErrors(ctx, t('account.reset.newTitle'), errors),
    section: 'sign-in',
    main: html`<h1>${t('account.reset.newTitle')}</h1>
      ${errorSummary(i18n, errors)}
      <p>${t('account.reset.newIntro')}</p>
      <form method="post" action="/account/password-reset/complete" novalidate data-once>
        <input type="hidden" name="token" value="${token}" />
        ${textField({ id: 'password', label: t('account.field.newPassword'), type: 'password', hint: t('account.field.passwordHint', { min: PASSWORD_MIN }), error: errorOf(errors, 'password'), autocomplete: 'new-password', i18n })}
        <p><button class="button" type="submit">${t('account.reset.save')}</button></p>
      </form>`,
  };
}

/** A browser's name from its user agent, roughly: enough to recognize a session, nothing more. */
export function deviceName(userAgent: string | null, unknown: string): string {
  if (!userAgent) return unknown;
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const os = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  return browser && os ? `${browser}, ${os}` : (browser ?? os ?? userAgent.slice(0, 60));
}

export function myAccountPage(
  ctx: PageContext,
  me: AccountMe,
  sessions: OpenSession[],
  newsletter: Html,
  notice: string | null,
  error: string | null = null,
): PageOptions {
  const { t, i18n } = ctx;
  return {
    title: t('account.title'),
    section: 'account',
    main: html`<h1>${t('account.title')}</h1>
      ${notice ? html`<div class="notice success" role="status"><p>${notice}</p></div>` : ''}
      ${error ? html`<div class="notice warning" role="alert"><p>${error}</p></div>` : ''}
      <section aria-labelledby="profile-title">
        <h2 id="profile-title">${t('account.profile')}</h2>
        <dl>
          <dt>${t('account.field.displayName')}</dt>
          <dd>${me.displayName ?? '—'}</dd>
          <dt>${t('signin.email')}</dt>
          <dd style="overflow-wrap:anywhere">
            ${me.email}
            ${me.emailConfirmed === false ? html` (${t('account.emailNotConfirmed')})` : ''}
          </dd>
        </dl>
        <p>${t('account.profileHelp', { org: ctx.org.name })}</p>
        <p><a href="/account/password-reset">${t('account.changePassword')}</a></p>
      </section>
      <section aria-labelledby="sessions-title" id="sessions" tabindex="-1">
        <h2 id="sessions-title">${t('account.sessions')}</h2>
        <p>${t('account.sessionsHelp')}</p>
        <ul class="card-list">
          ${sessions.map(
            (s) =>
              html`<li class="card">
                <h3>
                  ${deviceName(s.userAgent, t('account.session.unknownDevice'))}${s.current ? html` <span class="tag">${t('account.session.current')}</span>` : ''}
                </h3>
                <p class="meta">
                  ${t('account.session.opened', { date: i18n.dateTime(s.createdAt) })}${s.lastSeenAt ? html` · ${t('account.session.lastSeen', { date: i18n.dateTime(s.lastSeenAt) })}` : ''}
                </p>
                ${
                  s.current
                    ? html`<form method="post" action="/auth/logout">
                        <button class="button secondary" type="submit">${t('nav.signOut')}</button>
                      </form>`
                    : html`<form method="post" action="/account/sessions/${s.id}/revoke" data-once>
                        <button class="button secondary" type="submit">
                          ${t('account.session.revoke')}<span class="visually-hidden">
                            (${deviceName(s.userAgent, t('account.session.unknownDevice'))},
                            ${t('account.session.opened', { date: i18n.dateTime(s.createdAt) })})</span
                          >
                        </button>
                      </form>`
                }
              </li>`,
          )}
        </ul>
      </section>
      ${newsletter} ${notificationsSection(ctx)}
      <section aria-labelledby="data-title">
        <h2 id="data-title">${t('account.data')}</h2>
        <p>${t('account.dataHelp')}</p>
        <p>
          <a class="button secondary" href="/account/export" download
            >${t('account.export')}</a
          >
        </p>
        <p>${t('account.seeSignatures')} <a href="/my/signatures">${t('nav.mySignatures')}</a></p>
      </section>
      <section aria-labelledby="delete-title">
        <h2 id="delete-title">${t('account.delete.title')}</h2>
        <p>${t('account.delete.short')}</p>
        <p><a href="/account/delete">${t('account.delete.link')}</a></p>
      </section>`,
  };
}

/** The signed-in visitor has no account (a FranceConnect signer): what "my account" means for them. */
export function signerAccountPage(ctx: PageContext): PageOptions {
  const { t } = ctx;
  return {
    title: t('account.title'),
    section: 'account',
    main: html`<h1>${t('account.title')}</h1>
      <p>${t('account.signer')}</p>
      <p><a href="/my/signatures">${t('nav.mySignatures')}</a></p>
      ${registrationOpen(ctx.org) ? html`<p><a href="/account/register">${t('signin.register')}</a></p>` : ''}`,
  };
}

export function deletePage(ctx: PageContext, errors: FieldError[]): PageOptions {
  const { t, i18n } = ctx;
  const error = errorOf(errors, 'confirm');
  return {
    title: titleWithErrors(ctx, t('account.delete.title'), errors),
    section: 'account',
    main: html`<h1>${t('account.delete.title')}</h1>
      ${errorSummary(i18n, errors)}
      <p>${t('account.delete.intro')}</p>
      <h2>${t('account.delete.whatHappens')}</h2>
      <ul>
        <li>${t('account.delete.erased')}</li>
        <li>${t('account.delete.sessions')}</li>
        <li>${t('account.delete.roles', { org: ctx.org.name })}</li>
        <li>${t('account.delete.contributions')}</li>
        <li>${t('account.delete.signatures')}</li>
      </ul>
      <div class="notice warning"><p><strong>${t('account.delete.irreversible')}</strong></p></div>
      <p>
        ${t('account.delete.exportFirst')} <a href="/account/export" download>${t('account.export')}</a>
      </p>
      <form method="post" action="/account/delete" novalidate data-once>
        <div class="field">
          ${error ? html`<p class="field-error" id="confirm-error">${t('form.error', { message: error })}</p>` : ''}
          <input
            type="checkbox"
            id="confirm"
            name="confirm"
            value="yes"
            ${error ? html`aria-invalid="true" aria-describedby="confirm-error"` : ''}
          />
          <label for="confirm" class="inline">${t('account.delete.confirm')}</label>
        </div>
        <p>
          <button class="button" type="submit">${t('account.delete.submit')}</button>
          <a href="/account">${t('account.delete.cancel')}</a>
        </p>
      </form>`,
  };
}

export function deletedPage(ctx: PageContext): PageOptions {
  const { t } = ctx;
  return {
    title: t('account.deleted.title'),
    main: html`<h1>${t('account.deleted.title')}</h1>
      <div class="notice success" role="status"><p>${t('account.deleted.text')}</p></div>
      <p><a href="/">${t('notFound.home')}</a></p>`,
  };
}
