import {
  PETITION_PUBLIC_STATES,
  PETITION_STATES,
  type PetitionDetailView,
  type PetitionState,
  type PetitionSummaryView,
  type PetitionTimelineEntryView,
  type PetitionTypeView,
} from '@palabre/contracts';

export { PETITION_STATES, type PetitionState };
/** States anyone may see; the others only the author and the organization's admins. */
export const PUBLIC_STATES = PETITION_PUBLIC_STATES;

export interface PetitionRow {
  id: string;
  organization_id: string;
  type_id: string;
  author_id: string;
  /** Null once the author deleted their account ("deleted participant"). */
  author_name: string | null;
  title: string;
  body: string;
  state: PetitionState;
  rejection_reason: string | null;
  close_reason: string | null;
  answer_text: string | null;
  answer_date: string | Date | null;
  answer_url: string | null;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  published_at: Date | null;
  closes_at: Date | null;
  closed_at: Date | null;
  answered_at: Date | null;
  signature_count: string;
  offline_count: string;
  total_count: string;
}

export type TimelineEntry = PetitionTimelineEntryView;

function iso(d: Date): string;
function iso(d: Date | null): string | null;
function iso(d: Date | null) {
  return d ? new Date(d).toISOString() : null;
}
const day = (d: string | Date | null) =>
  d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);

/** The short form used in lists and open data. */
export function summaryOf(
  p: PetitionRow,
  type: Pick<PetitionTypeView, 'id' | 'name'>,
): PetitionSummaryView {
  return {
    id: p.id,
    title: p.title,
    state: p.state,
    type: { id: type.id, name: type.name },
    author: { name: p.author_name ?? '', deleted: p.author_name === null },
    createdAt: iso(p.created_at),
    publishedAt: iso(p.published_at),
    closesAt: iso(p.closes_at),
    closedAt: iso(p.closed_at),
    answeredAt: iso(p.answered_at),
    counts: {
      online: Number(p.signature_count),
      offline: Number(p.offline_count),
      total: Number(p.total_count),
    },
  };
}

/** Everything public about one petition: counts, progress, deadline, breakdown, timeline, answer. */
export function detailOf(
  p: PetitionRow,
  type: PetitionTypeView,
  extras: {
    milestones: Map<number, string>;
    areas: { area: string; count: number }[];
    timeline: TimelineEntry[];
  },
  now = Date.now(),
): PetitionDetailView {
  const total = Number(p.total_count);
  const open = p.state === 'published' && p.closes_at !== null && p.closes_at.getTime() > now;
  const areasWithSignatures = extras.areas.filter((a) => a.count > 0).length;
  return {
    ...summaryOf(p, type),
    body: p.body,
    type: {
      id: type.id,
      name: type.name,
      signers: type.signers,
      withdrawalAllowed: type.withdrawalAllowed,
      areaBreakdown: type.areaBreakdown,
    },
    submittedAt: iso(p.submitted_at),
    open,
    secondsLeft: open && p.closes_at ? Math.floor((p.closes_at.getTime() - now) / 1000) : 0,
    milestones: type.milestones.map((m) => ({
      threshold: m.threshold,
      label: m.label,
      progress: Math.min(1, total / m.threshold),
      reachedAt: extras.milestones.get(m.threshold) ?? null,
    })),
    areaRule: type.areaRule
      ? {
          ...type.areaRule,
          areasWithSignatures,
          met: total >= type.areaRule.signatures && areasWithSignatures >= type.areaRule.areas,
        }
      : null,
    areas: type.areaBreakdown ? extras.areas : null,
    rejectionReason: p.state === 'rejected' ? p.rejection_reason : null,
    closeReason: p.close_reason,
    answer:
      p.answer_text !== null
        ? { text: p.answer_text, date: day(p.answer_date), url: p.answer_url }
        : null,
    timeline: extras.timeline,
  };
}
