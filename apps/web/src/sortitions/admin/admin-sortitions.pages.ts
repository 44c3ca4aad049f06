/**
 * The administrators' sortitions pages: every sortitions component of the
 * spaces one administers; a component's draws with their state and what can
 * be done with them, and the two forms that prepare a draw (among the
 * proposals of a proposals component of the space, or a citizens' panel
 * from a pasted pool of volunteers and quotas); a draw's page, where it is
 * drawn from the public numbers revealed (asked first: it is final) or
 * cancelled with a reason (asked first too). Every button is a form post:
 * nothing needs JavaScript.
 */
import { pickText } from '@palabre/contracts';
import { doneNotice, formNotice } from '../../shared/forms/form-notices';
import {
  errorSummary,
  localText,
  messageWith,
  type FieldError,
} from '../../shared/html/components';
import {
  errorOf,
  inputField,
  selectField,
  stackedTable,
  textArea,
  textPerLanguage,
} from '../../shared/html/form-controls';
import { html, unsafeRaw, type Html } from '../../shared/html/html';
import type { PageContext } from '../../shared/layout/page-context';
import { spacePath } from '../../spaces/admin/admin-spaces.pages';
import { local } from '../../spaces/public/spaces.pages';
import type { ComponentSummary, SpaceLanding } from '../../spaces/spaces.api';
import {
  WRAP,
  componentPath as publicComponentPath,
  countAmong,
  drawPath as publicDrawPath,
  stateLine,
  tags,
  withDate,
} from '../public/sortitions.pages';
import { drawJsonPath, poolCsvPath, type DrawSummaryView, type DrawView } from '../sortitions.api';
import { LIMITS, PANEL, quotaId, rowsOf, textsOf, type Values } from './draw-form';

export const ADMIN_SORTITIONS = '/admin/sortitions';
export const componentAdminPath = (componentId: string) =>
  `${ADMIN_SORTITIONS}/components/${componentId}`;
export const drawAdminPath = (id: string) => `${ADMIN_SORTITIONS}/${id}`;

/** A form as it comes back: what was typed, its errors, a refusal that belongs to no one field. */
export interface Form {
  values: Values;
  errors: FieldError[];
  notice?: string | null;
}
export const EMPTY: Form = { values: {}, errors: [] };

/** Where a page is: the space and its sortitions component. */
export interface AdminPlace {
  space: SpaceLanding;
  componentId: string;
}

/** The component page's two forms, each as it came back. */
export interface ComponentForms {
  proposals: Form;
  panel: Form;
}
/** A draw's page's two forms. */
export interface DrawForms {
  draw: Form;
  cancel: Form;
}

const componentOf = (p: AdminPlace): ComponentSummary | undefined =>
  p.space.components.find((c) => c.id === p.componentId);

export const componentName = (ctx: PageContext, p: AdminPlace) => {
  const c = componentOf(p);
  return c ? local(ctx, c.name) : ctx.t('sortitionsAdmin.component');
};

/** The space's proposals components, which a draw can be among. */
export const proposalsComponents = (space: SpaceLanding) =>
  space.components.filter((c) => c.type === 'proposals');

function crumbs(ctx: PageContext, p: AdminPlace, d?: Pick<DrawView, 'id' | 'title'>): Html {
  return html`<nav aria-label="${ctx.t('sortitionsAdmin.breadcrumb')}">
    <p>
      <a href="${spacePath(p.space.id)}#components">${local(ctx, p.space.title)}</a> ›
      <a href="${componentAdminPath(p.componentId)}">${componentName(ctx, p)}</a>${
        d ? html` › <a href="${drawAdminPath(d.id)}">${localText(ctx.locale, d.title)}</a>` : ''
      }
    </p>
  </nav>`;
}

// --- the index ----------------------------------------------------------------------------

/** /admin/sortitions: every sortitions component of the spaces this person administers. */
export function indexPage(ctx: PageContext, spaces: SpaceLanding[]): Html {
  const { t } = ctx;
  const rows = spaces.flatMap((s) =>
    s.components.filter((c) => c.type === 'sortitions').map((c) => ({ s, c })),
  );
  return html`<p><a href="/admin">← ${t('admin.home.title')}</a></p>
    <h1>${t('sortitionsAdmin.index.title')}</h1>
    <p>${t('sortitionsAdmin.index.intro')}</p>
    ${
      rows.length === 0
        ? html`<p>${t('sortitionsAdmin.index.none')}</p>`
        : html`<ul class="card-list">
            ${rows.map(
              ({ s, c }) => html`<li class="card">
                <h2 style="margin-top:0"><a href="${componentAdminPath(c.id)}">${local(ctx, c.name)}</a></h2>
                <p class="meta">${local(ctx, s.title)}</p>
              </li>`,
            )}
          </ul>`
    }`;
}

// --- a component's draws and the forms that prepare one --------------------------------------

function drawActions(ctx: PageContext, p: AdminPlace, d: DrawSummaryView): Html {
  const { t } = ctx;
  const named = html`<span class="visually-hidden"> : ${localText(ctx.locale, d.title)}</span>`;
  const links = [
    d.state === 'prepared'
      ? html`<a href="${drawAdminPath(d.id)}#draw-now">${t('sortitionsAdmin.action.draw')}${named}</a>`
      : '',
    d.state !== 'cancelled'
      ? html`<a href="${drawAdminPath(d.id)}#cancel">${t('sortitionsAdmin.action.cancel')}${named}</a>`
      : '',
    html`<a href="${publicDrawPath(p.space.slug, p.componentId, d.id)}">${t('sortitionsAdmin.action.public')}${named}</a>`,
  ].filter(Boolean);
  return html`${links.map((l, i) => html`${i ? html`<br />` : ''}${l}`)}`;
}

function proposalsForm(ctx: PageContext, p: AdminPlace, form: Form, zone: string): Html {
  const { t, i18n } = ctx;
  const v = form.values;
  const err = (id: string) => errorOf(form.errors, id);
  const sources = proposalsComponents(p.space);
  if (!sources.length) return html`<p>${t('sortitionsAdmin.proposals.noSource')}</p>`;
  return html`${errorSummary(i18n, form.errors)} ${formNotice(form.notice)}
    <form method="post" action="${componentAdminPath(p.componentId)}/proposals" novalidate id="proposals-form" data-once>
      ${textPerLanguage({ id: 'title', legend: t('sortitionsAdmin.form.title'), values: textsOf(v, 'title'), maxlength: LIMITS.title, errors: form.errors, i18n })}
      ${textPerLanguage({ id: 'description', legend: t('sortitionsAdmin.form.description'), hint: t('sortitionsAdmin.form.descriptionHint'), values: textsOf(v, 'description'), maxlength: LIMITS.description, rows: 3, errors: form.errors, i18n })}
      ${selectField({
        id: 'source',
        label: t('sortitionsAdmin.proposals.source'),
        hint: t('sortitionsAdmin.proposals.sourceHint'),
        value: v.source ?? sources[0].id,
        choices: sources.map((c) => {
          const picked = pickText(c.name, ctx.locale);
          return {
            value: c.id,
            label: picked.text,
            ...(picked.lang && picked.lang !== ctx.locale ? { lang: picked.lang } : {}),
          };
        }),
        error: err('source'),
        i18n,
      })}
      ${inputField({ id: 'area', label: t('sortitionsAdmin.proposals.area'), hint: t('sortitionsAdmin.proposals.areaHint'), value: v.area, maxlength: LIMITS.area, error: err('area'), i18n })}
      ${inputField({ id: 'count', label: t('sortitionsAdmin.proposals.count'), hint: t('sortitionsAdmin.proposals.countHint'), kind: 'integer', value: v.count, error: err('count'), i18n })}
      ${inputField({ id: 'revealAt', label: t('sortitionsAdmin.form.revealAt'), hint: t('sortitionsAdmin.form.revealAtHint', { zone }), kind: 'datetime-local', value: v.revealAt, error: err('revealAt'), i18n })}
      <p><button class="button" type="submit">${t('sortitionsAdmin.proposals.button')}</button></p>
    </form>`;
}

const CELL_INPUT = unsafeRaw(
  'style="font:inherit;width:100%;max-width:14rem;padding:.35rem .45rem;border:1px solid #555;border-radius:.2rem;background:#fff;color:#1e1e1e"',
);
const CELL_NUMBER = unsafeRaw(
  'style="font:inherit;width:100%;max-width:6rem;padding:.35rem .45rem;border:1px solid #555;border-radius:.2rem;background:#fff;color:#1e1e1e"',
);

/** One control of a quota row: its label said to assistive technology, its error above it. */
function quotaCell(
  ctx: PageContext,
  form: Form,
  row: number,
  part: 'category' | 'value' | 'min' | 'max',
  label: string,
): Html {
  const id = quotaId(row, part);
  const error = errorOf(form.errors, id);
  const numeric = part === 'min' || part === 'max';
  return html`<label for="${id}" class="visually-hidden">${label} (${ctx.t('sortitionsAdmin.quotas.row', { row: row + 1 })})</label>
    ${error ? html`<p class="field-error" id="${id}-error">${ctx.i18n.t('form.error', { message: error })}</p>` : ''}
    <input id="${id}" name="${id}" type="text" value="${form.values[id] ?? ''}" autocomplete="off"
      ${numeric ? html`inputmode="numeric"` : html`maxlength="${LIMITS.quotaText}"`}
      ${error ? html`aria-invalid="true" aria-describedby="${id}-error"` : ''}
      ${numeric ? CELL_NUMBER : CELL_INPUT} />`;
}

function quotasTable(ctx: PageContext, form: Form): Html {
  const { t } = ctx;
  const rows = rowsOf(form.values);
  const head = [
    t('sortitionsAdmin.quotas.number'),
    t('sortitionsAdmin.quotas.category'),
    t('sortitionsAdmin.quotas.value'),
    t('sortitionsAdmin.quotas.min'),
    t('sortitionsAdmin.quotas.max'),
  ];
  return html`<fieldset id="quotas">
    <legend>${t('sortitionsAdmin.quotas.legend')}</legend>
    <p class="hint">${t('sortitionsAdmin.quotas.hint')}</p>
    <input type="hidden" name="rows" value="${String(rows)}" />
    ${stackedTable(
      t('sortitionsAdmin.quotas.caption'),
      head,
      Array.from({ length: rows }, (_, row) => [
        String(row + 1),
        quotaCell(ctx, form, row, 'category', head[1]),
        quotaCell(ctx, form, row, 'value', head[2]),
        quotaCell(ctx, form, row, 'min', head[3]),
        quotaCell(ctx, form, row, 'max', head[4]),
      ]),
      { captionHidden: true, rowHeader: 0 },
    )}
    <p class="hint">${t('sortitionsAdmin.quotas.more', { count: rows })}</p>
  </fieldset>`;
}

/** Five lines of a pool, as an example of the format. */
const POOL_EXAMPLE = 'id,genre,age\nv0001,F,18-34\nv0002,H,60+\nv0003,F,35-59\nv0004,H,18-34';

function panelForm(
  ctx: PageContext,
  p: AdminPlace,
  form: Form,
  zone: string,
  example: DrawSummaryView | undefined,
): Html {
  const { t, i18n } = ctx;
  const v = form.values;
  const err = (id: string) => errorOf(form.errors, id);
  return html`${errorSummary(i18n, form.errors)} ${formNotice(form.notice)}
    <form method="post" action="${componentAdminPath(p.componentId)}/panel" novalidate id="panel-form" data-once>
      ${textPerLanguage({ id: `${PANEL}-title`, legend: t('sortitionsAdmin.form.title'), values: textsOf(v, `${PANEL}-title`), maxlength: LIMITS.title, errors: form.errors, i18n })}
      ${textPerLanguage({ id: `${PANEL}-description`, legend: t('sortitionsAdmin.form.description'), hint: t('sortitionsAdmin.form.descriptionHint'), values: textsOf(v, `${PANEL}-description`), maxlength: LIMITS.description, rows: 3, errors: form.errors, i18n })}
      ${inputField({ id: 'size', label: t('sortitionsAdmin.panel.size'), hint: t('sortitionsAdmin.panel.sizeHint'), kind: 'integer', value: v.size, error: err('size'), i18n })}
      ${inputField({ id: `${PANEL}-revealAt`, label: t('sortitionsAdmin.form.revealAt'), hint: t('sortitionsAdmin.form.revealAtHint', { zone }), kind: 'datetime-local', value: v[`${PANEL}-revealAt`], error: err(`${PANEL}-revealAt`), i18n })}
      <div id="pool-format">
        <h3>${t('sortitionsAdmin.pool.formatTitle')}</h3>
        <p>${t('sortitionsAdmin.pool.format')}</p>
        <p><strong>${t('sortitionsAdmin.pool.names')}</strong></p>
        <p>${t('sortitionsAdmin.pool.example')}</p>
        <pre style="white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f6f6;padding:.75rem;border-radius:.25rem"><code>${POOL_EXAMPLE}</code></pre>
        ${
          example
            ? html`<p>${messageWith(
                i18n,
                'sortitionsAdmin.pool.fullExample',
                {},
                {
                  link: html`<a href="${poolCsvPath(example.id)}">${t('sortitionsAdmin.pool.fullExampleLink', { title: pickText(example.title, ctx.locale).text })}</a>`,
                },
              )}</p>`
            : ''
        }
      </div>
      ${textArea({ id: 'pool', label: t('sortitionsAdmin.pool.label'), hint: t('sortitionsAdmin.pool.hint'), value: v.pool, rows: 10, error: err('pool'), i18n })}
      ${quotasTable(ctx, form)}
      <p style="display:flex;flex-wrap:wrap;gap:.75rem">
        <button class="button" type="submit">${t('sortitionsAdmin.panel.button')}</button>
        <button class="button secondary" type="submit" name="moreRows" value="yes">${t('sortitionsAdmin.quotas.moreButton')}</button>
      </p>
    </form>`;
}

export function componentPage(
  ctx: PageContext,
  p: AdminPlace,
  items: DrawSummaryView[],
  forms: ComponentForms,
  zone: string,
): Html {
  const { t, i18n } = ctx;
  const name = componentName(ctx, p);
  const example = items.find((d) => d.kind === 'panel' && d.state !== 'cancelled');
  return html`${crumbs(ctx, p)}
    <h1>${messageWith(i18n, 'sortitionsAdmin.component.title', {}, { name })}</h1>
    <ul>
      <li><a href="${publicComponentPath(p.space.slug, p.componentId)}">${t('sortitionsAdmin.publicList')}</a></li>
      <li><a href="${spacePath(p.space.id)}/components/${p.componentId}">${t('sortitionsAdmin.settings')}</a></li>
    </ul>
    <section aria-labelledby="draws-title" id="draws">
      <h2 id="draws-title">${t('sortitionsAdmin.list.title')}</h2>
      ${
        items.length === 0
          ? html`<p>${t('sortitionsAdmin.list.none')}</p>`
          : stackedTable(
              html`${t('sortitionsAdmin.list.title')} — ${name}`,
              [
                t('sortitionsAdmin.table.draw'),
                t('sortitionsAdmin.table.state'),
                t('sortitionsAdmin.table.when'),
                t('sortitionsAdmin.table.count'),
                t('sortitionsAdmin.table.actions'),
              ],
              items.map((d) => [
                html`<a href="${drawAdminPath(d.id)}">${localText(ctx.locale, d.title)}</a>`,
                tags(ctx, d),
                stateLine(ctx, d),
                countAmong(ctx, d),
                drawActions(ctx, p, d),
              ]),
              { captionHidden: true, rowHeader: 0 },
            )
      }
    </section>
    <section aria-labelledby="proposals-title" id="new-proposals">
      <h2 id="proposals-title">${t('sortitionsAdmin.proposals.title')}</h2>
      <p>${t('sortitionsAdmin.proposals.intro')}</p>
      ${proposalsForm(ctx, p, forms.proposals, zone)}
    </section>
    <section aria-labelledby="panel-title" id="new-panel">
      <h2 id="panel-title">${t('sortitionsAdmin.panel.title')}</h2>
      <p>${t('sortitionsAdmin.panel.intro')}</p>
      ${panelForm(ctx, p, forms.panel, zone, example)}
    </section>`;
}

// --- a draw's page ---------------------------------------------------------------------------

export function drawPage(
  ctx: PageContext,
  p: AdminPlace,
  d: DrawView,
  forms: DrawForms,
  done: string | null,
): Html {
  const { t, i18n } = ctx;
  const here = drawAdminPath(d.id);
  const early = d.state === 'prepared' && d.revealAt && Date.parse(d.revealAt) > Date.now();
  const result =
    d.state === 'drawn' || d.publicNumbers
      ? html`<p>${messageWith(i18n, 'sortitionsAdmin.draw.drawnWith', {}, { numbers: html`<code ${WRAP}>${d.publicNumbers ?? ''}</code>` })}</p>
          ${
            d.selectedProposals
              ? html`<ol>${d.selectedProposals.map((x) => html`<li>${x.title || x.id}</li>`)}</ol>`
              : d.panel
                ? html`<ol style="columns:7rem;column-gap:1.5rem">${d.panel.selected.map((id) => html`<li><code>${id}</code></li>`)}</ol>`
                : ''
          }`
      : '';
  return html`${crumbs(ctx, p)}
    <h1>${localText(ctx.locale, d.title)}</h1>
    ${doneNotice(done)}
    ${d.state === 'prepared' ? '' : formNotice(forms.draw.notice)}
    ${d.state === 'cancelled' ? formNotice(forms.cancel.notice) : ''}
    <p class="meta">${tags(ctx, d)} ${countAmong(ctx, d)}</p>
    ${
      d.state === 'cancelled'
        ? html`<div class="notice warning"><p><strong>${t('sortitions.cancelled.title')}</strong> ${d.cancelledAt ? withDate(ctx, 'sortitions.cancelledOn', d.cancelledAt) : ''}</p>
            <p><strong>${t('sortitions.cancelled.reason')}</strong> ${d.cancelReason ?? ''}</p></div>`
        : ''
    }
    <ul>
      <li>${stateLine(ctx, d)}</li>
      <li>${t('sortitions.before.commitment')} : <code ${WRAP}>${d.commitment}</code></li>
      <li>${withDate(ctx, 'sortitionsAdmin.draw.preparedAt', d.preparedAt)}</li>
    </ul>
    <ul>
      <li><a href="${publicDrawPath(p.space.slug, d.componentId, d.id)}">${t('sortitionsAdmin.draw.publicPage')}</a></li>
      <li><a href="${drawJsonPath(d.id)}">${t('sortitionsAdmin.draw.json')}</a></li>
      ${d.kind === 'panel' && d.panel && !d.panel.poolDeletedAt ? html`<li><a href="${poolCsvPath(d.id)}">${t('sortitionsAdmin.draw.poolCsv')}</a></li>` : ''}
    </ul>
    ${result ? html`<section aria-labelledby="result-title" id="result"><h2 id="result-title">${t('sortitions.result.title')}</h2>${result}</section>` : ''}
    ${
      d.state === 'prepared'
        ? html`<section aria-labelledby="draw-now-title" id="draw-now">
            <h2 id="draw-now-title">${t('sortitionsAdmin.draw.title')}</h2>
            <p>${t('sortitionsAdmin.draw.intro')}</p>
            ${early && d.revealAt ? html`<div class="notice warning"><p>${withDate(ctx, 'sortitionsAdmin.draw.early', d.revealAt)}</p></div>` : ''}
            ${errorSummary(i18n, forms.draw.errors)} ${formNotice(forms.draw.notice)}
            <form method="post" action="${here}/draw" novalidate id="draw-form">
              ${inputField({ id: 'publicNumbers', label: t('sortitionsAdmin.draw.numbers'), hint: t('sortitionsAdmin.draw.numbersHint'), value: forms.draw.values.publicNumbers, maxlength: LIMITS.publicNumbers, error: errorOf(forms.draw.errors, 'publicNumbers'), i18n })}
              ${textArea({ id: 'witnesses', label: t('sortitionsAdmin.draw.witnesses'), hint: t('sortitionsAdmin.draw.witnessesHint'), value: forms.draw.values.witnesses, rows: 2, maxlength: LIMITS.witnesses, error: errorOf(forms.draw.errors, 'witnesses'), i18n })}
              <p><button class="button" type="submit">${t('sortitionsAdmin.draw.button')}</button></p>
            </form>
          </section>`
        : ''
    }
    ${
      d.state !== 'cancelled'
        ? html`<section aria-labelledby="cancel-title" id="cancel">
            <h2 id="cancel-title">${t('sortitionsAdmin.cancel.title')}</h2>
            <p>${t(d.state === 'drawn' ? 'sortitionsAdmin.cancel.introDrawn' : 'sortitionsAdmin.cancel.intro')}</p>
            ${errorSummary(i18n, forms.cancel.errors)} ${formNotice(forms.cancel.notice)}
            <form method="post" action="${here}/cancel" novalidate id="cancel-form">
              ${textArea({ id: 'reason', label: t('sortitionsAdmin.cancel.reason'), hint: t('sortitionsAdmin.cancel.reasonHint'), value: forms.cancel.values.reason, rows: 3, maxlength: LIMITS.reason, error: errorOf(forms.cancel.errors, 'reason'), i18n })}
              <p><button class="button secondary" type="submit">${t('sortitionsAdmin.cancel.button')}</button></p>
            </form>
          </section>`
        : ''
    }
    <p><a href="${componentAdminPath(p.componentId)}">${t('sortitionsAdmin.back')}</a></p>`;
}
