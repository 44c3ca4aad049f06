/**
 * The organization's branding on every page, under the gateway's CSP
 * (`style-src 'self'`, `img-src 'self' data:`): the primary colour comes in a
 * small stylesheet of this site, named by the hash of what it holds, and the
 * logo through this site too (see branding.controller.ts), so no page needs
 * an inline style or a third-party image — and no visitor's browser calls
 * the logo's host.
 */
import { createHash } from 'node:crypto';
import { html, type Html } from '../html/html';
import { userText } from '../html/components';
import type { Organization, PageContext } from '../layout/page-context';

const HEX = /^#[0-9a-f]{6}$/;

const short = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

/** The rules of the organization's stylesheet: announcement and logo, and the primary colour when there is one. */
export function brandCss(org: Organization): string {
  const base =
    '.announcement{background:#f2f2f9;border-bottom:.25rem solid #000091;padding:.5rem 0}' +
    '.announcement p{margin:.25rem 0}' +
    '.brand img{display:block;max-height:3rem;max-width:min(16rem,60vw);height:auto;width:auto}';
  const color = org.primaryColor && HEX.test(org.primaryColor) ? org.primaryColor : null;
  if (!color) return base;
  // Identity refuses a colour under 4.5:1 with white: white text on it, and it as text on white, both pass AA.
  return (
    base +
    `a,.link-button{color:${color}}` +
    `.skip,.button,button.button{background:${color};border-color:${color};color:#fff}` +
    `.button.secondary{background:#fff;color:${color}}` +
    `.notice{border-left-color:${color}}.announcement{border-bottom-color:${color}}` +
    `progress{accent-color:${color}}progress::-webkit-progress-value{background:${color}}`
  );
}

export function brandCssPath(org: Organization): string {
  return `/assets/brand/${short(brandCss(org))}.css`;
}

export function logoPath(org: Organization): string | null {
  return org.logoUrl ? `/assets/brand/logo-${short(org.logoUrl)}` : null;
}

/** The text of a language, or null. */
export function localized(
  text: Partial<Record<string, string>> | undefined,
  locale: string,
): string | null {
  const value = text?.[locale];
  return typeof value === 'string' && value.trim() ? value : null;
}

/** What the page's <head> needs for the organization's branding. */
export function brandHead(ctx: PageContext): Html | null {
  const { org } = ctx;
  const needed = org.primaryColor || org.logoUrl || localized(org.announcement, ctx.locale);
  return needed ? html`<link rel="stylesheet" href="${brandCssPath(org)}" />` : null;
}

/** The name in the header, or the logo with the name as its text. */
export function brandMark(ctx: PageContext): Html | string {
  const logo = logoPath(ctx.org);
  return logo ? html`<img src="${logo}" alt="${ctx.org.name}" />` : ctx.org.name;
}

/** The announcement above the navigation, in the visitor's language; nothing when there is none. */
export function announcementBanner(ctx: PageContext): Html | null {
  const text = localized(ctx.org.announcement, ctx.locale);
  if (!text) return null;
  return html`<section class="announcement" aria-label="${ctx.t('org.announcement')}">
    <div class="wrap">${userText(text)}</div>
  </section>`;
}

/** The organization's welcome text for the home page, in the visitor's language. */
export function welcomeText(ctx: PageContext): Html | null {
  const text = localized(ctx.org.welcomeText, ctx.locale);
  return text ? html`<div class="welcome">${userText(text)}</div>` : null;
}
