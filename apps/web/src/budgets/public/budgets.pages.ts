/**
 * The public pages of a budgets component: its budgets and how voting works,
 * a budget's projects with the voter's selection (forms that work without
 * JavaScript), the confirmation step, the results as an SVG chart and a table,
 * and the implementation tracking of what was funded.
 */
import { pickText } from '@palabre/contracts';
import {
  franceConnectButton,
  localText,
  localUserText,
  messageWith,
  userText,
} from '../../shared/html/components';
import { html, type Html } from '../../shared/html/html';
import { stackedTable } from '../../shared/html/form-controls';
import type { MessageKey } from '../../shared/i18n/i18n';
import type { PageContext } from '../../shared/layout/page-context';
import { doneNotice } from '../../shared/forms/form-notices';
import { day, local, period } from '../../spaces/public/spaces.pages';
import type { ProposalLink } from '../../spaces/proposal-links';
import { textIn, type SpaceLanding } from '../../spaces/spaces.api';
import { ruleText, stillNeeded, workflowText } from '../budget-rule';
import {
  euros,
  imageFile,
  type BudgetList,
  type BudgetView,
  type MyVotes,
  type OrderView,
  type ProgressView,
  type ProjectList,
  type ProjectView,
  type ResultDetail,
  type ResultStatus,
  type ResultsView,
} from '../budgets.api';

/** Where a component's pages live on this site. */
export const componentPath = (slug: string, componentId: string) =>
  `/spaces/${slug}/budgets/${componentId}`;
export const budgetPath = (slug: string, componentId: string, budgetId: string) =>
  `${componentPath(slug, componentId)}/${budgetId}`;

/** What a page knows of where it is: the space, the component's name, its settings in force. */
export interface Place {
  space: SpaceLanding;
  componentId: string;
  name: Html | string;
  list: BudgetList;
}

export const signerHref = (returnTo: string) =>
  `/auth/franceconnect/login?mode=signer&returnTo=${encodeURIComponent(returnTo)}`;

/**
 * The active phase in a sentence, true to its dates: "current" only while
 * today is within them, else when it ended or starts (ADR 0032).
 */
function phaseSentence(ctx: PageContext, s: SpaceLanding): string | null {
  const p = s.phases.find((x) => x.active);
  if (!p) return null;
  const phase = textIn(p.title, ctx.locale);
  if (p.timing === 'ended' && p.endsOn)
    return ctx.t('budgets.phaseEnded', { phase, date: day(ctx, p.endsOn) });
  if (p.timing === 'upcoming' && p.startsOn)
    return ctx.t('budgets.phaseUpcoming', { phase, date: day(ctx, p.startsOn) });
  return ctx.t('budgets.currentPhase', { phase });
}

/**
 * Voting open or not, in words, with the phase under way. On a budget's page
 * (`b`), a budget whose results are confirmed is closed whatever the phase:
 * the page says so once, where the vote is, and nothing here says otherwise.
 */
function votingStatus(ctx: PageContext, place: Place, b?: BudgetView): Html {
  const { t } = ctx;
  if (b?.resultsConfirmedAt) return html``;
  const active = place.space.phases.find((p) => p.active && p.timing === 'current');
  const when = active ? period(ctx, active.startsOn, active.endsOn) : null;
  if (place.list.component.votingOpen)
    return html`<p class="notice" role="status">
      <strong>${t('budgets.votingOpen')}</strong>${active && when ? html` ${t('budgets.votingUntil', { phase: textIn(active.title, ctx.locale), when })}` : ''}
    </p>`;
  return html`<p class="notice">
    <strong>${t('budgets.votingClosed')}</strong>
    ${phaseSentence(ctx, place.space) ?? t('budgets.noPhase')}
  </p>`;
}

function back(href: string, label: Html | string): Html {
  return html`<p><a href="${href}">← ${label}</a></p>`;
}

const stateOfMine: Record<MyVotes['budgets'][number]['state'], MessageKey> = {
  checked_out: 'budgets.mine.voted',
  cart: 'budgets.mine.cart',
  empty: 'budgets.mine.none',
};

/** Who may vote, as the component's permission says (nothing when budgeting does not know it yet). */
function whoMayVote(ctx: PageContext, place: Place): Html {
  const w = place.list.component.whoMayVote;
  if (!w) return html``;
  const { t } = ctx;
  return html`<p id="who-may-vote">
    ${w.identity === 'franceconnect' ? t('budgets.who.franceconnect') : t('budgets.who.any')}
    ${w.minimumAge ? html` ${t('budgets.who.age', { age: w.minimumAge })}` : ''}
    ${w.membersOnly ? html` ${t('budgets.who.members')}` : ''}
  </p>`;
}

/** Signing in to vote: FranceConnect, and the platform's own accounts when the permission takes them. */
function identify(ctx: PageContext, place: Place, returnTo: string): Html {
  const { t, i18n } = ctx;
  const w = place.list.component.whoMayVote;
  if (w && w.identity === 'any' && !w.minimumAge)
    return html`<p>${t('budgets.identifyAny')}</p>
      ${franceConnectButton(i18n, signerHref(returnTo))}
      <p><a href="/sign-in?returnTo=${encodeURIComponent(returnTo)}">${t('budgets.signInAccount')}</a></p>`;
  return html`<p>${t('budgets.identify')}</p>
    ${franceConnectButton(i18n, signerHref(returnTo))}`;
}

/** The component's page: its budgets, the workflow, who may vote, the visitor's votes. */
export function componentPage(ctx: PageContext, place: Place, mine: MyVotes | null): Html {
  const { t, i18n } = ctx;
  const { space, list } = place;
  const base = componentPath(space.slug, place.componentId);
  const signedAsVoter = ctx.me !== null;
  const anyResults = list.items.some((b) => b.resultsConfirmedAt) || list.component.resultsShown;
  return html`${back(`/spaces/${space.slug}`, local(ctx, space.title))}
    <h1>${place.name}</h1>
    ${votingStatus(ctx, place)}
    <section aria-labelledby="how-title">
      <h2 id="how-title">${t('budgets.how')}</h2>
      <p>${workflowText(i18n, list.component.workflow)}</p>
      <ol>
        <li>${t('budgets.how.choose')}</li>
        <li>${t('budgets.how.select')}</li>
        <li>${t('budgets.how.confirm')}</li>
      </ol>
      <p>${list.component.allowCancel ? t('budgets.how.cancellable') : t('budgets.how.final')}</p>
      ${whoMayVote(ctx, place)}
      ${!signedAsVoter && list.component.votingOpen ? identify(ctx, place, base) : ''}
      ${mine?.residence ? html`<p>${t('budgets.mine.residence', { area: mine.residence })}</p>` : ''}
    </section>
    <section aria-labelledby="budgets-title">
      <h2 id="budgets-title">${t('budgets.list')}</h2>
      ${
        list.items.length === 0
          ? html`<p>${t('budgets.none')}</p>`
          : html`<ul class="card-list">
              ${list.items.map((b) => {
                const my = mine?.budgets.find((x) => x.budgetId === b.id);
                return html`<li class="card">
                  <h3><a href="${base}/${b.id}">${localText(ctx.locale, b.title)}</a></h3>
                  <p class="meta">
                    ${b.area ? html`${t('budgets.area', { area: b.area })} · ` : ''}${t('budgets.envelope', { amount: euros(i18n, b.envelopeCents) })}
                  </p>
                  <p>${ruleText(i18n, b)}</p>
                  ${
                    my
                      ? html`<p>
                          <span class="tag">${t(stateOfMine[my.state])}</span>
                          ${my.checkedOutAt ? html` ${t('budgets.mine.votedOn', { date: i18n.dateTime(my.checkedOutAt) })}` : ''}
                          ${my.state !== 'checked_out' && !my.mayVote && list.component.votingOpen ? html` <span class="tag">${t('budgets.mine.notHere')}</span>` : ''}
                        </p>`
                      : ''
                  }
                  ${b.resultsConfirmedAt ? html`<p><span class="tag">${t('budgets.resultsConfirmed')}</span></p>` : ''}
                  <p>
                    <a href="${base}/${b.id}"
                      >${list.component.votingOpen && !b.resultsConfirmedAt ? t('budgets.seeAndVote') : t('budgets.seeProjects')}<span
                        class="visually-hidden"
                      >
                        — ${localText(ctx.locale, b.title)}</span
                      ></a
                    >${
                      b.resultsConfirmedAt || list.component.resultsShown
                        ? html` · <a href="${base}/${b.id}/results"
                              >${t('budgets.results')}<span class="visually-hidden"> — ${localText(ctx.locale, b.title)}</span></a
                            >`
                        : ''
                    }
                  </p>
                </li>`;
              })}
            </ul>`
      }
    </section>
    ${anyResults ? html`<p><a href="${base}/progress">${t('budgets.tracking.title')}</a></p>` : ''}`;
}

/** The panel on a budget page: the selection, its total against the envelope and the rule, what is still needed. */
export interface VotePanel {
  order: OrderView | null;
  /** 401: nobody to vote as; 403 and others: the refusal's text. */
  orderStatus: number;
  done: string | null;
  /** A refusal about the whole vote (not one project), with a FranceConnect link when that helps. */
  error: { text: string; franceConnect: boolean } | null;
  /** A refusal or a success about one project, shown next to it. */
  project: { id: string; text: string; ok: boolean; franceConnect: boolean } | null;
}

function meter(ctx: PageContext, b: BudgetView, o: OrderView, id: string): Html {
  const { t, i18n } = ctx;
  if (b.rule.kind === 'projects_range') {
    const max = b.rule.maximumProjects ?? 1;
    return html`<div class="progress">
      <p id="${id}">
        ${t('budgets.meter.projects', { n: o.selectedProjects, min: b.rule.minimumProjects ?? 0, max })}
      </p>
      <progress max="${max}" value="${Math.min(o.selectedProjects, max)}" aria-labelledby="${id}"></progress>
    </div>`;
  }
  const ratio = o.envelopeCents ? o.totalCents / o.envelopeCents : 0;
  return html`<div class="progress">
    <p id="${id}">
      ${t('budgets.meter.spent', { total: euros(i18n, o.totalCents), envelope: euros(i18n, o.envelopeCents), percent: i18n.percent(ratio) })}
    </p>
    <progress max="${o.envelopeCents}" value="${Math.min(o.totalCents, o.envelopeCents)}" aria-labelledby="${id}"></progress>
    ${
      o.remainingCents !== null && o.remainingCents >= 0
        ? html`<p class="meta">${t('budgets.meter.left', { left: euros(i18n, o.remainingCents) })}</p>`
        : ''
    }
  </div>`;
}

function errorBox(ctx: PageContext, e: { text: string; franceConnect: boolean }, returnTo: string) {
  return html`<div class="notice warning" role="alert" id="vote-error">
      <p>${e.text}</p>
    </div>
    ${e.franceConnect ? franceConnectButton(ctx.i18n, signerHref(returnTo)) : ''}`;
}

/** The "my vote" section of a budget page. */
function voteSection(ctx: PageContext, place: Place, b: BudgetView, panel: VotePanel): Html {
  const { t, i18n } = ctx;
  const here = budgetPath(place.space.slug, place.componentId, b.id);
  const o = panel.order;
  const open = place.list.component.votingOpen && !b.resultsConfirmedAt;
  let body: Html;
  if (o?.state === 'checked_out') {
    body = html`<div class="notice success" ${panel.done ? html`role="status"` : ''}>
        <p><strong>${t('budgets.voted.title', { date: i18n.dateTime(o.checkedOutAt ?? '') })}</strong></p>
        <ul>
          ${o.projects.map((p) => html`<li>${localText(ctx.locale, p.title)} — ${euros(i18n, p.amountCents)}</li>`)}
        </ul>
        <p>${t('budgets.voted.total', { total: euros(i18n, o.totalCents), envelope: euros(i18n, o.envelopeCents) })}</p>
        <p>${o.canCancel ? t('budgets.voted.cancellable') : t('budgets.voted.final')}</p>
      </div>
      ${
        o.canCancel
          ? html`<form method="post" action="${here}/cancel" data-once>
              <button class="button secondary" type="submit" id="cancel-vote" aria-describedby="cancel-help">
                ${t('budgets.cancel')}
              </button>
              <p class="hint" id="cancel-help">${t('budgets.cancel.help')}</p>
            </form>`
          : ''
      }`;
  } else if (!open) {
    body = html`<p>${b.resultsConfirmedAt ? t('budgets.refused.confirmed') : t('budgets.votingClosedHere')}</p>`;
  } else if (panel.orderStatus === 401 || (!o && !ctx.me)) {
    body = identify(ctx, place, here);
  } else if (!o) {
    body = html`<p>${t('budgets.cannotReadCart')}</p>`;
  } else {
    const needs = stillNeeded(i18n, b, o);
    body = html`${
      o.droppedProjects.length
        ? html`<div class="notice warning" role="alert">
              ${o.droppedProjects.map((d) => html`<p>${messageWith(ctx.i18n, 'budgets.dropped', {}, { title: localText(ctx.locale, d.title) })}</p>`)}
            </div>`
        : ''
    }
      <p>${i18n.plural('budgets.cart.count', o.selectedProjects)}</p>
      ${
        o.projects.length
          ? html`<ul>
              ${o.projects.map((p) => html`<li>${localText(ctx.locale, p.title)} — ${euros(i18n, p.amountCents)}${p.withdrawn ? html` <span class="tag">${t('budgets.withdrawn')}</span>` : ''}</li>`)}
            </ul>`
          : ''
      }
      ${meter(ctx, b, o, 'cart-meter')}
      <h3>${o.ok ? t('budgets.cart.ready') : t('budgets.cart.needs')}</h3>
      ${o.ok ? html`<p>${t('budgets.cart.readyText')}</p>` : html`<ul id="cart-needs">${needs.map((n) => html`<li>${n}</li>`)}</ul>`}
      ${
        o.canCheckout
          ? html`<p><a class="button" href="${here}/checkout" id="checkout-link">${t('budgets.checkout')}</a></p>`
          : html`<p class="meta">${t('budgets.checkoutLater')}</p>`
      }`;
  }
  return html`<section aria-labelledby="vote-title" id="vote" tabindex="-1" class="card">
    <h2 id="vote-title">${o?.state === 'checked_out' ? t('budgets.myVote') : t('budgets.mySelection')}</h2>
    <p class="meta">${ruleText(i18n, b)}</p>
    ${doneNotice(panel.done)} ${panel.error ? errorBox(ctx, panel.error, here) : ''} ${body}
  </section>`;
}

function proposalsLine(ctx: PageContext, links: ProposalLink[]): Html | string {
  if (links.length === 0) return '';
  return html`<p>
    ${ctx.t('budgets.linkedProposals')}
    ${links.map(
      (l, i) =>
        html`${i ? ', ' : ''}${l.href ? html`<a href="${l.href}">${l.title ?? ctx.t('budgets.proposal')}</a>` : (l.title ?? ctx.t('budgets.proposal'))}`,
    )}
  </p>`;
}

function projectCard(
  ctx: PageContext,
  place: Place,
  b: BudgetView,
  p: ProjectView,
  opts: {
    inCart: boolean;
    canAct: boolean;
    votesShown: boolean;
    panel: VotePanel;
    proposals: ProposalLink[];
  },
): Html {
  const { t, i18n } = ctx;
  const here = budgetPath(place.space.slug, place.componentId, b.id);
  const mine = opts.panel.project?.id === p.id ? opts.panel.project : null;
  const image = p.imageUrls[0];
  const action = opts.inCart ? 'remove' : 'add';
  return html`<li class="card" id="project-${p.id}" tabindex="-1">
    ${image ? html`<img src="${here}/projects/${p.id}/${imageFile(image)}" alt="" style="display:block;max-width:100%;height:auto;border-radius:.25rem;margin-bottom:.5rem" loading="lazy" />` : ''}
    <h3>${localText(ctx.locale, p.title)}</h3>
    <p class="meta">
      <strong>${euros(i18n, p.amountCents)}</strong>${p.area ? html` · ${t('budgets.area', { area: p.area })}` : ''}${p.address ? html` · ${p.address}` : ''}
    </p>
    ${p.withdrawn ? html`<p><span class="tag">${t('budgets.withdrawn')}</span>${p.withdrawn.reason ? html` ${t('budgets.withdrawnReason', { reason: p.withdrawn.reason })}` : ''}</p>` : ''}
    ${opts.inCart ? html`<p><span class="tag">${t('budgets.inCart')}</span></p>` : ''}
    ${localUserText(ctx.locale, p.description)} ${proposalsLine(ctx, opts.proposals)}
    ${opts.votesShown && p.votes ? html`<p class="meta">${i18n.plural('budgets.votes', p.votes.total)}</p>` : ''}
    ${
      mine
        ? html`<div class="notice ${mine.ok ? 'success' : 'warning'}" role="${mine.ok ? 'status' : 'alert'}" id="project-${p.id}-message">
              <p>${mine.text}</p>
              ${mine.ok ? html`<p><a href="#vote">${t('budgets.seeSelection')}</a></p>` : ''}
            </div>
            ${mine.franceConnect ? franceConnectButton(i18n, signerHref(`${here}#project-${p.id}`)) : ''}`
        : ''
    }
    ${
      opts.canAct && !p.withdrawn
        ? html`<form method="post" action="${here}/cart/${p.id}/${action}" data-once>
            <button
              class="button ${opts.inCart ? 'secondary' : ''}"
              type="submit"
              id="${action}-${p.id}"
              ${mine ? html`aria-describedby="project-${p.id}-message"` : ''}
            >
              ${opts.inCart ? t('budgets.remove') : t('budgets.add')}<span class="visually-hidden"> — ${localText(ctx.locale, p.title)}</span>
            </button>
          </form>`
        : ''
    }
  </li>`;
}

export function budgetPage(
  ctx: PageContext,
  place: Place,
  projects: ProjectList,
  panel: VotePanel,
  proposals: Map<string, ProposalLink>,
): Html {
  const { t, i18n } = ctx;
  const b = projects.budget;
  const base = componentPath(place.space.slug, place.componentId);
  const o = panel.order;
  const inCart = new Set(o?.state === 'cart' ? o.projects.map((p) => p.id) : []);
  const canAct =
    place.list.component.votingOpen &&
    !b.resultsConfirmedAt &&
    o !== null &&
    o.state !== 'checked_out';
  const showResults = b.resultsConfirmedAt || place.list.component.resultsShown;
  return html`${back(base, place.name)}
    <h1>${localText(ctx.locale, b.title)}</h1>
    <p class="meta">
      ${b.area ? html`${t('budgets.area', { area: b.area })} · ` : ''}${t('budgets.envelope', { amount: euros(i18n, b.envelopeCents) })}
      · ${i18n.plural('budgets.projectCount', projects.items.filter((p) => !p.withdrawn).length)}
    </p>
    ${localUserText(ctx.locale, b.description)} ${votingStatus(ctx, place, b)}
    <p>${workflowText(i18n, place.list.component.workflow)}</p>
    ${showResults ? html`<p><a href="${budgetPath(place.space.slug, place.componentId, b.id)}/results">${t('budgets.results')}</a></p>` : ''}
    ${voteSection(ctx, place, b, panel)}
    <section aria-labelledby="projects-title">
      <h2 id="projects-title">${t('budgets.projects')}</h2>
      ${
        projects.items.length === 0
          ? html`<p>${t('budgets.noProjects')}</p>`
          : html`<ul class="card-list">
              ${projects.items.map((p) =>
                projectCard(ctx, place, b, p, {
                  inCart: inCart.has(p.id),
                  canAct,
                  votesShown: projects.votesShown,
                  panel,
                  proposals: p.proposalIds.map(
                    (id) => proposals.get(id) ?? { id, title: null, href: null },
                  ),
                }),
              )}
            </ul>`
      }
    </section>
    ${o?.canCheckout ? html`<p><a class="button" href="${budgetPath(place.space.slug, place.componentId, b.id)}/checkout">${t('budgets.checkout')}</a></p>` : ''}`;
}

/** The confirmation step: what will be voted, the total, the residence when the workflow asks it. */
export function checkoutPage(
  ctx: PageContext,
  place: Place,
  b: BudgetView,
  o: OrderView,
  form: {
    residence: string;
    askResidence: boolean;
    areas: string[];
    error: { text: string; franceConnect: boolean } | null;
    residenceError?: string;
  },
): Html {
  const { t, i18n } = ctx;
  const here = budgetPath(place.space.slug, place.componentId, b.id);
  const areaChoices = form.areas;
  return html`${back(here, localText(ctx.locale, b.title))}
    <h1>${messageWith(ctx.i18n, 'budgets.confirm.title', {}, { budget: localText(ctx.locale, b.title) })}</h1>
    ${
      form.residenceError
        ? html`<div class="error-summary" role="alert" tabindex="-1" id="error-summary">
            <h2>${t('form.errorSummary', { count: 1 })}</h2>
            <ul>
              <li><a href="#residence">${form.residenceError}</a></li>
            </ul>
          </div>`
        : ''
    }
    ${form.error ? errorBox(ctx, form.error, `${here}/checkout`) : ''}
    <p>${t('budgets.confirm.intro')}</p>
    <ul>
      ${o.projects.map((p) => html`<li>${localText(ctx.locale, p.title)} — <strong>${euros(i18n, p.amountCents)}</strong></li>`)}
    </ul>
    <p>
      <strong>${t('budgets.voted.total', { total: euros(i18n, o.totalCents), envelope: euros(i18n, o.envelopeCents) })}</strong>
    </p>
    <p>${ruleText(i18n, b)}</p>
    <div class="notice"><p>${place.list.component.allowCancel ? t('budgets.confirm.cancellable') : t('budgets.confirm.final')}</p></div>
    <form method="post" action="${here}/checkout" data-once>
      ${o.projects.map((p) => html`<input type="hidden" name="projectIds" value="${p.id}" />`)}
      ${
        form.askResidence
          ? html`<fieldset
              ${form.residenceError ? html`aria-describedby="residence-error" style="border:2px solid #b00020"` : html`aria-describedby="residence-hint"`}
            >
              <legend>${t('budgets.residence')}</legend>
              <p class="hint" id="residence-hint">${t('budgets.residence.hint')}</p>
              ${form.residenceError ? html`<p class="field-error" id="residence-error">${t('form.error', { message: form.residenceError })}</p>` : ''}
              ${areaChoices.map(
                (a, i) =>
                  html`<div style="display:flex;gap:.5rem;align-items:flex-start;margin:.4rem 0">
                    <input
                      type="radio"
                      name="residence"
                      id="${i === 0 ? 'residence' : `residence-${i}`}"
                      value="${a}"
                      ${form.residence === a ? html`checked` : ''}
                      ${i === 0 && form.residenceError ? html`aria-invalid="true"` : ''}
                      style="width:1.25rem;height:1.25rem;margin:.2rem 0 0;flex:none"
                    />
                    <label for="${i === 0 ? 'residence' : `residence-${i}`}" style="margin:0;font-weight:400">${a}</label>
                  </div>`,
              )}
            </fieldset>`
          : ''
      }
      <p>
        <button class="button" type="submit" id="confirm-vote">${t('budgets.confirm.button')}</button>
      </p>
    </form>
    <p><a href="${here}#vote">${t('budgets.confirm.back')}</a></p>`;
}

const OUTCOMES: Record<ResultsView['projects'][number]['outcome'], MessageKey> = {
  selected: 'budgets.outcome.selected',
  does_not_fit: 'budgets.outcome.doesNotFit',
  withdrawn: 'budgets.outcome.withdrawn',
  no_votes: 'budgets.outcome.noVotes',
};

/** Whether a project is funded: the confirmed list once confirmed, the computed one before. */
const funded = (r: ResultsView, p: ResultsView['projects'][number]) =>
  r.confirmed ? p.selected : p.outcome === 'selected';

/**
 * Votes per project as horizontal bars (online and paper stacked), the funded
 * ones marked in words and with a solid bar, others hatched. An image for
 * assistive technology (role="img", <title>, <desc>): the table after it
 * holds the same numbers.
 */
export function resultsChart(ctx: PageContext, r: ResultsView): Html {
  const { t, i18n } = ctx;
  const W = 640;
  const ROW = 64;
  const LEFT = 8;
  const BAR_W = W - LEFT - 110;
  const max = Math.max(1, ...r.projects.map((p) => p.votes.total));
  const height = r.projects.length * ROW + 40;
  const clip = (s: string) => (s.length > 48 ? `${s.slice(0, 47)}…` : s);
  return html`<figure style="margin:1rem 0">
    <svg
      viewBox="0 0 ${W} ${height}"
      width="100%"
      role="img"
      aria-labelledby="chart-title chart-desc"
      style="max-width:${W}px;height:auto;display:block"
      font-family="system-ui, sans-serif"
    >
      <title id="chart-title">${t('budgets.chart.title', { budget: pickText(r.budget.title, ctx.locale).text })}</title>
      <desc id="chart-desc">${t('budgets.chart.desc')}</desc>
      <defs>
        <pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="8" height="8" fill="#fff" />
          <line x1="0" y1="0" x2="0" y2="8" stroke="#555" stroke-width="3" />
        </pattern>
      </defs>
      ${r.projects.map((p, i) => {
        const y = i * ROW + 4;
        const online = (p.votes.online / max) * BAR_W;
        const paper = (p.votes.paper / max) * BAR_W;
        const yes = funded(r, p);
        // An SVG <text> holds no <span>: the whole label carries the language of the title.
        const label = pickText(p.title, ctx.locale);
        return html`<g>
          <text x="${LEFT}" y="${y + 18}" font-size="18" fill="#1e1e1e"${label.lang && label.lang !== ctx.locale ? html` lang="${label.lang}"` : ''}>${yes ? '✓ ' : ''}${p.rank}. ${clip(label.text)}</text>
          <rect x="${LEFT}" y="${y + 26}" width="${Math.max(online, p.votes.online ? 2 : 0).toFixed(1)}" height="24" fill="${yes ? '#000091' : 'url(#hatch)'}" stroke="${yes ? '#000091' : '#555'}" />
          <rect x="${(LEFT + online).toFixed(1)}" y="${y + 26}" width="${Math.max(paper, p.votes.paper ? 2 : 0).toFixed(1)}" height="24" fill="${yes ? '#6a6af4' : '#ddd'}" stroke="${yes ? '#000091' : '#555'}" />
          <text x="${(LEFT + online + paper + 8).toFixed(1)}" y="${y + 44}" font-size="18" fill="#1e1e1e">${i18n.number(p.votes.total)}</text>
        </g>`;
      })}
      <text x="${LEFT}" y="${height - 8}" font-size="16" fill="#1e1e1e">${t('budgets.chart.legend')}</text>
    </svg>
  </figure>`;
}

export function resultsPage(ctx: PageContext, place: Place, r: ResultsView): Html {
  const { t, i18n } = ctx;
  const b = r.budget;
  const here = budgetPath(place.space.slug, place.componentId, b.id);
  const fundedCents = r.projects.filter((p) => funded(r, p)).reduce((a, p) => a + p.amountCents, 0);
  return html`${back(here, localText(ctx.locale, b.title))}
    <h1>${messageWith(ctx.i18n, 'budgets.results.title', {}, { budget: localText(ctx.locale, b.title) })}</h1>
    ${
      r.confirmed
        ? html`<p class="notice success">${t('budgets.results.confirmed', { date: i18n.date(r.confirmedAt ?? '') })}</p>`
        : html`<p class="notice warning">${t('budgets.results.provisional')}</p>`
    }
    <dl>
      <dt><strong>${t('budgets.results.envelope')}</strong></dt>
      <dd>${euros(i18n, r.envelopeCents)}</dd>
      <dt><strong>${t('budgets.results.funded')}</strong></dt>
      <dd>${t('budgets.results.fundedValue', { amount: euros(i18n, fundedCents), count: r.projects.filter((p) => funded(r, p)).length })}</dd>
      <dt><strong>${t('budgets.results.participation')}</strong></dt>
      <dd>${t('budgets.results.participationValue', { online: r.onlineOrders, paper: r.paperBallots })}</dd>
    </dl>
    <section aria-labelledby="rule-title">
      <h2 id="rule-title">${t('budgets.results.rule')}</h2>
      <p>${t('budgets.results.ruleText', { envelope: euros(i18n, r.envelopeCents) })}</p>
      <p class="meta">${t('budgets.results.voteRule', { rule: ruleText(i18n, b) })}</p>
    </section>
    <section aria-labelledby="chart-heading">
      <h2 id="chart-heading">${t('budgets.results.votes')}</h2>
      ${r.projects.length ? resultsChart(ctx, r) : html`<p>${t('budgets.noProjects')}</p>`}
      ${stackedTable(
        messageWith(
          ctx.i18n,
          'budgets.table.caption',
          {},
          { budget: localText(ctx.locale, b.title) },
        ),
        (
          [
            'budgets.table.rank',
            'budgets.table.project',
            'budgets.table.amount',
            'budgets.table.online',
            'budgets.table.paper',
            'budgets.table.total',
            'budgets.table.outcome',
          ] as MessageKey[]
        ).map((k) => t(k)),
        r.projects.map((p) => [
          p.rank,
          localText(ctx.locale, p.title),
          html`<span class="nowrap">${euros(i18n, p.amountCents)}</span>`,
          i18n.number(p.votes.online),
          i18n.number(p.votes.paper),
          html`<strong>${i18n.number(p.votes.total)}</strong>`,
          funded(r, p)
            ? html`<strong>${t('budgets.outcome.funded')}</strong>`
            : t(OUTCOMES[p.outcome]),
        ]),
        { rowHeader: 1 },
      )}
    </section>
    <p><a href="${componentPath(place.space.slug, place.componentId)}/progress">${t('budgets.tracking.title')}</a></p>`;
}

export const STATUS_KEYS: Record<ResultStatus, MessageKey> = {
  planned: 'budgets.status.planned',
  in_progress: 'budgets.status.inProgress',
  completed: 'budgets.status.completed',
  cancelled: 'budgets.status.cancelled',
};

export function progressBar(ctx: PageContext, id: string, percent: number, label: string): Html {
  return html`<div class="progress">
    <p id="${id}">${label} ${ctx.t('budgets.progress.value', { percent })}</p>
    <progress max="100" value="${percent}" aria-labelledby="${id}"></progress>
  </div>`;
}

/** The implementation tracking of a component: the summary, then each funded project with its timeline. */
export function trackingPage(
  ctx: PageContext,
  place: Place,
  p: ProgressView,
  details: Map<string, ResultDetail>,
  proposals: Map<string, ProposalLink>,
): Html {
  const { t, i18n } = ctx;
  const base = componentPath(place.space.slug, place.componentId);
  const s = p.summary;
  return html`${back(base, place.name)}
    <h1>${t('budgets.tracking.title')}</h1>
    <section aria-labelledby="summary-title" class="card">
      <h2 id="summary-title">${t('budgets.tracking.summary')}</h2>
      ${
        s.results === 0
          ? html`<p>${t('budgets.tracking.none')}</p>`
          : html`<p>${t('budgets.tracking.funded', { count: s.results, amount: euros(i18n, s.totalCents) })}</p>
              <ul>
                ${(['completed', 'in_progress', 'planned', 'cancelled'] as ResultStatus[]).map(
                  (k) => html`<li>${t(STATUS_KEYS[k])} : ${i18n.number(s.byStatus[k] ?? 0)}</li>`,
                )}
              </ul>
              <p>${t('budgets.tracking.delivered', { amount: euros(i18n, s.completedCents), total: euros(i18n, s.totalCents) })}</p>
              ${progressBar(ctx, 'overall-progress', s.progress, t('budgets.tracking.overall'))}`
      }
    </section>
    ${
      p.items.length
        ? html`<ul class="card-list" style="margin-top:1rem">
            ${p.items.map((r) => {
              const d = details.get(r.id);
              const photos = (url: string) => `${base}/progress/${r.id}/${imageFile(url)}`;
              return html`<li class="card" id="result-${r.id}">
                <h2 style="margin-top:0">${localText(ctx.locale, r.title)}</h2>
                <p class="meta">
                  ${localText(ctx.locale, r.budgetTitle)} · ${euros(i18n, r.amountCents)}${r.area ? html` · ${t('budgets.area', { area: r.area })}` : ''}
                </p>
                <p><span class="tag">${t(STATUS_KEYS[r.status])}</span>${r.lastUpdate ? html` · ${t('budgets.tracking.lastUpdate', { date: i18n.date(`${r.lastUpdate}T12:00:00Z`) })}` : ''}</p>
                ${progressBar(ctx, `progress-${r.id}`, r.progress, t('budgets.tracking.progress'))}
                ${d?.imageUrls[0] ? html`<img src="${photos(d.imageUrls[0])}" alt="" style="display:block;max-width:100%;height:auto;border-radius:.25rem" loading="lazy" />` : ''}
                ${proposalsLine(
                  ctx,
                  r.proposalIds.map((id) => proposals.get(id) ?? { id, title: null, href: null }),
                )}
                ${
                  d && d.timeline.length
                    ? html`<h3>${t('budgets.tracking.timeline')}</h3>
                        <ol class="timeline">
                          ${d.timeline.map(
                            (u) => html`<li>
                              <strong><time datetime="${u.date}">${i18n.date(`${u.date}T12:00:00Z`)}</time></strong>
                              ${u.status ? html` — ${t(STATUS_KEYS[u.status])}` : ''}${u.progress !== null ? html` — ${t('budgets.progress.value', { percent: u.progress })}` : ''}
                              ${u.text ? userText(u.text) : ''}
                              ${u.photoUrls.map(
                                (url, i) =>
                                  html`<img src="${photos(url)}" alt="${t('budgets.tracking.photo', { n: i + 1, date: i18n.date(`${u.date}T12:00:00Z`) })}" style="display:block;max-width:100%;height:auto;margin:.5rem 0" loading="lazy" />`,
                              )}
                            </li>`,
                          )}
                        </ol>`
                    : html`<p class="meta">${t('budgets.tracking.noUpdates')}</p>`
                }
              </li>`;
            })}
          </ul>`
        : ''
    }`;
}

/** For a page that the results are not public yet: what to expect. */
export function resultsHiddenPage(ctx: PageContext, place: Place, b: BudgetView): Html {
  const here = budgetPath(place.space.slug, place.componentId, b.id);
  return html`${back(here, localText(ctx.locale, b.title))}
    <h1>${messageWith(ctx.i18n, 'budgets.results.title', {}, { budget: localText(ctx.locale, b.title) })}</h1>
    <p>${ctx.t('budgets.results.notYet')}</p>
    ${phaseSentence(ctx, place.space) ? html`<p>${phaseSentence(ctx, place.space)}</p>` : ''}`;
}
