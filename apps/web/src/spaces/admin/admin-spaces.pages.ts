/**
 * The pages of the spaces back-office: the list, the space form, a space's
 * management page (publication, phases with their order and the active one,
 * components, members), the phase form, the activation confirmation, and the
 * members page. Components have their own page (component.pages.ts).
 */
import { isOrgAdmin } from '../../shared/layout/roles';
import { errorSummary, type FieldError } from '../../shared/html/components';
import {
  checkbox,
  errorOf,
  inputField,
  radioGroup,
  textPerLanguage,
} from '../../shared/html/form-controls';
import { html, type Html } from '../../shared/html/html';
import type { PageContext } from '../../shared/layout/page-context';
import { doneNotice, formNotice } from '../../shared/forms/form-notices';
import {
  textIn,
  type ComponentType,
  type Member,
  type PhaseView,
  type SpaceLanding,
  type SpaceSummary,
} from '../spaces.api';
import {
  activeTag,
  day,
  kindLabel,
  local,
  period,
  phaseLabel,
  phaseWhen,
} from '../public/spaces.pages';
import {
  LONG_MAX,
  SHORT_MAX,
  URL_MAX,
  type PhaseFormValues,
  type SpaceFormValues,
  type TextName,
  type Texts,
} from './space.form';

export const ADMIN_SPACES = '/admin/spaces';
export const spacePath = (id: string) => `${ADMIN_SPACES}/${id}`;

export interface Form<V> {
  values: V;
  errors: FieldError[];
  notice?: string | null;
}

const back = (href: string, label: string) => html`<p><a href="${href}">← ${label}</a></p>`;

export function stateTag(ctx: PageContext, s: Pick<SpaceSummary, 'state'>): Html {
  return html`<span class="tag"
    >${s.state === 'published' ? ctx.t('spacesAdmin.state.published') : ctx.t('spacesAdmin.state.draft')}</span
  >`;
}

export function spacesListPage(
  ctx: PageContext,
  items: SpaceSummary[],
  opts: { done: string | null; canCreate: boolean },
): Html {
  const { t } = ctx;
  return html`${back('/admin', t('admin.home.title'))} ${doneNotice(opts.done)}
    <h1>${t('spacesAdmin.title')}</h1>
    <p>${t('spacesAdmin.intro')}</p>
    ${
      opts.canCreate
        ? html`<p style="display:flex;flex-wrap:wrap;gap:.5rem">
            <a class="button" href="${ADMIN_SPACES}/new?kind=process">${t('spacesAdmin.newProcess')}</a>
            <a class="button secondary" href="${ADMIN_SPACES}/new?kind=assembly"
              >${t('spacesAdmin.newAssembly')}</a
            >
          </p>`
        : ''
    }
    ${
      items.length === 0
        ? html`<p>${t('spacesAdmin.none')}</p>`
        : html`<ul class="card-list">
            ${items.map(
              (s) =>
                html`<li class="card">
                  <h2><a href="${spacePath(s.id)}">${local(ctx, s.title)}</a></h2>
                  <p class="meta">
                    <span class="tag">${kindLabel(ctx, s.kind)}</span> ${stateTag(ctx, s)}
                    ${s.private ? html`<span class="tag">${t('spaces.private')}</span>` : ''} ·
                    <span style="word-break:break-all">${s.reference}</span>
                  </p>
                  ${s.activePhase ? html`<p class="meta"><strong>${phaseLabel(ctx, s.activePhase)}</strong> ${local(ctx, s.activePhase.title)}${phaseWhen(ctx, s.activePhase) ? html` (${phaseWhen(ctx, s.activePhase)})` : ''}</p>` : ''}
                </li>`,
            )}
          </ul>`
    }`;
}

/** One text of the space in both languages: a fieldset, its legend, a control per language. */
function bilingual(
  ctx: PageContext,
  opts: {
    name: string;
    legend: string;
    hint?: string;
    values: Texts;
    errors: FieldError[];
    long?: boolean;
  },
): Html {
  return textPerLanguage({
    id: opts.name,
    legend: opts.legend,
    hint: opts.hint,
    values: opts.values,
    errors: opts.errors,
    maxlength: opts.long ? LONG_MAX : SHORT_MAX,
    ...(opts.long ? { rows: 4 } : {}),
    i18n: ctx.i18n,
  });
}

/** The space form, new (with the kind) or edited. */
export function spaceFormPage(
  ctx: PageContext,
  form: Form<SpaceFormValues>,
  target: {
    action: string;
    heading: string;
    submit: string;
    creating: boolean;
    backHref: string;
    backLabel: string;
  },
): Html {
  const { t, i18n } = ctx;
  const v = form.values;
  const err = (f: string) => errorOf(form.errors, f);
  const text = (name: TextName, legend: string, long = false, hint?: string) =>
    bilingual(ctx, { name, legend, hint, long, values: v.texts[name], errors: form.errors });
  return html`${back(target.backHref, target.backLabel)}
    <h1>${target.heading}</h1>
    ${errorSummary(i18n, form.errors)} ${formNotice(form.notice)}
    <form method="post" action="${target.action}" novalidate data-once>
      ${
        target.creating
          ? radioGroup({
              name: 'kind',
              legend: t('spacesAdmin.form.kind'),
              value: v.kind,
              error: err('kind'),
              i18n,
              choices: [
                {
                  value: 'process',
                  label: t('spaces.kind.process'),
                  hint: t('spacesAdmin.form.kindProcessHint'),
                },
                {
                  value: 'assembly',
                  label: t('spaces.kind.assembly'),
                  hint: t('spacesAdmin.form.kindAssemblyHint'),
                },
              ],
            })
          : html`<p><strong>${t('spacesAdmin.form.kind')}</strong> ${kindLabel(ctx, v.kind === 'assembly' ? 'assembly' : 'process')}</p>`
      }
      ${inputField({ id: 'slug', label: t('spacesAdmin.form.slug'), hint: t('spacesAdmin.form.slugHint'), value: v.slug, required: true, maxlength: 80, error: err('slug'), i18n })}
      ${text('title', t('spacesAdmin.form.title'), false, t('spacesAdmin.form.titleHint'))}
      ${text('subtitle', t('spacesAdmin.form.subtitle'))}
      ${text('welcome', t('spacesAdmin.form.welcome'), true)}
      ${text('summary', t('spacesAdmin.form.summary'), true)}
      <fieldset>
        <legend>${t('spacesAdmin.form.media')}</legend>
        ${inputField({ id: 'imageUrl', label: t('spacesAdmin.form.imageUrl'), hint: t('spacesAdmin.form.imageUrlHint'), kind: 'url', value: v.imageUrl, maxlength: URL_MAX, error: err('imageUrl'), i18n })}
        ${text('imageAlt', t('spacesAdmin.form.imageAlt'), false, t('spacesAdmin.form.imageAltHint'))}
        ${inputField({ id: 'videoUrl', label: t('spacesAdmin.form.videoUrl'), hint: t('spacesAdmin.form.videoUrlHint'), kind: 'url', value: v.videoUrl, maxlength: URL_MAX, error: err('videoUrl'), i18n })}
      </fieldset>
      <h2>${t('spacesAdmin.form.panel')}</h2>
      ${text('objectives', t('spaces.objectives'), true)}
      ${text('participants', t('spaces.participants'), true)}
      ${text('decisionRules', t('spaces.decisionRules'), true)}
      ${text('area', t('spaces.area'))} ${text('organizer', t('spaces.organizer'))}
      <fieldset>
        <legend>${t('spacesAdmin.form.dates')}</legend>
        ${inputField({ id: 'startsOn', label: t('spaces.startsOn'), hint: t('spacesAdmin.form.dateHint'), kind: 'date', value: v.startsOn, error: err('startsOn'), i18n })}
        ${inputField({ id: 'endsOn', label: t('spaces.endsOn'), hint: t('spacesAdmin.form.dateHint'), kind: 'date', value: v.endsOn, error: err('endsOn'), i18n })}
      </fieldset>
      <fieldset>
        <legend>${t('spacesAdmin.form.access')}</legend>
        ${checkbox({ id: 'private', label: t('spacesAdmin.form.private'), hint: t('spacesAdmin.form.privateHint'), checked: v.private, error: err('private'), i18n })}
        ${checkbox({ id: 'transparent', label: t('spacesAdmin.form.transparent'), hint: t('spacesAdmin.form.transparentHint'), checked: v.transparent, error: err('transparent'), i18n })}
        ${
          v.kind === 'process' || target.creating
            ? checkbox({
                id: 'autoPhases',
                label: t('spacesAdmin.form.autoPhases'),
                hint: t('spacesAdmin.form.autoPhasesHint'),
                checked: v.autoPhases,
                error: err('autoPhases'),
                i18n,
              })
            : ''
        }
      </fieldset>
      <p><button class="button" type="submit">${target.submit}</button></p>
    </form>`;
}

const phaseName = (ctx: PageContext, p: PhaseView, n: number) =>
  ctx.t('spacesAdmin.phase.name', { n, title: textIn(p.title, ctx.locale) });

function phaseRow(
  ctx: PageContext,
  s: SpaceLanding,
  p: PhaseView,
  i: number,
  focus: { phaseId: string; direction: string } | null,
): Html {
  const { t } = ctx;
  const n = i + 1;
  const name = phaseName(ctx, p, n);
  const when = period(ctx, p.startsOn, p.endsOn);
  const canUp = i > 0;
  const canDown = i < s.phases.length - 1;
  // After a move, the focus comes back to the button used (or the other one, at an end of the list).
  const focusOn =
    focus?.phaseId === p.id
      ? focus.direction === 'up'
        ? canUp
          ? 'up'
          : 'down'
        : canDown
          ? 'down'
          : 'up'
      : null;
  const move = (direction: 'up' | 'down', label: string) =>
    html`<form class="inline" method="post" action="${spacePath(s.id)}/phases/${p.id}/move">
      <input type="hidden" name="direction" value="${direction}" />
      <button class="button secondary" type="submit" ${focusOn === direction ? html`autofocus` : ''}>
        ${label}<span class="visually-hidden"> : ${name}</span>
      </button>
    </form>`;
  return html`<li id="phase-${p.id}" class="card" ${p.active && p.timing === 'current' ? html`aria-current="step"` : ''}>
    <h3 style="margin:0 0 .25rem">
      ${name}${p.active ? html` <span class="tag">${activeTag(ctx, p)}</span>` : ''}
    </h3>
    <p class="meta">${when ?? t('spacesAdmin.phase.noDates')}</p>
    <div style="display:flex;flex-wrap:wrap;gap:.5rem;align-items:center">
      ${canUp ? move('up', t('spacesAdmin.phase.up')) : ''}
      ${canDown ? move('down', t('spacesAdmin.phase.down')) : ''}
      <a href="${spacePath(s.id)}/phases/${p.id}"
        >${t('spacesAdmin.phase.edit')}<span class="visually-hidden"> : ${name}</span></a
      >
      ${
        p.active
          ? ''
          : html`<a href="${spacePath(s.id)}/phases/${p.id}/activate"
              >${t('spacesAdmin.phase.activate')}<span class="visually-hidden"> : ${name}</span></a
            >`
      }
    </div>
  </li>`;
}

/** A space's management page. */
export function spaceOverviewPage(
  ctx: PageContext,
  s: SpaceLanding,
  opts: {
    done: string | null;
    notice?: string | null;
    focus: { phaseId: string; direction: string } | null;
    types: ComponentType[];
  },
): Html {
  const { t } = ctx;
  const typeName = (type: string) => {
    const def = opts.types.find((d) => d.type === type);
    return def ? textIn(def.name, ctx.locale) || type : type;
  };
  return html`${back(ADMIN_SPACES, t('spacesAdmin.title'))} ${doneNotice(opts.done)}
    ${formNotice(opts.notice)}
    <h1>${local(ctx, s.title)}</h1>
    <p class="meta">
      <span class="tag">${kindLabel(ctx, s.kind)}</span> ${stateTag(ctx, s)}
      ${s.private ? html`<span class="tag">${s.transparent ? t('spaces.transparent') : t('spaces.private')}</span>` : ''}
      · ${t('spaces.reference')} <span style="word-break:break-all">${s.reference}</span>
    </p>
    <ul>
      <li><a href="/spaces/${s.slug}">${t('spacesAdmin.publicPage')}</a></li>
      <li><a href="${spacePath(s.id)}/edit">${t('spacesAdmin.editInfo')}</a></li>
      ${s.private ? html`<li><a href="${spacePath(s.id)}/members">${t('spacesAdmin.members.title')}</a></li>` : ''}
      ${isOrgAdmin(ctx.me) ? html`<li><a href="/admin/organization/users?spaceId=${s.id}#grant-title">${t('spacesAdmin.roles')}</a></li>` : ''}
    </ul>
    <section aria-labelledby="publication-title">
      <h2 id="publication-title">${t('spacesAdmin.publication')}</h2>
      <p>
        ${s.state === 'published' ? t('spacesAdmin.publishedText') : t('spacesAdmin.draftText')}
      </p>
      <form method="post" action="${spacePath(s.id)}/${s.state === 'published' ? 'unpublish' : 'publish'}" data-once>
        <button class="button${s.state === 'published' ? ' secondary' : ''}" type="submit">
          ${s.state === 'published' ? t('spacesAdmin.unpublish') : t('spacesAdmin.publish')}
        </button>
      </form>
    </section>
    ${
      s.kind === 'process'
        ? html`<section aria-labelledby="phases-title" id="phases">
            <h2 id="phases-title">${t('spaces.phases')}</h2>
            <p>${t('spacesAdmin.phase.intro')}</p>
            ${
              s.phases.length === 0
                ? html`<p>${t('spaces.noPhases')}</p>`
                : html`<ol class="card-list">
                    ${s.phases.map((p, i) => phaseRow(ctx, s, p, i, opts.focus))}
                  </ol>`
            }
            <p><a class="button" href="${spacePath(s.id)}/phases/new">${t('spacesAdmin.phase.add')}</a></p>
          </section>`
        : ''
    }
    <section aria-labelledby="components-title" id="components">
      <h2 id="components-title">${t('spaces.components')}</h2>
      ${
        s.components.length === 0
          ? html`<p>${t('spaces.noComponents')}</p>`
          : html`<ul>
              ${s.components.map(
                (c) =>
                  html`<li>
                    <a href="${spacePath(s.id)}/components/${c.id}">${local(ctx, c.name)}</a>
                    <span class="meta">(${typeName(c.type)})</span>
                    ${c.type === 'proposals' ? html` · <a href="${spacePath(s.id)}/proposals/${c.id}">${t('proposalsAdmin.manage')}<span class="visually-hidden"> : ${local(ctx, c.name)}</span></a>` : ''}
                    ${c.type === 'budgets' ? html` · <a href="/admin/budgets/${c.id}">${t('budgetsAdmin.manage')}<span class="visually-hidden"> : ${local(ctx, c.name)}</span></a>` : ''}
                    ${c.type === 'meetings' ? html` · <a href="/admin/meetings/components/${c.id}">${t('meetingsAdmin.manageLink')}<span class="visually-hidden"> : ${local(ctx, c.name)}</span></a>` : ''}
                    ${c.type === 'surveys' ? html` · <a href="/admin/surveys/components/${c.id}">${t('surveysAdmin.manageLink')}<span class="visually-hidden"> : ${local(ctx, c.name)}</span></a>` : ''}
                    ${c.type === 'sortitions' ? html` · <a href="/admin/sortitions/components/${c.id}">${t('sortitionsAdmin.manageLink')}<span class="visually-hidden"> : ${local(ctx, c.name)}</span></a>` : ''}
                  </li>`,
              )}
            </ul>`
      }
      <p><a class="button" href="${spacePath(s.id)}/components/new">${t('spacesAdmin.component.add')}</a></p>
    </section>`;
}

export function phaseFormPage(
  ctx: PageContext,
  s: SpaceLanding,
  form: Form<PhaseFormValues>,
  target: { action: string; heading: string; submit: string },
): Html {
  const { t, i18n } = ctx;
  const v = form.values;
  const err = (f: string) => errorOf(form.errors, f);
  return html`${back(`${spacePath(s.id)}#phases`, textIn(s.title, ctx.locale))}
    <h1>${target.heading}</h1>
    ${errorSummary(i18n, form.errors)} ${formNotice(form.notice)}
    <form method="post" action="${target.action}" novalidate data-once>
      ${bilingual(ctx, { name: 'phaseTitle', legend: t('spacesAdmin.form.title'), hint: t('spacesAdmin.form.titleHint'), values: v.title, errors: form.errors })}
      ${bilingual(ctx, { name: 'phaseDescription', legend: t('spacesAdmin.phase.description'), values: v.description, errors: form.errors, long: true })}
      <fieldset>
        <legend>${t('spacesAdmin.form.dates')}</legend>
        <p class="hint">${t('spacesAdmin.phase.datesHint')}</p>
        ${inputField({ id: 'phaseStartsOn', label: t('spaces.startsOn'), hint: t('spacesAdmin.form.dateHint'), kind: 'date', value: v.startsOn, error: err('phaseStartsOn'), i18n })}
        ${inputField({ id: 'phaseEndsOn', label: t('spaces.endsOn'), hint: t('spacesAdmin.form.dateHint'), kind: 'date', value: v.endsOn, error: err('phaseEndsOn'), i18n })}
      </fieldset>
      <p><button class="button" type="submit">${target.submit}</button></p>
    </form>`;
}

/** "Activate this phase?": the confirmation a form post needs without JavaScript. */
export function activatePage(
  ctx: PageContext,
  s: SpaceLanding,
  p: PhaseView,
  notice?: string | null,
): Html {
  const { t } = ctx;
  const n = s.phases.findIndex((x) => x.id === p.id) + 1;
  const current = s.phases.find((x) => x.active);
  return html`${back(`${spacePath(s.id)}#phases`, textIn(s.title, ctx.locale))}
    ${formNotice(notice)}
    <h1>${t('spacesAdmin.activate.title', { title: phaseName(ctx, p, n) })}</h1>
    <p>
      ${
        current
          ? t('spacesAdmin.activate.current', { title: textIn(current.title, ctx.locale) })
          : t('spacesAdmin.activate.none')
      }
    </p>
    <p>${t('spacesAdmin.activate.effect')}</p>
    ${s.autoPhases ? html`<p class="notice warning">${t('spacesAdmin.activate.auto')}</p>` : ''}
    <form method="post" action="${spacePath(s.id)}/phases/${p.id}/activate" data-once>
      <p style="display:flex;flex-wrap:wrap;gap:.75rem;align-items:center">
        <button class="button" type="submit">${t('spacesAdmin.activate.confirm')}</button>
        <a href="${spacePath(s.id)}#phases">${t('spacesAdmin.activate.cancel')}</a>
      </p>
    </form>`;
}

export function membersPage(
  ctx: PageContext,
  s: SpaceLanding,
  members: Member[],
  names: Map<string, string>,
  form: Form<{ userId: string }>,
  done: string | null,
): Html {
  const { t, i18n } = ctx;
  return html`${back(spacePath(s.id), textIn(s.title, ctx.locale))} ${doneNotice(done)}
    <h1>${t('spacesAdmin.members.heading', { title: textIn(s.title, ctx.locale) })}</h1>
    <p>${t('spacesAdmin.members.intro')}</p>
    ${errorSummary(i18n, form.errors)} ${formNotice(form.notice)}
    <form method="post" action="${spacePath(s.id)}/members" novalidate data-once>
      ${inputField({ id: 'userId', label: t('spacesAdmin.members.userId'), hint: t('spacesAdmin.members.userIdHint'), value: form.values.userId, required: true, maxlength: 254, error: errorOf(form.errors, 'userId'), i18n })}
      <p><button class="button" type="submit">${t('spacesAdmin.members.add')}</button></p>
    </form>
    <h2>${t('spacesAdmin.members.list', { count: members.length })}</h2>
    ${
      members.length === 0
        ? html`<p>${t('spacesAdmin.members.none')}</p>`
        : html`<ul class="card-list">
            ${members.map(
              (m) =>
                html`<li class="card">
                  <p style="margin:0;word-break:break-all"><strong>${names.get(m.userId) ?? m.userId}</strong></p>
                  <p class="meta">
                    ${t('spacesAdmin.members.since', { date: day(ctx, m.invitedAt.slice(0, 10)) })}
                    ${names.has(m.userId) ? html`<br /><span style="word-break:break-all">${t('spacesAdmin.members.account', { id: m.userId })}</span>` : ''}
                  </p>
                  <form method="post" action="${spacePath(s.id)}/members/${m.userId}/remove" data-once>
                    <button class="button secondary" type="submit">
                      ${t('spacesAdmin.members.remove')}<span class="visually-hidden"> : ${names.get(m.userId) ?? m.userId}</span>
                    </button>
                  </form>
                </li>`,
            )}
          </ul>`
    }`;
}

/** A form the page could not act on (refused by the API, or not sent from this site), with the way back. */
export function refusedPage(
  ctx: PageContext,
  s: SpaceLanding,
  heading: string,
  notice: string,
): Html {
  return html`${back(`${spacePath(s.id)}#phases`, textIn(s.title, ctx.locale))}
    <h1>${heading}</h1>
    ${formNotice(notice)}
    <p><a href="${spacePath(s.id)}#phases">${ctx.t('spacesAdmin.backToSpace')}</a></p>`;
}
