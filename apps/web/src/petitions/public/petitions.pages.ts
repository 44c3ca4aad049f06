import { NEW_PATH } from '../mine/my-petitions.pages';
import { pickText } from '@palabre/contracts';
import {
  errorSummary,
  franceConnectButton,
  localText,
  messageWith,
  textField,
  userText,
} from '../../shared/html/components';
import { titleWithErrors } from '../../shared/forms/form-notices';
import type { PageOptions } from '../../shared/layout/layout';
import { html, type Html } from '../../shared/html/html';
import { authorName } from '../../shared/i18n/author-name';
import type { MessageKey } from '../../shared/i18n/i18n';
import type { PageContext } from '../../shared/layout/page-context';
import type {
  MySignature,
  PetitionDetail,
  PetitionPage,
  PetitionSummary,
  PetitionType,
  Receipt,
  ReceiptCheck,
} from '../petitions.api';

export const LIST_STATES = ['', 'published', 'closed', 'answered'] as const;
export const SORTS = ['most-signed', 'newest', 'closing-soon'] as const;

export interface ListQuery {
  state: (typeof LIST_STATES)[number];
  type: string;
  sort: (typeof SORTS)[number];
  cursor: string;
}

const stateLabel = (ctx: PageContext, state: string) =>
  ctx.t(`petitions.state.${state}` as MessageKey);

export function petitionCard(ctx: PageContext, p: PetitionSummary, level: 2 | 3 = 3): Html {
  const heading = html`<a href="/petitions/${p.id}">${p.title}</a>`;
  return html`<li class="card">
    ${level === 2 ? html`<h2>${heading}</h2>` : html`<h3>${heading}</h3>`}
    <p class="meta">
      <span class="tag">${stateLabel(ctx, p.state)}</span> · ${localText(ctx.locale, p.type.name)} ·
      ${ctx.t('petitions.by', { name: authorName(ctx, p.author) })}
    </p>
    <p class="meta">
      <strong>${ctx.i18n.plural('petitions.signatures', p.counts.total)}</strong
      >${p.state === 'published' && p.closesAt ? html` · ${ctx.t('petitions.closesOn', { date: ctx.i18n.date(p.closesAt) })}` : ''}
    </p>
  </li>`;
}

export function listPage(
  ctx: PageContext,
  q: ListQuery,
  page: PetitionPage,
  types: PetitionType[],
): Html {
  const { t } = ctx;
  const option = (value: string, label: string, selected: boolean, lang?: string | null) =>
    html`<option value="${value}"${lang ? html` lang="${lang}"` : ''}${selected ? html` selected` : ''}>${label}</option>`;
  // An option holds text only: a name in another language marks the option itself.
  const typeOption = (ty: PetitionType) => {
    const name = pickText(ty.name, ctx.locale);
    return option(ty.id, name.text, q.type === ty.id, name.lang !== ctx.locale ? name.lang : null);
  };
  const next = new URLSearchParams();
  if (q.state) next.set('state', q.state);
  if (q.type) next.set('type', q.type);
  next.set('sort', q.sort);
  const first = `/petitions?${next}`;
  if (page.nextCursor) next.set('cursor', page.nextCursor);
  // Anyone may start one (a visitor is then asked to sign in as its author).
  return html`<h1>${t('petitions.title')}</h1>
    ${types.length ? html`<p><a class="button" href="${NEW_PATH}">${t('mine.new')}</a></p>` : ''}
    <form method="get" action="/petitions" class="filters-form">
      <fieldset>
        <legend>${t('petitions.filters')}</legend>
        <div class="filters">
          <div>
            <label for="state">${t('petitions.state')}</label>
            <select id="state" name="state">
              ${LIST_STATES.map((s) => option(s, s ? stateLabel(ctx, s) : t('petitions.state.all'), q.state === s))}
            </select>
          </div>
          <div>
            <label for="type">${t('petitions.type')}</label>
            <select id="type" name="type">
              ${option('', t('petitions.type.all'), !q.type)}${types.map(typeOption)}
            </select>
          </div>
          <div>
            <label for="sort">${t('petitions.sort')}</label>
            <select id="sort" name="sort">
              ${SORTS.map((s) => option(s, t(`petitions.sort.${s}`), q.sort === s))}
            </select>
          </div>
          <div><button class="button" type="submit">${t('petitions.apply')}</button></div>
        </div>
      </fieldset>
    </form>
    <h2>${t('petitions.results')}</h2>
    ${
      page.items.length === 0
        ? html`<p>${t('petitions.none')}</p>`
        : html`<ul class="card-list">
            ${page.items.map((p) => petitionCard(ctx, p))}
          </ul>`
    }
    <nav class="pager" aria-label="${t('petitions.results')}">
      ${q.cursor ? html`<a href="${first}">${t('petitions.firstPage')}</a>` : ''}
      ${page.nextCursor ? html`<a href="/petitions?${next.toString()}" rel="next">${t('petitions.next')}</a>` : ''}
    </nav>`;
}

export interface SignPanel {
  receipt: Receipt | null;
  justSigned: boolean;
  /** The signature was just withdrawn (the page then offers to sign again). */
  justWithdrawn?: boolean;
  step: 'identify' | 'confirm' | null;
  error: string | null;
}

function signSection(ctx: PageContext, p: PetitionDetail, s: SignPanel): Html {
  const { t, i18n } = ctx;
  const returnTo = `/petitions/${p.id}?step=confirm#sign`;
  const fcHref = `/auth/franceconnect/login?mode=signer&returnTo=${encodeURIComponent(returnTo)}`;
  let body: Html;
  if (s.receipt) {
    body = html`${s.error ? html`<div class="notice warning" role="alert"><p>${s.error}</p></div>` : ''}
      <div class="notice success" role="status">
      <p>
        <strong
          >${s.justSigned ? t('petition.signed') : t('petition.alreadySigned', { date: i18n.dateTime(s.receipt.signedAt) })}</strong
        >
      </p>
      <p>${t('petition.receipt')} <span class="receipt">${s.receipt.receipt}</span></p>
      <p>
        ${t('petition.receiptHelp')}
        <a href="/petitions/receipt?number=${s.receipt.receipt}">${t('receipt.link')}</a>
      </p>
    </div>
    ${
      p.open && p.type.withdrawalAllowed
        ? html`<form method="post" action="/petitions/${p.id}/withdraw" data-once>
            <p class="hint">${t('petition.withdrawHelp')}</p>
            <p><button class="button secondary" type="submit">${t('petition.withdraw')}</button></p>
          </form>`
        : ''
    }`;
  } else if (!p.open) {
    body = html`<p class="notice">${t('petition.closedNotice')}</p>`;
  } else if (ctx.me?.kind === 'signer' && ctx.me.adult === false) {
    // FranceConnect said under 18: say so at once, kindly, rather than offer a button that refuses.
    body = html`<div class="notice" role="status">
      <p><strong>${t('petition.adultsOnly.title')}</strong></p>
      <p>${t('petition.adultsOnly')}</p>
    </div>`;
  } else if (s.step === 'identify' && ctx.me?.kind !== 'signer') {
    body = html`<div class="notice" role="status"><p>${t('petition.identifyFirst')}</p></div>
      ${franceConnectButton(i18n, fcHref)}`;
  } else {
    body = html`${s.error ? html`<div class="notice warning" role="alert"><p>${s.error}</p></div>` : ''}
      ${s.justWithdrawn ? html`<div class="notice success" role="status"><p>${t('petition.withdrawn')}</p></div>` : ''}
      ${s.step === 'confirm' && ctx.me?.kind === 'signer' ? html`<p>${t('petition.confirmAfterIdentify')}</p>` : ''}
      <form method="post" action="/petitions/${p.id}/sign" data-once>
        <button class="button" type="submit" id="sign-button" aria-describedby="sign-help">
          ${t('petition.sign')}
        </button>
      </form>
      <p class="hint" id="sign-help">${t('petition.signHelp')}</p>`;
  }
  return html`<section id="sign" aria-labelledby="sign-title" tabindex="-1">
    <h2 id="sign-title">${t('petition.sign')}</h2>
    ${body}
  </section>`;
}

export function petitionPage(ctx: PageContext, p: PetitionDetail, sign: SignPanel): Html {
  const { t, i18n } = ctx;
  const origin = ctx.api.origin;
  return html`<p><a href="/petitions">← ${t('petition.backToList')}</a></p>
    <h1>${p.title}</h1>
    <p class="meta">
      <span class="tag">${ctx.t(`petitions.state.${p.state}` as MessageKey)}</span> ·
      ${localText(ctx.locale, p.type.name)}
      ·
      ${t('petitions.by', { name: authorName(ctx, p.author) })}${p.publishedAt ? html` · ${t('petition.publishedOn', { date: i18n.date(p.publishedAt) })}` : ''}
    </p>
    <div class="petition-grid">
      <div class="aside">
        <section aria-labelledby="count-title">
          <h2 id="count-title">${t('petition.count')}</h2>
          <p class="count" data-live-count="${p.id}">${i18n.number(p.counts.total)}</p>
          ${p.counts.offline > 0 ? html`<p class="meta">${t('petition.countDetail', { online: p.counts.online, offline: p.counts.offline })}</p>` : ''}
          ${p.open ? html`<p><strong>${t('petition.timeLeft')}</strong> ${i18n.timeLeft(p.secondsLeft)}${p.closesAt ? html` (${t('petitions.closesOn', { date: i18n.date(p.closesAt) })})` : ''}</p>` : ''}
        </section>
        ${signSection(ctx, p, sign)}
        ${
          p.milestones.length
            ? html`<section aria-labelledby="milestones-title">
                <h2 id="milestones-title">${t('petition.milestones')}</h2>
                ${p.milestones.map((m, i) => {
                  const id = `milestone-${i}`;
                  return html`<div class="progress">
                    <p id="${id}">
                      ${m.reachedAt ? html`<span aria-hidden="true">✓ </span>` : ''}${messageWith(i18n, 'petition.milestone', { count: Math.min(p.counts.total, m.threshold), threshold: m.threshold, percent: i18n.percent(m.progress) }, { label: localText(ctx.locale, m.label) })}
                    </p>
                    <progress
                      max="${m.threshold}"
                      value="${Math.min(p.counts.total, m.threshold)}"
                      aria-labelledby="${id}"
                    ></progress>
                    ${m.reachedAt ? html`<p class="meta">${t('petition.milestoneReached', { date: i18n.date(m.reachedAt) })}</p>` : ''}
                  </div>`;
                })}
              </section>`
            : ''
        }
        <section aria-labelledby="share-title" class="share">
          <h3 id="share-title">${t('petition.share')}</h3>
          <label for="share-url">${t('petition.shareHelp')}</label>
          <input id="share-url" type="text" readonly value="${origin}/petitions/${p.id}" />
        </section>
      </div>
      <div class="petition-text">
        <section aria-labelledby="text-title">
          <h2 id="text-title">${t('petition.text')}</h2>
          ${userText(p.body)}
        </section>
        ${
          p.answer
            ? html`<section class="answer" aria-labelledby="answer-title">
                <h2 id="answer-title">${t('petition.answer', { org: ctx.org.name })}</h2>
                ${p.answer.date ? html`<p class="meta">${t('petition.answerOn', { date: i18n.date(p.answer.date) })}</p>` : ''}
                ${userText(p.answer.text)}
                ${p.answer.url ? html`<p><a href="${p.answer.url}">${t('petition.answerLink')}</a></p>` : ''}
              </section>`
            : ''
        }
        <section aria-labelledby="timeline-title">
          <h2 id="timeline-title">${t('petition.timeline')}</h2>
          <ol class="timeline">
            ${p.timeline.map((e) => html`<li><strong>${timelineLabel(ctx, e)}</strong> — <time datetime="${e.at}">${i18n.date(e.at)}</time></li>`)}
          </ol>
        </section>
      </div>
    </div>`;
}

function timelineLabel(ctx: PageContext, e: PetitionDetail['timeline'][number]): string {
  const known = ['submitted', 'published', 'rejected', 'closed', 'answered', 'milestone'];
  const key = e.kind === 'state' ? (e.state === 'draft' ? 'created' : e.state) : e.kind;
  return key === 'created' || (key && known.includes(key))
    ? ctx.t(`petition.timeline.${key}` as MessageKey)
    : ctx.t('petition.timeline.other');
}

export function mySignaturesPage(ctx: PageContext, items: MySignature[] | null): Html {
  const { t, i18n } = ctx;
  if (items === null) {
    return html`<h1>${t('signatures.title')}</h1>
      <p>${t('signatures.signIn')}</p>
      ${franceConnectButton(i18n, `/auth/franceconnect/login?mode=signer&returnTo=${encodeURIComponent('/my/signatures')}`)}`;
  }
  return html`<h1>${t('signatures.title')}</h1>
    ${
      items.length === 0
        ? html`<p>${t('signatures.none')}</p>`
        : html`<ul class="card-list">
            ${items.map(
              (s) =>
                html`<li class="card">
                  <h2><a href="/petitions/${s.petitionId}">${s.title}</a></h2>
                  <p class="meta">
                    ${t('signatures.signedOn', { date: i18n.dateTime(s.signedAt) })}
                  </p>
                  <p>
                    ${t('petition.receipt')} <span class="receipt">${s.receipt}</span> ·
                    <a href="/petitions/receipt?number=${s.receipt}">${t('receipt.link')}</a>
                  </p>
                </li>`,
            )}
          </ul>`
    }`;
}

/** The receipt check: a GET form (works without JavaScript, the address can be kept), and what it found. */
export function receiptCheckPage(
  ctx: PageContext,
  check: { number: string; malformed?: boolean; found?: ReceiptCheck | null },
): PageOptions {
  const { t, i18n } = ctx;
  const errors = check.malformed ? [{ field: 'number', message: t('receipt.malformed') }] : [];
  const title = titleWithErrors(ctx, t('receipt.title'), errors);
  let result: Html | string = '';
  if (check.found)
    result = html`<div class="notice success" role="status">
      <p>
        ${t('receipt.counts')}
        <a href="/petitions/${check.found.petition.id}">${check.found.petition.title}</a>
      </p>
      <p>${t('receipt.signedOn', { date: i18n.date(check.found.signedOn) })}</p>
    </div>`;
  else if (check.found === null)
    result = html`<div class="notice warning" role="status">
      <p>${t('receipt.unknown')}</p>
    </div>`;
  return {
    title,
    section: 'petitions',
    main: html`<h1>${t('receipt.title')}</h1>
      <p>${t('receipt.intro')}</p>
      ${errorSummary(i18n, errors)} ${result}
      <form method="get" action="/petitions/receipt">
        ${textField({
          id: 'number',
          label: t('receipt.number'),
          hint: t('receipt.hint'),
          value: check.number,
          error: errors[0]?.message,
          i18n,
        })}
        <button type="submit" class="button">${t('receipt.check')}</button>
      </form>`,
  };
}
