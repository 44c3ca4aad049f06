/**
 * The public pages of participatory spaces: the list (processes and
 * assemblies), a space's landing page (texts, side panel, phases, components,
 * share and embed), and the small standalone card another site frames.
 */
import { ASSETS } from '../../shared/assets/assets';
import { imageFile } from '../../shared/branding/remote-images';
import { localText, userLink, userText } from '../../shared/html/components';
import { html, type Html } from '../../shared/html/html';
import type { PageContext } from '../../shared/layout/page-context';
import {
  textIn,
  langOf,
  type ComponentSummary,
  type PhaseRef,
  type PhaseView,
  type SpaceCard,
  type SpaceKind,
  type SpaceLanding,
  type SpacePage,
  type SpaceSummary,
  type Text,
} from '../spaces.api';

export const SPACES_PATH = '/spaces';
export const LIST_TYPES = ['', 'process', 'assembly'] as const;

/** Where the site serves a space's image from (its own origin: the CSP allows no third-party image). */
export function imagePath(slug: string, imageUrl: string | null): string | null {
  return imageUrl ? `${SPACES_PATH}/${slug}/${imageFile(imageUrl)}` : null;
}

/** A text of the space in the page's language, or in another one with its `lang`. */
export const local = (ctx: PageContext, text: Text | null | undefined): Html | string =>
  localText(ctx.locale, text);

/** Long text of the space, paragraphs and links, in its language. */
function localBlock(ctx: PageContext, text: Text | null | undefined): Html | null {
  const value = textIn(text, ctx.locale);
  if (!value) return null;
  const lang = langOf(text, ctx.locale);
  return lang ? html`<div lang="${lang}">${userText(value)}</div>` : userText(value);
}

/** "2026-03-01" as "1 mars 2026" (noon UTC: the same day in every time zone of the site). */
export const day = (ctx: PageContext, d: string) => ctx.i18n.date(`${d}T12:00:00Z`);

export function period(ctx: PageContext, from: string | null, to: string | null): string | null {
  if (from && to) return ctx.t('spaces.period', { from: day(ctx, from), to: day(ctx, to) });
  if (from) return ctx.t('spaces.from', { from: day(ctx, from) });
  if (to) return ctx.t('spaces.until', { to: day(ctx, to) });
  return null;
}

export const kindLabel = (ctx: PageContext, kind: SpaceKind) =>
  kind === 'assembly' ? ctx.t('spaces.kind.assembly') : ctx.t('spaces.kind.process');

/** Tags in words (kind, private): never colour alone. */
function tags(ctx: PageContext, s: SpaceSummary): Html {
  return html`<span class="tag">${kindLabel(ctx, s.kind)}</span>${
    s.private
      ? html` <span class="tag"
            >${s.transparent ? ctx.t('spaces.transparent') : ctx.t('spaces.private')}</span
          >`
      : ''
  }`;
}

/**
 * The active phase's dates in words, true to today: its period while it is
 * current, else when it ended or when it starts (an active phase outside its
 * dates opens nothing, ADR 0032).
 */
export function phaseWhen(ctx: PageContext, p: PhaseRef): string | null {
  if (p.timing === 'ended' && p.endsOn)
    return ctx.t('spaces.phaseEndedOn', { date: day(ctx, p.endsOn) });
  if (p.timing === 'upcoming' && p.startsOn)
    return ctx.t('spaces.phaseStartsOn', { date: day(ctx, p.startsOn) });
  return period(ctx, p.startsOn, p.endsOn);
}

/** "Current phase:" only while today is within its dates; "Phase:" otherwise. */
export const phaseLabel = (ctx: PageContext, p: PhaseRef) =>
  p.timing === 'current' ? ctx.t('spaces.activePhase') : ctx.t('spaces.phase');

function activePhaseLine(ctx: PageContext, p: PhaseRef | null): Html | string {
  if (!p) return '';
  const when = phaseWhen(ctx, p);
  return html`<p class="meta">
    <strong>${phaseLabel(ctx, p)}</strong> ${local(ctx, p.title)}${when ? html` (${when})` : ''}
  </p>`;
}

export function spaceCard(ctx: PageContext, s: SpaceSummary, level: 2 | 3 = 2): Html {
  const link = html`<a href="${SPACES_PATH}/${s.slug}">${local(ctx, s.title)}</a>`;
  const when = period(ctx, s.startsOn, s.endsOn);
  return html`<li class="card">
    ${level === 2 ? html`<h2>${link}</h2>` : html`<h3>${link}</h3>`}
    <p class="meta">${tags(ctx, s)}${when ? html` · ${when}` : ''}</p>
    ${textIn(s.subtitle, ctx.locale) ? html`<p>${local(ctx, s.subtitle)}</p>` : ''}
    ${activePhaseLine(ctx, s.activePhase)}
  </li>`;
}

export function listPage(
  ctx: PageContext,
  q: { type: (typeof LIST_TYPES)[number]; cursor: string },
  page: SpacePage,
): Html {
  const { t } = ctx;
  const option = (value: string, label: string) =>
    html`<option value="${value}" ${q.type === value ? html`selected` : ''}>${label}</option>`;
  const first = q.type ? `${SPACES_PATH}?type=${q.type}` : SPACES_PATH;
  const next = new URLSearchParams();
  if (q.type) next.set('type', q.type);
  if (page.nextCursor) next.set('cursor', page.nextCursor);
  return html`<h1>${t('spaces.title')}</h1>
    <p>${t('spaces.intro', { org: ctx.org.name })}</p>
    <form method="get" action="${SPACES_PATH}" class="filters-form">
      <fieldset>
        <legend>${t('spaces.filters')}</legend>
        <div class="filters">
          <div>
            <label for="type">${t('spaces.type')}</label>
            <select id="type" name="type">
              ${option('', t('spaces.type.all'))} ${option('process', t('spaces.type.process'))}
              ${option('assembly', t('spaces.type.assembly'))}
            </select>
          </div>
          <div><button class="button" type="submit">${t('spaces.apply')}</button></div>
        </div>
      </fieldset>
    </form>
    <h2 class="visually-hidden">${t('spaces.results')}</h2>
    ${
      page.items.length === 0
        ? html`<p>${t('spaces.none')}</p>`
        : html`<ul class="card-list">
            ${page.items.map((s) => spaceCard(ctx, s, 3))}
          </ul>`
    }
    <nav class="pager" aria-label="${t('spaces.pages')}">
      ${q.cursor ? html`<a href="${first}">${t('spaces.firstPage')}</a>` : ''}
      ${page.nextCursor ? html`<a href="${SPACES_PATH}?${next.toString()}" rel="next">${t('spaces.next')}</a>` : ''}
    </nav>`;
}

/** The tag of the active phase: "current phase" only within its dates. */
export function activeTag(ctx: PageContext, p: PhaseView): string {
  if (p.timing === 'ended') return ctx.t('spaces.phaseActiveEnded');
  if (p.timing === 'upcoming') return ctx.t('spaces.phaseActiveUpcoming');
  return ctx.t('spaces.phaseActive');
}

function phaseItem(ctx: PageContext, p: PhaseView, n: number): Html {
  const { t } = ctx;
  const when = period(ctx, p.startsOn, p.endsOn);
  const current = p.active && p.timing === 'current';
  return html`<li ${current ? html`aria-current="step"` : ''} style="${p.active ? 'border:2px solid #000091;border-radius:.25rem;padding:.5rem .75rem;margin:.5rem 0' : 'padding:.5rem .75rem;margin:.5rem 0'}">
    <strong>${t('spaces.phaseNumber', { n })} ${local(ctx, p.title)}</strong>
    ${p.active ? html` <span class="tag">${activeTag(ctx, p)}</span>` : ''}
    ${when ? html`<br /><span class="meta">${when}</span>` : ''}
    ${localBlock(ctx, p.description)}
  </li>`;
}

/** Where a component's page lives on this site; null for a kind the site does not show yet. */
export function componentHref(slug: string, c: ComponentSummary): string | null {
  if (c.type === 'petitions') return '/petitions';
  if (c.type === 'proposals') return `${SPACES_PATH}/${slug}/proposals/${c.id}`;
  if (c.type === 'budgets') return `${SPACES_PATH}/${slug}/budgets/${c.id}`;
  if (c.type === 'meetings') return `${SPACES_PATH}/${slug}/meetings/${c.id}`;
  if (c.type === 'surveys') return `${SPACES_PATH}/${slug}/surveys/${c.id}`;
  if (c.type === 'sortitions') return `${SPACES_PATH}/${slug}/sortitions/${c.id}`;
  return null;
}

function fact(label: string, value: Html | string | null): Html | string {
  return value
    ? html`<dt><strong>${label}</strong></dt><dd style="margin:0 0 .75rem">${value}</dd>`
    : '';
}

/** The `<iframe>` another site pastes to show the card of this space. */
export function embedSnippet(ctx: PageContext, s: SpaceLanding): string {
  const src = `${ctx.api.origin}${SPACES_PATH}/${s.slug}/card?lang=${ctx.locale}`;
  const title = textIn(s.title, ctx.locale).replace(/[<>&"]/g, '');
  return `<iframe src="${src}" title="${title}" width="100%" height="380" style="border:0;max-width:26rem" loading="lazy"></iframe>`;
}

export function landingPage(ctx: PageContext, s: SpaceLanding): Html {
  const { t } = ctx;
  const image = imagePath(s.slug, s.imageUrl);
  const active = s.phases.find((p) => p.active);
  const url = `${ctx.api.origin}${SPACES_PATH}/${s.slug}`;
  const welcome = localBlock(ctx, s.welcome);
  const summary = localBlock(ctx, s.summary);
  return html`<p><a href="${SPACES_PATH}">← ${t('spaces.backToList')}</a></p>
    <h1>${local(ctx, s.title)}</h1>
    ${textIn(s.subtitle, ctx.locale) ? html`<p style="font-size:1.2rem;margin-top:0">${local(ctx, s.subtitle)}</p>` : ''}
    <p class="meta">
      ${tags(ctx, s)}${s.state === 'draft' ? html` <span class="tag">${t('spaces.draft')}</span>` : ''}
      · ${t('spaces.reference')} <span class="receipt" style="font-size:1rem">${s.reference}</span>
    </p>
    <div class="petition-grid">
      <div>
        ${image ? html`<p><img src="${image}" alt="${textIn(s.imageAlt ?? {}, ctx.locale)}" style="display:block;max-width:100%;height:auto;border-radius:.25rem" /></p>` : ''}
        ${welcome ? html`<section aria-labelledby="welcome-title"><h2 id="welcome-title">${t('spaces.welcome')}</h2>${welcome}</section>` : ''}
        ${s.videoUrl ? html`<p>${userLink(s.videoUrl, t('spaces.video'))}</p>` : ''}
        ${summary ? html`<section aria-labelledby="summary-title"><h2 id="summary-title">${t('spaces.summary')}</h2>${summary}</section>` : ''}
        ${
          s.kind === 'process'
            ? html`<section aria-labelledby="phases-title" id="phases">
                <h2 id="phases-title">${t('spaces.phases')}</h2>
                ${
                  s.phases.length === 0
                    ? html`<p>${t('spaces.noPhases')}</p>`
                    : html`${active ? html`<p>${t(active.timing === 'ended' ? 'spaces.activeEnded' : active.timing === 'upcoming' ? 'spaces.activeUpcoming' : 'spaces.activeNow', { title: textIn(active.title, ctx.locale), n: s.phases.indexOf(active) + 1, total: s.phases.length, when: phaseWhen(ctx, active) ?? '' })}</p>` : html`<p>${t('spaces.noActivePhase')}</p>`}
                      <ol style="list-style:none;padding:0">
                        ${s.phases.map((p, i) => phaseItem(ctx, p, i + 1))}
                      </ol>`
                }
              </section>`
            : ''
        }
        <section aria-labelledby="components-title">
          <h2 id="components-title">${t('spaces.components')}</h2>
          ${
            s.components.length === 0
              ? html`<p>${t('spaces.noComponents')}</p>`
              : html`<ul>
                  ${s.components.map((c) => {
                    const href = componentHref(s.slug, c);
                    return html`<li>
                      ${href ? html`<a href="${href}">${local(ctx, c.name)}</a>` : html`${local(ctx, c.name)} <span class="meta">(${t('spaces.componentSoon')})</span>`}
                    </li>`;
                  })}
                </ul>`
          }
        </section>
      </div>
      <div class="aside">
        <section aria-labelledby="facts-title">
          <h2 id="facts-title">${t('spaces.facts')}</h2>
          <dl style="margin:0">
            ${fact(t('spaces.objectives'), localBlock(ctx, s.facts.objectives))}
            ${fact(t('spaces.participants'), localBlock(ctx, s.facts.participants))}
            ${fact(t('spaces.decisionRules'), localBlock(ctx, s.facts.decisionRules))}
            ${fact(t('spaces.area'), textIn(s.facts.area, ctx.locale) ? local(ctx, s.facts.area) : null)}
            ${fact(t('spaces.organizer'), textIn(s.facts.organizer, ctx.locale) ? local(ctx, s.facts.organizer) : null)}
            ${fact(t('spaces.startsOn'), s.facts.startsOn ? html`<time datetime="${s.facts.startsOn}">${day(ctx, s.facts.startsOn)}</time>` : null)}
            ${fact(t('spaces.endsOn'), s.facts.endsOn ? html`<time datetime="${s.facts.endsOn}">${day(ctx, s.facts.endsOn)}</time>` : null)}
            ${fact(t('spaces.referenceCode'), html`<span style="word-break:break-all">${s.reference}</span>`)}
          </dl>
        </section>
        <section aria-labelledby="share-title" class="share">
          <h2 id="share-title">${t('spaces.share')}</h2>
          <label for="share-url">${t('spaces.shareHelp')}</label>
          <input id="share-url" type="text" readonly value="${url}" />
          <label for="embed-code">${t('spaces.embedHelp')}</label>
          <textarea id="embed-code" readonly rows="5" aria-describedby="embed-hint" style="font:inherit;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;width:100%;border:1px solid #555;border-radius:.2rem;padding:.4rem">
${embedSnippet(ctx, s)}</textarea
          >
          <p class="hint" id="embed-hint">
            ${t('spaces.embedHint')} <a href="${SPACES_PATH}/${s.slug}/card">${t('spaces.embedPreview')}</a>
          </p>
        </section>
      </div>
    </div>`;
}

/** The card: a small page of its own, meant for another site's `<iframe>`; its links open this site in a new window. */
export function cardDocument(ctx: PageContext, s: SpaceCard): string {
  const { t } = ctx;
  const origin = ctx.api.origin;
  const image = imagePath(s.slug, s.imageUrl);
  const when = period(ctx, s.startsOn, s.endsOn);
  const active = s.activePhase;
  const activeWhen = active ? phaseWhen(ctx, active) : null;
  return `<!doctype html>${html`<html lang="${ctx.locale}">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>${textIn(s.title, ctx.locale)} — ${ctx.org.name}</title>
      <link rel="icon" href="data:," />
      <link rel="stylesheet" href="${ASSETS.css.path}" />
    </head>
    <body>
      <main style="padding:.5rem">
        <article class="card" style="max-width:26rem">
          ${image ? html`<img src="${image}" alt="" style="display:block;width:100%;height:auto;border-radius:.25rem" />` : ''}
          <h1 style="font-size:1.3rem;margin:.5rem 0">${local(ctx, s.title)}</h1>
          <p class="meta"><span class="tag">${kindLabel(ctx, s.kind)}</span> · ${ctx.org.name}</p>
          ${textIn(s.subtitle, ctx.locale) ? html`<p style="margin:.25rem 0">${local(ctx, s.subtitle)}</p>` : ''}
          ${textIn(s.summary, ctx.locale) ? html`<p class="meta">${local(ctx, s.summary)}</p>` : ''}
          ${
            active
              ? html`<p><strong>${phaseLabel(ctx, active)}</strong> ${local(ctx, active.title)}${activeWhen ? html`<br /><span class="meta">${activeWhen}</span>` : ''}</p>`
              : when
                ? html`<p class="meta">${when}</p>`
                : ''
          }
          <p>
            <a class="button" href="${origin}${s.path}" target="_blank" rel="noopener"
              >${t('spaces.card.open')}<span class="visually-hidden">
                — ${textIn(s.title, ctx.locale)} (${t('spaces.card.newWindow')})</span
              ></a
            >
          </p>
          <p class="meta" style="word-break:break-all">${s.reference}</p>
        </article>
      </main>
    </body>
  </html>`}`;
}

/** The home page's list of processes under way (at most three). */
export function currentProcesses(ctx: PageContext, items: SpaceSummary[]): Html | string {
  const running = items.filter((s) => s.activePhase?.timing === 'current').slice(0, 3);
  if (running.length === 0) return '';
  return html`<h2>${ctx.t('spaces.home.current')}</h2>
    <ul class="card-list">
      ${running.map((s) => spaceCard(ctx, s, 3))}
    </ul>
    <p><a href="${SPACES_PATH}?type=process">${ctx.t('spaces.home.all')}</a></p>`;
}
