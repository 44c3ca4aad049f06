/**
 * The confirmation page of a final action (issue 18, journey 2): what will
 * happen, what cannot be undone, and the same form posted again with
 * `confirmed=yes` (exactly as it was posted), or the way back. A page of its own, so that it works
 * without JavaScript and a screen reader hears it from its title.
 */
import { html, type Html } from '../html/html';
import type { PageOptions } from '../layout/layout';
import type { PageContext } from '../layout/page-context';

/** The field that says the person saw the confirmation page. */
export const CONFIRMED = 'confirmed';

export interface Confirmation {
  /** A question: "Publish the petition « … »?" */
  title: string;
  /** What the action does, in a sentence or two. */
  what: Html | string;
  /** What cannot be undone afterwards. */
  final: string;
  /** The button that does it ("Publish the petition"). */
  button: string;
  /** Where "go back" leads: the page the form was on. */
  back: string;
  section?: PageOptions['section'];
}

export function confirmPage(
  ctx: PageContext,
  action: string,
  posted: Record<string, unknown>,
  c: Confirmation,
): PageOptions {
  const { t } = ctx;
  return {
    title: c.title,
    section: c.section ?? 'admin',
    main: html`<h1>${c.title}</h1>
      <p>${c.what}</p>
      <div class="notice warning">
        <p><strong>${t('confirm.final')}</strong> ${c.final}</p>
      </div>
      <form method="post" action="${action}">
        ${Object.entries(posted).flatMap(([name, value]) =>
          (Array.isArray(value) ? value : [value])
            .filter((v): v is string => typeof v === 'string' && name !== CONFIRMED)
            .map((v) => html`<input type="hidden" name="${name}" value="${v}" />`),
        )}
        <input type="hidden" name="${CONFIRMED}" value="yes" />
        <button type="submit" class="button">${c.button}</button>
        <a class="button secondary" href="${c.back}">${t('confirm.back')}</a>
      </form>`,
  };
}
