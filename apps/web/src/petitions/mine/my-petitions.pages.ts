import { pickText } from '@palabre/contracts';
import {
  errorSummary,
  localText,
  franceConnectButton,
  userText,
  type FieldError,
} from '../../shared/html/components';
import { errorOf, inputField, radioGroup, textArea } from '../../shared/html/form-controls';
import { html, type Html } from '../../shared/html/html';
import type { PageContext } from '../../shared/layout/page-context';
import type { ManagedPetition, ManagedSummary, PetitionTypeView } from '../lifecycle.api';
import { PUBLIC_STATES } from '../lifecycle.api';
import { stateTag, timelineList } from '../lifecycle.pages';
import { doneNotice, formNotice } from '../../shared/forms/form-notices';
import { BODY_LENGTH, TITLE_LENGTH, type DraftValues } from './petition-draft.form';

export const NEW_PATH = '/petitions/new';
export const authorSignInHref = (returnTo: string) =>
  `/auth/franceconnect/login?mode=author&returnTo=${encodeURIComponent(returnTo)}`;

/** For someone without an account session: why and how to identify as an author. */
export function authorSignIn(ctx: PageContext, title: string, returnTo: string): Html {
  const { t, i18n } = ctx;
  return html`<h1>${title}</h1>
    <p>${t('mine.signIn.text')}</p>
    ${franceConnectButton(i18n, authorSignInHref(returnTo))}
    <p>${t('mine.signIn.account')} <a href="/sign-in?returnTo=${encodeURIComponent(returnTo)}">${t('nav.signIn')}</a></p>`;
}

/** What happens next, from the author's side, in each state. */
export function nextStep(
  ctx: PageContext,
  p: Pick<ManagedSummary, 'state' | 'closesAt'>,
  extra: { reason?: string | null; days?: number; closeReason?: string | null } = {},
): Html {
  const { t, i18n } = ctx;
  const org = ctx.org.name;
  switch (p.state) {
    case 'draft':
      return html`<p>${t('mine.next.draft', { org })}</p>`;
    case 'submitted':
      return html`<p>
        ${t('mine.next.submitted', { org })}
        ${extra.days ? t('mine.next.submittedDays', { days: extra.days }) : ''}
      </p>`;
    case 'published':
      return html`<p>
        ${
          p.closesAt
            ? t('mine.next.published', { date: i18n.date(p.closesAt) })
            : t('mine.next.publishedNoDate')
        }
      </p>`;
    case 'rejected':
      return html`<p>${t('mine.next.rejected', { org })}</p>
        ${
          extra.reason
            ? html`<div class="notice warning">
              <p><strong>${t('mine.rejectionReason')}</strong></p>
              ${userText(extra.reason)}
            </div>`
            : ''
        }`;
    case 'closed':
      return html`<p>${t('mine.next.closed', { org })}</p>
        ${extra.closeReason ? html`<p>${t('lifecycle.reason', { reason: extra.closeReason })}</p>` : ''}`;
    case 'answered':
      return html`<p>${t('mine.next.answered', { org })}</p>`;
    default:
      return html``;
  }
}

export function myPetitionsPage(
  ctx: PageContext,
  items: ManagedSummary[],
  reasons: Map<string, string | null>,
  days: Map<string, number>,
  next: string | null,
): Html {
  const { t, i18n } = ctx;
  return html`<h1>${t('mine.title')}</h1>
    <p><a class="button" href="${NEW_PATH}">${t('mine.new')}</a></p>
    ${
      items.length === 0
        ? html`<p>${t('mine.none')}</p>`
        : html`<ul class="card-list">
          ${items.map(
            (p) =>
              html`<li class="card">
                <h2><a href="/my/petitions/${p.id}">${p.title}</a></h2>
                <p class="meta">
                  ${stateTag(ctx, p.state)} · ${localText(ctx.locale, p.type.name)}
                  ${p.createdAt ? html` · ${t('mine.createdOn', { date: i18n.date(p.createdAt) })}` : ''}
                  ${
                    PUBLIC_STATES.includes(p.state)
                      ? html` · ${i18n.plural('petitions.signatures', p.counts.total)}`
                      : ''
                  }
                </p>
                ${nextStep(ctx, p, { reason: reasons.get(p.id), days: days.get(p.type.id) })}
              </li>`,
          )}
        </ul>`
    }
    ${next ? html`<nav class="pager" aria-label="${t('mine.title')}"><a href="${next}" rel="next">${t('petitions.next')}</a></nav>` : ''}`;
}

function typeChoices(ctx: PageContext, types: PetitionTypeView[]) {
  const { t } = ctx;
  return types.map((ty) => {
    const name = pickText(ty.name, ctx.locale);
    const description = localText(ctx.locale, ty.description);
    return {
      value: ty.id,
      label: name.text,
      ...(name.lang && name.lang !== ctx.locale ? { lang: name.lang } : {}),
      hint: html`${description ? html`${description} ` : ''}${t('mine.form.typeDays', { days: ty.signatureDays })}${
        ty.authors === 'franceconnect' ? ` ${t('mine.form.typeFranceConnect')}` : ''
      }`,
    };
  });
}

export interface DraftForm {
  values: DraftValues;
  errors: FieldError[];
  notice?: string | null;
  /** Show the FranceConnect button: the chosen type wants an identified author. */
  needsFranceConnect?: boolean;
}

/** The draft form, new or edited: the type, the title, the text. */
export function draftFormPage(
  ctx: PageContext,
  types: PetitionTypeView[],
  form: DraftForm,
  target: { action: string; heading: string; submit: string; back: string },
): Html {
  const { t, i18n } = ctx;
  const err = (f: string) => errorOf(form.errors, f);
  return html`<p><a href="${target.back}">← ${t('mine.back')}</a></p>
    <h1>${target.heading}</h1>
    ${errorSummary(i18n, form.errors)} ${formNotice(form.notice)}
    ${form.needsFranceConnect ? franceConnectButton(i18n, authorSignInHref(target.action)) : ''}
    <p>${t('mine.form.intro', { org: ctx.org.name })}</p>
    ${
      types.length === 0
        ? html`<p class="notice">${t('mine.form.noTypes')}</p>`
        : html`<form method="post" action="${target.action}" novalidate data-once>
          ${radioGroup({ name: 'typeId', legend: t('mine.form.type'), choices: typeChoices(ctx, types), value: form.values.typeId, error: err('typeId'), i18n })}
          ${inputField({ id: 'title', label: t('mine.form.title'), hint: t('mine.form.titleHint', { min: TITLE_LENGTH.min, max: TITLE_LENGTH.max }), value: form.values.title, error: err('title'), required: true, maxlength: TITLE_LENGTH.max, i18n })}
          ${textArea({ id: 'body', label: t('mine.form.body'), hint: t('mine.form.bodyHint', { min: BODY_LENGTH.min, max: BODY_LENGTH.max }), value: form.values.body, error: err('body'), required: true, rows: 14, i18n })}
          <p><button class="button" type="submit">${target.submit}</button></p>
        </form>`
    }`;
}

/** One of my petitions: where it stands, what comes next, its text and timeline. */
export function followPage(
  ctx: PageContext,
  p: ManagedPetition,
  opts: { done: string | null; error: string | null; days?: number },
): Html {
  const { t, i18n } = ctx;
  return html`<p><a href="/my/petitions">← ${t('mine.title')}</a></p>
    ${doneNotice(opts.done)} ${formNotice(opts.error)}
    <h1>${p.title}</h1>
    <p class="meta">${stateTag(ctx, p.state)} · ${localText(ctx.locale, p.type.name)}</p>
    <section aria-labelledby="next-title">
      <h2 id="next-title">${t('mine.next.title')}</h2>
      ${nextStep(ctx, p, { reason: p.rejectionReason, days: opts.days, closeReason: p.closeReason })}
      ${
        p.state === 'draft'
          ? html`<p><a class="button secondary" href="/my/petitions/${p.id}/edit">${t('mine.edit')}</a></p>
            <form method="post" action="/my/petitions/${p.id}/submit" data-once>
              <p id="submit-help">${t('mine.submitHelp', { org: ctx.org.name })}</p>
              <button class="button" type="submit" aria-describedby="submit-help">
                ${t('mine.submit')}
              </button>
            </form>`
          : ''
      }
      ${
        PUBLIC_STATES.includes(p.state)
          ? html`<p>
            <a href="/petitions/${p.id}">${t('mine.publicPage')}</a> ·
            ${i18n.plural('petitions.signatures', p.counts.total)}
          </p>`
          : ''
      }
    </section>
    ${
      p.answer
        ? html`<section class="answer" aria-labelledby="answer-title">
          <h2 id="answer-title">${t('petition.answer', { org: ctx.org.name })}</h2>
          ${p.answer.date ? html`<p class="meta">${t('petition.answerOn', { date: i18n.date(p.answer.date) })}</p>` : ''}
          ${userText(p.answer.text)}
        </section>`
        : ''
    }
    <section aria-labelledby="text-title">
      <h2 id="text-title">${t('petition.text')}</h2>
      ${userText(p.body)}
    </section>
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">${t('petition.timeline')}</h2>
      ${timelineList(ctx, p.timeline)}
    </section>`;
}
