/** Pieces shared by the author pages and the back-office: states, the timeline, API errors on forms. */
import { html, type Html } from '../shared/html/html';
import type { MessageKey } from '../shared/i18n/i18n';
import type { PageContext } from '../shared/layout/page-context';
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
