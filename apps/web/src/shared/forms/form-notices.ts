/** What a form page says after a post: done, refused as a whole, refused field by field. */
import type { FieldError } from '../html/components';
import { html, type Html } from '../html/html';
import type { Problem } from '../gateway/gateway-client';
import { isMessageKey } from '../i18n/i18n';
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

/** One refused field of the API, as the services send it (libs/service-kit validation.ts). */
export interface ApiFieldError {
  field: string;
  message: string;
  rule?: string;
  limit?: number;
}

/** Rules whose sentence needs their number. */
const LIMITED = new Set(['maxLength', 'minLength', 'max', 'min', 'arrayMaxSize', 'arrayMinSize']);

/**
 * What a refused field is told, in the page's language: the broken rule the
 * service names, with its number, or a plain "value refused". Never the
 * service's own message: it is English, for developers.
 */
export function ruleText(ctx: PageContext, e: Pick<ApiFieldError, 'rule' | 'limit'>): string {
  const key = `refused.rule.${e.rule ?? ''}`;
  if (!isMessageKey(key)) return ctx.t('refused.value');
  if (e.limit !== undefined) return ctx.t(key, { limit: e.limit });
  return LIMITED.has(e.rule ?? '') ? ctx.t('refused.value') : ctx.t(key);
}

/**
 * The API's field errors, translated back to this form's fields. Web checks
 * every rule it knows first; what the API still refuses is shown next to the
 * field it names, with the rule it broke said in the page's language.
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
      out.push({ field: fields[key], message: ruleText(ctx, e) });
  }
  return out;
}

/**
 * A refusal the page has no words of its own for, in the page's language by
 * its status (the service's `detail` is English, for developers): not
 * allowed, not in this state, or refused.
 */
export function refusedText(ctx: PageContext, status: number): string {
  if (status === 403) return ctx.t('refused.forbidden');
  if (status === 409) return ctx.t('refused.conflict');
  return ctx.t('refused.request');
}

/** The page title with the error count first, as screen readers announce it on arrival. */
export function titleWithErrors(ctx: PageContext, title: string, errors: FieldError[]): string {
  return errors.length ? `${ctx.t('form.errorSummary', { count: errors.length })} ${title}` : title;
}
