/**
 * The public pages of a proposals component: the list (filters, search,
 * sorts, pages), a proposal (text, answer, supports with the person's
 * limits, comments with stances), and the forms of participants (new
 * proposal, edit, withdraw, comment, reply, edit and delete a comment,
 * report). Every refusal is said next to the action it concerns.
 */
import {
  errorSummary,
  franceConnectButton,
  localText,
  messageWith,
  userText,
  type FieldError,
} from '../../shared/html/components';
import { errorOf, inputField, radioGroup, textArea } from '../../shared/html/form-controls';
import { html, type Html } from '../../shared/html/html';
import { authorName } from '../../shared/i18n/author-name';
import type { MessageKey } from '../../shared/i18n/i18n';
import type { PageContext } from '../../shared/layout/page-context';
import { isStaff, staffRoles } from '../admin/proposals-staff-access';
import { doneNotice, formNotice } from '../../shared/forms/form-notices';
import { textIn, type Text } from '../../spaces/spaces.api';
import { day, local } from '../../spaces/public/spaces.pages';
import {
  ADDRESS_MAX,
  AREA_MAX,
  BEHALF_MAX,
  BODY_MIN,
  COMMENT_MAX,
  REPORT_DETAILS_MAX,
  REPORT_REASONS,
  SEARCH_MAX,
  SORTS,
  STANCES,
  TITLE_MAX,
  TITLE_MIN,
  euros,
  gate,
  limitsOf,
  type Comment,
  type CommentThread,
  type CommentVersion,
  type EvaluationState,
  type MyVotes,
  type Proposal,
  type ProposalItem,
  type ProposalList,
  type ProposalMeeting,
  type ProposalProblem,
  type Sort,
  type Where,
} from '../proposals.api';

export const proposalsPath = (slug: string, componentId: string) =>
  `/spaces/${slug}/proposals/${componentId}`;
export const proposalPath = (w: Where, id: string) =>
  `${proposalsPath(w.space.slug, w.componentId)}/${id}`;
/** A meeting's page (the meetings pages; a space is found by its id as by its slug). */
export const meetingPath = (m: ProposalMeeting) =>
  `/spaces/${m.spaceId}/meetings/${m.componentId}/${m.meetingId}`;

/** What a form sent back, its errors, and a refusal that belongs to no one field. */
export interface FormState {
  values: Record<string, string>;
  errors: FieldError[];
  notice?: string | null;
  /** The refusal is "sign in first": the sign-in links go with it. */
  signIn?: boolean;
}

export const EMPTY_FORM: FormState = { values: {}, errors: [] };

/** A refusal shown beside one action of the proposal page. */
export interface ActionNotice {
  action: 'vote' | 'comment' | 'withdraw';
  message: string;
  signIn?: boolean;
}

const componentTitle = (ctx: PageContext, w: Where) => textIn(w.componentName, ctx.locale);

/** The state in words, from the component's states (labels by language), never colour alone. */
export function stateName(
  ctx: PageContext,
  states: EvaluationState[],
  state: string | null,
): string {
  if (state === null) return ctx.t('proposals.state.none');
  if (state === 'withdrawn') return ctx.t('proposals.state.withdrawn');
  const known = states.find((s) => s.key === state);
  if (known && textIn(known.label, ctx.locale)) return textIn(known.label, ctx.locale);
  if (state === 'evaluating' || state === 'accepted' || state === 'rejected')
    return ctx.t(`proposals.state.${state}`);
  return state;
}

export function authorLine(ctx: PageContext, p: ProposalItem): string {
  const { t } = ctx;
  const behalf = p.author.onBehalfOf;
  if (p.official) {
    const origin =
      p.origin === 'paper'
        ? t('proposals.origin.paper')
        : p.origin === 'workshop'
          ? t('proposals.origin.workshop')
          : t('proposals.origin.official');
    return behalf ? t('proposals.officialFor', { origin, collective: behalf }) : origin;
  }
  return behalf
    ? t('proposals.byOnBehalf', { name: authorName(ctx, p.author), collective: behalf })
    : t('proposals.by', { name: authorName(ctx, p.author) });
}

function countsLine(ctx: PageContext, p: ProposalItem): Html {
  const { i18n } = ctx;
  return html`${p.votes === null ? ctx.t('proposals.countsHidden') : i18n.plural('proposals.votes', p.votes)}
  · ${i18n.plural('proposals.comments', p.comments)}`;
}

/** What spaces' refusal or the API's code means, in words, with the phase named. */
export function refusalText(
  ctx: PageContext,
  w: Where | null,
  p: ProposalProblem | null | undefined,
): { message: string; signIn: boolean } {
  const { t } = ctx;
  const reason = p?.reason ?? p?.code;
  const phaseTitle = p?.phase?.title ?? w?.effective?.activePhase?.title ?? null;
  const phase = phaseTitle ? textIn(phaseTitle, ctx.locale) : '';
  switch (reason) {
    case 'SIGN_IN_REQUIRED':
      return { message: t('proposals.refused.signIn'), signIn: true };
    case 'NEW_ACCOUNT_LIMIT':
      return {
        message: t('proposals.refused.newAccount', {
          limit: p?.limit ?? 3,
          minutes: Math.max(1, Math.ceil((p?.retryAfterSeconds ?? 60) / 60)),
        }),
        signIn: false,
      };
    case 'PHASE_CLOSED': {
      // An active phase outside its dates opens nothing: say when it ended or starts.
      const active = w?.effective?.activePhase;
      if (phase && active?.timing === 'ended' && active.endsOn)
        return {
          message: t('proposals.refused.phaseEnded', { phase, date: day(ctx, active.endsOn) }),
          signIn: false,
        };
      if (phase && active?.timing === 'upcoming' && active.startsOn)
        return {
          message: t('proposals.refused.phaseUpcoming', { phase, date: day(ctx, active.startsOn) }),
          signIn: false,
        };
      return {
        message: phase
          ? t('proposals.refused.phaseClosed', { phase })
          : t('proposals.refused.noPhase'),
        signIn: false,
      };
    }
    case 'ACTION_BLOCKED':
      return {
        message: phase
          ? t('proposals.refused.blocked', { phase })
          : t('proposals.refused.blockedNoPhase'),
        signIn: false,
      };
    case 'SPACE_NOT_PUBLISHED':
      return { message: t('proposals.refused.unpublished'), signIn: false };
    case 'COMPONENT_TYPE_UNAVAILABLE':
    case 'SPACES_UNAVAILABLE':
    case 'OVERLOADED':
      return { message: t('proposals.refused.unavailable'), signIn: false };
    case 'NOT_VERIFIED':
      return { message: t('proposals.refused.franceconnect'), signIn: true };
    case 'AGE_UNVERIFIABLE':
      return { message: t('proposals.refused.ageUnverifiable'), signIn: true };
    case 'TOO_YOUNG':
      return { message: t('proposals.refused.tooYoung'), signIn: false };
    case 'NOT_A_MEMBER':
      return { message: t('proposals.refused.members'), signIn: false };
    case 'AUTHOR_BLOCKED':
      return { message: t('proposals.refused.blockedAuthor'), signIn: false };
    case 'COMMENTS_DISABLED':
      return { message: t('proposals.refused.commentsOff'), signIn: false };
    case 'VOTE_LIMIT_REACHED':
      return {
        message: t('proposals.support.limitReached', { limit: p?.limit ?? 0 }),
        signIn: false,
      };
    case 'PROPOSAL_LIMIT_REACHED':
      return { message: t('proposals.form.overLimit', { limit: p?.limit ?? 0 }), signIn: false };
    case 'THRESHOLD_REACHED':
      return {
        message: t('proposals.support.thresholdReached', { threshold: p?.threshold ?? 0 }),
        signIn: false,
      };
    case 'PROPOSAL_NOT_VOTABLE':
      return { message: t('proposals.support.notVotable'), signIn: false };
    case 'EDIT_WINDOW_CLOSED':
      return {
        message: t('proposals.edit.windowClosed', { minutes: p?.editWindowMinutes ?? 0 }),
        signIn: false,
      };
    case 'NOT_THE_AUTHOR':
      return { message: t('proposals.refused.notAuthor'), signIn: false };
    case 'WRONG_STATE':
      return { message: t('proposals.refused.wrongState'), signIn: false };
    case 'NOT_ALLOWED':
      return { message: t('proposals.refused.notAllowed'), signIn: false };
    case 'ALREADY_REPORTED':
      return { message: t('proposals.report.already'), signIn: false };
    default:
      return { message: t('proposals.refused.other'), signIn: false };
  }
}

/** Sign in with FranceConnect (an account) or with an email and password, then back here. */
export function signInLinks(ctx: PageContext, returnTo: string): Html {
  const back = encodeURIComponent(returnTo);
  return html`${franceConnectButton(ctx.i18n, `/auth/franceconnect/login?mode=author&returnTo=${back}`)}
    <p><a href="/sign-in?returnTo=${back}">${ctx.t('proposals.signIn.account')}</a></p>`;
}

/** A refusal next to its action: announced, in words, with the way forward when it is signing in. */
function refusalBox(ctx: PageContext, message: string, signIn: boolean, returnTo: string): Html {
  return html`<div class="notice warning" role="alert">
      <p>${message}</p>
    </div>
    ${signIn ? signInLinks(ctx, returnTo) : ''}`;
}

/** The reason an action is closed now (from spaces' effective settings), or null when it is open. */
export function closedReason(
  ctx: PageContext,
  w: Where,
  action: 'create' | 'vote' | 'comment' | 'report',
): string | null {
  const g = gate(w.effective, action);
  if (g.open) return null;
  return refusalText(ctx, w, { reason: g.reason }).message;
}

// ---------------------------------------------------------------- the list

export interface ListQuery {
  state: string;
  area: string;
  mine: boolean;
  voted: boolean;
  q: string;
  sort: Sort;
  seed: number;
  cursor: string;
}

export function listQueryString(q: ListQuery, over: Partial<ListQuery> = {}): string {
  const v = { ...q, ...over };
  const s = new URLSearchParams();
  if (v.q) s.set('q', v.q);
  if (v.state) s.set('state', v.state);
  if (v.area) s.set('area', v.area);
  if (v.mine) s.set('mine', '1');
  if (v.voted) s.set('voted', '1');
  s.set('sort', v.sort);
  if (v.sort === 'random') s.set('seed', String(v.seed));
  if (v.cursor) s.set('cursor', v.cursor);
  return s.toString();
}

function proposalItem(
  ctx: PageContext,
  w: Where,
  states: EvaluationState[],
  p: ProposalItem,
): Html {
  const { t } = ctx;
  return html`<li class="card">
    <h3><a href="${proposalPath(w, p.id)}">${p.title}</a></h3>
    <p class="meta">
      <span class="tag">${t('proposals.stateLabel')} ${stateName(ctx, states, p.state)}</span>
      ${p.official ? html`<span class="tag">${t('proposals.official')}</span>` : ''}
      ${p.votedByMe ? html`<span class="tag">${t('proposals.votedByMe')}</span>` : ''}
    </p>
    <p class="meta">
      ${authorLine(ctx, p)}${p.area ? html` · ${t('proposals.inArea', { area: p.area })}` : ''}
    </p>
    <p class="meta">${countsLine(ctx, p)}</p>
  </li>`;
}

export function listPage(
  ctx: PageContext,
  w: Where,
  q: ListQuery,
  list: ProposalList,
  states: EvaluationState[],
  opts: { votes: MyVotes | null; countsHidden: boolean; done?: string | null },
): Html {
  const { t } = ctx;
  const base = proposalsPath(w.space.slug, w.componentId);
  const option = (value: string, label: string, selected: boolean) =>
    html`<option value="${value}" ${selected ? html`selected` : ''}>${label}</option>`;
  const stateChoices: [string, string][] = [
    ['', t('proposals.state.all')],
    ['not_answered', t('proposals.state.none')],
    ...states.map((s): [string, string] => [s.key, stateName(ctx, states, s.key)]),
    ['withdrawn', t('proposals.state.withdrawn')],
  ];
  const sorts: Sort[] = [
    ...(q.q ? (['relevance'] as Sort[]) : []),
    ...SORTS.filter((s) => !(s === 'most-voted' && opts.countsHidden)),
  ];
  const createClosed = closedReason(ctx, w, 'create');
  const signedIn = ctx.me?.kind === 'account';
  return html`<p><a href="/spaces/${w.space.slug}">← ${local(ctx, w.space.title)}</a></p>
    <h1>${local(ctx, w.componentName)}</h1>
    ${doneNotice(opts.done ?? null)}
    <p>${t('proposals.intro')}</p>
    ${isStaff(staffRoles(ctx.me, w.space.id)) ? html`<p><a href="/admin/spaces/${w.space.id}/proposals/${w.componentId}">${t('proposals.staffLink')}</a></p>` : ''}
    ${
      createClosed
        ? html`<p class="notice">${t('proposals.createClosed', { reason: createClosed })}</p>`
        : html`<p><a class="button" href="${base}/new">${t('proposals.new')}</a></p>`
    }
    ${opts.votes ? html`<p>${supportsLine(ctx, opts.votes)}</p>` : ''}
    <form method="get" action="${base}" class="filters-form" role="search">
      <fieldset>
        <legend>${t('proposals.filters')}</legend>
        <div class="field">
          <label for="q"
            >${t('proposals.search')}<span class="hint" id="q-hint"
              >${t('proposals.searchHint')}</span
            ></label
          >
          <input
            id="q"
            name="q"
            type="search"
            value="${q.q}"
            maxlength="${SEARCH_MAX}"
            aria-describedby="q-hint"
            style="font:inherit;width:100%;max-width:40rem;padding:.45rem .5rem;border:1px solid #555;border-radius:.2rem"
          />
        </div>
        <div class="filters">
          <div>
            <label for="state">${t('proposals.state')}</label>
            <select id="state" name="state">
              ${stateChoices.map(([v, l]) => option(v, l, q.state === v))}
            </select>
          </div>
          <div>
            <label for="area">${t('proposals.area')}</label>
            <input id="area" name="area" type="text" value="${q.area}" maxlength="${AREA_MAX}" />
          </div>
          <div>
            <label for="sort">${t('proposals.sort')}</label>
            <select id="sort" name="sort">
              ${sorts.map((s) => option(s, t(`proposals.sort.${s}`), q.sort === s))}
            </select>
          </div>
        </div>
        ${
          signedIn
            ? html`<div class="filters">
                <div>
                  <input type="checkbox" id="mine" name="mine" value="1" ${q.mine ? html`checked` : ''} />
                  <label for="mine" style="display:inline">${t('proposals.mine')}</label>
                </div>
                <div>
                  <input type="checkbox" id="voted" name="voted" value="1" ${q.voted ? html`checked` : ''} />
                  <label for="voted" style="display:inline">${t('proposals.voted')}</label>
                </div>
              </div>`
            : ''
        }
        <p><button class="button" type="submit">${t('proposals.apply')}</button></p>
      </fieldset>
    </form>
    <h2>${t('proposals.results')}</h2>
    ${
      list.items.length === 0
        ? html`<p>${t('proposals.none')}</p>`
        : html`<ul class="card-list">
            ${list.items.map((p) => proposalItem(ctx, w, states, p))}
          </ul>`
    }
    <nav class="pager" aria-label="${t('proposals.pages')}">
      ${q.cursor ? html`<a href="${base}?${listQueryString(q, { cursor: '' })}">${t('proposals.firstPage')}</a>` : ''}
      ${list.nextCursor ? html`<a href="${base}?${listQueryString(q, { cursor: list.nextCursor })}" rel="next">${t('proposals.next')}</a>` : ''}
    </nav>`;
}

// ---------------------------------------------------------------- a proposal

/** "You have used 3 of your 10 supports; at least 2 are needed for them to count." */
export function supportsLine(ctx: PageContext, v: MyVotes): string {
  const { t, i18n } = ctx;
  const used =
    v.limit !== null
      ? t('proposals.support.used', { used: v.used, limit: v.limit })
      : i18n.plural('proposals.support.usedUnlimited', v.used);
  const minimum =
    v.minimum !== null
      ? v.counted
        ? ` ${t('proposals.support.minimumMet', { minimum: v.minimum })}`
        : ` ${t('proposals.support.minimum', { minimum: v.minimum, missing: v.minimum - v.used })}`
      : '';
  return `${used}${minimum}`;
}

export interface ProposalView {
  w: Where;
  p: Proposal;
  states: EvaluationState[];
  comments: CommentThread[];
  votes: MyVotes | null;
  done: string | null;
  notice: ActionNotice | null;
  comment: FormState;
}

function supportSection(ctx: PageContext, v: ProposalView): Html {
  const { t, i18n } = ctx;
  const { w, p } = v;
  const here = `${proposalPath(w, p.id)}#support`;
  const notice = v.notice?.action === 'vote' ? v.notice : null;
  const closed = closedReason(ctx, w, 'vote');
  const votable = p.state !== 'withdrawn' && p.state !== 'rejected' && !p.hidden;
  let action: Html | string = '';
  if (!votable) action = html`<p>${t('proposals.support.notVotable')}</p>`;
  else if (closed && !p.votedByMe) action = notice ? '' : html`<p class="notice">${closed}</p>`;
  else if (ctx.me?.kind !== 'account')
    action = html`<p>${t('proposals.support.signIn')}</p>
      ${signInLinks(ctx, here)}`;
  else
    action = html`${p.votedByMe ? html`<p><strong>${t('proposals.support.youSupport')}</strong></p>` : ''}
      ${closed && !notice ? html`<p class="notice">${closed}</p>` : ''}
      ${
        closed
          ? ''
          : html`<form method="post" action="${proposalPath(w, p.id)}/${p.votedByMe ? 'unvote' : 'vote'}" data-once>
              <button
                class="button${p.votedByMe ? ' secondary' : ''}"
                type="submit"
                aria-describedby="support-limits"
              >
                ${p.votedByMe ? t('proposals.support.withdraw') : t('proposals.support.button')}
              </button>
            </form>`
      }
      ${v.votes ? html`<p class="hint" id="support-limits">${supportsLine(ctx, v.votes)}</p>` : ''}`;
  const threshold = p.threshold;
  return html`<section id="support" aria-labelledby="support-title" tabindex="-1">
    <h2 id="support-title">${t('proposals.support.title')}</h2>
    <p class="count">
      ${p.votes === null ? html`<span style="font-size:1rem">${t('proposals.countsHidden')}</span>` : i18n.plural('proposals.votes', p.votes)}
    </p>
    ${
      threshold && p.votes !== null
        ? html`<div class="progress">
            <p id="threshold-label">
              ${threshold.reached ? html`<span aria-hidden="true">✓ </span>${t('proposals.thresholdReached', { threshold: threshold.value })}` : t('proposals.threshold', { count: Math.min(p.votes, threshold.value), threshold: threshold.value })}
            </p>
            <progress
              max="${threshold.value}"
              value="${Math.min(p.votes, threshold.value)}"
              aria-labelledby="threshold-label"
            ></progress>
          </div>`
        : threshold
          ? html`<p>${t('proposals.thresholdOnly', { threshold: threshold.value })}</p>`
          : ''
    }
    ${notice ? refusalBox(ctx, notice.message, !!notice.signIn, here) : ''} ${action}
  </section>`;
}

function stanceTag(ctx: PageContext, stance: string | null): Html | string {
  if (!stance) return '';
  const mark = stance === 'for' ? '+' : stance === 'against' ? '−' : '=';
  return html`<span class="tag"
    ><span aria-hidden="true">${mark} </span>${ctx.t('proposals.comments.stanceTag', {
      stance: ctx.t(`proposals.stance.${stance}` as MessageKey),
    })}</span
  >`;
}

function commentBlock(ctx: PageContext, v: ProposalView, c: Comment, reply: boolean): Html {
  const { t, i18n } = ctx;
  const base = `${proposalPath(v.w, v.p.id)}/comments/${c.id}`;
  if (c.deleted)
    return html`<p class="meta" id="comment-${c.id}">${t('proposals.comments.deleted')}</p>`;
  const commentOpen = !closedReason(ctx, v.w, 'comment') && limitsOf(v.w.effective).commentsEnabled;
  const links: Html[] = [];
  if (!reply && commentOpen)
    links.push(
      html`<a href="${base}/reply"
        >${t('proposals.comments.reply')}<span class="visually-hidden">
          — ${authorName(ctx, c.author)}</span
        ></a
      >`,
    );
  if (c.mine) {
    links.push(html`<a href="${base}/edit">${t('proposals.comments.edit')}</a>`);
    links.push(html`<a href="${base}/delete">${t('proposals.comments.delete')}</a>`);
  }
  if (c.edited) links.push(html`<a href="${base}/history">${t('proposals.comments.history')}</a>`);
  if (!c.mine && ctx.me?.kind === 'account')
    links.push(html`<a href="${base}/report">${t('proposals.comments.report')}</a>`);
  return html`<article id="comment-${c.id}" aria-labelledby="comment-${c.id}-by">
    <p class="meta" id="comment-${c.id}-by">
      <strong>${authorName(ctx, c.author)}</strong> ${stanceTag(ctx, c.stance)} ·
      <time datetime="${c.createdAt}">${i18n.dateTime(c.createdAt)}</time>${c.edited && c.editedAt ? html` · ${t('proposals.comments.edited', { date: i18n.dateTime(c.editedAt) })}` : ''}
    </p>
    ${userText(c.body ?? '')}
    ${links.length ? html`<p class="meta">${links.map((l, i) => html`${i ? ' · ' : ''}${l}`)}</p>` : ''}
  </article>`;
}

export function commentFields(
  ctx: PageContext,
  form: FormState,
  opts: { bodyLabel?: string } = {},
): Html {
  const { t, i18n } = ctx;
  return html`${textArea({
    id: 'body',
    label: opts.bodyLabel ?? t('proposals.comments.body'),
    hint: t('proposals.comments.bodyHint', { max: COMMENT_MAX }),
    value: form.values.body,
    rows: 4,
    maxlength: COMMENT_MAX,
    required: true,
    error: errorOf(form.errors, 'body'),
    i18n,
  })}
  ${radioGroup({
    name: 'stance',
    legend: t('proposals.comments.stance'),
    value: form.values.stance || 'neutral',
    error: errorOf(form.errors, 'stance'),
    i18n,
    choices: STANCES.map((s) => ({ value: s, label: t(`proposals.stance.${s}`) })),
  })}`;
}

function commentsSection(ctx: PageContext, v: ProposalView): Html {
  const { t, i18n } = ctx;
  const { w, p } = v;
  const here = `${proposalPath(w, p.id)}#comments`;
  const notice = v.notice?.action === 'comment' ? v.notice : null;
  const limits = limitsOf(w.effective);
  const closed = limits.commentsEnabled
    ? closedReason(ctx, w, 'comment')
    : t('proposals.refused.commentsOff');
  let form: Html | string;
  if (closed) form = html`<p class="notice">${closed}</p>`;
  else if (ctx.me?.kind !== 'account')
    form = html`<p>${t('proposals.comments.signIn')}</p>
      ${signInLinks(ctx, here)}`;
  else
    form = html`<form method="post" action="${proposalPath(w, p.id)}/comments" novalidate data-once id="comment-form">
      <fieldset>
        <legend>${t('proposals.comments.add')}</legend>
        ${errorSummary(i18n, v.comment.errors)} ${commentFields(ctx, v.comment)}
        <p><button class="button" type="submit">${t('proposals.comments.publish')}</button></p>
      </fieldset>
    </form>`;
  return html`<section id="comments" aria-labelledby="comments-title" tabindex="-1">
    <h2 id="comments-title">
      ${t('proposals.comments.title')} (${i18n.number(p.comments)})
    </h2>
    ${
      v.comments.length === 0
        ? html`<p>${t('proposals.comments.none')}</p>`
        : html`<ol style="list-style:none;padding:0">
            ${v.comments.map(
              (c) =>
                html`<li class="card" style="margin:.75rem 0">
                  ${commentBlock(ctx, v, c, false)}
                  ${
                    c.replies.length
                      ? html`<ol
                          style="list-style:none;padding:0 0 0 1rem;border-left:3px solid #555;margin:.5rem 0 0"
                          aria-label="${t('proposals.comments.replies', { name: authorName(ctx, c.author) })}"
                        >
                          ${c.replies.map((r) => html`<li style="margin:.5rem 0">${commentBlock(ctx, v, r, true)}</li>`)}
                        </ol>`
                      : ''
                  }
                </li>`,
            )}
          </ol>`
    }
    ${notice ? refusalBox(ctx, notice.message, !!notice.signIn, here) : ''} ${form}
  </section>`;
}

/** "Born in the meeting “X” (date)", the meeting's title linking to its page. */
function meetingLine(ctx: PageContext, m: ProposalMeeting): Html {
  const title = localText(ctx.locale, m.title) || ctx.t('proposals.meetings.untitled');
  const link = html`<a href="${meetingPath(m)}">${title}</a>`;
  return m.startsAt
    ? messageWith(
        ctx.i18n,
        m.kind === 'born' ? 'proposals.meetings.born' : 'proposals.meetings.linked',
        { date: ctx.i18n.date(m.startsAt) },
        { meeting: link },
      )
    : messageWith(
        ctx.i18n,
        m.kind === 'born' ? 'proposals.meetings.bornUndated' : 'proposals.meetings.linkedUndated',
        {},
        { meeting: link },
      );
}

/** The meetings the proposal was born in or linked to (nothing when none). */
function meetingsSection(ctx: PageContext, meetings: ProposalMeeting[]): Html | '' {
  if (meetings.length === 0) return '';
  return html`<section aria-labelledby="meetings-title">
    <h2 id="meetings-title">${ctx.t('proposals.meetings.title')}</h2>
    <ul>
      ${meetings.map((m) => html`<li>${meetingLine(ctx, m)}</li>`)}
    </ul>
  </section>`;
}

export function proposalPage(ctx: PageContext, v: ProposalView): Html {
  const { t, i18n } = ctx;
  const { w, p } = v;
  const base = proposalPath(w, p.id);
  const editable = p.mine && p.editableUntil && new Date(p.editableUntil).getTime() > Date.now();
  const withdrawable =
    p.mine && p.state !== 'withdrawn' && p.state !== 'accepted' && p.state !== 'rejected';
  const withdrawNotice = v.notice?.action === 'withdraw' ? v.notice : null;
  return html`<p>
      <a href="${proposalsPath(w.space.slug, p.componentId)}">← ${componentTitle(ctx, w)}</a>
    </p>
    ${doneNotice(v.done)}
    ${p.hidden ? html`<p class="notice warning">${t('proposals.hiddenNotice')}</p>` : ''}
    <h1>${p.title}</h1>
    <p class="meta">
      <span class="tag">${t('proposals.stateLabel')} ${stateName(ctx, v.states, p.state)}</span>
      ${p.official ? html`<span class="tag">${t('proposals.official')}</span>` : ''} ·
      ${authorLine(ctx, p)} ·
      ${t('proposals.publishedOn', { date: i18n.date(p.publishedAt) })}
    </p>
    <div class="petition-grid">
      <div>
        <section aria-labelledby="text-title">
          <h2 id="text-title">${t('proposals.text')}</h2>
          ${userText(p.body)}
          ${
            p.address || p.area
              ? html`<dl>
                  ${p.address ? html`<dt><strong>${t('proposals.address')}</strong></dt><dd style="margin:0 0 .5rem">${p.address}</dd>` : ''}
                  ${p.area ? html`<dt><strong>${t('proposals.area')}</strong></dt><dd style="margin:0 0 .5rem">${p.area}</dd>` : ''}
                </dl>`
              : ''
          }
        </section>
        ${meetingsSection(ctx, p.meetings)}
        ${
          p.answer
            ? html`<section class="answer" aria-labelledby="answer-title">
                <h2 id="answer-title">${t('proposals.answerTitle', { org: ctx.org.name })}</h2>
                <p>
                  <strong>${t('proposals.stateLabel')} ${stateName(ctx, v.states, p.answer.state)}</strong>
                  ${p.answer.answeredAt ? html`<span class="meta"> · ${t('proposals.answerOn', { date: i18n.date(p.answer.answeredAt) })}</span>` : ''}
                </p>
                ${p.answer.text ? userText(p.answer.text) : ''}
                ${p.answer.costCents !== null ? html`<p><strong>${t('proposals.cost', { amount: euros(ctx, p.answer.costCents) })}</strong></p>` : ''}
                ${p.sentToBudgetAt ? html`<p>${t('proposals.sentToBudget', { date: i18n.date(p.sentToBudgetAt) })}</p>` : ''}
              </section>`
            : ''
        }
        ${
          p.mine
            ? html`<section aria-labelledby="mine-title" id="mine">
                <h2 id="mine-title">${t('proposals.yours')}</h2>
                ${withdrawNotice ? refusalBox(ctx, withdrawNotice.message, !!withdrawNotice.signIn, base) : ''}
                <ul>
                  ${editable ? html`<li><a href="${base}/edit">${t('proposals.edit.title')}</a> (${t('proposals.edit.until', { date: i18n.dateTime(p.editableUntil as string) })})</li>` : ''}
                  ${withdrawable ? html`<li><a href="${base}/withdraw">${t('proposals.withdraw.title')}</a></li>` : ''}
                </ul>
              </section>`
            : ''
        }
        ${commentsSection(ctx, v)}
      </div>
      <div class="aside">
        ${supportSection(ctx, v)}
        ${
          !p.mine && ctx.me?.kind === 'account'
            ? html`<p><a href="${base}/report">${t('proposals.report.link')}</a></p>`
            : ''
        }
      </div>
    </div>`;
}

// ---------------------------------------------------------------- forms

/** The new proposal's form (and the edit form: without "on behalf of"). */
export function proposalFields(
  ctx: PageContext,
  w: Where,
  form: FormState,
  opts: { behalf: boolean },
): Html {
  const { t, i18n } = ctx;
  const limits = limitsOf(w.effective);
  const err = (f: string) => errorOf(form.errors, f);
  return html`${inputField({ id: 'title', label: t('proposals.form.title'), hint: t('proposals.form.titleHint', { min: TITLE_MIN, max: TITLE_MAX }), value: form.values.title, maxlength: TITLE_MAX, required: true, error: err('title'), i18n })}
    ${textArea({ id: 'body', label: t('proposals.form.body'), hint: t('proposals.form.bodyHint', { min: BODY_MIN, max: limits.proposalLength }), value: form.values.body, rows: 8, maxlength: limits.proposalLength, required: true, error: err('body'), i18n })}
    ${inputField({ id: 'address', label: t('proposals.form.address'), hint: t('proposals.form.addressHint'), value: form.values.address, maxlength: ADDRESS_MAX, autocomplete: 'street-address', error: err('address'), i18n })}
    ${inputField({ id: 'area', label: t('proposals.form.area'), hint: t('proposals.form.areaHint'), value: form.values.area, maxlength: AREA_MAX, error: err('area'), i18n })}
    ${opts.behalf ? inputField({ id: 'onBehalfOf', label: t('proposals.form.onBehalfOf'), hint: t('proposals.form.onBehalfOfHint'), value: form.values.onBehalfOf, maxlength: BEHALF_MAX, error: err('onBehalfOf'), i18n }) : ''}`;
}

export function newProposalPage(
  ctx: PageContext,
  w: Where,
  form: FormState,
  mine: number | null,
): Html {
  const { t, i18n } = ctx;
  const limits = limitsOf(w.effective);
  const base = proposalsPath(w.space.slug, w.componentId);
  const closed = closedReason(ctx, w, 'create');
  const back = html`<p><a href="${base}">← ${componentTitle(ctx, w)}</a></p>`;
  const rules = html`<ul>
    <li>
      ${
        limits.proposalLimit > 0
          ? mine !== null
            ? t('proposals.form.limit', { limit: limits.proposalLimit, count: mine })
            : t('proposals.form.limitOnly', { limit: limits.proposalLimit })
          : t('proposals.form.limitNone')
      }
    </li>
    <li>${t('proposals.form.editWindow', { minutes: limits.editWindowMinutes })}</li>
    <li>${t('proposals.form.public')}</li>
  </ul>`;
  let body: Html;
  if (closed) body = html`<div class="notice warning" role="alert"><p>${closed}</p></div>`;
  else if (ctx.me?.kind !== 'account')
    body = html`<p>${t('proposals.form.signIn')}</p>
      ${signInLinks(ctx, `${base}/new`)}`;
  else
    body = html`${errorSummary(i18n, form.errors)}
      ${form.notice ? refusalBox(ctx, form.notice, !!form.signIn, `${base}/new`) : ''}
      <form method="post" action="${base}/new" novalidate data-once>
        ${proposalFields(ctx, w, form, { behalf: true })}
        <p><button class="button" type="submit">${t('proposals.form.submit')}</button></p>
      </form>`;
  return html`${back}
    <h1>${t('proposals.form.newTitle')}</h1>
    <p class="meta">${local(ctx, w.space.title)} · ${local(ctx, w.componentName)}</p>
    ${rules} ${body}`;
}

export function editProposalPage(ctx: PageContext, w: Where, p: Proposal, form: FormState): Html {
  const { t, i18n } = ctx;
  const base = proposalPath(w, p.id);
  const open = p.mine && p.editableUntil && new Date(p.editableUntil).getTime() > Date.now();
  return html`<p><a href="${base}">← ${p.title}</a></p>
    <h1>${t('proposals.edit.title')}</h1>
    ${
      open
        ? html`<p>${t('proposals.edit.until', { date: i18n.dateTime(p.editableUntil as string) })}</p>
            ${errorSummary(i18n, form.errors)}
            ${form.notice ? refusalBox(ctx, form.notice, !!form.signIn, `${base}/edit`) : ''}
            <form method="post" action="${base}/edit" novalidate data-once>
              ${proposalFields(ctx, w, form, { behalf: false })}
              <p><button class="button" type="submit">${t('proposals.edit.save')}</button></p>
            </form>`
        : html`<div class="notice warning" role="alert">
            <p>
              ${form.notice ?? (p.mine ? t('proposals.edit.windowClosed', { minutes: limitsOf(w.effective).editWindowMinutes }) : t('proposals.edit.notYours'))}
            </p>
          </div>`
    }`;
}

export function withdrawPage(ctx: PageContext, w: Where, p: Proposal, notice: string | null): Html {
  const { t } = ctx;
  const base = proposalPath(w, p.id);
  return html`<p><a href="${base}">← ${p.title}</a></p>
    <h1>${t('proposals.withdraw.title')}</h1>
    ${formNotice(notice)}
    <p>${t('proposals.withdraw.confirm', { title: p.title })}</p>
    <form method="post" action="${base}/withdraw" data-once>
      <p>
        <button class="button" type="submit">${t('proposals.withdraw.button')}</button>
        <a href="${base}">${t('proposals.withdraw.cancel')}</a>
      </p>
    </form>`;
}

/** Replying to a comment: the comment, then the form. */
export function replyPage(
  ctx: PageContext,
  w: Where,
  p: Proposal,
  parent: Comment,
  form: FormState,
): Html {
  const { t, i18n } = ctx;
  const base = proposalPath(w, p.id);
  return html`<p><a href="${base}#comment-${parent.id}">← ${p.title}</a></p>
    <h1>${t('proposals.comments.replyTo', { name: authorName(ctx, parent.author) })}</h1>
    <blockquote class="card">
      <p class="meta"><strong>${authorName(ctx, parent.author)}</strong> ${stanceTag(ctx, parent.stance)}</p>
      ${userText(parent.body ?? '')}
    </blockquote>
    ${errorSummary(i18n, form.errors)}
    ${form.notice ? refusalBox(ctx, form.notice, !!form.signIn, `${base}/comments/${parent.id}/reply`) : ''}
    <form method="post" action="${base}/comments" novalidate data-once>
      <input type="hidden" name="parentId" value="${parent.id}" />
      ${commentFields(ctx, form, { bodyLabel: t('proposals.comments.yourReply') })}
      <p><button class="button" type="submit">${t('proposals.comments.publishReply')}</button></p>
    </form>`;
}

export function editCommentPage(
  ctx: PageContext,
  w: Where,
  p: Proposal,
  c: Comment,
  form: FormState,
): Html {
  const { t, i18n } = ctx;
  const base = proposalPath(w, p.id);
  return html`<p><a href="${base}#comment-${c.id}">← ${p.title}</a></p>
    <h1>${t('proposals.comments.editTitle')}</h1>
    <p>${t('proposals.comments.editHint')}</p>
    ${errorSummary(i18n, form.errors)} ${formNotice(form.notice)}
    <form method="post" action="${base}/comments/${c.id}/edit" novalidate data-once>
      ${commentFields(ctx, form)}
      <p><button class="button" type="submit">${t('proposals.comments.save')}</button></p>
    </form>`;
}

export function deleteCommentPage(
  ctx: PageContext,
  w: Where,
  p: Proposal,
  c: Comment,
  notice: string | null,
): Html {
  const { t } = ctx;
  const base = proposalPath(w, p.id);
  return html`<p><a href="${base}#comment-${c.id}">← ${p.title}</a></p>
    <h1>${t('proposals.comments.deleteTitle')}</h1>
    ${formNotice(notice)}
    <blockquote class="card">${userText(c.body ?? '')}</blockquote>
    <p>${t('proposals.comments.deleteConfirm')}</p>
    <form method="post" action="${base}/comments/${c.id}/delete" data-once>
      <p>
        <button class="button" type="submit">${t('proposals.comments.deleteButton')}</button>
        <a href="${base}#comment-${c.id}">${t('proposals.comments.keep')}</a>
      </p>
    </form>`;
}

export function historyPage(
  ctx: PageContext,
  w: Where,
  p: Proposal,
  c: Comment,
  versions: CommentVersion[],
): Html {
  const { t, i18n } = ctx;
  const base = proposalPath(w, p.id);
  return html`<p><a href="${base}#comment-${c.id}">← ${p.title}</a></p>
    <h1>${t('proposals.comments.historyTitle')}</h1>
    <p>${t('proposals.comments.historyIntro', { name: authorName(ctx, c.author) })}</p>
    <ol>
      ${versions.map(
        (v, i) =>
          html`<li class="card" style="margin:.5rem 0">
            <p class="meta">
              ${t('proposals.comments.writtenOn', { date: i18n.dateTime(v.writtenAt) })}
              ${stanceTag(ctx, v.stance)}
              ${i === versions.length - 1 ? html`<strong>${t('proposals.comments.current')}</strong>` : ''}
            </p>
            ${userText(v.body)}
          </li>`,
      )}
    </ol>`;
}

/** What a report is about: the proposal, or one of its comments. */
export type ReportTarget = { kind: 'proposal' } | { kind: 'comment'; comment: Comment };

export function reportPage(
  ctx: PageContext,
  w: Where,
  p: Proposal,
  target: ReportTarget,
  form: FormState,
): Html {
  const { t, i18n } = ctx;
  const base = proposalPath(w, p.id);
  const action =
    target.kind === 'proposal' ? `${base}/report` : `${base}/comments/${target.comment.id}/report`;
  const threshold = w.effective?.settings.reports_threshold;
  return html`<p>
      <a href="${target.kind === 'proposal' ? base : `${base}#comment-${target.comment.id}`}"
        >← ${p.title}</a
      >
    </p>
    <h1>
      ${target.kind === 'proposal' ? t('proposals.report.title') : t('proposals.report.commentTitle')}
    </h1>
    ${
      target.kind === 'comment'
        ? html`<blockquote class="card">
            <p class="meta"><strong>${authorName(ctx, target.comment.author)}</strong></p>
            ${userText(target.comment.body ?? '')}
          </blockquote>`
        : html`<p><strong>${p.title}</strong></p>`
    }
    <p>
      ${typeof threshold === 'number' ? t('proposals.report.intro', { threshold }) : t('proposals.report.introPlain')}
    </p>
    ${errorSummary(i18n, form.errors)}
    ${form.notice ? refusalBox(ctx, form.notice, !!form.signIn, action) : ''}
    <form method="post" action="${action}" novalidate data-once>
      ${radioGroup({
        name: 'reason',
        legend: t('proposals.report.reason'),
        value: form.values.reason,
        error: errorOf(form.errors, 'reason'),
        i18n,
        choices: REPORT_REASONS.map((r) => ({
          value: r,
          label: t(`proposals.report.reason.${r}`),
        })),
      })}
      ${textArea({ id: 'details', label: t('proposals.report.details'), value: form.values.details, rows: 3, maxlength: REPORT_DETAILS_MAX, error: errorOf(form.errors, 'details'), i18n })}
      <p><button class="button" type="submit">${t('proposals.report.submit')}</button></p>
    </form>`;
}

/** The title of a page, with the component's name: "Idées — Budget participatif 2026". */
export const whereTitle = (ctx: PageContext, w: Where, title?: string) =>
  [title, componentTitle(ctx, w), textIn(w.space.title as Text, ctx.locale)]
    .filter(Boolean)
    .join(' — ');
