/** Pieces shared by the author pages and the back-office: states, the timeline, API errors on forms. */
import type { FieldError } from '../html/components';
import { html, type Html } from '../html/html';
import type { MessageKey } from '../i18n/i18n';
import type { Problem } from '../gateway/gateway-client';
import type { PageContext } from '../layout/page-context';
import type { TimelineEvent } from './lifecycle.api';

const KNOWN_STATES = ['draft', 'submitted', 'published', 'rejected', 'closed', 'answered'];

/** The state as words, in a tag (never conveyed by colour alone). */
export function stateTag(ctx: PageContext, state: string): Html {
  const key = KNOWN_STATES.includes(state) ? state : 'other';
  return html`<span class="tag">${ctx.t(`lifecycle.state.${key}` as MessageKey)}</span>`;
}

export function stateName(ctx: PageContext, state: string): string {
  const key = KNOWN_STATES.includes(state) ? state : 'other';
  return ctx.t(`lifecycle.state.${key}` as MessageKey);
}

/** The public timeline, with the reasons and details that each step carries. */
export function timelineList(ctx: PageContext, events: TimelineEvent[]): Html {
  const { t, i18n } = ctx;
  if (events.length === 0) return html`<p>${t('lifecycle.timeline.empty')}</p>`;
  return html`<ol class="timeline">
    ${events.map((e) => {
      const detail = e.detail ?? {};
      const reason = typeof detail.reason === 'string' ? detail.reason : null;
      let label: string;
      if (e.kind === 'state' && e.state && KNOWN_STATES.includes(e.state))
        label = t(`lifecycle.timeline.${e.state}` as MessageKey);
      else if (e.kind === 'offline-count' && typeof detail.count === 'number')
        label = t('lifecycle.timeline.offline', {
          count: detail.count,
          source: typeof detail.source === 'string' ? detail.source : '',
        });
      else if (e.kind === 'milestone') label = t('lifecycle.timeline.milestone');
      else label = t('lifecycle.timeline.other');
      return html`<li>
        <strong>${label}</strong> — <time datetime="${e.at}">${i18n.dateTime(e.at)}</time>
        ${reason ? html`<br />${t('lifecycle.reason', { reason })}` : ''}
      </li>`;
    })}
  </ol>`;
}

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
