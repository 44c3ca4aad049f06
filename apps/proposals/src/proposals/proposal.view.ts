import {
  TEXT_LANGUAGES,
  type LocalizedText,
  type ProposalMeetingView,
  type ProposalOrigin,
  type ProposalView,
} from '@palabre/contracts';
import { countsHidden, type ComponentSettings } from '../components/component-type';
import type { MeetingLinkRow } from '../meetings/meeting-links.repository';

export interface ProposalRow {
  id: string;
  organization_id: string;
  space_id: string;
  component_id: string;
  author_id: string | null;
  created_by: string;
  /** Null once the author deleted their account ("deleted participant"); '' for an official entry. */
  author_name: string | null;
  on_behalf_of: string | null;
  origin: ProposalOrigin;
  title: string;
  body: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  area: string | null;
  state: string | null;
  withdrawn_at: Date | null;
  answer: string | null;
  answered_at: Date | null;
  cost_cents: string | null;
  sent_to_budget_at: Date | null;
  vote_count: number;
  support_count: number;
  comment_count: number;
  report_count: number;
  hidden_at: Date | null;
  hidden_reason: string | null;
  rand: number;
  published_at: Date;
  updated_at: Date;
  /** Sort keys the list query adds. */
  published_us?: string;
  rank?: number;
}

export const PROPOSAL_COLUMNS = `p.id, p.organization_id, p.space_id, p.component_id, p.author_id, p.created_by,
  p.author_name, p.on_behalf_of, p.origin, p.title, p.body, p.address, p.latitude, p.longitude, p.area,
  p.state, p.withdrawn_at, p.answer, p.answered_at, p.cost_cents::text AS cost_cents, p.sent_to_budget_at,
  p.vote_count, p.support_count, p.comment_count, p.report_count, p.hidden_at, p.hidden_reason, p.rand,
  p.published_at, p.updated_at,
  (extract(epoch FROM p.published_at) * 1000000)::bigint::text AS published_us`;

/** The evaluation states every component has; admins add their own. */
export const BUILT_IN_STATES = ['evaluating', 'accepted', 'rejected'] as const;

/** What a proposal shows as its state: withdrawn wins, then the evaluation state, null before any. */
export const publicState = (p: ProposalRow) => (p.withdrawn_at ? 'withdrawn' : p.state);

function iso(d: Date): string;
function iso(d: Date | null): string | null;
function iso(d: Date | null) {
  return d ? new Date(d).toISOString() : null;
}

export interface ViewContext {
  settings: ComponentSettings;
  /** Staff (admins, moderators, evaluators) see counts even when they are hidden. */
  staff: boolean;
  userId?: string;
  votedByMe?: boolean;
}

/** The public shape of a proposal (no account ids: `mine` says whether the caller wrote it). */
export function proposalView(p: ProposalRow, ctx: ViewContext): ProposalView {
  const hidden = countsHidden(ctx.settings) && !ctx.staff;
  const threshold = ctx.settings.thresholdPerProposal;
  const editableUntil =
    p.origin === 'participant' && ctx.userId && p.author_id === ctx.userId
      ? new Date(
          new Date(p.published_at).getTime() + ctx.settings.editWindowMinutes * 60_000,
        ).toISOString()
      : null;
  return {
    id: p.id,
    componentId: p.component_id,
    spaceId: p.space_id,
    title: p.title,
    body: p.body,
    address: p.address,
    latitude: p.latitude,
    longitude: p.longitude,
    area: p.area,
    origin: p.origin,
    official: p.origin !== 'participant',
    author: {
      name: p.author_name ?? '',
      onBehalfOf: p.on_behalf_of,
      // The author deleted their account: shown as "deleted participant".
      deleted: p.author_name === null,
    },
    mine: !!ctx.userId && p.author_id === ctx.userId,
    state: publicState(p),
    answer:
      p.answered_at && p.state
        ? {
            state: p.state,
            text: p.answer,
            costCents: p.cost_cents === null ? null : Number(p.cost_cents),
            answeredAt: iso(p.answered_at),
          }
        : null,
    votes: hidden ? null : p.vote_count,
    ...(ctx.staff ? { supports: p.support_count } : {}),
    countsHidden: hidden,
    threshold:
      threshold > 0 ? { value: threshold, reached: !hidden && p.vote_count >= threshold } : null,
    comments: p.comment_count,
    ...(ctx.votedByMe !== undefined ? { votedByMe: ctx.votedByMe } : {}),
    sentToBudgetAt: iso(p.sent_to_budget_at),
    publishedAt: iso(p.published_at),
    updatedAt: iso(p.updated_at),
    ...(editableUntil ? { editableUntil } : {}),
  };
}

/** A meeting of the proposal, its title in the languages the site offers. */
export function meetingView(l: MeetingLinkRow): ProposalMeetingView {
  const title: LocalizedText = {};
  for (const lang of TEXT_LANGUAGES) if (l.title[lang]) title[lang] = l.title[lang];
  return {
    meetingId: l.meeting_id,
    kind: l.kind,
    title,
    spaceId: l.space_id,
    componentId: l.component_id,
    startsAt: iso(l.starts_at),
  };
}
