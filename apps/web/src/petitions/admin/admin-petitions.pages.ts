import { errorSummary, localText, userText, type FieldError } from '../../shared/html/components';
import { errorOf, inputField, stackedTable, textArea } from '../../shared/html/form-controls';
import { html, type Html } from '../../shared/html/html';
import type { PageContext } from '../../shared/layout/page-context';
import {
  ALL_STATES,
  PUBLIC_STATES,
  type ManagedPetition,
  type ManagedSummary,
  type OfflineCountEntry,
} from '../lifecycle.api';
import { stateName, stateTag, timelineList } from '../lifecycle.pages';
import { doneNotice, formNotice } from '../../shared/forms/form-notices';

export const ADMIN_PETITIONS = '/admin/petitions';

export interface QueueQuery {
  state: string;
  cursor: string;
}

export function queuePage(
  ctx: PageContext,
  q: QueueQuery,
  items: ManagedSummary[],
  nextCursor: string | null,
  done: Html | string,
): Html {
  const { t, i18n } = ctx;
  const heading = q.state === 'submitted' ? t('admin.queue.title') : t('admin.petitions.title');
  const next = nextCursor
    ? `${ADMIN_PETITIONS}?${new URLSearchParams({ state: q.state, cursor: nextCursor })}`
    : null;
  return html`<p><a href="/admin">← ${t('admin.home.title')}</a></p>
    ${done}
    <h1>${heading}</h1>
    <p>${q.state === 'submitted' ? t('admin.queue.intro') : t('admin.petitions.intro')}</p>
    <form method="get" action="${ADMIN_PETITIONS}" class="filters-form">
      <div class="filters">
        <div>
          <label for="state">${t('petitions.state')}</label>
          <select id="state" name="state">
            ${ALL_STATES.map(
              (s) =>
                html`<option value="${s}" ${q.state === s ? html`selected` : ''}>
                  ${stateName(ctx, s)}
                </option>`,
            )}
          </select>
        </div>
        <div><button class="button" type="submit">${t('petitions.apply')}</button></div>
      </div>
    </form>
    <h2>${i18n.plural('admin.petitions.count', items.length)}</h2>
    ${
      items.length === 0
        ? html`<p>${q.state === 'submitted' ? t('admin.queue.empty') : t('petitions.none')}</p>`
        : html`<ul class="card-list">
          ${items.map(
            (p) =>
              html`<li class="card">
                <h3><a href="${ADMIN_PETITIONS}/${p.id}">${p.title}</a></h3>
                <p class="meta">
                  ${stateTag(ctx, p.state)} · ${localText(ctx.locale, p.type.name)} ·
                  ${t('petitions.by', { name: p.author.name })}
                  ${p.createdAt ? html` · ${t('mine.createdOn', { date: i18n.date(p.createdAt) })}` : ''}
                </p>
                ${
                  PUBLIC_STATES.includes(p.state)
                    ? html`<p class="meta">
                      ${i18n.plural('petitions.signatures', p.counts.total)}
                      ${
                        p.state === 'published' && p.closesAt
                          ? html` · ${t('petitions.closesOn', { date: i18n.date(p.closesAt) })}`
                          : ''
                      }
                    </p>`
                    : ''
                }
                ${
                  p.state === 'submitted'
                    ? html`<p>
                      <a href="${ADMIN_PETITIONS}/${p.id}#review"
                        >${t('admin.queue.review')}<span class="visually-hidden">
                          : ${p.title}</span
                        ></a
                      >
                    </p>`
                    : ''
                }
              </li>`,
          )}
        </ul>`
    }
    ${next ? html`<nav class="pager" aria-label="${heading}"><a href="${next}" rel="next">${t('petitions.next')}</a></nav>` : ''}`;
}

/** Which form of the management page is being shown again, with what was typed and its errors. */
export interface ManageForm {
  form: 'reject' | 'offline' | 'answer' | 'close' | 'publish' | null;
  values: Record<string, string>;
  errors: FieldError[];
  notice?: string | null;
}

export const NO_FORM: ManageForm = { form: null, values: {}, errors: [] };

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });

/** One petition in the back-office: the text, and what may be done in its state. */
export function managePage(
  ctx: PageContext,
  p: ManagedPetition,
  offline: OfflineCountEntry[] | null,
  form: ManageForm,
  extra: { done: string | null; signatureDays?: number },
): Html {
  const { t, i18n } = ctx;
  const value = (f: ManageForm['form'], name: string, fallback = '') =>
    form.form === f ? (form.values[name] ?? '') : fallback;
  const err = (name: string) => errorOf(form.errors, name);
  const isPublic = PUBLIC_STATES.includes(p.state);

  const review =
    p.state === 'submitted'
      ? html`<section aria-labelledby="review-title" id="review">
          <h2 id="review-title">${t('admin.review.title')}</h2>
          <p>${t('admin.review.intro', { org: ctx.org.name })}</p>
          <form method="post" action="${ADMIN_PETITIONS}/${p.id}/publish" data-once>
            <p id="publish-help">
              ${
                extra.signatureDays
                  ? i18n.plural('admin.review.publishHelp', extra.signatureDays)
                  : t('admin.review.publishHelpNoDays')
              }
            </p>
            <p>
              <button class="button" type="submit" aria-describedby="publish-help">
                ${t('admin.review.publish')}
              </button>
            </p>
          </form>
          <form method="post" action="${ADMIN_PETITIONS}/${p.id}/reject" novalidate data-once>
            <fieldset>
              <legend>${t('admin.review.rejectLegend')}</legend>
              ${textArea({ id: 'reason', label: t('admin.review.reason'), hint: t('admin.review.reasonHint'), value: value('reject', 'reason'), error: err('reason'), required: true, rows: 5, maxlength: 2000, i18n })}
              <p>
                <button class="button secondary" type="submit">${t('admin.review.reject')}</button>
              </p>
            </fieldset>
          </form>
        </section>`
      : '';

  const rejected =
    p.state === 'rejected' && p.rejectionReason
      ? html`<section aria-labelledby="rejected-title">
          <h2 id="rejected-title">${t('admin.rejected.title')}</h2>
          ${userText(p.rejectionReason)}
        </section>`
      : '';

  const offlineSection = isPublic
    ? html`<section aria-labelledby="offline-title" id="offline">
        <h2 id="offline-title">${t('admin.offline.title')}</h2>
        <p>
          ${t('admin.offline.current', { online: p.counts.online, offline: p.counts.offline, total: p.counts.total })}
        </p>
        <form method="post" action="${ADMIN_PETITIONS}/${p.id}/offline-counts" novalidate data-once>
          <fieldset>
            <legend>${t('admin.offline.legend')}</legend>
            ${inputField({ id: 'count', label: t('admin.offline.count'), hint: t('admin.offline.countHint'), kind: 'integer', value: value('offline', 'count'), error: err('count'), required: true, i18n })}
            ${inputField({ id: 'source', label: t('admin.offline.source'), hint: t('admin.offline.sourceHint'), value: value('offline', 'source'), error: err('source'), required: true, maxlength: 200, i18n })}
            ${textArea({ id: 'note', label: t('admin.offline.note'), hint: t('admin.offline.noteHint'), value: value('offline', 'note'), error: err('note'), rows: 3, maxlength: 2000, i18n })}
            <p><button class="button" type="submit">${t('admin.offline.submit')}</button></p>
          </fieldset>
        </form>
        <h3>${t('admin.offline.audit')}</h3>
        ${
          offline === null
            ? html`<p>${t('admin.offline.auditUnavailable')}</p>`
            : offline.length === 0
              ? html`<p>${t('admin.offline.none')}</p>`
              : stackedTable(
                  t('admin.offline.audit'),
                  [
                    t('admin.offline.col.when'),
                    t('admin.offline.col.count'),
                    t('admin.offline.col.source'),
                    t('admin.offline.col.note'),
                    t('admin.offline.col.by'),
                  ],
                  offline.map((o) => [
                    html`<time datetime="${o.recordedAt}">${i18n.dateTime(o.recordedAt)}</time>`,
                    o.count > 0 ? `+${i18n.number(o.count)}` : `−${i18n.number(-o.count)}`,
                    o.source,
                    o.note || '—',
                    ctx.me?.kind === 'account' && ctx.me.id === o.recordedBy
                      ? t('admin.offline.byYou')
                      : html`<span class="receipt" style="font-size:.85rem">${o.recordedBy}</span>`,
                  ]),
                  { captionHidden: true },
                )
        }
      </section>`
    : '';

  const answerSection = isPublic
    ? html`<section aria-labelledby="answer-form-title" id="answer">
        <h2 id="answer-form-title">
          ${p.answer ? t('admin.answer.amendTitle') : t('admin.answer.title')}
        </h2>
        <p>${p.state === 'published' ? t('admin.answer.closesIt') : t('admin.answer.intro')}</p>
        <form method="post" action="${ADMIN_PETITIONS}/${p.id}/answer" novalidate data-once>
          ${textArea({ id: 'answerText', label: t('admin.answer.text'), hint: t('admin.answer.textHint'), value: value('answer', 'answerText', p.answer?.text ?? ''), error: err('answerText'), required: true, rows: 10, i18n })}
          ${inputField({ id: 'answerDate', label: t('admin.answer.date'), hint: t('admin.answer.dateHint'), kind: 'date', value: value('answer', 'answerDate', p.answer?.date ?? today()), error: err('answerDate'), required: true, i18n })}
          ${inputField({ id: 'answerUrl', label: t('admin.answer.url'), hint: t('admin.answer.urlHint'), kind: 'url', value: value('answer', 'answerUrl', p.answer?.url ?? ''), error: err('answerUrl'), maxlength: 2000, i18n })}
          <p>
            <button class="button" type="submit">
              ${p.answer ? t('admin.answer.amend') : t('admin.answer.submit')}
            </button>
          </p>
        </form>
      </section>`
    : '';

  const closeSection =
    p.state === 'published'
      ? html`<section aria-labelledby="close-title" id="close">
          <h2 id="close-title">${t('admin.close.title')}</h2>
          <p>${t('admin.close.intro')}</p>
          <form method="post" action="${ADMIN_PETITIONS}/${p.id}/close" novalidate data-once>
            ${textArea({ id: 'closeReason', label: t('admin.close.reason'), hint: t('admin.close.reasonHint'), value: value('close', 'closeReason'), error: err('closeReason'), required: true, rows: 4, maxlength: 2000, i18n })}
            <p><button class="button secondary" type="submit">${t('admin.close.submit')}</button></p>
          </form>
        </section>`
      : '';

  return html`<p>
      <a href="${ADMIN_PETITIONS}?state=${p.state}">← ${t('admin.petitions.backTo', { state: stateName(ctx, p.state) })}</a>
    </p>
    ${doneNotice(extra.done)} ${errorSummary(i18n, form.errors)} ${formNotice(form.notice)}
    <h1>${p.title}</h1>
    <p class="meta">
      ${stateTag(ctx, p.state)} · ${localText(ctx.locale, p.type.name)} ·
      ${t('petitions.by', { name: p.author.name })}
    </p>
    <ul class="meta">
      ${p.createdAt ? html`<li>${t('admin.petition.created', { date: i18n.dateTime(p.createdAt) })}</li>` : ''}
      ${p.submittedAt ? html`<li>${t('admin.petition.submitted', { date: i18n.dateTime(p.submittedAt) })}</li>` : ''}
      ${p.publishedAt ? html`<li>${t('petition.publishedOn', { date: i18n.date(p.publishedAt) })}</li>` : ''}
      ${p.closesAt && p.state === 'published' ? html`<li>${t('petitions.closesOn', { date: i18n.date(p.closesAt) })}</li>` : ''}
      ${p.closeReason ? html`<li>${t('lifecycle.reason', { reason: p.closeReason })}</li>` : ''}
    </ul>
    ${isPublic ? html`<p><a href="/petitions/${p.id}">${t('admin.petition.publicPage')}</a></p>` : ''}
    <section aria-labelledby="text-title">
      <h2 id="text-title">${t('petition.text')}</h2>
      ${userText(p.body)}
    </section>
    ${review} ${rejected} ${offlineSection} ${answerSection} ${closeSection}
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">${t('petition.timeline')}</h2>
      ${timelineList(ctx, p.timeline)}
    </section>`;
}
