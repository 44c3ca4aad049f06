/**
 * The public pages of draws by lot (ADR 0042): a sortitions component's
 * draws, and a draw's page in the order a citizen checks it — what was
 * sealed before the draw (the commitment, when the list was fixed, when the
 * public numbers would be revealed, the candidates or each group's chance
 * on a panel), then the draw (the numbers, the witnesses, the result), then
 * how to re-run it (draw.json and tools/sortition/redraw.mjs).
 */
import { IANAZone } from 'luxon';
import { pickText } from '@palabre/contracts';
import { localText, localUserText, messageWith } from '../../shared/html/components';
import { stackedTable } from '../../shared/html/form-controls';
import { html, unsafeRaw, type Html } from '../../shared/html/html';
import type { MessageKey } from '../../shared/i18n/i18n';
import type { PageContext } from '../../shared/layout/page-context';
import { local } from '../../spaces/public/spaces.pages';
import type { SpaceLanding } from '../../spaces/spaces.api';
import {
  drawJsonPath,
  type DrawKind,
  type DrawListView,
  type DrawState,
  type DrawSummaryView,
  type DrawView,
} from '../sortitions.api';

export const componentPath = (slug: string, componentId: string) =>
  `/spaces/${slug}/sortitions/${componentId}`;
export const drawPath = (slug: string, componentId: string, id: string) =>
  `${componentPath(slug, componentId)}/${id}`;
/** A proposal's page (proposals/public), a space by its slug. */
export const proposalPath = (slug: string, componentId: string, id: string) =>
  `/spaces/${slug}/proposals/${componentId}/${id}`;
/** The administrators' page of a draw (sortitions/admin). */
export const drawAdminPath = (id: string) => `/admin/sortitions/${id}`;

/** Where a page is: the space, the component and its name. */
export interface SortitionsPlace {
  space: SpaceLanding;
  componentId: string;
  name: Html | string;
}

/** The zone the organization gives its dates in (its setting), else Paris's. */
export const zoneOf = (zone: string | undefined): string =>
  zone && IANAZone.isValidZone(zone) ? zone : 'Europe/Paris';

/** A date and time in the organization's zone, as a <time>. */
export function when(ctx: PageContext, iso: string): Html {
  const text = new Intl.DateTimeFormat(ctx.i18n.intl, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: zoneOf(ctx.org.timeZone),
  }).format(new Date(iso));
  return html`<time datetime="${iso}">${text}</time>`;
}

/** A chance as a percentage: one decimal, two below 1 %. */
export function percent(ctx: PageContext, p: number): string {
  return new Intl.NumberFormat(ctx.i18n.intl, {
    style: 'percent',
    maximumFractionDigits: p < 0.01 ? 2 : 1,
  }).format(p);
}

export const KIND_KEYS = {
  proposals: 'sortitions.kind.proposals',
  panel: 'sortitions.kind.panel',
} as const satisfies Record<DrawKind, MessageKey>;

export const STATE_KEYS = {
  prepared: 'sortitions.state.prepared',
  drawn: 'sortitions.state.drawn',
  cancelled: 'sortitions.state.cancelled',
} as const satisfies Record<DrawState, MessageKey>;

/** A long hexadecimal text that wraps anywhere rather than widen a phone's screen. */
export const WRAP = unsafeRaw('style="overflow-wrap:anywhere;word-break:break-all"');

/** "5 proposals among 23", "12 people among 240 volunteers". */
export function countAmong(ctx: PageContext, d: Pick<DrawSummaryView, 'kind' | 'count' | 'among'>) {
  return ctx.i18n.plural(
    d.kind === 'proposals' ? 'sortitions.countAmong.proposals' : 'sortitions.countAmong.panel',
    d.count,
    { among: d.among },
  );
}

/** "To be drawn on …", "Drawn on …", "Cancelled before it was drawn". */
export function stateLine(ctx: PageContext, d: DrawSummaryView & { cancelledAt?: string | null }) {
  if (d.state === 'drawn' && d.drawnAt) return withDate(ctx, 'sortitions.drawnOn', d.drawnAt);
  if (d.state === 'prepared')
    return d.revealAt
      ? withDate(ctx, 'sortitions.toBeDrawnOn', d.revealAt)
      : ctx.t('sortitions.notYetDrawn');
  if (d.drawnAt) return withDate(ctx, 'sortitions.drawnThenCancelled', d.drawnAt);
  return d.cancelledAt
    ? withDate(ctx, 'sortitions.cancelledOn', d.cancelledAt)
    : ctx.t('sortitions.cancelledUndrawn');
}

/** A message whose {date} is a <time>. */
export function withDate(
  ctx: PageContext,
  key: MessageKey,
  iso: string,
  params: Record<string, string | number> = {},
): Html {
  return messageWith(ctx.i18n, key, params, { date: when(ctx, iso) });
}

export function tags(ctx: PageContext, d: Pick<DrawSummaryView, 'kind' | 'state'>): Html {
  return html`<span class="tag">${ctx.t(KIND_KEYS[d.kind])}</span>
    <span class="tag">${ctx.t(STATE_KEYS[d.state])}</span>`;
}

/** /spaces/<slug>/sortitions/<componentId>: the component's draws, newest first. */
export function componentPage(ctx: PageContext, place: SortitionsPlace, list: DrawListView): Html {
  const { t } = ctx;
  const { space, componentId } = place;
  return html`<p><a href="/spaces/${space.slug}">← ${local(ctx, space.title)}</a></p>
    <h1>${place.name}</h1>
    <p>${t('sortitions.intro')}</p>
    ${
      list.items.length
        ? html`<ul class="card-list">
          ${list.items.map(
            (d) =>
              html`<li class="card">
                <h2 style="margin-top:0"><a href="${drawPath(space.slug, componentId, d.id)}">${localText(ctx.locale, d.title)}</a></h2>
                <p class="meta">${tags(ctx, d)}</p>
                <p>${stateLine(ctx, d)} · ${countAmong(ctx, d)}</p>
              </li>`,
          )}
        </ul>`
        : html`<p>${t('sortitions.none')}</p>`
    }`;
}

// ---------------------------------------------------------------- a draw's page

/** A panel type's key (canonical JSON of its values) in words: "genre F · age 60+". */
export function typeLabel(categories: string[], key: string): string {
  try {
    const values = JSON.parse(key) as unknown;
    if (Array.isArray(values))
      return values.map((v, i) => `${categories[i] ?? '?'} ${String(v)}`).join(' · ');
  } catch {
    // not a type key: shown as it is
  }
  return key;
}

/** Replacements shown per group on the page; the rest is in draw.json. */
export const REPLACEMENTS_SHOWN = 50;

function fact(label: string, value: Html | string): Html {
  return html`<dt><strong>${label}</strong></dt>
    <dd style="margin:0 0 .75rem">${value}</dd>`;
}

function beforeSection(ctx: PageContext, place: SortitionsPlace, d: DrawView): Html {
  const { t, i18n } = ctx;
  const source = d.source
    ? place.space.components.find((c) => c.id === d.source?.componentId)
    : undefined;
  const panel = d.panel;
  return html`<section aria-labelledby="before-title" id="before">
    <h2 id="before-title">${t('sortitions.before.title')}</h2>
    <p>${t('sortitions.before.intro')}</p>
    <dl>
      ${fact(t('sortitions.before.commitment'), html`<code ${WRAP}>${d.commitment}</code>`)}
      ${fact(t('sortitions.before.preparedAt'), when(ctx, d.preparedAt))}
      ${fact(t('sortitions.before.revealAt'), d.revealAt ? when(ctx, d.revealAt) : t('sortitions.before.revealAtNone'))}
      ${
        d.kind === 'proposals'
          ? html`${fact(
              t('sortitions.before.candidates'),
              html`${i18n.plural('sortitions.before.candidatesCount', d.among)}${
                source
                  ? html` — <a href="/spaces/${place.space.slug}/proposals/${source.id}">${local(ctx, source.name)}</a>`
                  : ''
              }${d.source?.area ? html` — ${t('sortitions.before.area', { area: d.source.area })}` : ''}`,
            )}
            ${fact(t('sortitions.before.count'), i18n.number(d.count))}`
          : html`${fact(t('sortitions.before.panel'), countAmong(ctx, d))}
            ${panel ? fact(t('sortitions.before.categories'), panel.categories.join(', ')) : ''}`
      }
    </dl>
    ${d.kind === 'proposals' ? html`<p class="hint">${t('sortitions.before.candidatesHint')}</p>` : ''}
    ${panel ? panelChances(ctx, d, panel) : ''}
  </section>`;
}

function panelChances(ctx: PageContext, d: DrawView, panel: NonNullable<DrawView['panel']>): Html {
  const { t, i18n } = ctx;
  return html`<h3 id="chances">${t('sortitions.chances.title')}</h3>
    <p>${t('sortitions.chances.intro')}</p>
    ${stackedTable(
      t('sortitions.chances.caption'),
      [
        t('sortitions.chances.category'),
        t('sortitions.chances.value'),
        t('sortitions.chances.volunteers'),
        t('sortitions.chances.seats'),
        t('sortitions.chances.lowest'),
        t('sortitions.chances.highest'),
      ],
      panel.groups.map((g) => [
        g.category,
        g.value,
        i18n.number(g.volunteers),
        g.min === g.max ? i18n.number(g.min) : `${i18n.number(g.min)}–${i18n.number(g.max)}`,
        percent(ctx, g.probabilityMin),
        percent(ctx, g.probabilityMax),
      ]),
      { captionHidden: true, rowHeader: 1 },
    )}
    <p><strong>${t('sortitions.chances.min', { min: percent(ctx, panel.minProbability), uniform: percent(ctx, panel.uniform) })}</strong></p>
    <p class="hint">${t('sortitions.chances.minHint', { count: d.count, among: d.among })}</p>
    ${poolRetention(ctx, panel)}`;
}

function poolRetention(ctx: PageContext, panel: NonNullable<DrawView['panel']>): Html | string {
  if (panel.poolDeletedAt)
    return html`<div class="notice"><p>${withDate(ctx, 'sortitions.pool.deleted', panel.poolDeletedAt)}</p></div>`;
  if (panel.poolDeletesAt)
    return html`<p>${withDate(ctx, 'sortitions.pool.deletesAt', panel.poolDeletesAt)}</p>`;
  return '';
}

function resultPart(ctx: PageContext, place: SortitionsPlace, d: DrawView): Html {
  const { t, i18n } = ctx;
  if (d.selectedProposals) {
    const componentId = d.source?.componentId ?? '';
    return html`<p>${t('sortitions.result.proposals')}</p>
      <ol>
        ${d.selectedProposals.map(
          (p) =>
            html`<li><a href="${proposalPath(place.space.slug, componentId, p.id)}">${p.title || p.id}</a></li>`,
        )}
      </ol>`;
  }
  const panel = d.panel;
  if (!panel) return html``;
  const groups = Object.entries(panel.replacements);
  const total = groups.reduce((n, [, ids]) => n + ids.length, 0);
  return html`<p>${t('sortitions.result.panel')}</p>
    <ol style="columns:7rem;column-gap:1.5rem">
      ${panel.selected.map((id) => html`<li><code>${id}</code></li>`)}
    </ol>
    ${
      groups.length
        ? html`<details>
          <summary>${i18n.plural('sortitions.result.replacements', total)}</summary>
          <p>${t('sortitions.result.replacementsHint')}</p>
          ${groups.map(
            ([key, ids]) => html`<h4 style="font-size:1rem">${typeLabel(panel.categories, key)}</h4>
              <ol style="columns:7rem;column-gap:1.5rem">
                ${ids.slice(0, REPLACEMENTS_SHOWN).map((id) => html`<li><code>${id}</code></li>`)}
              </ol>
              ${ids.length > REPLACEMENTS_SHOWN ? html`<p class="hint">${i18n.plural('sortitions.result.moreReplacements', ids.length - REPLACEMENTS_SHOWN)}</p>` : ''}`,
          )}
        </details>`
        : ''
    }`;
}

function drawSection(ctx: PageContext, place: SortitionsPlace, d: DrawView): Html {
  const { t } = ctx;
  let body: Html;
  if (d.state === 'drawn' || d.publicNumbers) {
    body = html`<dl>
        ${fact(t('sortitions.draw.numbers'), html`<code ${WRAP}>${d.publicNumbers ?? ''}</code>`)}
        ${d.witnesses ? fact(t('sortitions.draw.witnesses'), d.witnesses) : ''}
        ${d.drawnAt ? fact(t('sortitions.draw.drawnAt'), when(ctx, d.drawnAt)) : ''}
      </dl>
      <h3>${t('sortitions.result.title')}</h3>
      ${resultPart(ctx, place, d)}`;
  } else if (d.state === 'cancelled') {
    body = html`<p>${t('sortitions.draw.never')}</p>`;
  } else {
    body = html`<p>${d.revealAt ? withDate(ctx, 'sortitions.draw.notYet', d.revealAt) : t('sortitions.draw.notYetUndated')}</p>`;
  }
  return html`<section aria-labelledby="draw-title" id="draw">
    <h2 id="draw-title">${t('sortitions.draw.title')}</h2>
    ${body}
  </section>`;
}

function verifySection(ctx: PageContext, d: DrawView): Html {
  const { t } = ctx;
  const json = drawJsonPath(d.id);
  const deleted = !!d.panel?.poolDeletedAt;
  return html`<section aria-labelledby="verify-title" id="verify">
    <h2 id="verify-title">${t('sortitions.verify.title')}</h2>
    <p>${t('sortitions.verify.intro')}</p>
    <p><a href="${json}">${t('sortitions.verify.json')}</a></p>
    ${
      deleted
        ? html`<p>${t('sortitions.verify.poolDeleted')}</p>`
        : html`<p>${t('sortitions.verify.command')}</p>
          <pre style="white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f6f6;padding:.75rem;border-radius:.25rem"><code>node tools/sortition/redraw.mjs --url ${ctx.api.origin}${json}</code></pre>
          <p>${t('sortitions.verify.verified')}</p>`
    }
    ${d.state === 'prepared' ? html`<p>${t('sortitions.verify.keepCopy')}</p>` : ''}
    <p>${t('sortitions.verify.readme')}</p>
  </section>`;
}

/** /spaces/<slug>/sortitions/<componentId>/<drawId>. */
export function drawPage(ctx: PageContext, place: SortitionsPlace, d: DrawView): Html {
  const { t } = ctx;
  const cancelled =
    d.state === 'cancelled'
      ? html`<div class="notice warning" id="cancelled">
          <h2 style="margin-top:0">${t('sortitions.cancelled.title')}</h2>
          ${d.cancelledAt ? html`<p>${withDate(ctx, 'sortitions.cancelledOn', d.cancelledAt)}</p>` : ''}
          <p><strong>${t('sortitions.cancelled.reason')}</strong> ${d.cancelReason ?? ''}</p>
        </div>`
      : '';
  return html`<p><a href="${componentPath(place.space.slug, d.componentId)}">← ${place.name}</a></p>
    <h1>${localText(ctx.locale, d.title)}</h1>
    <p class="meta">${tags(ctx, d)} ${countAmong(ctx, d)}</p>
    ${cancelled}
    ${pickText(d.description, ctx.locale).text ? localUserText(ctx.locale, d.description) : ''}
    ${d.isAdmin ? html`<p><a href="${drawAdminPath(d.id)}">${t('sortitions.manage')}</a></p>` : ''}
    ${beforeSection(ctx, place, d)}
    ${drawSection(ctx, place, d)}
    ${verifySection(ctx, d)}`;
}
