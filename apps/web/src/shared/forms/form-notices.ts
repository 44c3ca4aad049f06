/** What a form page says after a post: done, refused as a whole, refused field by field. */
import type { FieldError } from '../html/components';
import { html, type Html } from '../html/html';
import type { Problem } from '../gateway/gateway-client';
import type { PageContext } from '../layout/page-context';

/** A notice at the top of a page after a successful POST (PRG): announced, not only coloured. */
export function doneNotice(message: string | null): Html | string {
  return message
    ? html`<div class="notice success" role="status">
        <p><strong>${message}</strong></p>
      </div>`
    : '';
}

/** A refusal that belongs to no one field (wrong state, not allowed): announced at the top of the form. */
export function formNotice(message: string | null | undefined): Html | string {
  return message
    ? html`<div class="notice warning" role="alert">
        <p>${message}</p>
      </div>`
    : '';
}

/**
 * The API's field errors, translated back to this form's fields. Web checks
 * every rule it knows first; what the API still refuses is shown next to the
 * field it names, with the service's own words (they name what was expected).
 */
export function apiFieldErrors(
  ctx: PageContext,
  problem: Problem | null | undefined,
  fields: Record<string, string>,
): FieldError[] {
  const out: FieldError[] = [];
  for (const e of problem?.errors ?? []) {
    const key = Object.keys(fields).find((f) => e.field === f || e.field.startsWith(`${f}.`));
    if (key && !out.some((o) => o.field === fields[key]))
      out.push({
        field: fields[key],
        message: ctx.t('lifecycle.apiRefused', { detail: e.message }),
      });
  }
  return out;
}

/** The page title with the error count first, as screen readers announce it on arrival. */
export function titleWithErrors(ctx: PageContext, title: string, errors: FieldError[]): string {
  return errors.length ? `${ctx.t('form.errorSummary', { count: errors.length })} ${title}` : title;
}
